/**
 * plan: keep every assignment that stands, place what is new, move what must move (sticky-planner),
 * and queue each change as a fact on the session's row. A session that cannot be placed is reported
 * on that session alone (status no_channel and the reason); the rest of the pass goes on.
 */
import { FAILED_STATES } from "../../channels/pool";
import { planStickyAssignments } from "../sticky-planner";
import { addError, passTime, queueSession, sessionReport, type PassContext, type PassStep } from "./context";
import { isCarrying } from "./observe";

export const planStep: PassStep = {
  name: "plan",
  async run(ctx: PassContext): Promise<void> {
    const now = passTime(ctx);
    const { settings } = ctx;
    const plan = planStickyAssignments(
      ctx.sessions,
      ctx.channels.map((c) => ({ id: c.id, usable: c.usable, unusableReason: c.unusableReason, carrying: isCarrying(c.state), failed: FAILED_STATES.has(c.state) })),
      {
        pool: settings.pool,
        now,
        leadMs: settings.leadMs,
        graceMs: settings.graceMs,
        horizonMs: settings.horizonMs,
        restartGapMs: settings.restartGapMs,
        freshKeyPerSession: ctx.store.publishesIngest,
      },
    );
    ctx.plan = plan;
    for (const change of plan.changes) {
      const s = ctx.sessions.find((x) => x.id === change.sessionId)!;
      const report = sessionReport(ctx, s.id);
      const reopen = s.status === "no_channel" ? { status: "scheduled" as const } : {};
      if ((change.kind === "assign" || change.kind === "move") && change.sharesKeyWith) {
        // Allowed, but a person should know: the mentor of the earlier session could push into this one.
        ctx.report.notes.push(`session ${s.id} joins the run of ${change.sharesKeyWith.join(", ")} on channel ${change.channelId} and shares its stream key: a channel of its own would have left no spare channel for sessions added at short notice (add a channel to the pool to avoid it)`);
      }
      if (change.kind === "assign") {
        queueSession(ctx, s.id, { channelId: change.channelId, channelAssignedAt: now, ...reopen, lastError: change.note ?? (s.status === "no_channel" ? null : undefined) });
        report.changes.push(`assigned to ${change.channelId}${change.note ? ` (${change.note})` : ""}`);
      } else if (change.kind === "move") {
        // The old ingest URLs point at the old channel's input: the new channel's key replaces them.
        queueSession(ctx, s.id, { channelId: change.channelId, channelAssignedAt: now, ...reopen, ingestUrls: null, ingestKeySetAt: null, lastError: `moved from channel ${change.from}: ${change.reason}` });
        report.changes.push(`moved from ${change.from} to ${change.channelId}`);
        ctx.report.notes.push(`session ${s.id} moved from channel ${change.from} to ${change.channelId}: ${change.reason}`);
      } else if (change.kind === "stranded") {
        addError(ctx, { kind: "session", sessionId: s.id, channelId: change.channelId, message: `session ${s.id} (${s.origin}): ${change.reason}` });
      } else {
        const unchanged = s.status === "no_channel" && s.lastError === change.reason && (change.keepRequest || !s.channelId);
        if (!unchanged) {
          queueSession(ctx, s.id, {
            status: "no_channel",
            ...(change.keepRequest ? {} : { channelId: null, channelAssignedAt: null }),
            ingestUrls: null,
            ingestKeySetAt: null,
            lastError: change.reason,
          });
          report.changes.push("no channel");
        }
        addError(ctx, { kind: "session", sessionId: s.id, message: `session ${s.id} (${s.origin}): ${change.reason}` });
      }
      report.channelId = ctx.sessions.find((x) => x.id === s.id)?.channelId;
      report.status = ctx.sessions.find((x) => x.id === s.id)?.status ?? report.status;
    }
    for (const r of plan.runs) {
      const c = ctx.report.channels.find((x) => x.id === r.channelId);
      if (c && r.start <= now && now < r.end) {
        c.desired = true;
        c.sessionIds = [...r.sessionIds];
      }
    }
  },
};
