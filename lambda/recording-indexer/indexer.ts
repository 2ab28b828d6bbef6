/**
 * Writes a session's recording (the S3 URI and CloudFront playback URL of its MASTER manifest) onto
 * its live_sessions row. Used by the Lambda (S3 events) and by the sweep in the reconcile pass.
 *
 * Rules, all enforced by one UPDATE so that concurrent writers cannot interleave:
 * - only master manifests are recordings: a child playlist (index_1.m3u8) is logged and skipped;
 * - only a session that can take a recording (RECORDABLE_STATUSES: not cancelled, not scheduled)
 *   and whose recording an operator has not overridden (recording_source = 'operator');
 * - a recording is replaced only by a newer one: S3's eventTime (the object's LastModified for the
 *   sweep), and on the same key S3's sequencer, which orders events on one key (S3 user guide,
 *   "Event message structure"). Deliveries are unordered and may repeat; the outcome does not
 *   depend on their order.
 *
 * Failure design (S3 invokes the function asynchronously):
 *  - Transient failures (database down or busy, deadline, lost connection) throw: Lambda retries the
 *    event (bounded), then its on-failure destination parks it in the dead-letter queue.
 *  - Permanent failures (malformed key, unknown session, a row the database rejects) can never
 *    succeed on a retry: handleEvent reports them and the handler parks them in the dead-letter
 *    queue itself, once, with the reason, and returns normally so that Lambda does not retry.
 */
import { MASTER_MANIFEST, RECORDABLE_STATUSES, type RecordingSource } from "../../contracts";
import type { Logger } from "./log";
import { MalformedKeyError, decodeS3EventKey, parseRecordingKey, playbackUrl, s3Uri } from "./recording-key";

/** What the indexer needs from the database: DatabasePool (lib/postgres-connection.ts) fits. */
export interface IndexerDatabase {
  query(text: string, values?: unknown[], opts?: { deadline?: number }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export class UnknownSessionError extends Error {
  readonly permanent = true;
  constructor(readonly sessionId: string, readonly key: string) {
    super(`no live_sessions row with id '${sessionId}' for recording '${key}'`);
    this.name = "UnknownSessionError";
  }
}

/** The database refused the row for a reason no retry changes (a CHECK, a type, a privilege). */
export class RejectedRowError extends Error {
  readonly permanent = true;
  constructor(readonly sessionId: string, readonly key: string, readonly code: string, reason: string) {
    super(`live_sessions row '${sessionId}' rejected recording '${key}' (SQLSTATE ${code}): ${reason}`);
    this.name = "RejectedRowError";
  }
}

export const isPermanent = (err: unknown): boolean => (err as { permanent?: unknown } | null)?.permanent === true;

/**
 * SQLSTATE classes no retry in the next minutes fixes: 22 data exception, 23 integrity constraint
 * violation, 42 syntax error or access rule violation (a missing grant or migration needs a person;
 * the parked event is replayed after the fix). Connection (08), resources (53), operator
 * intervention (57, statement_timeout), lock_timeout (55P03) and serialization (40) are transient.
 */
function permanentSqlState(code: unknown): boolean {
  return typeof code === "string" && /^(22|23|42)/.test(code);
}

/** One S3 event record, as far as the indexer reads it. */
export interface S3EventRecord {
  readonly eventName?: string;
  readonly eventTime?: string;
  readonly s3?: {
    readonly bucket?: { readonly name?: string };
    readonly object?: { readonly key?: string; readonly sequencer?: string; readonly versionId?: string };
  };
}

/** The S3 event notification (plus the one-off s3:TestEvent). */
export interface S3NotificationEvent {
  readonly Records?: readonly S3EventRecord[];
  readonly Event?: string;
}

/** A master manifest found in the recorded-media bucket, by an event or by the sweep. */
export interface RecordingCandidate {
  readonly bucket: string;
  /** The decoded object key. */
  readonly key: string;
  /** When S3 stored it: the event's eventTime, or the object's LastModified. */
  readonly eventTime: Date;
  /** S3's sequencer of the event (hex); absent for the sweep. */
  readonly sequencer?: string;
  readonly source: Exclude<RecordingSource, "operator">;
}

export type IndexOutcome =
  /** The row now points at this manifest (first recording, a newer one, or a status it lacked). */
  | "recorded"
  /** Same manifest, newer event (an overwrite): its time and sequencer were stored. */
  | "refreshed"
  /** Same manifest, same or older event: a repeated delivery. */
  | "unchanged"
  /** The row holds a newer recording; this one is older. */
  | "kept-newer"
  /** A child playlist, not a master manifest. */
  | "skipped-child"
  /** The session's status takes no recording (cancelled, scheduled, no_channel). */
  | "skipped-status"
  /** An operator set or cleared this recording; events never revert that. */
  | "skipped-override";

export interface PermanentFailure {
  /** The record as received (parked as it came). */
  readonly record: S3EventRecord;
  readonly key: string;
  readonly errorType: string;
  readonly reason: string;
}

export interface HandleResult {
  readonly outcomes: IndexOutcome[];
  /** Records that can never be indexed, with their reason (the handler parks them). */
  readonly permanentFailures: PermanentFailure[];
}

export interface RecordingIndexerProps {
  readonly db: IndexerDatabase;
  /** Host name of the CloudFront distribution that serves recordings (validated by the caller). */
  readonly mediaDomain: string;
  readonly log: Logger;
  /** File name of a session's master manifest. @default index.m3u8 (contracts MASTER_MANIFEST) */
  readonly masterManifest?: string;
}

const HEX = /^[0-9A-Fa-f]{1,128}$/;

// $1 id, $2 uri, $3 url, $4 event time, $5 sequencer, $6 source, $7 recordable statuses.
const INDEX_SQL = `
WITH before AS (
  SELECT id, status, recording_uri FROM live_sessions WHERE id = $1 FOR UPDATE
)
UPDATE live_sessions AS s
   SET recording_uri = $2,
       playback_url = $3,
       recording_event_time = $4,
       recording_sequencer = $5,
       recording_source = $6,
       recorded_at = CASE WHEN s.recording_uri IS DISTINCT FROM $2 OR s.status <> 'recorded' THEN now() ELSE s.recorded_at END,
       status = 'recorded',
       status_changed_at = CASE WHEN s.status <> 'recorded' THEN now() ELSE s.status_changed_at END,
       last_error = CASE WHEN s.status = 'recording_failed' THEN NULL ELSE s.last_error END,
       last_error_at = CASE WHEN s.status = 'recording_failed' THEN NULL ELSE s.last_error_at END,
       updated_at = now()
  FROM before
 WHERE s.id = before.id
   AND s.status = ANY ($7::text[])
   AND s.recording_source IS DISTINCT FROM 'operator'
   AND (
        s.recording_uri IS NULL
        -- Indexed before times were kept (possibly a child playlist): any timed master replaces it.
     OR s.recording_event_time IS NULL
     OR (s.recording_uri = $2 AND (
            s.status <> 'recorded'
         OR ($5::text IS NOT NULL AND s.recording_sequencer IS NOT NULL
             AND rpad(upper($5::text), greatest(length($5::text), length(s.recording_sequencer)), '0')
               > rpad(upper(s.recording_sequencer), greatest(length($5::text), length(s.recording_sequencer)), '0'))
         OR (($5::text IS NULL OR s.recording_sequencer IS NULL) AND $4::timestamptz > s.recording_event_time)))
        -- Another key: the newer wins; an exact tie goes to the smaller key, so order never matters.
     OR (s.recording_uri <> $2 AND ($4::timestamptz > s.recording_event_time
                                    OR ($4::timestamptz = s.recording_event_time AND $2 < s.recording_uri)))
   )
RETURNING before.status AS previous_status, before.recording_uri AS previous_uri`;

export class RecordingIndexer {
  private readonly masterManifest: string;

  constructor(private readonly props: RecordingIndexerProps) {
    this.masterManifest = props.masterManifest ?? MASTER_MANIFEST;
  }

  /** Indexes one manifest; throws MalformedKeyError / UnknownSessionError / RejectedRowError (permanent) or transient errors. */
  async index(candidate: RecordingCandidate, opts: { deadline?: number } = {}): Promise<IndexOutcome> {
    const { db, log } = this.props;
    const parsed = parseRecordingKey(candidate.key, this.masterManifest);
    const context = { sessionId: parsed.sessionId, key: parsed.key, source: candidate.source };
    if (!parsed.isMaster) {
      log("info", "skipped: not a master manifest (child playlists are never the recording)", context);
      return "skipped-child";
    }
    if (Number.isNaN(candidate.eventTime.getTime())) throw new MalformedKeyError(candidate.key, "record without a valid eventTime");
    if (candidate.sequencer !== undefined && !HEX.test(candidate.sequencer)) throw new MalformedKeyError(candidate.key, `sequencer '${candidate.sequencer}' is not hexadecimal`);
    const uri = s3Uri(candidate.bucket, parsed.key);
    const url = playbackUrl(this.props.mediaDomain, parsed.key);

    let updated;
    try {
      updated = await db.query(INDEX_SQL, [parsed.sessionId, uri, url, candidate.eventTime, candidate.sequencer ?? null, candidate.source, RECORDABLE_STATUSES], opts);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (permanentSqlState(code)) throw new RejectedRowError(parsed.sessionId, parsed.key, String(code), (err as Error).message);
      throw err;
    }
    const row = updated.rows[0];
    if (row) {
      const previousUri = (row.previous_uri as string | null) ?? null;
      const outcome: IndexOutcome = previousUri === uri && row.previous_status === "recorded" ? "refreshed" : "recorded";
      log("info", outcome === "recorded" ? "recording indexed" : "recording event newer for the same manifest: time stored", {
        ...context,
        recordingUri: uri,
        playbackUrl: url,
        eventTime: candidate.eventTime.toISOString(),
        sequencer: candidate.sequencer,
        replaced: previousUri !== uri ? previousUri : undefined,
        previousStatus: row.previous_status,
      });
      return outcome;
    }

    // Nothing changed: say why (a read; the row may have moved on since, which only affects the log).
    const current = await db.query(
      "SELECT status, recording_uri, recording_event_time, recording_sequencer, recording_source FROM live_sessions WHERE id = $1",
      [parsed.sessionId],
      opts,
    );
    const now = current.rows[0];
    if (!now) throw new UnknownSessionError(parsed.sessionId, parsed.key);
    let outcome: "skipped-override" | "skipped-status" | "unchanged" | "kept-newer";
    if (now.recording_source === "operator") outcome = "skipped-override";
    else if (!RECORDABLE_STATUSES.includes(now.status as never)) outcome = "skipped-status";
    else if (now.recording_uri === uri) outcome = "unchanged";
    else outcome = "kept-newer";
    const message: Record<typeof outcome, string> = {
      "skipped-override": "skipped: an operator set this session's recording; events never change it",
      "skipped-status": "skipped: the session's status takes no recording",
      unchanged: "recording already indexed (repeated delivery)",
      "kept-newer": "kept the newer recording already indexed",
    };
    log(outcome === "skipped-status" || outcome === "skipped-override" ? "warn" : "info", message[outcome], {
      ...context,
      status: now.status,
      kept: now.recording_uri,
      keptEventTime: now.recording_event_time instanceof Date ? now.recording_event_time.toISOString() : now.recording_event_time,
      eventTime: candidate.eventTime.toISOString(),
    });
    return outcome;
  }

  /** Processes every record; throws on a transient failure, reports permanent ones. */
  async handleEvent(event: S3NotificationEvent, opts: { deadline?: number } = {}): Promise<HandleResult> {
    const { log } = this.props;
    if (event.Event === "s3:TestEvent" || !event.Records) {
      log("info", "ignored an event without records (S3 sends s3:TestEvent when notifications are set up)", { event: event.Event });
      return { outcomes: [], permanentFailures: [] };
    }
    const outcomes: IndexOutcome[] = [];
    const permanentFailures: PermanentFailure[] = [];
    let transient: Error | undefined;
    for (const record of event.Records) {
      const bucket = record.s3?.bucket?.name;
      const rawKey = record.s3?.object?.key;
      if (!record.eventName?.startsWith("ObjectCreated:")) {
        log("info", "ignored a record that is not an object creation", { eventName: record.eventName, key: rawKey });
        continue;
      }
      try {
        if (!bucket || rawKey === undefined) throw new MalformedKeyError(String(rawKey), "record without bucket name or object key");
        const key = decodeS3EventKey(rawKey);
        outcomes.push(
          await this.index({ bucket, key, eventTime: new Date(record.eventTime ?? Number.NaN), sequencer: record.s3?.object?.sequencer, source: "event" }, opts),
        );
      } catch (err) {
        const e = err as Error;
        if (isPermanent(err)) {
          permanentFailures.push({ record, key: String(rawKey), errorType: e.name, reason: e.message });
          log("error", "recording event can never be indexed: parked with its reason, not retried", {
            errorType: e.name,
            reason: e.message,
            bucket,
            key: rawKey,
            sessionId: (err as UnknownSessionError).sessionId,
          });
        } else {
          transient ??= e;
          log("error", "recording event failed; Lambda will retry it", { errorType: e.name, reason: e.message, code: (err as { code?: string }).code, bucket, key: rawKey });
        }
      }
    }
    // A transient failure wins: retrying the whole event is safe (every step is idempotent).
    if (transient) throw transient;
    return { outcomes, permanentFailures };
  }
}
