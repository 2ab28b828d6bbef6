/**
 * The one object a reconcile pass's steps share: its settings and dependencies (read-only), what
 * the steps learn (channels, sessions, plan, decisions), the writes they queue for the `record`
 * step, and the report. Steps are small async functions over it (./steps.ts lists them in order).
 */
import type { OpsMetricName } from "../../../contracts";
import type { AwsClients } from "../../aws/clients";
import type { Clock } from "../../channels/lifecycle";
import type { PoolChannel } from "../../channels/pool";
import type { Deadline } from "../deadline";
import type { HarvestTarget } from "../harvest";
import type { SweepReport, SweepS3 } from "../../recordings/sweep";
import type { StickyPlan, StickyPlanOptions } from "../sticky-planner";
import type { RecordingLossRule } from "../startover";
import type { ChannelChanges, ChannelUpdate, SessionChanges, SessionStore, SessionUpdate, StoredChannel, StoredSession } from "../store";

/** The sticky planner's options (pool, now: the instant the pass reasons about, lead, grace, horizon, restart gap), and the pass's own. */
export interface PassSettings extends StickyPlanOptions {
  /** A start or stop unsettled this long after its first call is a failure (exit 4). */
  readonly transitionTimeoutMs: number;
  /** MediaPackage startover window: harvesting looks back this far, then gives up. */
  readonly startoverWindowMs: number;
  /** The whole pass, ms. */
  readonly deadlineMs: number;
  /** How long the pass waits for the starts and stops it made to settle, ms (0: the next pass looks). */
  readonly waitMs: number;
  /** Poll interval while waiting, ms. */
  readonly pollMs: number;
  /** AWS calls in flight at once. */
  readonly concurrency: number;
  /** Decide and report only: no AWS call that changes anything, no write, no metric, no lock. */
  readonly dryRun: boolean;
  /** Where recordings go; harvesting is skipped (and said so) without it. */
  readonly harvest?: HarvestTarget;
  /** Where the recording sweep looks for recordings events missed; no sweep without it. */
  readonly recordingSweep?: RecordingSweepTarget;
  readonly metricsNamespace: string;
}

/** The recorded-media bucket, the CloudFront host of playback URLs, and the S3 client to look with. */
export interface RecordingSweepTarget {
  readonly bucket: string;
  readonly mediaDomain: string;
  readonly s3: SweepS3;
  /** Sessions checked per pass. @default the sweep's (25) */
  readonly limit?: number;
}

/** One pool channel as this pass sees it: MediaLive's view, the store's memory, and the verdict. */
export interface ChannelView {
  readonly channel: PoolChannel;
  readonly id: string;
  /** State read at the start of the pass. */
  readonly initialState: string;
  /** Latest state the pass knows. */
  state: string;
  /** What the store remembers (defaults for a channel it has never seen). */
  readonly stored: StoredChannel;
  /** May take sessions (healthy, not failed, not late in a start). */
  usable: boolean;
  unusableReason?: string;
  /** A start or stop not yet settled: since when, and whether it is late. */
  transition?: { action: "start" | "stop"; since: number; overdue: boolean };
}

export interface ChannelDecision {
  readonly channelId: string;
  /** A run of the plan covers now. */
  readonly desired: boolean;
  /** Sessions of that run. */
  readonly runSessionIds: readonly string[];
  readonly action: "start" | "stop" | "none";
  /** Sessions given the fresh stream key set before the start. */
  readonly rekeySessionIds: readonly string[];
  /** Sessions joining a run already on air: they get the running channel's current ingest URLs. */
  readonly shareKeySessionIds: readonly string[];
}

export type ChannelAction = "rekey" | "start" | "stop" | "share-key" | "would-rekey" | "would-start" | "would-stop";

export interface ChannelReport {
  readonly id: string;
  readonly name: string;
  readonly initialState: string;
  state: string;
  healthy: boolean;
  unhealthyReason?: string;
  desired: boolean;
  sessionIds: string[];
  readonly actions: ChannelAction[];
  transition?: { action: "start" | "stop"; since: string; overdue: boolean };
  error?: string;
}

export interface SessionReport {
  readonly id: string;
  channelId?: string;
  status: string;
  /** What this pass did about the session, in order ("assigned to X", "live", "stream key set"...). */
  readonly changes: string[];
  error?: string;
}

export interface HarvestReport {
  readonly sessionId: string;
  readonly channelId: string;
  readonly jobId: string;
  readonly attempt: number;
  status: "created" | "in-progress" | "succeeded" | "failed" | "would-create" | "gave-up" | "error";
  error?: string;
}

/**
 * `internal`: a step failed with something that is not an AWS or PostgreSQL error (a bug).
 * `usage`: the pass cannot run as asked (e.g. a pool no channel carries): nothing was done.
 */
export type PassErrorKind = "session" | "channel" | "remote" | "store" | "timeout" | "harvest" | "internal" | "usage";

export interface PassError {
  readonly kind: PassErrorKind;
  readonly channelId?: string;
  readonly sessionId?: string;
  readonly message: string;
  /** What to do about it (usage errors). */
  readonly hint?: string;
}

export interface PassReport {
  readonly now: string;
  readonly pool: string;
  readonly dryRun: boolean;
  /** The store: a redacted postgres URL or a file name. */
  readonly source: string;
  /** Set when the pass did nothing because another pass holds the pool's lock. */
  skipped?: string;
  /** The step that ended the pass early (its error is in errors). */
  stoppedAt?: string;
  channels: ChannelReport[];
  sessions: SessionReport[];
  harvests: HarvestReport[];
  errors: PassError[];
  notes: string[];
  /** Calls that changed something at AWS and were accepted (UpdateInput, Start/StopChannel, CreateHarvestJob). */
  mutatingCalls: number;
  /** Sessions this pass marked recording_failed because the startover window closed before a harvest. */
  recordingsLost: number;
  metrics: Partial<Record<OpsMetricName, number>> & { published: boolean };
  steps: { name: string; ms: number }[];
  durationMs: number;
}

export interface PassContext {
  readonly settings: PassSettings;
  readonly aws: AwsClients;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly deadline: Deadline;
  /** Progress for a person (a spinner or plain lines on stderr). Never the key. */
  readonly progress: (text: string) => void;
  /** Pool channels, by id order. */
  channels: ChannelView[];
  /** Loaded sessions, with this pass's queued changes applied. */
  sessions: StoredSession[];
  plan?: StickyPlan;
  decisions: ChannelDecision[];
  /** Writes the `record` step flushes. */
  readonly pending: { sessions: Map<string, SessionChanges>; channels: Map<string, ChannelChanges>; recordingLoss?: RecordingLossRule };
  readonly report: PassReport;
  readonly sessionReports: Map<string, SessionReport>;
  /** Sessions whose facts could not be written: their channel is not started in this pass. */
  readonly unwritten: Set<string>;
  /** Sessions the app cancelled (or that were recorded) since the pass loaded them. */
  readonly gone: Set<string>;
  /** What the recording sweep found, when it ran (its metrics go out with the pass's). */
  recordingSweep?: SweepReport;
  /** Set by a step to end the pass early; steps without `always` are skipped from then on. */
  stopped?: string;
}

/** One step of the pass. `always` steps run even after the pass stopped early (record, publish). */
export interface PassStep {
  readonly name: string;
  readonly always?: boolean;
  run(ctx: PassContext): Promise<void>;
}

export interface PassDependencies {
  readonly settings: PassSettings;
  readonly aws: AwsClients;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly deadline: Deadline;
  readonly progress?: (text: string) => void;
}

export function createPassContext(deps: PassDependencies): PassContext {
  return {
    ...deps,
    progress: deps.progress ?? (() => undefined),
    channels: [],
    sessions: [],
    decisions: [],
    pending: { sessions: new Map(), channels: new Map() },
    sessionReports: new Map(),
    unwritten: new Set(),
    gone: new Set(),
    report: {
      now: new Date(deps.settings.now).toISOString(),
      pool: deps.settings.pool,
      dryRun: deps.settings.dryRun,
      source: deps.store.source,
      channels: [],
      sessions: [],
      harvests: [],
      errors: [],
      notes: [],
      mutatingCalls: 0,
      recordingsLost: 0,
      metrics: { published: false },
      steps: [],
      durationMs: 0,
    },
  };
}

/** The pass's own timeline: `settings.now` advanced by the clock time spent in the pass. */
export function passTime(ctx: PassContext): number {
  return ctx.settings.now + ctx.deadline.elapsed();
}

/** Queues a change of a session for `record` and applies it to the pass's view of the session. */
export function queueSession(ctx: PassContext, id: string, set: SessionChanges): void {
  ctx.pending.sessions.set(id, { ...ctx.pending.sessions.get(id), ...set });
  applyToView(ctx, id, set);
}

/** Applies written (or queued) changes to the pass's view of a session. */
export function applyToView(ctx: PassContext, id: string, set: SessionChanges): void {
  const i = ctx.sessions.findIndex((s) => s.id === id);
  if (i < 0) return;
  const next: Record<string, unknown> = { ...ctx.sessions[i] };
  for (const [key, v] of Object.entries(set)) {
    if (key === "ingestUrls" || v === undefined) continue; // the pass never keeps keys around
    next[key] = v === null ? undefined : v;
  }
  ctx.sessions[i] = next as unknown as StoredSession;
}

export function queueChannel(ctx: PassContext, id: string, set: ChannelChanges): void {
  ctx.pending.channels.set(id, { ...ctx.pending.channels.get(id), ...set });
}

export function sessionReport(ctx: PassContext, id: string): SessionReport {
  let r = ctx.sessionReports.get(id);
  if (!r) {
    const s = ctx.sessions.find((x) => x.id === id);
    r = { id, channelId: s?.channelId, status: s?.status ?? "unknown", changes: [] };
    ctx.sessionReports.set(id, r);
  }
  return r;
}

export function channelReport(ctx: PassContext, id: string): ChannelReport | undefined {
  return ctx.report.channels.find((c) => c.id === id);
}

export function addError(ctx: PassContext, error: PassError): void {
  ctx.report.errors.push(error);
  if (error.sessionId) sessionReport(ctx, error.sessionId).error = error.message;
  if (error.channelId) {
    const c = channelReport(ctx, error.channelId);
    if (c) c.error = error.message;
  }
}

/** Pending updates as the store takes them. */
export function drainPending(ctx: PassContext): { sessions: SessionUpdate[]; channels: ChannelUpdate[] } {
  const sessions = [...ctx.pending.sessions].map(([id, set]) => ({ id, set }));
  const channels = [...ctx.pending.channels].map(([channelId, set]) => ({ channelId, set }));
  ctx.pending.sessions.clear();
  ctx.pending.channels.clear();
  return { sessions, channels };
}
