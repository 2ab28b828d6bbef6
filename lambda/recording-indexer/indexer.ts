/**
 * Writes a recording's S3 URI and CloudFront playback URL onto its live_sessions row.
 *
 * Failure design (S3 invokes the function asynchronously):
 *  - Transient failures (database down, secret unreadable, a lost race) throw a plain error. Lambda
 *    retries the event (maximum_retry_attempts, bounded), and every step is idempotent.
 *  - Permanent failures (malformed key, unknown session) are logged as structured JSON and then
 *    thrown as PermanentError. Lambda retries those too (it cannot tell them apart), at most
 *    maximum_retry_attempts times within maximum_event_age, and then hands the event to the
 *    on-failure destination: the encrypted SQS dead-letter queue, with the error message attached.
 *    So an event is never lost and never retried forever, and the only cost of retrying a permanent
 *    failure is two cheap SELECTs; a session row created late even gets a second chance.
 */
import type { Logger } from "./log";
import {
  DEFAULT_MASTER_MANIFEST,
  MalformedKeyError,
  compareManifests,
  decodeS3EventKey,
  keyFromS3Uri,
  parseRecordingKey,
  playbackUrl,
  s3Uri,
  type RecordingKey,
} from "./recording-key";

/** What the indexer needs from the database: pg.Pool and pg.Client both fit. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** An event that no retry can fix; it ends in the dead-letter queue after the bounded retries. */
export class PermanentError extends Error {
  readonly permanent = true;
  constructor(message: string, readonly failures: readonly { key: string; reason: string }[] = []) {
    super(message);
    this.name = "PermanentError";
  }
}

export class UnknownSessionError extends Error {
  readonly permanent = true;
  constructor(readonly sessionId: string, readonly key: string) {
    super(`no live_sessions row with id '${sessionId}' for recording '${key}'`);
    this.name = "UnknownSessionError";
  }
}

export const isPermanent = (err: unknown): boolean => (err as { permanent?: unknown } | null)?.permanent === true;

/** Minimal shape of the S3 event notification (records we use, plus the one-off s3:TestEvent). */
export interface S3NotificationEvent {
  readonly Records?: readonly {
    readonly eventName?: string;
    readonly s3?: { readonly bucket?: { readonly name?: string }; readonly object?: { readonly key?: string; readonly sequencer?: string } };
  }[];
  readonly Event?: string;
}

export type IndexOutcome =
  /** The row now points at this manifest. */
  | "recorded"
  /** The row already pointed at this manifest (a repeated event). */
  | "unchanged"
  /** The row points at a better manifest (the master); this one (a child playlist) is ignored. */
  | "kept-better";

export interface RecordingIndexerProps {
  readonly db: Queryable;
  /** Host name of the CloudFront distribution that serves recordings. */
  readonly mediaDomain: string;
  readonly log: Logger;
  /** File name of a session's master manifest. @default index.m3u8 */
  readonly masterManifest?: string;
  /** Compare-and-set attempts when concurrent events race on one row. @default 3 */
  readonly maxAttempts?: number;
}

export class RecordingIndexer {
  private readonly masterManifest: string;
  private readonly maxAttempts: number;

  constructor(private readonly props: RecordingIndexerProps) {
    if (!/^[a-z0-9.-]+$/i.test(props.mediaDomain)) throw new Error(`mediaDomain must be a host name, got '${props.mediaDomain}'`);
    this.masterManifest = props.masterManifest ?? DEFAULT_MASTER_MANIFEST;
    this.maxAttempts = props.maxAttempts ?? 3;
  }

  /** Indexes one object; throws MalformedKeyError / UnknownSessionError (permanent) or database errors. */
  async indexObject(bucket: string, rawKey: string): Promise<IndexOutcome> {
    const candidate = parseRecordingKey(decodeS3EventKey(rawKey), this.masterManifest);
    const uri = s3Uri(bucket, candidate.key);
    const url = playbackUrl(this.props.mediaDomain, candidate.key);
    const { db, log } = this.props;

    // Read, decide, then compare-and-set on the value read: no lock held across round trips, and a
    // concurrent event for the same session makes the UPDATE match nothing, so we decide again.
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const current = await db.query("SELECT recording_uri, playback_url, status FROM live_sessions WHERE id = $1", [candidate.sessionId]);
      const row = current.rows[0];
      if (!row) throw new UnknownSessionError(candidate.sessionId, candidate.key);
      const previousUri = (row.recording_uri as string | null) ?? null;

      if (previousUri === uri && row.playback_url === url && row.status === "recorded") return "unchanged";
      if (previousUri !== null && previousUri !== uri && !this.outranks(candidate, previousUri, bucket)) {
        log("info", "kept the existing manifest: it ranks before this one", { sessionId: candidate.sessionId, key: candidate.key, kept: previousUri });
        return "kept-better";
      }
      const updated = await db.query(
        `UPDATE live_sessions
            SET recording_uri = $2, playback_url = $3, status = 'recorded', updated_at = now()
          WHERE id = $1 AND recording_uri IS NOT DISTINCT FROM $4`,
        [candidate.sessionId, uri, url, previousUri],
      );
      if (updated.rowCount === 1) {
        log("info", "recording indexed", { sessionId: candidate.sessionId, recordingUri: uri, playbackUrl: url, replaced: previousUri });
        return "recorded";
      }
      log("warn", "live_sessions row changed while indexing; deciding again", { sessionId: candidate.sessionId, attempt });
    }
    // Transient: the async retry will find a settled row.
    throw new Error(`live_sessions row '${candidate.sessionId}' kept changing during ${this.maxAttempts} attempts`);
  }

  /** Processes every record; throws when any failed (see the failure design above). */
  async handleEvent(event: S3NotificationEvent): Promise<{ outcomes: IndexOutcome[] }> {
    const { log } = this.props;
    if (event.Event === "s3:TestEvent" || !event.Records) {
      log("info", "ignored an event without records (S3 sends s3:TestEvent when notifications are set up)", { event: event.Event });
      return { outcomes: [] };
    }
    const outcomes: IndexOutcome[] = [];
    const permanent: { key: string; reason: string }[] = [];
    let transient: Error | undefined;
    for (const record of event.Records) {
      const bucket = record.s3?.bucket?.name;
      const key = record.s3?.object?.key;
      if (!record.eventName?.startsWith("ObjectCreated:")) {
        log("info", "ignored a record that is not an object creation", { eventName: record.eventName, key });
        continue;
      }
      try {
        if (!bucket || key === undefined) throw new MalformedKeyError(String(key), "record without bucket name or object key");
        outcomes.push(await this.indexObject(bucket, key));
      } catch (err) {
        const e = err as Error;
        if (isPermanent(err)) {
          permanent.push({ key: String(key), reason: e.message });
          log("error", "recording event cannot be indexed; it goes to the dead-letter queue after the bounded retries", {
            errorType: e.name,
            reason: e.message,
            bucket,
            key,
            sessionId: (err as UnknownSessionError).sessionId,
          });
        } else {
          transient ??= e;
          log("error", "recording event failed; Lambda will retry it", { errorType: e.name, reason: e.message, code: (err as { code?: string }).code, bucket, key });
        }
      }
    }
    // A transient failure wins: retrying the whole event is safe (idempotent) and may fix it.
    if (transient) throw transient;
    if (permanent.length) throw new PermanentError(permanent.map((p) => p.reason).join("; "), permanent);
    return { outcomes };
  }

  private outranks(candidate: RecordingKey, previousUri: string, bucket: string): boolean {
    const previousKey = keyFromS3Uri(previousUri, bucket);
    if (previousKey === undefined) return true; // written for another bucket: replace it
    let previous: RecordingKey;
    try {
      previous = parseRecordingKey(previousKey, this.masterManifest);
    } catch {
      return true; // not a manifest we would have written
    }
    return compareManifests(candidate, previous) < 0;
  }
}
