/**
 * Small factories for the AWS clients the ops CLI uses. Each SDK package is imported only when its
 * factory runs, so `ops --help` and commands that do not talk to a service never load it.
 *
 * Endpoints come from the SDK's own configuration chain: `AWS_ENDPOINT_URL_MEDIALIVE`,
 * `AWS_ENDPOINT_URL_MEDIAPACKAGE`, `AWS_ENDPOINT_URL_CLOUDWATCH` (or `AWS_ENDPOINT_URL`) point the
 * real clients at local protocol servers in tests.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { MediaPackageClient } from "@aws-sdk/client-mediapackage";
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

export async function commonConfig(options: AwsClientOptions) {
  const maxAttempts = options.maxAttempts ?? 3;
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
  const requestHandler = {
    requestTimeout: options.requestTimeoutMs,
    connectionTimeout: options.connectionTimeoutMs ?? options.requestTimeoutMs,
    throwOnRequestTimeout: true,
  };
  return { ...retry, requestHandler };
}

export async function createMediaLiveClient(options: AwsClientOptions = {}): Promise<MediaLiveClient> {
  const { MediaLiveClient } = await import("@aws-sdk/client-medialive");
  return new MediaLiveClient(await commonConfig(options));
}

export async function createMediaPackageClient(options: AwsClientOptions = {}): Promise<MediaPackageClient> {
  const { MediaPackageClient } = await import("@aws-sdk/client-mediapackage");
  return new MediaPackageClient(await commonConfig(options));
}

export async function createCloudWatchClient(options: AwsClientOptions = {}): Promise<CloudWatchClient> {
  const { CloudWatchClient } = await import("@aws-sdk/client-cloudwatch");
  return new CloudWatchClient(await commonConfig(options));
}

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
