/**
 * `ops recordings replay`: replays the recording indexer's dead-letter queue. The database is
 * private, so the operator's machine does not index: it invokes the indexer function with each
 * parked record's original request payload (Lambda's on-failure records and the function's own
 * carry it as `requestPayload`), marked as a replay so a permanent failure is not parked twice.
 * A message is deleted only after the function indexed it; one that still fails stays parked with
 * its reason and becomes visible again at the end of the run.
 * Exit: 0 everything replayed (or nothing parked), and every dry run that could read the queue; 6 some
 * replayed, some kept; 3 none replayed.
 */
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { PartialError, RemoteError, UsageError } from "../errors";
import { createLambdaClient, createSqsClient } from "../aws/clients";
import { INVOKE_REQUEST_TIMEOUT_MS, recordingBounds } from "../recordings/clients";
import type { ReplayEvent } from "../../lambda/recording-indexer/handler";
import { REPLAY_DEFAULTS } from "./defaults";
import { awsOptions, print, printJson, resolvePool, type AwsCommandOptions } from "./ops-context";
import { deadLetterQueueName, recordingIndexerName, stackName } from "../../contracts/stacks";

export interface RecordingsReplayOptions extends AwsCommandOptions {
  /** Pool (environment) whose indexer and queue are meant: livestream-<pool>-recording-indexer[-dlq]. */
  readonly pool?: string;
  /** Function name or ARN. @default livestream-<pool>-recording-indexer */
  readonly functionName?: string;
  /** Queue URL. @default the URL of livestream-<pool>-recording-indexer-dlq */
  readonly queueUrl?: string;
  /** Messages handled in this run. @default REPLAY_DEFAULTS.max */
  readonly max?: number;
  readonly dryRun?: boolean;
}

export interface ReplayedMessage {
  readonly messageId: string;
  /** Lambda's condition (RetriesExhausted, EventAgeExceeded) or PermanentFailure (parked by the function). */
  readonly condition?: string;
  /** Object keys in the payload. */
  readonly keys: string[];
  readonly result: "replayed" | "would-replay" | "still-failing" | "unreadable";
  /** Why it was parked, or why it still fails. */
  readonly reason?: string;
  readonly outcomes?: string[];
}

export interface ReplayReport {
  readonly queueUrl: string;
  readonly functionName: string;
  readonly dryRun: boolean;
  readonly messages: ReplayedMessage[];
}

/** While a message is handled it stays hidden this long: longer than one invocation can take. */
const VISIBILITY_SECONDS = 120;

export async function recordingsReplay(opts: RecordingsReplayOptions): Promise<ReplayReport> {
  const max = opts.max ?? REPLAY_DEFAULTS.max;
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new UsageError(`--max must be 1-10000, got ${opts.max}`);
  if (opts.queueUrl !== undefined && !/^https?:\/\/\S+$/.test(opts.queueUrl)) throw new UsageError(`--queue-url '${opts.queueUrl}' is not a URL`);
  if (opts.functionName !== undefined && !/^(arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}$/.test(opts.functionName)) {
    throw new UsageError(`--function-name '${opts.functionName}' is not a function name or ARN`);
  }
  const pool = opts.functionName && opts.queueUrl ? undefined : resolvePool(opts.pool);
  const indexer = pool === undefined ? undefined : recordingIndexerName(stackName(pool));
  const functionName = opts.functionName ?? indexer!;
  const aws = awsOptions(opts);
  const sqs = await createSqsClient(recordingBounds(aws));
  const lambda = opts.dryRun ? undefined : await createLambdaClient(recordingBounds(aws, INVOKE_REQUEST_TIMEOUT_MS));
  try {
    const queueUrl = opts.queueUrl ?? (await queueUrlOf(sqs, deadLetterQueueName(indexer!)));
    const report = await replayQueue(sqs, lambda, { queueUrl, functionName, max, dryRun: !!opts.dryRun });
    if (!opts.json) printHuman(report);
    // A dry run reports what it found, unreadable messages included, and has failed at nothing.
    if (opts.dryRun) {
      if (opts.json) printJson(report);
      return report;
    }
    const kept = report.messages.filter((m) => m.result === "still-failing" || m.result === "unreadable");
    // On failure the report travels in the error: under --json, main prints it with the error.
    if (opts.json && !kept.length) printJson(report);
    if (kept.length) {
      const replayed = report.messages.length - kept.length;
      const message = `${kept.length} message(s) still parked: ${kept.slice(0, 5).map((m) => `${m.keys.join(",") || m.messageId}: ${m.reason}`).join("; ")}`;
      if (replayed) throw new PartialError(message, "fix the cause (see each reason), then replay again", report);
      throw new RemoteError(message, "fix the cause (see each reason), then replay again", report);
    }
    return report;
  } finally {
    sqs.destroy();
    lambda?.destroy();
  }
}

async function queueUrlOf(sqs: SQSClient, name: string): Promise<string> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  } catch (err) {
    throw new RemoteError(`cannot find the queue ${name}: ${(err as Error).name}: ${(err as Error).message}`, "pass --queue-url, or check --pool, the region and your permissions");
  }
}

/** The event the indexer's handler takes for a replay (lambda/recording-indexer/handler.ts). */
const replayEvent = (requestPayload: object, messageId: string): ReplayEvent => ({ replay: { requestPayload: requestPayload as ReplayEvent["replay"]["requestPayload"], messageId } });

interface ParkedBody {
  requestContext?: { condition?: string };
  requestPayload?: { Records?: { s3?: { object?: { key?: string } } }[] };
  responsePayload?: { errorMessage?: string };
}

async function replayQueue(sqs: SQSClient, lambda: LambdaClient | undefined, o: { queueUrl: string; functionName: string; max: number; dryRun: boolean }): Promise<ReplayReport> {
  const messages: ReplayedMessage[] = [];
  const seen = new Set<string>();
  const release: string[] = [];
  try {
    while (messages.length < o.max) {
      const batch = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: o.queueUrl, MaxNumberOfMessages: Math.min(10, o.max - messages.length), VisibilityTimeout: VISIBILITY_SECONDS, WaitTimeSeconds: 0 }),
      );
      const fresh = (batch.Messages ?? []).filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (!fresh.length) break;
      for (const m of fresh) {
        seen.add(m.MessageId!);
        const handled = await replayOne(lambda, o.functionName, m.MessageId!, m.Body ?? "", o.dryRun);
        messages.push(handled);
        if (handled.result === "replayed") await sqs.send(new DeleteMessageCommand({ QueueUrl: o.queueUrl, ReceiptHandle: m.ReceiptHandle }));
        else release.push(m.ReceiptHandle!);
      }
    }
  } finally {
    // Kept messages become visible again now, for the alarm and the next run, not in two minutes.
    for (const handle of release) await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: o.queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 })).catch(() => undefined);
  }
  return { queueUrl: o.queueUrl, functionName: o.functionName, dryRun: o.dryRun, messages };
}

async function replayOne(lambda: LambdaClient | undefined, functionName: string, messageId: string, body: string, dryRun: boolean): Promise<ReplayedMessage> {
  let parked: ParkedBody;
  try {
    parked = JSON.parse(body) as ParkedBody;
  } catch {
    return { messageId, keys: [], result: "unreadable", reason: "the message body is not JSON" };
  }
  const payload = parked.requestPayload;
  const keys = (payload?.Records ?? []).map((r) => r.s3?.object?.key).filter((k): k is string => typeof k === "string");
  const base = { messageId, condition: parked.requestContext?.condition, keys };
  if (!payload || typeof payload !== "object") return { ...base, result: "unreadable", reason: "no requestPayload: not a Lambda failure record" };
  if (dryRun || !lambda) return { ...base, result: "would-replay", reason: parked.responsePayload?.errorMessage };

  let response;
  try {
    response = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: "RequestResponse", Payload: Buffer.from(JSON.stringify(replayEvent(payload, messageId))) }),
    );
  } catch (err) {
    return { ...base, result: "still-failing", reason: `Invoke failed: ${(err as Error).name}: ${(err as Error).message}` };
  }
  const text = response.Payload ? Buffer.from(response.Payload).toString("utf8") : "";
  let result: { errorMessage?: string; outcomes?: string[]; permanentFailures?: { reason: string }[] } = {};
  try {
    result = text ? JSON.parse(text) : {};
  } catch {
    return { ...base, result: "still-failing", reason: `the function answered something that is not JSON: ${text.slice(0, 200)}` };
  }
  if (response.FunctionError) return { ...base, result: "still-failing", reason: `the function failed (${response.FunctionError}): ${result.errorMessage ?? text.slice(0, 200)}` };
  if (result.permanentFailures?.length) return { ...base, result: "still-failing", reason: result.permanentFailures.map((f) => f.reason).join("; "), outcomes: result.outcomes };
  return { ...base, result: "replayed", outcomes: result.outcomes };
}

function printHuman(r: ReplayReport): void {
  print(`${r.dryRun ? "[dry run] " : ""}${r.messages.length} parked message(s) in ${r.queueUrl}, replayed through ${r.functionName}`);
  for (const m of r.messages) {
    const what = m.keys.join(", ") || m.messageId;
    print(`  ${what}: ${m.result}${m.outcomes ? ` (${m.outcomes.join(", ")})` : ""}${m.reason ? `: ${m.reason}` : ""}`);
  }
}
