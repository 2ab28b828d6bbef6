/**
 * `ops sessions reconcile`: one idempotent pass over the pool (see cli/sessions/reconciler.ts).
 * Exit code: 0 when every channel is where the schedule wants it; 4 when only waits ran out;
 * 5 when sessions had no channel; 3 on AWS failures or failed channel states.
 */
import { createAwsClients } from "../aws/clients";
import { InfeasibleError, RemoteError, TimeoutError, UsageError } from "../errors";
import { realClock } from "../channels/lifecycle";
import { createProgress } from "../progress";
import { parseDuration, parseInstant } from "../sessions/duration";
import { reconcile, type ReconcileReport } from "../sessions/reconciler";
import { awsOptions, print, printJson, resolvePool, type AwsCommandOptions } from "./ops-context";
import { pollMs } from "./channels-start";
import { loadValidSchedule } from "./sessions-shared";

export interface SessionsReconcileOptions extends AwsCommandOptions {
  readonly schedule: string;
  readonly pool?: string;
  readonly now?: string;
  readonly lead?: string;
  readonly grace?: string;
  readonly dryRun?: boolean;
  /** Seconds to wait through transitional states. @default 240 */
  readonly timeout?: number;
  readonly recordingBucket?: string;
  readonly harvestRoleArn?: string;
  readonly metricsNamespace?: string;
  /** Seconds between state reads while waiting. @default 10 */
  readonly pollInterval?: number;
}

export async function sessionsReconcile(opts: SessionsReconcileOptions): Promise<void> {
  const pool = resolvePool(opts.pool);
  const leadMs = parseDuration(opts.lead ?? "10m", "--lead");
  const graceMs = parseDuration(opts.grace ?? "5m", "--grace");
  const now = parseInstant(opts.now, "--now") ?? Date.now();
  const timeout = opts.timeout ?? 240;
  if (!(timeout > 0 && timeout <= 3600)) throw new UsageError(`--timeout must be 1-3600 seconds, got ${opts.timeout}`);
  const bucket = opts.recordingBucket ?? process.env.LIVESTREAM_RECORDING_BUCKET;
  const roleArn = opts.harvestRoleArn ?? process.env.LIVESTREAM_HARVEST_ROLE_ARN;
  if (!!bucket !== !!roleArn) throw new UsageError("--recording-bucket and --harvest-role-arn go together (or LIVESTREAM_RECORDING_BUCKET and LIVESTREAM_HARVEST_ROLE_ARN)");
  if (roleArn && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) throw new UsageError(`--harvest-role-arn '${roleArn}' is not an IAM role ARN`);

  const clients = await createAwsClients(awsOptions(opts));
  // The pass needs the sessions around now: those that end after the harvest look-back began.
  const { channels, sessions } = await loadValidSchedule(clients.medialive, opts.schedule, pool, { from: now - 6 * 3_600_000 - graceMs, to: now + 24 * 3_600_000 });
  const progress = await createProgress({ quiet: opts.json });
  const report = await reconcile(clients, realClock, channels, sessions, {
    pool,
    leadMs,
    graceMs,
    now,
    dryRun: opts.dryRun,
    timeoutMs: timeout * 1000,
    pollMs: pollMs(opts.pollInterval, 10),
    harvest: bucket && roleArn ? { bucket, roleArn } : undefined,
    metricsNamespace: opts.metricsNamespace,
    onProgress: (t) => progress.update(t),
  });
  // The plan is internal detail; the report is what operators and scripts read.
  const out: ReconcileReport = { ...report };
  delete (out as Partial<typeof report>).plan;
  if (report.errors.length) progress.fail(`${report.errors.length} problem(s)`);
  else progress.succeed(`pass done: ${report.mutatingCalls} action(s)`);
  if (opts.json) printJson(out);
  else printHuman(out);
  failOn(report);
}

function printHuman(r: Omit<ReconcileReport, never>): void {
  print(`${r.dryRun ? "[dry run] " : ""}pool ${r.pool} at ${r.now}`);
  for (const c of r.channels) {
    const acts = c.actions.length ? c.actions.join(", ") : "no action";
    print(`  ${c.id}  ${c.initialState} -> ${c.state}  ${c.desired ? `wanted running (${c.sessionIds.join(" ")})` : "wanted idle"}  ${acts}${c.error ? `  ERROR: ${c.error}` : ""}`);
  }
  for (const h of r.harvests) print(`  harvest ${h.sessionId} on ${h.channelId}: ${h.status}${h.error ? ` (${h.error})` : ""}`);
  for (const n of r.notes) print(`  note: ${n}`);
  for (const e of r.errors) print(`  error: ${e.message}`);
  print(`  ${r.mutatingCalls} mutating call(s); metrics ${r.metrics.published ? "published" : "not published"}`);
}

function failOn(r: ReconcileReport): void {
  if (!r.errors.length) return;
  const kinds = new Set(r.errors.map((e) => e.kind));
  const msg = `${r.errors.length} problem(s) in this pass: ${r.errors.map((e) => e.message).slice(0, 5).join("; ")}`;
  if (kinds.has("remote") || kinds.has("failed-state")) throw new RemoteError(msg);
  if (kinds.has("infeasible")) throw new InfeasibleError(msg, "run `ops sessions plan` to see how many channels the schedule needs");
  throw new TimeoutError(msg);
}
