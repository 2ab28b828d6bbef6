/**
 * The AWS clients preflight reads the account with, each made on first use (cli/aws/clients.ts: the
 * SDK package is imported only then) and aimed at the environment's region. Every call is bounded:
 * preflight runs in CI before a plan and must not hang there.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { STSClient } from "@aws-sdk/client-sts";
import {
  createEc2Client,
  createLambdaClient,
  createMediaLiveClient,
  createRoute53Client,
  createSecretsManagerClient,
  createServiceQuotasClient,
  createStsClient,
  type AwsClientOptions,
} from "../aws/clients";

export interface PreflightClientOptions extends AwsClientOptions {
  /** The environment's region: quotas, secrets and resources are read there. */
  readonly region: string;
}

/** Per-attempt bounds (ms); the SDK retries within maxAttempts. */
const PREFLIGHT_BOUNDS = { connectionTimeoutMs: 5_000, requestTimeoutMs: 20_000 } as const;

interface Destroyable {
  destroy(): void;
}

export class PreflightClients {
  private readonly made = new Map<string, Promise<Destroyable>>();

  constructor(private readonly options: PreflightClientOptions) {}

  private once<T extends Destroyable>(key: string, make: (options: AwsClientOptions) => Promise<T>, region = this.options.region): Promise<T> {
    if (!this.made.has(key)) this.made.set(key, make({ ...this.options, ...PREFLIGHT_BOUNDS, region }));
    return this.made.get(key) as Promise<T>;
  }

  sts(): Promise<STSClient> {
    return this.once("sts", createStsClient);
  }

  serviceQuotas(): Promise<ServiceQuotasClient> {
    return this.once("service-quotas", createServiceQuotasClient);
  }

  lambda(): Promise<LambdaClient> {
    return this.once("lambda", createLambdaClient);
  }

  ec2(): Promise<EC2Client> {
    return this.once("ec2", createEc2Client);
  }

  medialive(): Promise<MediaLiveClient> {
    return this.once("medialive", createMediaLiveClient);
  }

  route53(): Promise<Route53Client> {
    return this.once("route53", createRoute53Client);
  }

  /** Secrets Manager in `region`: a secret is reachable only through its own region's endpoint. */
  secretsManager(region: string): Promise<SecretsManagerClient> {
    return this.once(`secrets-manager/${region}`, createSecretsManagerClient, region);
  }

  async destroy(): Promise<void> {
    const clients = await Promise.allSettled(this.made.values());
    for (const c of clients) if (c.status === "fulfilled") c.value.destroy();
  }
}
