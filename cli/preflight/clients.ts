/**
 * The AWS clients preflight reads the account with, created on first use (each SDK package is
 * imported only then, so `ops --help` never loads them) and aimed at the environment's region.
 * Every call is bounded: preflight runs in CI before a plan and must not hang there.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { STSClient } from "@aws-sdk/client-sts";
import { commonConfig, type AwsClientOptions } from "../aws/clients";

export interface PreflightClientOptions extends AwsClientOptions {
  /** The environment's region: quotas, secrets and resources are read there. */
  readonly region: string;
  /** Named profile of the shared AWS config/credentials files. @default the SDK's chain */
  readonly profile?: string;
}

/** Connection and per-request bounds (ms); the SDK retries within maxAttempts. */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 20_000;

interface Destroyable {
  destroy(): void;
}

export class PreflightClients {
  private readonly made = new Map<string, Promise<Destroyable>>();

  constructor(private readonly options: PreflightClientOptions) {}

  private async config(region = this.options.region) {
    return {
      // Resolves the profile (flag, then AWS_PROFILE) and the retry settings as every command does.
      ...(await commonConfig({ ...this.options, region })),
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    };
  }

  private once<T extends Destroyable>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as Promise<T>;
  }

  sts(): Promise<STSClient> {
    return this.once("sts", async () => new (await import("@aws-sdk/client-sts")).STSClient(await this.config()));
  }

  serviceQuotas(): Promise<ServiceQuotasClient> {
    return this.once("service-quotas", async () => new (await import("@aws-sdk/client-service-quotas")).ServiceQuotasClient(await this.config()));
  }

  lambda(): Promise<LambdaClient> {
    return this.once("lambda", async () => new (await import("@aws-sdk/client-lambda")).LambdaClient(await this.config()));
  }

  ec2(): Promise<EC2Client> {
    return this.once("ec2", async () => new (await import("@aws-sdk/client-ec2")).EC2Client(await this.config()));
  }

  medialive(): Promise<MediaLiveClient> {
    return this.once("medialive", async () => new (await import("@aws-sdk/client-medialive")).MediaLiveClient(await this.config()));
  }

  route53(): Promise<Route53Client> {
    return this.once("route53", async () => new (await import("@aws-sdk/client-route-53")).Route53Client(await this.config()));
  }

  /** Secrets Manager in `region`: a secret is reachable only through its own region's endpoint. */
  secretsManager(region: string): Promise<SecretsManagerClient> {
    return this.once(`secrets-manager/${region}`, async () => new (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient(await this.config(region)));
  }

  async destroy(): Promise<void> {
    const clients = await Promise.allSettled(this.made.values());
    for (const c of clients) if (c.status === "fulfilled") c.value.destroy();
  }
}
