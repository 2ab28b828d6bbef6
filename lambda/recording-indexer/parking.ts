/**
 * Parks events that can never be indexed in the indexer's dead-letter queue, once, with their reason.
 * The message has the shape of a Lambda on-failure destination record (requestContext,
 * requestPayload, responsePayload), so `ops recordings replay` treats both kinds alike: Lambda's own
 * records after exhausted retries (transient failures) and these (permanent failures).
 */
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { PermanentFailure } from "./indexer";

/** The SQS call parking needs; SQSClient fits. */
export interface MessageSender {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Lambda's destination record, as far as the replay reads it (Lambda developer guide, "Capturing records of asynchronous invocations"). */
export interface FailureRecord {
  readonly version: "1.0";
  readonly timestamp: string;
  readonly requestContext: { readonly requestId?: string; readonly functionArn?: string; readonly condition: string; readonly approximateInvokeCount: number };
  readonly requestPayload: unknown;
  readonly responseContext?: { readonly statusCode?: number; readonly functionError?: string };
  readonly responsePayload?: { readonly errorType?: string; readonly errorMessage?: string; readonly failures?: readonly { key: string; errorType: string; reason: string }[] };
}

/** Our condition name for records parked by the function itself (Lambda's own are RetriesExhausted / EventAgeExceeded). */
export const PERMANENT_FAILURE_CONDITION = "PermanentFailure";

export function failureRecord(failures: readonly PermanentFailure[], context: { requestId?: string; functionArn?: string }, now: Date): FailureRecord {
  return {
    version: "1.0",
    timestamp: now.toISOString(),
    requestContext: { requestId: context.requestId, functionArn: context.functionArn, condition: PERMANENT_FAILURE_CONDITION, approximateInvokeCount: 1 },
    // Only the records that failed: replaying the message re-indexes nothing that already succeeded.
    requestPayload: { Records: failures.map((f) => f.record) },
    responseContext: { statusCode: 200 },
    responsePayload: {
      errorType: failures.length === 1 ? failures[0]!.errorType : "PermanentFailures",
      errorMessage: failures.map((f) => f.reason).join("; "),
      failures: failures.map((f) => ({ key: f.key, errorType: f.errorType, reason: f.reason })),
    },
  };
}

/** Sends one message; throws (a transient failure: Lambda retries the event) if SQS does not take it in time. */
export async function park(
  sqs: MessageSender,
  queueUrl: string,
  record: FailureRecord,
  deadline: number | undefined,
): Promise<void> {
  const remaining = deadline === undefined ? 5_000 : Math.min(5_000, deadline - Date.now());
  if (remaining <= 0) throw new Error("no time left to park the failed records; Lambda will retry the event");
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(record) }), { abortSignal: AbortSignal.timeout(remaining) });
}
