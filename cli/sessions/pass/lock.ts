/**
 * lock: one pass at a time per pool. The store's lock (a PostgreSQL advisory lock on the pass's
 * connection) is held until the pass closes the store; a pass that cannot take it does nothing and
 * says so (the running pass covers this minute). A dry run changes nothing and takes no lock.
 */
import type { PassContext, PassStep } from "./context";

export const lockStep: PassStep = {
  name: "lock",
  async run(ctx: PassContext): Promise<void> {
    if (ctx.settings.dryRun) {
      ctx.report.notes.push("dry run: no lock taken, nothing written");
      return;
    }
    const locked = await ctx.deadline.race("taking the pool lock", ctx.store.tryLock(ctx.settings.pool));
    if (!locked) {
      ctx.report.skipped = `another pass holds the lock of pool ${ctx.settings.pool}; it covers this run, nothing was done`;
      ctx.stopped = "lock";
    }
  },
};
