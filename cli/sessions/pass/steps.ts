/**
 * The reconcile pass as an ordered list of steps over one PassContext. Insert a step by building a
 * new list around PASS_STEPS.
 *
 *   lock -> load -> observe -> plan -> decide -> record -> act -> wait -> harvest -> sweep-recordings
 *        -> record -> publish
 *
 * A step that throws ends the pass early (its error is reported; later steps are skipped, except
 * record and publish). runPass always closes the store, which releases the pool's lock.
 */
import { OpsError, UsageError } from "../../errors";
import { DeadlineExceeded } from "../deadline";
import { actStep } from "./act";
import { addError, type PassContext, type PassReport, type PassStep } from "./context";
import { decideStep } from "./decide";
import { harvestStep } from "./harvest";
import { loadStep } from "./load";
import { lockStep } from "./lock";
import { observeStep } from "./observe";
import { planStep } from "./plan";
import { publishStep } from "./publish";
import { recordStep } from "./record";
import { sweepRecordingsStep } from "./sweep-recordings";
import { waitStep } from "./wait";

export { actStep, decideStep, harvestStep, loadStep, lockStep, observeStep, planStep, publishStep, recordStep, sweepRecordingsStep, waitStep };

export const PASS_STEPS: readonly PassStep[] = [
  lockStep,
  loadStep,
  observeStep,
  planStep,
  decideStep,
  recordStep,
  actStep,
  waitStep,
  harvestStep,
  sweepRecordingsStep,
  recordStep,
  publishStep,
];

export async function runPass(ctx: PassContext, steps: readonly PassStep[] = PASS_STEPS): Promise<PassReport> {
  const started = performance.now();
  try {
    for (const step of steps) {
      if (ctx.stopped && !step.always) continue;
      const t0 = performance.now();
      try {
        await step.run(ctx);
      } catch (err) {
        ctx.stopped = step.name;
        ctx.report.stoppedAt = step.name;
        // AWS, PostgreSQL and the deadline fail as OpsError/DeadlineExceeded; anything else is a bug.
        const expected = err instanceof OpsError || err instanceof DeadlineExceeded;
        if (err instanceof UsageError) addError(ctx, { kind: "usage", message: `${step.name}: ${err.message}`, hint: err.hint });
        else addError(ctx, { kind: expected ? "remote" : "internal", message: `${step.name}: ${expected ? (err as Error).message : ((err as Error).stack ?? String(err))}` });
      }
      ctx.report.steps.push({ name: step.name, ms: Math.round((performance.now() - t0) * 10) / 10 });
    }
  } finally {
    await ctx.store.close();
    ctx.deadline.dispose();
  }
  ctx.report.sessions = [...ctx.sessionReports.values()].sort((a, b) => a.id.localeCompare(b.id));
  ctx.report.durationMs = Math.round(performance.now() - started);
  return ctx.report;
}
