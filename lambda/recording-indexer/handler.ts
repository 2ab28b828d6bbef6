/**
 * Lambda entry: S3 ObjectCreated events for `sessions/<sessionId>/.../index.m3u8` in
 * recorded-media-bucket -> live_sessions recording columns and status = 'recorded' (indexer.ts holds
 * the rules and the failure design). Everything built here is reused across invocations, and every
 * call is bounded by the invocation's remaining time.
 *
 * Environment: PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, LIVESTREAM_DB_AUTH (iam | secret |
 * password) and its companions (lib/postgres-connection.ts), MEDIA_DOMAIN, DEAD_LETTER_QUEUE_URL,
 * MASTER_MANIFEST (default index.m3u8).
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { assertHostName } from "../../lib/host-name";
import { DatabasePool, databaseSettingsFromEnv } from "../../lib/postgres-connection";
import { RecordingIndexer, type IndexOutcome, type S3NotificationEvent } from "./indexer";
import { jsonLogger } from "./log";
import { failureRecord, park, type MessageSender } from "./parking";

export { parseRecordingKey } from "./recording-key";
export { RecordingIndexer } from "./indexer";

/** What `ops recordings replay` sends: the parked record's original payload, marked as a replay. */
export interface ReplayEvent {
  readonly replay: { readonly requestPayload: S3NotificationEvent; readonly messageId?: string };
}

/** The part of Lambda's context object the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  readonly awsRequestId?: string;
  readonly invokedFunctionArn?: string;
}

export interface HandlerResult {
  readonly outcomes: IndexOutcome[];
  /** Records that can never be indexed, with their reason. */
  readonly permanentFailures: { key: string; errorType: string; reason: string }[];
  /** True when those were parked in the dead-letter queue by this invocation (never for a replay). */
  readonly parked: boolean;
}

/** Stop starting work this long before Lambda's own timeout, so a late call fails cleanly and is logged. */
const SAFETY_MARGIN_MS = 1_500;

interface Wiring {
  readonly indexer: RecordingIndexer;
  readonly pool: DatabasePool;
  readonly sqs: MessageSender;
  readonly queueUrl: string;
}
let wiring: Wiring | undefined;

function build(): Wiring {
  const mediaDomain = assertHostName(process.env.MEDIA_DOMAIN, "MEDIA_DOMAIN");
  const queueUrl = process.env.DEAD_LETTER_QUEUE_URL;
  if (!queueUrl || !/^https?:\/\/\S+$/.test(queueUrl)) throw new Error(`DEAD_LETTER_QUEUE_URL must be the dead-letter queue's URL, got '${queueUrl ?? ""}'`);
  const settings = databaseSettingsFromEnv(process.env, { applicationName: "recording-indexer", statementTimeoutMs: 5_000, lockTimeoutMs: 2_000, connectTimeoutMs: 4_000 });
  const pool = new DatabasePool(settings, { max: 2, onIdleError: (err) => jsonLogger("warn", "idle database connection failed", { reason: err.message }) });
  const indexer = new RecordingIndexer({ db: pool, mediaDomain, log: jsonLogger, masterManifest: process.env.MASTER_MANIFEST || undefined });
  // Both timeouts: requestTimeout alone only logs a warning (NOTES, "Tooling facts").
  const sqs = new SQSClient({ maxAttempts: 2, requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000, throwOnRequestTimeout: true } });
  return { indexer, pool, sqs, queueUrl };
}

const isReplay = (event: unknown): event is ReplayEvent => typeof (event as ReplayEvent | null)?.replay === "object" && (event as ReplayEvent).replay !== null;

export async function handler(event: S3NotificationEvent | ReplayEvent, context?: InvocationContext): Promise<HandlerResult> {
  const deadline = context ? Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS : undefined;
  wiring ??= build();
  const replay = isReplay(event);
  const s3Event = replay ? event.replay.requestPayload : event;
  const result = await wiring.indexer.handleEvent(s3Event ?? {}, { deadline });
  const permanentFailures = result.permanentFailures.map((f) => ({ key: f.key, errorType: f.errorType, reason: f.reason }));
  // A replay leaves the parked message where it is (the replay command keeps it); anything else parks once.
  if (!permanentFailures.length || replay) return { outcomes: result.outcomes, permanentFailures, parked: false };
  await park(wiring.sqs, wiring.queueUrl, failureRecord(result.permanentFailures, { requestId: context?.awsRequestId, functionArn: context?.invokedFunctionArn }, new Date()), deadline);
  jsonLogger("info", "parked the failed records in the dead-letter queue", { count: permanentFailures.length });
  return { outcomes: result.outcomes, permanentFailures, parked: true };
}

/** Drops the cached pool and clients (tests; never needed in Lambda). */
export async function resetForTests(): Promise<void> {
  await wiring?.pool.end();
  wiring = undefined;
}
