/**
 * record: writes what the pass learned and decided to the store, the database being the pass's
 * memory. It runs twice: after decide (assignments, moves and state changes are facts before any
 * channel acts on them: a session whose facts could not be written does not get its channel started)
 * and at the end (what act, wait and harvest found). Each row is written on its own, so one locked
 * row does not stop the others. A dry run writes nothing and lists what it would write.
 */
import { formatElapsed } from "../../support/duration";
import { addError, drainPending, passTime, type PassContext, type PassStep } from "./context";

export const recordStep: PassStep = {
  name: "record",
  always: true,
  async run(ctx: PassContext): Promise<void> {
    const at = passTime(ctx);
    const recordingLoss = ctx.pending.recordingLoss;
    ctx.pending.recordingLoss = undefined;
    const { sessions, channels } = drainPending(ctx);
    if (ctx.settings.dryRun) {
      if (sessions.length || channels.length) ctx.report.notes.push(`dry run: would write ${sessions.length} session row(s) and ${channels.length} channel row(s)`);
      return;
    }
    if (ctx.report.skipped) return;
    try {
      const failures = [
        ...(await ctx.deadline.race("writing live_sessions", ctx.store.updateSessions(sessions, at))),
        ...(await ctx.deadline.race("writing pool_channels", ctx.store.updateChannels(ctx.settings.pool, channels, at))),
      ];
      for (const f of failures) {
        const session = sessions.some((u) => u.id === f.id);
        if (f.gone && session) {
          ctx.gone.add(f.id);
          ctx.report.notes.push(`${f.message}: left as it is`);
          continue;
        }
        if (session) ctx.unwritten.add(f.id);
        addError(ctx, { kind: "store", sessionId: session ? f.id : undefined, message: f.message });
      }
      if (recordingLoss !== undefined) {
        const reason = `the ${formatElapsed(ctx.settings.startoverWindowMs)} startover window passed before a recording was harvested`;
        const expired = await ctx.deadline.race("expiring unharvested sessions", ctx.store.expireUnharvested(recordingLoss, reason, at));
        // A recording lost for good: an error of this pass and a RecordingsMissing data point, so it pages.
        ctx.report.recordingsLost += expired.length;
        for (const id of expired) addError(ctx, { kind: "harvest", sessionId: id, message: `session ${id}: recording_failed: ${reason}` });
      }
    } catch (err) {
      for (const u of sessions) ctx.unwritten.add(u.id);
      addError(ctx, { kind: "store", message: `record: ${(err as Error).message}` });
    }
  },
};
