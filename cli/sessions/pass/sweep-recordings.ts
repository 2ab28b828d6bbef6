/**
 * sweep-recordings: the recording sweep (cli/recordings/sweep.ts) inside the pass, after harvest:
 * ended sessions whose recording's S3 event never reached their row are found in the recorded-media
 * bucket and indexed, and those past the startover window become recording_failed. It runs on the
 * store's connection, within what is left of the pass's deadline (keeping room for the last record
 * and publish), and only where the pass has a database and the bucket and media domain are known.
 */
import { sweepRecordings } from "../../recordings/sweep";
import { addError, passTime, type PassContext, type PassStep } from "./context";

/** Left for the steps after the sweep (record, publish), ms. */
const RESERVED_FOR_LATER_STEPS_MS = 5_000;

export const sweepRecordingsStep: PassStep = {
  name: "sweep-recordings",
  async run(ctx: PassContext): Promise<void> {
    const sweep = ctx.settings.recordingSweep;
    const db = ctx.store.sweepDatabase;
    if (!sweep || !db || ctx.report.skipped) return;
    const budgetMs = ctx.deadline.remaining() - RESERVED_FOR_LATER_STEPS_MS;
    if (budgetMs <= 0) {
      ctx.report.notes.push("recording sweep skipped: no time left in this pass");
      return;
    }
    const report = await sweepRecordings({
      db,
      s3: sweep.s3,
      bucket: sweep.bucket,
      mediaDomain: sweep.mediaDomain,
      now: passTime(ctx),
      lookBackMs: ctx.settings.startoverWindowMs,
      deadline: Date.now() + budgetMs,
      limit: sweep.limit,
      dryRun: ctx.settings.dryRun,
    });
    ctx.recordingSweep = report;
    for (const f of report.failures) addError(ctx, { kind: "harvest", sessionId: f.sessionId, message: `recording sweep: ${f.sessionId}: ${f.reason}` });
    if (report.indexed.length || report.expired.length) {
      ctx.report.notes.push(`recording sweep: ${report.indexed.length} recording(s) indexed, ${report.expired.length} session(s) marked recording_failed`);
    }
  },
};
