/**
 * observe: what the fresh channel states say about earlier passes, judged against the store's
 * memory. A start is late only once it has taken longer than the transition timeout from its first
 * call (remembered in pool_channels), so a channel STARTING for a minute is progress, not failure.
 * Channels in failed states, or whose starts failed twice, become unhealthy and get no sessions.
 * Sessions go live when their channel runs at their start, and ended at their end.
 */
import { FAILED_STATES } from "../../channels/pool";
import { formatElapsed } from "../../support/duration";
import type { ChannelChanges, StoredChannel } from "../store";
import { addError, passTime, queueChannel, queueSession, sessionReport, type ChannelView, type PassContext, type PassStep } from "./context";

/** Starts in a row that did not reach RUNNING before a channel counts as unhealthy. */
export const START_FAILURES_UNHEALTHY = 2;

const CARRYING = new Set(["RUNNING", "RECOVERING"]);
export const isCarrying = (state: string): boolean => CARRYING.has(state);

const failedStateReason = (state: string) => `channel is ${state}`;
/** Reasons that end by themselves once the channel is IDLE or RUNNING again. */
const CLEARS_WHEN_SETTLED = ["channel is ", "no longer in the pool"];
const startFailureReason = (n: number) => `${n} starts in a row did not reach RUNNING`;

export const observeStep: PassStep = {
  name: "observe",
  async run(ctx: PassContext): Promise<void> {
    for (const c of ctx.channels) observeChannel(ctx, c);
    observeSessions(ctx);
  },
};

/** What the stored transition and the state now say: settled, still on its way (late or not), or failed. */
export interface TransitionVerdict {
  readonly transition?: "start" | "stop";
  readonly since?: number;
  readonly overdue: boolean;
  readonly startFailures: number;
  readonly lastStartFailureAt?: number;
  /** The start fell back to IDLE. */
  readonly fellBack: boolean;
}

export function judgeTransition(stored: StoredChannel, state: string, now: number, timeoutMs: number): TransitionVerdict {
  let failures = stored.startFailures;
  let lastFailure = stored.lastStartFailureAt;
  let transition = stored.transition;
  let since = stored.transitionStartedAt;
  let overdue = false;
  let fellBack = false;
  if (transition === "start") {
    if (isCarrying(state)) transition = undefined;
    else if (state === "STARTING") {
      overdue = now - since! > timeoutMs;
      // A start stuck past the timeout counts as one failed start per timeout period.
      if (overdue && (lastFailure === undefined || lastFailure < since! || now - lastFailure >= timeoutMs)) {
        failures++;
        lastFailure = now;
      }
    } else {
      if (state === "IDLE") {
        failures++;
        lastFailure = now;
        fellBack = true;
      }
      transition = undefined;
    }
  } else if (transition === "stop") {
    if (state === "STOPPING") overdue = now - since! > timeoutMs;
    else transition = undefined;
  } else if (state === "STARTING" || state === "STOPPING") {
    // Someone else asked, or the pass's record was lost: time it from now.
    transition = state === "STARTING" ? "start" : "stop";
    since = now;
  }
  // Running is proof the channel can start, whoever started it.
  if (isCarrying(state)) failures = 0;
  return { transition, since: transition ? since : undefined, overdue, startFailures: failures, lastStartFailureAt: lastFailure, fellBack };
}

/** Healthy or not, and why, from the stored verdict, the state and the start failures. */
export function judgeHealth(stored: StoredChannel, state: string, startFailures: number): { healthy: boolean; reason?: string } {
  if (FAILED_STATES.has(state)) return { healthy: false, reason: failedStateReason(state) };
  let healthy = stored.healthy;
  let reason = stored.unhealthyReason;
  const settled = state === "IDLE" || isCarrying(state);
  // Repaired (a successful update after UPDATE_FAILED) or back in the pool; or it ran after all.
  if (!healthy && settled && (reason === undefined || CLEARS_WHEN_SETTLED.some((r) => reason!.startsWith(r)))) healthy = true;
  else if (!healthy && isCarrying(state) && startFailures === 0) healthy = true;
  if (healthy) reason = undefined;
  if (healthy && startFailures >= START_FAILURES_UNHEALTHY) return { healthy: false, reason: startFailureReason(startFailures) };
  return { healthy, reason };
}

function observeChannel(ctx: PassContext, c: ChannelView): void {
  const now = passTime(ctx);
  const timeout = ctx.settings.transitionTimeoutMs;
  const s = c.stored;
  const t = judgeTransition(s, c.state, now, timeout);
  const { healthy, reason } = judgeHealth(s, c.state, t.startFailures);

  if (t.fellBack) ctx.report.notes.push(`channel ${c.id} went back to IDLE after its start (${t.startFailures} failed start(s) in a row)`);
  if (t.overdue) {
    addError(ctx, {
      kind: "timeout",
      channelId: c.id,
      message: `channel ${c.id} still ${c.state} ${formatElapsed(now - t.since!)} after its ${t.transition} was asked for (transition timeout ${formatElapsed(timeout)})`,
    });
  }
  c.transition = t.transition ? { action: t.transition, since: t.since!, overdue: t.overdue } : undefined;
  // A late start makes a channel no place for sessions that are not on air yet, for now.
  const late = t.overdue && t.transition === "start";
  c.usable = healthy && !late;
  c.unusableReason = c.usable ? undefined : (reason ?? `start is late (${c.state})`);

  const changes: ChannelChanges = {
    healthy,
    unhealthyReason: reason ?? null,
    unhealthySince: healthy ? null : s.healthy ? now : (s.unhealthySince ?? now),
    startFailures: t.startFailures,
    lastStartFailureAt: t.lastStartFailureAt ?? null,
    transition: t.transition ?? null,
    transitionStartedAt: t.since ?? null,
    lastState: c.state,
  };
  const changed =
    healthy !== s.healthy ||
    reason !== s.unhealthyReason ||
    t.startFailures !== s.startFailures ||
    t.lastStartFailureAt !== s.lastStartFailureAt ||
    t.transition !== s.transition ||
    t.since !== s.transitionStartedAt ||
    c.state !== s.lastState;
  if (changed) queueChannel(ctx, c.id, changes);
  if (!healthy && s.healthy) ctx.report.notes.push(`channel ${c.id} marked unhealthy: ${reason}`);
  if (healthy && !s.healthy) ctx.report.notes.push(`channel ${c.id} healthy again`);

  const r = ctx.report.channels.find((x) => x.id === c.id)!;
  r.healthy = c.usable;
  r.unhealthyReason = c.unusableReason;
  r.transition = c.transition ? { action: c.transition.action, since: new Date(c.transition.since).toISOString(), overdue: t.overdue } : undefined;
}

function observeSessions(ctx: PassContext): void {
  const now = passTime(ctx);
  const byId = new Map(ctx.channels.map((c) => [c.id, c]));
  for (const s of [...ctx.sessions]) {
    const ch = s.channelId && s.channelAssignedAt !== undefined ? byId.get(s.channelId) : undefined;
    if (s.status === "scheduled" && now >= s.startsAt && now < s.endsAt && ch && isCarrying(ch.state)) {
      queueSession(ctx, s.id, { status: "live", liveAt: now });
      sessionReport(ctx, s.id).changes.push("live");
    } else if ((s.status === "scheduled" || s.status === "live") && now >= s.endsAt) {
      const missed = s.status === "scheduled";
      queueSession(ctx, s.id, {
        status: "ended",
        endedAt: now,
        ...(missed ? { lastError: "never seen on air: its channel was not RUNNING when a pass looked during the session" } : {}),
      });
      sessionReport(ctx, s.id).changes.push(missed ? "ended (never seen on air)" : "ended");
    } else if (s.status === "no_channel" && now >= s.endsAt) {
      queueSession(ctx, s.id, { status: "recording_failed", lastError: `no channel ran it: ${s.lastError ?? "none was free"}` });
      sessionReport(ctx, s.id).changes.push("recording_failed (no channel ran it)");
    }
  }
  for (const [id, r] of ctx.sessionReports) r.status = ctx.sessions.find((s) => s.id === id)?.status ?? r.status;
}
