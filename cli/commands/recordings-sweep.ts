/**
 * `ops recordings sweep`: one bounded pass of the recording sweep (cli/recordings/sweep.ts) for
 * operators: find the master manifests of ended sessions whose S3 event never indexed them, index
 * them, mark the hopeless ones recording_failed, publish the sweep metrics. The database is private:
 * run it where the reconcile task runs (docs/operations.md, "Recordings").
 * Exit: 0 nothing failed; 3 only failures; 6 some sessions done and some failed.
 */
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { isHostName } from "../../lib/host-name";
import { DatabasePool, DatabaseSettingsError, databaseSettingsFromEnv } from "../../lib/postgres-connection";
import { PartialError, RemoteError, UsageError } from "../errors";
import { createCloudWatchClient, createS3Client } from "../aws/clients";
import { recordingBounds } from "../recordings/clients";
import { sweepMetricData, sweepRecordings, type SweepReport } from "../recordings/sweep";
import { parseDuration } from "../support/duration";
import { parseInstant } from "../support/instant";
import { SWEEP_DEFAULTS } from "./defaults";
import { awsOptions, print, printJson, resolvePool, type AwsCommandOptions } from "./ops-context";
import { S3_BUCKET_NAME } from "../../contracts/storage";

export interface RecordingsSweepOptions extends AwsCommandOptions {
  readonly bucket?: string;
  readonly mediaDomain?: string;
  readonly pool?: string;
  /** Duration with unit: how far back ended sessions are searched. @default SWEEP_DEFAULTS.lookBack (the startover window) */
  readonly lookBack?: string;
  /** Sessions checked in this pass. @default SWEEP_DEFAULTS.limit */
  readonly limit?: number;
  /** Duration with unit: the pass stops starting work after this. @default SWEEP_DEFAULTS.timeout */
  readonly timeout?: string;
  readonly now?: string;
  readonly dryRun?: boolean;
  /** @default SWEEP_DEFAULTS.metricsNamespace */
  readonly metricsNamespace?: string;
}

export async function recordingsSweep(opts: RecordingsSweepOptions, env: NodeJS.ProcessEnv = process.env): Promise<SweepReport> {
  // Every input is checked before the first call.
  const problems: string[] = [];
  const bucket = opts.bucket ?? env.LIVESTREAM_RECORDING_BUCKET;
  if (!bucket || !S3_BUCKET_NAME.test(bucket)) problems.push(`--bucket (or LIVESTREAM_RECORDING_BUCKET) must be the recorded-media bucket name, got '${bucket ?? ""}'`);
  const mediaDomain = opts.mediaDomain ?? env.LIVESTREAM_MEDIA_DOMAIN;
  if (!mediaDomain || !isHostName(mediaDomain)) problems.push(`--media-domain (or LIVESTREAM_MEDIA_DOMAIN) must be the CloudFront host name, got '${mediaDomain ?? ""}'`);
  const limit = opts.limit ?? SWEEP_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) problems.push(`--limit must be 1-1000, got ${opts.limit}`);
  let lookBackMs = 0;
  let timeoutMs = 0;
  let now = Date.now();
  let settings;
  try {
    lookBackMs = parseDuration(opts.lookBack ?? SWEEP_DEFAULTS.lookBack, "--look-back", { minMs: 60_000 });
    timeoutMs = parseDuration(opts.timeout ?? SWEEP_DEFAULTS.timeout, "--timeout", { minMs: 1_000, maxMs: 15 * 60_000 });
    now = parseInstant(opts.now, "--now") ?? now;
    settings = databaseSettingsFromEnv(env, { applicationName: "ops-recordings-sweep", statementTimeoutMs: 10_000, lockTimeoutMs: 3_000 });
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof DatabaseSettingsError)) throw err;
    problems.push(err.message);
  }
  let pool: string | undefined;
  try {
    pool = opts.dryRun ? (opts.pool ?? env.LIVESTREAM_POOL) : resolvePool(opts.pool ?? env.LIVESTREAM_POOL);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length) throw new UsageError(problems.join("; "), "see ops recordings sweep --help");

  const deadline = Date.now() + timeoutMs;
  const aws = awsOptions(opts);
  const s3 = await createS3Client(recordingBounds(aws));
  const db = new DatabasePool(settings!, { max: 1 });
  let report: SweepReport;
  try {
    if (!opts.json) process.stderr.write(`sweeping s3://${bucket}/ for recordings of ended sessions (look-back ${opts.lookBack ?? SWEEP_DEFAULTS.lookBack})\n`);
    report = await sweepRecordings({ db, s3, bucket: bucket!, mediaDomain: mediaDomain!, now, lookBackMs, deadline, limit, dryRun: opts.dryRun });
  } finally {
    s3.destroy();
    await db.end();
  }

  let metricsError: string | undefined;
  if (!opts.dryRun && pool) {
    const cloudwatch = await createCloudWatchClient(recordingBounds(aws));
    try {
      await cloudwatch.send(new PutMetricDataCommand({ Namespace: opts.metricsNamespace ?? SWEEP_DEFAULTS.metricsNamespace, MetricData: sweepMetricData(report, pool) }));
    } catch (err) {
      metricsError = `CloudWatch PutMetricData failed: ${(err as Error).message}`;
    } finally {
      cloudwatch.destroy();
    }
  }

  const output = { ...report, bucket, pool, metricsPublished: !opts.dryRun && !!pool && !metricsError, metricsError };
  if (!opts.json) printHuman(report, bucket!);

  // On failure the report travels in the error: under --json, main prints it with the error.
  const failures = report.failures.length + (metricsError ? 1 : 0);
  if (opts.json && !failures) printJson(output);
  if (failures) {
    const done = report.indexed.length + report.expired.length;
    const message = `${failures} failure(s): ${[...report.failures.map((f) => `${f.sessionId}: ${f.reason}`), ...(metricsError ? [metricsError] : [])].slice(0, 5).join("; ")}`;
    if (done) throw new PartialError(message, "the failed sessions are tried again by the next sweep", output);
    throw new RemoteError(message, "check S3 and database reachability and the role's permissions", output);
  }
  return report;
}

function printHuman(r: SweepReport, bucket: string): void {
  const tag = r.dryRun ? "[dry run] " : "";
  print(`${tag}${r.checked} of ${r.candidates} ended session(s) without a recording checked in s3://${bucket}/`);
  for (const i of r.indexed) print(`  ${i.sessionId}: ${i.outcome === "would-index" ? "would index" : i.outcome} ${i.recordingUri}`);
  for (const id of r.expired) print(`  ${id}: ${r.dryRun ? "would be marked" : "marked"} recording_failed (no master manifest within the look-back window)`);
  if (r.notFound.length) print(`  not there yet: ${r.notFound.join(", ")}`);
  for (const f of r.failures) print(`  ${f.sessionId}: FAILED (${f.kind}) ${f.reason}`);
  if (r.deadlineReached) print("  stopped at the --timeout; the next sweep continues");
}
