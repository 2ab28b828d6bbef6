/**
 * The recording sweep: for every ended session without a recording, look for its master manifest in
 * the recorded-media bucket and index it (the S3 event may have been lost: the database was down
 * longer than Lambda's retries, the queue's 14 days passed, a notification was misconfigured).
 *
 * Bounded, so it can run inside every reconcile pass: only `ended` sessions without a recording,
 * at most `limit` per pass, nothing started after `deadline`, every S3 call aborted at the deadline.
 * A session still without a manifest when its look-back window (the startover window: no harvest
 * can cut it after that) has passed is marked `recording_failed` with the reason, once.
 */
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { POOL_DIMENSION, RECORDING_SWEEP_METRICS, SESSIONS_PREFIX } from "../../contracts";
import { assertHostName } from "../../lib/host-name";
import { isPermanent, RecordingIndexer, type IndexOutcome } from "../../lambda/recording-indexer/indexer";
import type { Logger } from "../../lambda/recording-indexer/log";
import { parseRecordingKey } from "../../lambda/recording-indexer/recording-key";

/** pg.Client, pg.Pool and DatabasePool all fit (two-argument query only). */
export interface SweepDatabase {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** The S3 call the sweep makes; S3Client fits. */
export type SweepS3 = Pick<S3Client, "send">;

export interface SweepOptions {
  readonly db: SweepDatabase;
  readonly s3: SweepS3;
  /** The recorded-media bucket. */
  readonly bucket: string;
  /** CloudFront host name of playback URLs (same rule as the construct and the Lambda). */
  readonly mediaDomain: string;
  /** The instant the pass reasons about (epoch ms). */
  readonly now: number;
  /** How far back sessions are looked for: the startover window (ms). Older ones become recording_failed. */
  readonly lookBackMs: number;
  /** Epoch ms after which no new call starts; calls in flight are aborted at it. */
  readonly deadline: number;
  /** Sessions checked per pass. @default 25 */
  readonly limit?: number;
  /** Find and report only: write nothing. @default false */
  readonly dryRun?: boolean;
  /** File name of master manifests. @default index.m3u8 */
  readonly masterManifest?: string;
  /** Structured log lines (one per decision). @default none */
  readonly log?: Logger;
}

export interface SweepFailure {
  readonly sessionId: string;
  /** s3: listing failed; database: a transient database failure; rejected: the row refused the recording (now recording_failed). */
  readonly kind: "s3" | "database" | "rejected";
  readonly reason: string;
}

export interface SweepReport {
  readonly dryRun: boolean;
  /** Ended sessions without a recording (all ages), before the per-pass limit. */
  readonly candidates: number;
  readonly checked: number;
  /** Master manifests found and indexed (dry run: that would be indexed). */
  readonly indexed: { readonly sessionId: string; readonly recordingUri: string; readonly outcome: IndexOutcome | "would-index" }[];
  /** Sessions whose manifest is not there yet (the harvest may still be running). */
  readonly notFound: string[];
  /** Sessions marked recording_failed: no manifest within the look-back window (dry run: would be). */
  readonly expired: string[];
  readonly failures: SweepFailure[];
  /** True when the deadline stopped the pass before every selected session was checked. */
  readonly deadlineReached: boolean;
}

/** The sweep's metric data for PutMetricData (the pass or `ops recordings sweep` publishes them). */
export function sweepMetricData(report: SweepReport, pool: string) {
  const dims = [{ Name: POOL_DIMENSION, Value: pool }];
  return [
    { MetricName: RECORDING_SWEEP_METRICS.failures, Dimensions: dims, Value: report.failures.length, Unit: "Count" as const },
    { MetricName: RECORDING_SWEEP_METRICS.indexed, Dimensions: dims, Value: report.indexed.filter((i) => i.outcome === "recorded").length, Unit: "Count" as const },
    { MetricName: RECORDING_SWEEP_METRICS.expired, Dimensions: dims, Value: report.expired.length, Unit: "Count" as const },
  ];
}

class SweepDeadline extends Error {}

export async function sweepRecordings(options: SweepOptions): Promise<SweepReport> {
  const limit = options.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`sweep limit must be 1-1000, got ${limit}`);
  if (!(options.lookBackMs > 0)) throw new Error(`sweep look-back must be positive, got ${options.lookBackMs} ms`);
  const mediaDomain = assertHostName(options.mediaDomain, "sweep mediaDomain");
  const log: Logger = options.log ?? (() => undefined);
  const deadline = options.deadline;
  const remaining = () => deadline - Date.now();
  // Database calls are refused, not started, past the deadline; S3 calls are aborted at it.
  const db = {
    query: (text: string, values?: unknown[]) => {
      if (remaining() <= 0) return Promise.reject(new SweepDeadline("deadline reached before a database statement"));
      return options.db.query(text, values);
    },
  };
  const indexer = new RecordingIndexer({ db, mediaDomain, log, masterManifest: options.masterManifest });
  const since = new Date(options.now - options.lookBackMs);

  const report = {
    dryRun: !!options.dryRun,
    candidates: 0,
    checked: 0,
    indexed: [] as SweepReport["indexed"][number][],
    notFound: [] as string[],
    expired: [] as string[],
    failures: [] as SweepFailure[],
    deadlineReached: false,
  };

  // Sessions past their window first (each is checked one last time, then leaves the set), then a
  // random sample: with more candidates than the limit, every one is reached within a few passes.
  let selected;
  try {
    selected = await db.query(
      `SELECT id, ends_at <= $2 AS expiring, count(*) OVER () AS total
         FROM live_sessions
        WHERE status = 'ended' AND recording_uri IS NULL AND ends_at <= $1
        ORDER BY ends_at <= $2 DESC, random()
        LIMIT $3`,
      [new Date(options.now), since, limit],
    );
  } catch (err) {
    if (err instanceof SweepDeadline) return { ...report, deadlineReached: true };
    report.failures.push({ sessionId: "*", kind: "database", reason: `selecting ended sessions without a recording failed: ${(err as Error).message}` });
    return report;
  }
  report.candidates = Number(selected.rows[0]?.total ?? 0);

  for (const row of selected.rows) {
    const sessionId = String(row.id);
    if (remaining() <= 0) {
      report.deadlineReached = true;
      break;
    }
    report.checked++;
    let found: { key: string; lastModified: Date } | undefined;
    try {
      found = await newestMasterManifest(options.s3, options.bucket, sessionId, options.masterManifest, remaining());
    } catch (err) {
      if (remaining() <= 0) {
        report.deadlineReached = true;
        break;
      }
      report.failures.push({ sessionId, kind: "s3", reason: `listing s3://${options.bucket}/${SESSIONS_PREFIX}${sessionId}/ failed: ${(err as Error).name}: ${(err as Error).message}` });
      log("error", "sweep could not list the session's recordings", { sessionId, reason: (err as Error).message });
      continue;
    }

    if (!found) {
      if (!row.expiring) {
        report.notFound.push(sessionId);
        continue;
      }
      const reason = `no master manifest under s3://${options.bucket}/${SESSIONS_PREFIX}${sessionId}/ within ${Math.round(options.lookBackMs / 3_600_000)} h after the session ended (the startover window: no harvest can cut it now)`;
      if (options.dryRun) {
        report.expired.push(sessionId);
        continue;
      }
      try {
        if (await markRecordingFailed(db, sessionId, reason)) {
          report.expired.push(sessionId);
          log("error", "session marked recording_failed: no recording was found", { sessionId, reason });
        }
      } catch (err) {
        if (err instanceof SweepDeadline) {
          report.deadlineReached = true;
          break;
        }
        report.failures.push({ sessionId, kind: "database", reason: (err as Error).message });
      }
      continue;
    }

    const recordingUri = `s3://${options.bucket}/${found.key}`;
    if (options.dryRun) {
      report.indexed.push({ sessionId, recordingUri, outcome: "would-index" });
      continue;
    }
    try {
      const outcome = await indexer.index({ bucket: options.bucket, key: found.key, eventTime: found.lastModified, source: "sweep" });
      report.indexed.push({ sessionId, recordingUri, outcome });
    } catch (err) {
      if (err instanceof SweepDeadline) {
        report.deadlineReached = true;
        break;
      }
      const reason = (err as Error).message;
      if (!isPermanent(err)) {
        report.failures.push({ sessionId, kind: "database", reason });
        continue;
      }
      // The row refuses this recording for good: say so on the row, where the app and people look.
      report.failures.push({ sessionId, kind: "rejected", reason });
      await markRecordingFailed(db, sessionId, `the recording ${recordingUri} could not be indexed: ${reason}`).catch(() => undefined);
    }
  }
  return report;
}

/** The newest master manifest under sessions/<id>/ (re-harvests may write to sub-folders), or undefined. */
async function newestMasterManifest(s3: SweepS3, bucket: string, sessionId: string, masterManifest: string | undefined, remainingMs: number): Promise<{ key: string; lastModified: Date } | undefined> {
  const prefix = `${SESSIONS_PREFIX}${sessionId}/`;
  const signal = AbortSignal.timeout(Math.max(1, remainingMs));
  let best: { key: string; lastModified: Date } | undefined;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
    for (const object of page.Contents ?? []) {
      if (!object.Key || !object.LastModified) continue;
      let isMaster = false;
      try {
        isMaster = parseRecordingKey(object.Key, masterManifest).isMaster;
      } catch {
        continue; // segments (.ts), keys the indexer would refuse
      }
      if (!isMaster) continue;
      const t = object.LastModified.getTime();
      if (!best || t > best.lastModified.getTime() || (t === best.lastModified.getTime() && object.Key < best.key)) best = { key: object.Key, lastModified: object.LastModified };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return best;
}

/** ended -> recording_failed with the reason; false when the row moved on meanwhile (recorded by an event). */
async function markRecordingFailed(db: SweepDatabase, sessionId: string, reason: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE live_sessions
        SET status = 'recording_failed', status_changed_at = now(), last_error = $2, last_error_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'ended' AND recording_uri IS NULL`,
    [sessionId, reason],
  );
  return r.rowCount === 1;
}
