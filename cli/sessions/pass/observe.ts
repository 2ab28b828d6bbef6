/**
 * observe: what the fresh channel states say about earlier passes, judged against the store's
 * memory. A start is late only once it has taken longer than the transition timeout from its first
 * call (remembered in pool_channels), so a channel STARTING for a minute is progress, not failure.
 * Channels in failed states, or whose starts failed twice, become unhealthy and get no sessions.
 * Sessions go live when their channel runs at their start, and ended at their end.
 */
import { FAILED_STATES } from "../../channels/pool";
import { formatDuration } from "../duration";
import type { ChannelChanges } from "../store";
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

function observeChannel(ctx: PassContext, c: ChannelView): void {
  const now = passTime(ctx);
  const timeout = ctx.settings.transitionTimeoutMs;
  const s = c.stored;
  let healthy = s.healthy;
  let reason = s.unhealthyReason;
  let failures = s.startFailures;
  let lastFailure = s.lastStartFailureAt;
  let transition = s.transition;
  let since = s.transitionStartedAt;
  let overdue = false;
  const failed = FAILED_STATES.has(c.state);

  if (transition === "start") {
    if (isCarrying(c.state)) {
      transition = undefined;
      failures = 0;
    } else if (c.state === "STARTING") {
      overdue = now - since! > timeout;
      // A start stuck past the timeout counts as one failed start per timeout period.
      if (overdue && (lastFailure === undefined || lastFailure < since! || now - lastFailure >= timeout)) {
        failures++;
        lastFailure = now;
      }
    } else {
      if (c.state === "IDLE") {
        failures++;
        lastFailure = now;
        ctx.report.notes.push(`channel ${c.id} went back to IDLE after its start (${failures} failed start(s) in a row)`);
      }
      transition = undefined;
    }
  } else if (transition === "stop") {
    if (c.state === "STOPPING") overdue = now - since! > timeout;
    else transition = undefined;
  } else if (c.state === "STARTING" || c.state === "STOPPING") {
    // Someone else asked, or the pass's record was lost: time it from now.
    transition = c.state === "STARTING" ? "start" : "stop";
    since = now;
  }
  if (transition === undefined) since = undefined;
  // Running is proof the channel can start, whoever started it.
  if (isCarrying(c.state)) failures = 0;

  if (failed) {
    healthy = false;
    reason = failedStateReason(c.state);
  } else if (!healthy && (c.state === "IDLE" || isCarrying(c.state)) && (reason === undefined || CLEARS_WHEN_SETTLED.some((r) => reason!.startsWith(r)))) {
    // Repaired (a successful update after UPDATE_FAILED), or back in the pool.
    healthy = true;
    reason = undefined;
  } else if (!healthy && failures === 0 && isCarrying(c.state)) {
    // It started after all (by hand, or for a session that could not move): it works.
    healthy = true;
    reason = undefined;
  }
  if (healthy && failures >= START_FAILURES_UNHEALTHY) {
    healthy = false;
    reason = startFailureReason(failures);
  }

  if (overdue) {
    const verb = transition === "start" ? "start" : "stop";
    addError(ctx, {
      kind: "timeout",
      channelId: c.id,
      message: `channel ${c.id} still ${c.state} ${formatDuration(now - since!)} after its ${verb} was asked for (transition timeout ${formatDuration(timeout)})`,
    });
  }
  c.transition = transition ? { action: transition, since: since!, overdue } : undefined;
  c.usable = healthy && !failed && !(overdue && transition === "start");
  c.unusableReason = c.usable ? undefined : (reason ?? (overdue ? `start is late (${c.state})` : undefined));

  const changes: ChannelChanges = {
    healthy,
    unhealthyReason: healthy ? null : (reason ?? null),
    unhealthySince: healthy ? null : s.healthy ? now : (s.unhealthySince ?? now),
    startFailures: failures,
    lastStartFailureAt: lastFailure ?? null,
    transition: transition ?? null,
    transitionStartedAt: since ?? null,
    lastState: c.state,
  };
  const changed =
    healthy !== s.healthy ||
    (changes.unhealthyReason ?? undefined) !== s.unhealthyReason ||
    failures !== s.startFailures ||
    lastFailure !== s.lastStartFailureAt ||
    transition !== s.transition ||
    since !== s.transitionStartedAt ||
    c.state !== s.lastState;
  if (changed) queueChannel(ctx, c.id, changes);
  if (!healthy && s.healthy) ctx.report.notes.push(`channel ${c.id} marked unhealthy: ${reason}`);
  if (healthy && !s.healthy) ctx.report.notes.push(`channel ${c.id} healthy again`);

  const r = ctx.report.channels.find((x) => x.id === c.id)!;
  r.healthy = c.usable;
  r.unhealthyReason = c.usable ? undefined : c.unusableReason;
  r.transition = c.transition ? { action: c.transition.action, since: new Date(c.transition.since).toISOString(), overdue } : undefined;
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
