/**
 * The bounds of the recording commands' AWS calls (S3, SQS, Lambda, CloudWatch): a request that gets
 * no answer is abandoned, a connection that does not open fails. The clients themselves come from
 * cli/aws/clients.ts like every other command's.
 */
import type { AwsClientOptions } from "../aws/clients";

/** Connections open within this, ms. */
const CONNECTION_TIMEOUT_MS = 3_000;
/** S3, SQS and CloudWatch calls answer within this, ms. */
export const RECORDING_REQUEST_TIMEOUT_MS = 10_000;
/** Lambda Invoke waits for the function: its timeout (30 s for the indexer) plus a cold start fits in this, ms. */
export const INVOKE_REQUEST_TIMEOUT_MS = 60_000;

/** `options` with the recording bounds: its own requestTimeoutMs, else `requestTimeoutMs`. */
export function recordingBounds(options: AwsClientOptions, requestTimeoutMs = RECORDING_REQUEST_TIMEOUT_MS): AwsClientOptions {
  return { ...options, requestTimeoutMs: options.requestTimeoutMs ?? requestTimeoutMs, connectionTimeoutMs: CONNECTION_TIMEOUT_MS };
}
