/**
 * One reconcile pass: bring every pool channel to the state the schedule wants now, harvest the
 * recordings of sessions whose channel has stopped, and publish the pass's metrics.
 *
 * Idempotent by construction: every decision comes from the channel's state read in this pass and
 * the schedule, never from memory of earlier passes. A second pass right after the first finds every
 * channel where it should be (or on its way) and makes no Start/Stop/CreateHarvestJob call.
 *
 * Waiting is bounded and shared: all channels that are transitional (or were just started or
 * stopped) are polled together once per round until they settle or the deadline passes.
 */
import { StartChannelCommand, StopChannelCommand } from "@aws-sdk/client-medialive";
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { awsErrorInfo, type AwsClients } from "../aws/clients";
import type { Clock } from "../channels/lifecycle";
import { FAILED_STATES, describeChannel, type PoolChannel } from "../channels/pool";
import type { Session } from "../schedule/session";
import { createHarvestJob, existingHarvestJobIds, harvestJobId, originEndpointOf, type HarvestTarget } from "./harvest";
import { planSessions, type ChannelRun, type Plan } from "./planner";

export interface ReconcileOptions {
  readonly pool: string;
  readonly leadMs: number;
  readonly graceMs: number;
  /** The instant the pass reasons about. @default clock.now() */
  readonly now?: number;
  /** Decide and report only: no Start/Stop/CreateHarvestJob/PutMetricData, no waiting. */
  readonly dryRun?: boolean;
  /** Bound on waiting through transitional states in this pass, ms. @default 240 s */
  readonly timeoutMs?: number;
  /** Poll interval while waiting, ms. @default 10 s */
  readonly pollMs?: number;
  /** Where recordings go; harvesting is skipped (and said so) when absent. */
  readonly harvest?: HarvestTarget;
  /** Sessions that ended longer ago than this are not harvested any more. @default 6 h */
  readonly harvestLookbackMs?: number;
  /** CloudWatch namespace of the pass metrics. @default "Livestream/Ops" */
  readonly metricsNamespace?: string;
  /** Called on progress, e.g. a spinner. */
  readonly onProgress?: (text: string) => void;
}

export type ChannelAction = "start" | "stop" | "would-start" | "would-stop";

export interface ChannelReport {
  readonly id: string;
  readonly name: string;
  /** State read at the start of the pass. */
  readonly initialState: string;
  /** State at the end of the pass. */
  state: string;
  /** Whether the schedule wants the channel running now. */
  readonly desired: boolean;
  /** Sessions assigned to this channel whose window contains now. */
  readonly sessionIds: string[];
  readonly actions: ChannelAction[];
  error?: string;
}

export interface HarvestReport {
  readonly sessionId: string;
  readonly channelId: string;
  readonly jobId: string;
  status: "created" | "exists" | "would-create" | "error";
  error?: string;
}

export interface ReconcileError {
  readonly kind: "timeout" | "remote" | "failed-state" | "infeasible";
  readonly channelId?: string;
  readonly sessionId?: string;
  readonly message: string;
}

export interface ReconcileReport {
  readonly now: string;
  readonly pool: string;
  readonly dryRun: boolean;
  readonly channels: ChannelReport[];
  readonly harvests: HarvestReport[];
  readonly errors: ReconcileError[];
  readonly notes: string[];
  /** Start/Stop/CreateHarvestJob calls accepted by AWS in this pass. */
  readonly mutatingCalls: number;
  readonly metrics: { ChannelsRunning: number; SessionsLive: number; Actions: number; Errors: number; published: boolean };
}

type Decision = "start" | "stop" | "wait" | "done" | "failed";

/** What to do with a channel in `state` when the schedule does (not) want it running. */
export function decide(state: string, desired: boolean): Decision {
  if (state === "IDLE") return desired ? "start" : "done";
  if (state === "RUNNING") return desired ? "done" : "stop";
  if (FAILED_STATES.has(state)) return "failed";
  // RECOVERING is a running channel repairing a pipeline: fine while wanted, waited out otherwise.
  if (state === "RECOVERING" && desired) return "done";
  // STARTING, STOPPING, RECOVERING, UPDATING, CREATING, DELETING: wait until it settles. A channel
  // STARTING for a session is waited on too, so a stuck start is reported in this pass.
  if (["STARTING", "STOPPING", "RECOVERING", "UPDATING", "CREATING", "DELETING"].includes(state)) return "wait";
  return "failed";
}

const runAt = (runs: readonly ChannelRun[], channelId: string, t: number) => runs.find((r) => r.channelId === channelId && r.start <= t && t < r.end);

export async function reconcile(
  clients: AwsClients,
  clock: Clock,
  channels: readonly PoolChannel[],
  sessions: readonly Session[],
  options: ReconcileOptions,
): Promise<ReconcileReport & { plan: Plan }> {
  const now = options.now ?? clock.now();
  const dryRun = options.dryRun ?? false;
  const timeoutMs = options.timeoutMs ?? 240_000;
  const pollMs = options.pollMs ?? 10_000;
  const progress = options.onProgress ?? (() => undefined);
  const plan = planSessions(sessions, channels, { leadMs: options.leadMs, graceMs: options.graceMs });
  const errors: ReconcileError[] = [];
  const notes: string[] = [];
  let mutatingCalls = 0;

  for (const u of plan.unplaced) {
    errors.push({ kind: "infeasible", sessionId: u.session.id, message: `session ${u.session.id} has no channel: ${u.reason} (pool ${plan.poolSize}, needs ${plan.channelsNeeded})` });
  }

  const reports: ChannelReport[] = channels.map((c) => {
    const run = runAt(plan.runs, c.id, now);
    return { id: c.id, name: c.name, initialState: c.state, state: c.state, desired: !!run, sessionIds: run?.sessionIds ?? [], actions: [] };
  });

  /** Issues the call a decision asks for; returns whether the channel must be waited on. */
  const act = async (r: ChannelReport, decision: Decision): Promise<boolean> => {
    if (decision === "done") return false;
    if (decision === "failed") {
      r.error = `channel is ${r.state}; a start or stop cannot fix it`;
      errors.push({ kind: "failed-state", channelId: r.id, message: `channel ${r.id} is ${r.state}` });
      return false;
    }
    if (decision === "wait") return !dryRun;
    const verb = decision === "start" ? "StartChannel" : "StopChannel";
    if (dryRun) {
      r.actions.push(decision === "start" ? "would-start" : "would-stop");
      return false;
    }
    // At most one start and one stop per channel per pass: a loop here would mean flapping.
    if (r.actions.includes(decision)) {
      r.error = `channel went back to ${r.state} after ${verb} in this pass`;
      errors.push({ kind: "remote", channelId: r.id, message: `channel ${r.id}: ${r.error}` });
      return false;
    }
    for (let conflicts = 0; conflicts < 3; conflicts++) {
      try {
        progress(`${verb} ${r.id}`);
        await clients.medialive.send(decision === "start" ? new StartChannelCommand({ ChannelId: r.id }) : new StopChannelCommand({ ChannelId: r.id }));
        mutatingCalls++;
        r.actions.push(decision);
        r.state = decision === "start" ? "STARTING" : "STOPPING";
        return true;
      } catch (err) {
        const info = awsErrorInfo(err);
        if (info.name !== "ConflictException") {
          r.error = `${verb} failed: ${info.name}: ${info.message}`;
          errors.push({ kind: "remote", channelId: r.id, message: `channel ${r.id}: ${r.error}` });
          return false;
        }
        // Someone else moved the channel: read the state again and decide afresh.
        try {
          r.state = (await describeChannel(clients.medialive, r.id)).state;
        } catch {
          return true;
        }
        const again = decide(r.state, r.desired);
        if (again !== decision) return act(r, again);
      }
    }
    return true;
  };

  let pending: ChannelReport[] = [];
  for (const r of reports) {
    if (await act(r, decide(r.state, r.desired))) pending.push(r);
  }
  if (dryRun) {
    for (const r of reports) if (decide(r.state, r.desired) === "wait") notes.push(`channel ${r.id} is ${r.state}: a real pass would wait for it to settle`);
  }

  const deadline = clock.now() + timeoutMs;
  while (pending.length) {
    if (clock.now() >= deadline) {
      for (const r of pending) {
        r.error = `still ${r.state} after ${Math.round(timeoutMs / 1000)} s`;
        errors.push({ kind: "timeout", channelId: r.id, message: `channel ${r.id} still ${r.state} when the ${Math.round(timeoutMs / 1000)} s wait ran out` });
      }
      break;
    }
    progress(`waiting for ${pending.map((r) => `${r.id} (${r.state})`).join(", ")}`);
    await clock.sleep(Math.min(pollMs, Math.max(1, deadline - clock.now())));
    const still: ChannelReport[] = [];
    for (const r of pending) {
      try {
        r.state = (await describeChannel(clients.medialive, r.id)).state;
      } catch {
        still.push(r); // throttled past retries: try again next round
        continue;
      }
      if (await act(r, decide(r.state, r.desired))) still.push(r);
    }
    pending = still;
  }

  const harvests = await harvestEnded(clients, reports, plan, now, options, dryRun, errors, notes, () => mutatingCalls++);

  const metrics = {
    ChannelsRunning: reports.filter((r) => r.state === "RUNNING" || r.state === "RECOVERING").length,
    SessionsLive: sessions.filter((s) => s.startsAt <= now && now < s.endsAt).length,
    Actions: mutatingCalls,
    Errors: errors.length,
    published: false,
  };
  if (!dryRun) {
    try {
      await clients.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: options.metricsNamespace ?? "Livestream/Ops",
          MetricData: (["ChannelsRunning", "SessionsLive", "Actions", "Errors"] as const).map((name) => ({
            MetricName: name,
            Dimensions: [{ Name: "Pool", Value: options.pool }],
            Timestamp: new Date(clock.now()),
            Value: metrics[name],
            Unit: "Count",
          })),
        }),
      );
      metrics.published = true;
    } catch (err) {
      const info = awsErrorInfo(err);
      errors.push({ kind: "remote", message: `CloudWatch PutMetricData failed: ${info.name}: ${info.message}` });
      metrics.Errors = errors.length;
    }
  }

  return { now: new Date(now).toISOString(), pool: options.pool, dryRun, channels: reports, harvests, errors, notes, mutatingCalls, metrics, plan };
}

async function harvestEnded(
  clients: AwsClients,
  reports: readonly ChannelReport[],
  plan: Plan,
  now: number,
  options: ReconcileOptions,
  dryRun: boolean,
  errors: ReconcileError[],
  notes: string[],
  countCall: () => void,
): Promise<HarvestReport[]> {
  const lookback = options.harvestLookbackMs ?? 6 * 3_600_000;
  const stateOf = new Map(reports.map((r) => [r.id, r]));
  // A session is ready once its window (plus grace) is over and its channel no longer carries it:
  // the run ended and the channel stopped (or moved on to a later run), or the run continues for
  // back-to-back sessions, whose long chains would otherwise outlive the look-back and the
  // endpoint's startover window.
  const ready = plan.assignments.filter((a) => {
    const run = plan.runs.find((r) => r.channelId === a.channelId && r.sessionIds.includes(a.session.id));
    if (!run || a.session.endsAt + options.graceMs > now || a.session.endsAt < now - lookback) return false;
    const r = stateOf.get(a.channelId);
    if (!r) return false;
    if (run.end > now) return r.state === "RUNNING";
    return r.state === "IDLE" || (r.desired && r.state === "RUNNING" && runAt(plan.runs, a.channelId, now) !== run);
  });
  if (!ready.length) return [];
  if (!options.harvest) {
    notes.push(`${ready.length} ended session(s) not harvested: no recording bucket and harvest role given (--recording-bucket, --harvest-role-arn)`);
    return [];
  }
  const out: HarvestReport[] = [];
  // One listing per pass tells which sessions still lack their (deterministically named) job, so
  // a steady pool costs one read here, not several per channel.
  let existing: Set<string>;
  try {
    existing = await existingHarvestJobIds(clients.mediapackage);
  } catch (err) {
    errors.push({ kind: "remote", message: `harvest: ${(err as Error).message}` });
    return out;
  }
  const byChannel = new Map<string, typeof ready>();
  for (const a of ready) {
    if (existing.has(harvestJobId(a.session.id))) continue;
    byChannel.set(a.channelId, [...(byChannel.get(a.channelId) ?? []), a]);
  }
  for (const [channelId, missing] of byChannel) {
    try {
      const details = await describeChannel(clients.medialive, channelId);
      const mpChannel = details.mediaPackageChannelIds[0];
      if (!mpChannel) throw new Error(`channel ${channelId} has no MediaPackage destination`);
      const endpoint = await originEndpointOf(clients.mediapackage, mpChannel);
      if (!endpoint) throw new Error(`MediaPackage channel ${mpChannel} has no origin endpoint to harvest from`);
      for (const a of missing) {
        const report: HarvestReport = { sessionId: a.session.id, channelId, jobId: harvestJobId(a.session.id), status: "would-create" };
        out.push(report);
        if (dryRun) continue;
        try {
          report.status = await createHarvestJob(clients.mediapackage, {
            sessionId: a.session.id,
            originEndpointId: endpoint,
            startsAt: a.session.startsAt,
            endsAt: a.session.endsAt,
            target: options.harvest,
          });
          if (report.status === "created") countCall();
        } catch (err) {
          report.status = "error";
          report.error = (err as Error).message;
          errors.push({ kind: "remote", channelId, sessionId: a.session.id, message: report.error });
        }
      }
    } catch (err) {
      errors.push({ kind: "remote", channelId, message: `harvest for channel ${channelId}: ${(err as Error).message}` });
    }
  }
  return out;
}
