/**
 * Every service `ops preflight` reads, as local protocol servers, with the real SDK pointed at them
 * through AWS_ENDPOINT_URL_<SERVICE> and dummy credentials. Starts as an empty, default account:
 * AWS's default quotas, nothing allocated, concurrency limit 1000.
 */
import { Ec2Fake } from "./ec2-server";
import { FakeClock } from "./http";
import { LambdaFake } from "./lambda-server";
import { MediaLiveFake } from "./medialive-server";
import { Route53Fake } from "./route53-server";
import { SecretsManagerFake } from "./secrets-manager-server";
import { ServiceQuotasFake } from "./service-quotas-server";
import { StsFake } from "./sts-server";

export interface PreflightAws {
  readonly sts: StsFake;
  readonly quotas: ServiceQuotasFake;
  readonly lambda: LambdaFake;
  readonly ec2: Ec2Fake;
  readonly secrets: SecretsManagerFake;
  readonly route53: Route53Fake;
  readonly medialive: MediaLiveFake;
  /** Variables for a child `ops` process or an in-process main(). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** AWS's defaults of the quotas preflight reads (the quota documentation of each service). */
export function setDefaultQuotas(quotas: ServiceQuotasFake): void {
  quotas.setDefault("medialive", "L-D1AFAF75", 5); // Channels
  quotas.setDefault("medialive", "L-9E233AF7", 5); // Push inputs
  quotas.setDefault("ec2", "L-0263D0A3", 5); // EC2-VPC Elastic IPs
  quotas.setDefault("vpc", "L-FE5A380F", 5); // NAT gateways per Availability Zone
}

export async function startPreflightAws(options: { account?: string; region?: string } = {}): Promise<PreflightAws> {
  const sts = new StsFake();
  if (options.account) sts.account = options.account;
  const quotas = new ServiceQuotasFake();
  setDefaultQuotas(quotas);
  const lambda = new LambdaFake();
  const ec2 = new Ec2Fake();
  const secrets = new SecretsManagerFake();
  const route53 = new Route53Fake();
  const medialive = new MediaLiveFake({ now: new FakeClock().now, region: options.region, accountId: sts.account });
  const servers = [sts, quotas, lambda, ec2, secrets, route53, medialive];
  await Promise.all(servers.map((s) => s.start()));
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_SERVICE_QUOTAS: quotas.url,
    AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    AWS_ENDPOINT_URL_EC2: ec2.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ENDPOINT_URL_ROUTE_53: route53.url,
    AWS_ENDPOINT_URL_MEDIALIVE: medialive.url,
    AWS_ACCESS_KEY_ID: "AKIDFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret",
    // Deliberately not the environment's region: preflight must read the configuration's.
    AWS_REGION: "eu-west-1",
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return {
    sts,
    quotas,
    lambda,
    ec2,
    secrets,
    route53,
    medialive,
    env,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
