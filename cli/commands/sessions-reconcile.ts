/**
 * `ops sessions reconcile`: one bounded pass over the pool (cli/sessions/pass/steps.ts). With a
 * postgres:// schedule the database is the pass's memory (sticky assignments, per-session stream
 * keys, transitions, harvest jobs) and an advisory lock keeps passes of one pool from overlapping;
 * a file schedule is planned whole on every pass (cli/sessions/file-store.ts says what that can and
 * cannot guarantee).
 *
 * Exit codes: 0 done or progressing (also when another pass holds the lock); 1 a bug; 2 bad flags, schedule
 * file or a pool no channel carries (nothing done); 3 AWS or PostgreSQL failed before anything could be done; 4 a start or stop
 * took longer than the transition timeout; 6 partial: some sessions, channels or harvests failed and
 * were reported, the rest of the pass went on.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { MAX_STARTOVER_WINDOW_HOURS } from "../../contracts";
import { isHostName } from "../../lib/host-name";
import { createAwsClients, createS3Client, type AwsClients } from "../aws/clients";
import { recordingBounds } from "../recordings/clients";
import { realClock, type Clock } from "../channels/lifecycle";
import { ExitCode, OpsError, PartialError, RemoteError, TimeoutError, UsageError } from "../errors";
import { createProgress } from "../progress";
import { assertValid, loadSchedule } from "../schedule";
import { isPostgresUrl } from "../support/postgres-url";
import { Deadline } from "../sessions/deadline";
import { formatElapsed, parseDuration } from "../support/duration";
import { parseInstant } from "../support/instant";
import { FileSessionStore } from "../sessions/file-store";
import { connectPassDatabase } from "../sessions/pass-database";
import { createPassContext, type PassReport, type PassSettings } from "../sessions/pass/context";
import { runPass } from "../sessions/pass/steps";
import { PostgresSessionStore } from "../sessions/postgres-store";
import type { SessionStore } from "../sessions/store";
import { RECONCILE_DEFAULTS } from "./defaults";
import { awsOptions, print, printJson, resolvePool, type AwsCommandOptions } from "./ops-context";

export interface SessionsReconcileOptions extends AwsCommandOptions {
  readonly schedule: string;
  readonly pool?: string;
  /** ISO 8601 instant to reason about instead of the clock. */
  readonly now?: string;
  /** @default RECONCILE_DEFAULTS.lead */
  readonly lead?: string;
  /** @default RECONCILE_DEFAULTS.grace */
  readonly grace?: string;
  /** Sessions starting within this get a channel. @default RECONCILE_DEFAULTS.horizon */
  readonly horizon?: string;
  /** The whole pass ends within this. @default RECONCILE_DEFAULTS.deadline */
  readonly deadline?: string;
  /** How long to wait for the starts and stops of this pass to settle. @default RECONCILE_DEFAULTS.wait */
  readonly wait?: string;
  /** A start or stop unsettled this long after its first call fails the pass (exit 4). @default RECONCILE_DEFAULTS.transitionTimeout */
  readonly transitionTimeout?: string;
  /** Bound on each AWS call attempt and each SQL statement. @default RECONCILE_DEFAULTS.callTimeout */
  readonly callTimeout?: string;
  /** MediaPackage startover window: how far back recordings are harvested. @default RECONCILE_DEFAULTS.startoverWindow */
  readonly startoverWindow?: string;
  /** AWS calls in flight at once. @default RECONCILE_DEFAULTS.concurrency */
  readonly concurrency?: number;
  /** Seconds between state reads while waiting. @default RECONCILE_DEFAULTS.pollInterval */
  readonly pollInterval?: number;
  readonly dryRun?: boolean;
  readonly recordingBucket?: string;
  readonly harvestRoleArn?: string;
  /** CloudFront host of playback URLs, for the recording sweep. @default $LIVESTREAM_MEDIA_DOMAIN */
  readonly mediaDomain?: string;
  /** @default RECONCILE_DEFAULTS.metricsNamespace */
  readonly metricsNamespace?: string;
}

/** Injected by tests and the benchmark; the CLI uses the real ones. */
export interface ReconcileDependencies {
  readonly clock?: Clock;
  readonly aws?: AwsClients;
  /** S3 for the recording sweep. @default a client made from the command's AWS options */
  readonly s3?: S3Client;
}

const SECOND = 1000;
const HORIZON_BEYOND_LEAD_MS = 10 * 60 * SECOND;

function bounded(value: string | undefined, fallback: string, flag: string, min: number, max: number): number {
  const ms = parseDuration(value ?? fallback, flag, { minMs: 0 });
  if (!(ms >= min && ms <= max)) throw new UsageError(`${flag} must be between ${formatBound(min)} and ${formatBound(max)}, got '${value}'`);
  return ms;
}
const formatBound = (ms: number) => (ms < 60_000 ? `${ms / 1000}s` : formatElapsed(ms));

/** Validates every flag before anything is called; returns the settings (minus the instant) and the call timeout. */
export function reconcileSettings(opts: SessionsReconcileOptions): {
  settings: Omit<PassSettings, "now" | "recordingSweep">;
  callTimeoutMs: number;
  now?: number;
  /** The recording sweep's bucket and media domain, when both are known. */
  sweep?: { bucket: string; mediaDomain: string };
} {
  const pool = resolvePool(opts.pool);
  const leadMs = bounded(opts.lead, RECONCILE_DEFAULTS.lead, "--lead", 0, 24 * 3_600_000);
  const graceMs = bounded(opts.grace, RECONCILE_DEFAULTS.grace, "--grace", 0, 24 * 3_600_000);
  // A session gets its channel (and its mentor the ingest URL) at least HORIZON_BEYOND_LEAD before
  // its channel starts: without --horizon, a long --lead stretches the default horizon with it.
  const horizonMs =
    opts.horizon === undefined
      ? Math.max(parseDuration(RECONCILE_DEFAULTS.horizon, "--horizon"), leadMs + HORIZON_BEYOND_LEAD_MS)
      : bounded(opts.horizon, RECONCILE_DEFAULTS.horizon, "--horizon", leadMs + 60 * SECOND, 7 * 24 * 3_600_000);
  const deadlineMs = bounded(opts.deadline, RECONCILE_DEFAULTS.deadline, "--deadline", 5 * SECOND, 15 * 60_000);
  const waitMs = bounded(opts.wait, RECONCILE_DEFAULTS.wait, "--wait", 0, deadlineMs);
  const transitionTimeoutMs = bounded(opts.transitionTimeout, RECONCILE_DEFAULTS.transitionTimeout, "--transition-timeout", 30 * SECOND, 3_600_000);
  const callTimeoutMs = bounded(opts.callTimeout, RECONCILE_DEFAULTS.callTimeout, "--call-timeout", 100, deadlineMs);
  const startoverWindowMs = bounded(opts.startoverWindow, RECONCILE_DEFAULTS.startoverWindow, "--startover-window", 3_600_000, MAX_STARTOVER_WINDOW_HOURS * 3_600_000);
  const concurrency = opts.concurrency ?? RECONCILE_DEFAULTS.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) throw new UsageError(`--concurrency must be a whole number from 1 to 50, got ${opts.concurrency}`);
  const poll = opts.pollInterval ?? parseDuration(RECONCILE_DEFAULTS.pollInterval, "--poll-interval") / SECOND;
  if (!(poll > 0 && poll <= 300)) throw new UsageError(`--poll-interval must be within (0, 300] seconds, got ${opts.pollInterval}`);
  const bucket = opts.recordingBucket ?? process.env.LIVESTREAM_RECORDING_BUCKET;
  const roleArn = opts.harvestRoleArn ?? process.env.LIVESTREAM_HARVEST_ROLE_ARN;
  if (!!bucket !== !!roleArn) throw new UsageError("--recording-bucket and --harvest-role-arn go together (or LIVESTREAM_RECORDING_BUCKET and LIVESTREAM_HARVEST_ROLE_ARN)");
  if (roleArn && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) throw new UsageError(`--harvest-role-arn '${roleArn}' is not an IAM role ARN`);
  const mediaDomain = opts.mediaDomain ?? process.env.LIVESTREAM_MEDIA_DOMAIN;
  if (mediaDomain !== undefined && !isHostName(mediaDomain)) throw new UsageError(`--media-domain '${mediaDomain}' is not a host name (e.g. media.example.com)`);
  return {
    settings: {
      pool,
      leadMs,
      graceMs,
      horizonMs,
      transitionTimeoutMs,
      startoverWindowMs,
      deadlineMs,
      waitMs,
      pollMs: poll * SECOND,
      concurrency,
      dryRun: opts.dryRun ?? false,
      harvest: bucket && roleArn ? { bucket, roleArn } : undefined,
      metricsNamespace: opts.metricsNamespace ?? RECONCILE_DEFAULTS.metricsNamespace,
    },
    callTimeoutMs,
    now: parseInstant(opts.now, "--now"),
    sweep: bucket && mediaDomain ? { bucket, mediaDomain } : undefined,
  };
}

/** Opens the store the schedule names: PostgreSQL (bounded connection) or the file, validated. */
async function openStore(spec: string, callTimeoutMs: number): Promise<SessionStore> {
  if (isPostgresUrl(spec)) {
    const client = await connectPassDatabase(spec, {
      statementTimeoutMs: callTimeoutMs,
      lockTimeoutMs: Math.min(callTimeoutMs, 2 * SECOND),
      connectTimeoutMs: Math.min(callTimeoutMs, 5 * SECOND),
    });
    return new PostgresSessionStore(client, spec);
  }
  // Malformed rows stop the pass before anything is called; a channel outside the pool does not
  // (it is reported on its session and the rest proceeds).
  const parsed = await loadSchedule(spec);
  const sessions = assertValid(parsed, spec);
  return new FileSessionStore(sessions, spec);
}

export async function sessionsReconcile(opts: SessionsReconcileOptions, deps: ReconcileDependencies = {}): Promise<void> {
  const { settings, callTimeoutMs, now, sweep } = reconcileSettings(opts);
  const clock = deps.clock ?? realClock;
  const deadline = new Deadline(clock, settings.deadlineMs);
  const aws = deps.aws ?? (await createAwsClients({ ...awsOptions(opts), requestTimeoutMs: callTimeoutMs, connectionTimeoutMs: Math.min(callTimeoutMs, 3 * SECOND) }));
  let store: SessionStore;
  try {
    store = await deadline.race("opening the schedule", openStore(opts.schedule, callTimeoutMs));
  } catch (err) {
    deadline.dispose();
    if (!deps.aws) destroy(aws);
    throw err;
  }
  const progress = await createProgress({ quiet: opts.json });
  // The recording sweep runs on the store's database: with postgres:// only.
  const s3 = sweep && store.sweepDatabase ? (deps.s3 ?? (await createS3Client(recordingBounds({ ...awsOptions(opts), requestTimeoutMs: callTimeoutMs })))) : undefined;
  const recordingSweep = sweep && s3 ? { ...sweep, s3 } : undefined;
  const ctx = createPassContext({ settings: { ...settings, recordingSweep, now: now ?? clock.now() }, aws, store, clock, deadline, progress: (t) => progress.update(t) });
  let report: PassReport;
  try {
    report = await runPass(ctx);
  } finally {
    // Idle keep-alive sockets would keep the process (the ECS task) alive past the pass.
    if (!deps.aws) destroy(aws);
    if (s3 && !deps.s3) s3.destroy();
  }
  if (report.skipped) progress.succeed(report.skipped);
  else if (report.errors.length) progress.fail(`${report.errors.length} problem(s) in ${report.durationMs} ms`);
  else progress.succeed(`pass done in ${report.durationMs} ms: ${report.mutatingCalls} action(s)`);
  // On failure the report travels as the error's details (printed by the entry point under --json).
  const failure = failureOf(report);
  if (!opts.json) printHuman(report);
  else if (!failure) printJson(report);
  if (failure) throw failure;
}

function destroy(aws: AwsClients): void {
  aws.medialive.destroy();
  aws.mediapackage.destroy();
  aws.cloudwatch.destroy();
}

function printHuman(r: PassReport): void {
  print(`${r.dryRun ? "[dry run] " : ""}pool ${r.pool} at ${r.now} (${r.source})`);
  if (r.skipped) return print(`  ${r.skipped}`);
  for (const c of r.channels) {
    const wanted = c.desired ? `wanted running (${c.sessionIds.join(" ")})` : "wanted idle";
    const health = c.healthy ? "" : `  UNHEALTHY: ${c.unhealthyReason ?? ""}`;
    print(`  channel ${c.id}  ${c.initialState} -> ${c.state}  ${wanted}  ${c.actions.join(", ") || "no action"}${health}${c.error ? `  ERROR: ${c.error}` : ""}`);
  }
  for (const s of r.sessions) print(`  session ${s.id}  ${s.status}${s.channelId ? ` on ${s.channelId}` : ""}: ${s.changes.join(", ") || "-"}${s.error ? `  ERROR: ${s.error}` : ""}`);
  for (const h of r.harvests) print(`  harvest ${h.sessionId} on ${h.channelId}: ${h.status} (${h.jobId})${h.error ? `: ${h.error}` : ""}`);
  for (const n of r.notes) print(`  note: ${n}`);
  for (const e of r.errors) print(`  error: ${e.message}`);
  print(`  ${r.mutatingCalls} mutating call(s); metrics ${r.metrics.published ? "published" : "not published"}; ${r.durationMs} ms`);
}

/** The error a finished pass exits with (see the file comment), the report as its details; none when it succeeded. */
export function failureOf(r: PassReport): OpsError | undefined {
  if (r.skipped || !r.errors.length) return undefined;
  const summary = `${r.errors.length} problem(s) in this pass: ${r.errors
    .map((e) => e.message)
    .slice(0, 5)
    .join("; ")}`;
  const bug = r.errors.find((e) => e.kind === "internal");
  if (bug) return new OpsError(`internal error in the pass: ${bug.message}`, ExitCode.Internal, undefined, r);
  const usage = r.errors.find((e) => e.kind === "usage");
  if (usage) return new UsageError(`nothing done: ${usage.message.replace(/^\w+: /, "")}`, usage.hint, r);
  if (r.stoppedAt === "lock" || r.stoppedAt === "load") return new RemoteError(`nothing done: ${summary}`, "AWS or PostgreSQL did not answer in time; the next pass tries again", r);
  if (r.errors.some((e) => e.kind === "timeout")) {
    return new TimeoutError(summary, "a channel has been starting or stopping for longer than --transition-timeout: ops channels status <id>", r);
  }
  return new PartialError(summary, "the report lists each problem on its session or channel; everything else was done", r);
}
