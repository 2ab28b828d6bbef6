/**
 * SDK clients of the recording commands (S3, SQS, Lambda, CloudWatch), each loaded only when made
 * and each bounded: a request that gets no answer is abandoned (requestTimeout needs
 * throwOnRequestTimeout to do that, NOTES "Tooling facts"), a connection that does not open fails.
 * AWS_ENDPOINT_URL_<SERVICE> points them at local stand-ins in tests.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { commonConfig } from "../aws/clients";

export interface RecordingClientOptions {
  readonly region?: string;
  /** Named profile of the shared AWS config files. @default AWS_PROFILE, else the SDK's chain */
  readonly profile?: string;
  /** Attempts per call, standard retry mode. @default 3 */
  readonly maxAttempts?: number;
  /** Abandon a request unanswered after this long. @default 10000 (Lambda Invoke: 60000) */
  readonly requestTimeoutMs?: number;
  /** Back-off base for tests. @default the SDK's standard mode */
  readonly retryBaseDelayMs?: number;
}

/** Region, profile and retries as every command resolves them, plus this client's bounds. */
async function config(o: RecordingClientOptions, requestTimeoutMs: number) {
  return {
    ...(await commonConfig(o)),
    requestHandler: { requestTimeout: o.requestTimeoutMs ?? requestTimeoutMs, connectionTimeout: 3_000, throwOnRequestTimeout: true },
  };
}

export async function createS3Client(o: RecordingClientOptions = {}): Promise<S3Client> {
  const { S3Client } = await import("@aws-sdk/client-s3");
  return new S3Client(await config(o, 10_000));
}

export async function createSqsClient(o: RecordingClientOptions = {}): Promise<SQSClient> {
  const { SQSClient } = await import("@aws-sdk/client-sqs");
  return new SQSClient(await config(o, 10_000));
}

/** Invoke waits for the function: its timeout (30 s for the indexer) plus a cold start fits in 60 s. */
export async function createLambdaClient(o: RecordingClientOptions = {}): Promise<LambdaClient> {
  const { LambdaClient } = await import("@aws-sdk/client-lambda");
  return new LambdaClient(await config(o, 60_000));
}

export async function createMetricsClient(o: RecordingClientOptions = {}): Promise<CloudWatchClient> {
  const { CloudWatchClient } = await import("@aws-sdk/client-cloudwatch");
  return new CloudWatchClient(await config(o, 10_000));
}
