/**
 * The one way the ops CLI makes AWS clients: region and profile resolved as the AWS CLI does
 * (shared-config.ts), standard-mode retries, and optional per-attempt bounds. Each SDK package is
 * imported only when its factory runs, so `ops --help` and commands that do not talk to a service
 * never load it.
 *
 * Endpoints come from the SDK's own configuration chain: `AWS_ENDPOINT_URL_<SERVICE>` (or
 * `AWS_ENDPOINT_URL`) points the real clients at local protocol servers in tests.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { MediaPackageClient } from "@aws-sdk/client-mediapackage";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { STSClient } from "@aws-sdk/client-sts";
import { UsageError } from "../errors";
import { checkRegion, resolveAwsTarget } from "./shared-config";

export interface AwsClientOptions {
  /** Region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile's region in ~/.aws/config. */
  readonly region?: string;
  /** Named profile of the shared config/credentials files; falls back to AWS_PROFILE. */
  readonly profile?: string;
  /** Attempts per call including the first (standard retry mode). @default 3 */
  readonly maxAttempts?: number;
  /**
   * Base of the exponential back-off in ms. Leave unset for the SDK's standard mode; tests and the
   * simulation set a few ms so that thousands of throttled calls do not cost minutes of real time.
   */
  readonly retryBaseDelayMs?: number;
  /**
   * Bound on one HTTP attempt, ms: the attempt is abandoned (and retried as transient) when no
   * response has arrived by then. Leave unset for the SDK's default (no bound). Commands that run
   * under a deadline set it (NOTES: `requestTimeout` needs `throwOnRequestTimeout` to abandon).
   */
  readonly requestTimeoutMs?: number;
  /** Bound on opening the TCP/TLS connection, ms. @default requestTimeoutMs */
  readonly connectionTimeoutMs?: number;
}

/** Region from the flag or the environment only; `resolveAwsTarget` also reads ~/.aws/config. */
export function resolveRegion(region?: string): string {
  const resolved = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!resolved) throw new UsageError("no AWS region: pass --region or set AWS_REGION");
  return checkRegion(resolved, "region");
}

type ErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";
interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/**
 * Standard-mode semantics (retry throttling, transient and 5xx errors; never 4xx such as a 409)
 * with a configurable back-off base. No retry quota: the caller bounds the work per pass.
 */
export function fastRetryStrategy(maxAttempts: number, baseDelayMs: number) {
  const token = (count: number, delay: number): Token => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    mode: "standard",
    async acquireInitialRetryToken(): Promise<Token> {
      return token(0, 0);
    },
    async refreshRetryTokenForRetry(previous: Token, info: { errorType: ErrorType }): Promise<Token> {
      const count = previous.getRetryCount() + 1;
      if (info.errorType === "CLIENT_ERROR" || count >= maxAttempts) throw new Error("no more retries");
      return token(count, Math.random() * baseDelayMs * 2 ** count);
    },
    recordSuccess(): void {},
  };
}

/** What every client is constructed with (a subset of each SDK client's own configuration). */
export interface ClientConfig {
  readonly region: string;
  /** Absent: the SDK's default credential chain. */
  readonly profile?: string;
  readonly maxAttempts: number;
  readonly retryMode?: "standard";
  readonly retryStrategy?: ReturnType<typeof fastRetryStrategy>;
  /** The options form of the SDK's default Node handler. */
  readonly requestHandler?: { readonly requestTimeout: number; readonly connectionTimeout: number; readonly throwOnRequestTimeout: boolean };
}

/** Attempts per call when the command does not say (the SDK's standard mode default). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The configuration every client gets. Validates --max-attempts and resolves region and profile, so
 * a command can call it first to report flag and profile errors before any call.
 */
export async function clientConfig(options: AwsClientOptions): Promise<ClientConfig> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new UsageError(`--max-attempts must be an integer from 1 to 10, got ${options.maxAttempts}`);
  }
  const { region, profile } = await resolveAwsTarget(options);
  const target = profile ? { region, profile } : { region };
  const retry =
    options.retryBaseDelayMs === undefined
      ? { ...target, maxAttempts, retryMode: "standard" as const }
      : { ...target, maxAttempts, retryStrategy: fastRetryStrategy(maxAttempts, options.retryBaseDelayMs) };
  if (options.requestTimeoutMs === undefined) return retry;
  // The options form of the default Node handler: no import of @smithy/node-http-handler needed.
  // requestTimeout alone only logs when it fires; throwOnRequestTimeout abandons the attempt (NOTES).
  const requestHandler = {
    requestTimeout: options.requestTimeoutMs,
    connectionTimeout: options.connectionTimeoutMs ?? options.requestTimeoutMs,
    throwOnRequestTimeout: true,
  };
  return { ...retry, requestHandler };
}


/** An SDK client class, e.g. S3Client. */
type ClientClass<T> = new (config: ClientConfig) => T;

/** A client of the class `load` imports, configured from `options`. */
export async function createAwsClient<T>(load: () => Promise<ClientClass<T>>, options: AwsClientOptions = {}): Promise<T> {
  const [Client, config] = await Promise.all([load(), clientConfig(options)]);
  return new Client(config);
}

export const createMediaLiveClient = (o?: AwsClientOptions): Promise<MediaLiveClient> => createAwsClient(async () => (await import("@aws-sdk/client-medialive")).MediaLiveClient, o);
export const createMediaPackageClient = (o?: AwsClientOptions): Promise<MediaPackageClient> => createAwsClient(async () => (await import("@aws-sdk/client-mediapackage")).MediaPackageClient, o);
export const createCloudWatchClient = (o?: AwsClientOptions): Promise<CloudWatchClient> => createAwsClient(async () => (await import("@aws-sdk/client-cloudwatch")).CloudWatchClient, o);
export const createS3Client = (o?: AwsClientOptions): Promise<S3Client> => createAwsClient(async () => (await import("@aws-sdk/client-s3")).S3Client, o);
export const createSqsClient = (o?: AwsClientOptions): Promise<SQSClient> => createAwsClient(async () => (await import("@aws-sdk/client-sqs")).SQSClient, o);
export const createLambdaClient = (o?: AwsClientOptions): Promise<LambdaClient> => createAwsClient(async () => (await import("@aws-sdk/client-lambda")).LambdaClient, o);
export const createStsClient = (o?: AwsClientOptions): Promise<STSClient> => createAwsClient(async () => (await import("@aws-sdk/client-sts")).STSClient, o);
export const createServiceQuotasClient = (o?: AwsClientOptions): Promise<ServiceQuotasClient> => createAwsClient(async () => (await import("@aws-sdk/client-service-quotas")).ServiceQuotasClient, o);
export const createEc2Client = (o?: AwsClientOptions): Promise<EC2Client> => createAwsClient(async () => (await import("@aws-sdk/client-ec2")).EC2Client, o);
export const createRoute53Client = (o?: AwsClientOptions): Promise<Route53Client> => createAwsClient(async () => (await import("@aws-sdk/client-route-53")).Route53Client, o);
export const createSecretsManagerClient = (o?: AwsClientOptions): Promise<SecretsManagerClient> => createAwsClient(async () => (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient, o);

/** The three clients the channel and session commands need. */
export interface AwsClients {
  readonly medialive: MediaLiveClient;
  readonly mediapackage: MediaPackageClient;
  readonly cloudwatch: CloudWatchClient;
}

export async function createAwsClients(options: AwsClientOptions = {}): Promise<AwsClients> {
  const [medialive, mediapackage, cloudwatch] = await Promise.all([
    createMediaLiveClient(options),
    createMediaPackageClient(options),
    createCloudWatchClient(options),
  ]);
  return { medialive, mediapackage, cloudwatch };
}

/** The SDK error's name (e.g. ConflictException) and HTTP status, whatever the client. */
export function awsErrorInfo(err: unknown): { name: string; status?: number; message: string } {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e?.name ?? "Error", status: e?.$metadata?.httpStatusCode, message: e?.message ?? String(err) };
}
