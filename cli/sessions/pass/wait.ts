/**
 * wait: optionally watches the channels this pass started or stopped until they settle, at most
 * `waitMs` and never into the time the pass keeps for harvest, record and publish. Not settling
 * here is not a failure: a start takes one to two minutes, the next pass looks again, and only a
 * start or stop older than the transition timeout is reported late (observe).
 */
import { FAILED_STATES, describeChannel } from "../../channels/pool";
import { mapLimited } from "../../support/map-limited";
import { channelReport, queueChannel, type ChannelView, type PassContext, type PassStep } from "./context";
import { isCarrying } from "./observe";

/** Time kept after waiting for harvest, record and publish: a quarter of the deadline, at most 10 s. */
export const reserveMs = (deadlineMs: number): number => Math.min(10_000, deadlineMs / 4);

const settled = (state: string) => state === "IDLE" || isCarrying(state) || FAILED_STATES.has(state);

export const waitStep: PassStep = {
  name: "wait",
  async run(ctx: PassContext): Promise<void> {
    const { settings, deadline, clock } = ctx;
    if (settings.dryRun || settings.waitMs <= 0) return;
    const acted = (c: ChannelView) => channelReport(ctx, c.id)!.actions.some((a) => a === "start" || a === "stop");
    let pending = ctx.channels.filter((c) => acted(c) && !settled(c.state));
    const until = clock.now() + Math.min(settings.waitMs, Math.max(0, deadline.remaining() - reserveMs(settings.deadlineMs)));
    while (pending.length && clock.now() < until) {
      ctx.progress(`waiting for ${pending.map((c) => `${c.id} (${c.state})`).join(", ")}`);
      await clock.sleep(Math.min(settings.pollMs, until - clock.now()));
      await mapLimited(pending, settings.concurrency, async (c) => {
        try {
          c.state = (await describeChannel(ctx.aws.medialive, c.id, deadline.signal)).state;
        } catch {
          // Throttled past retries or cut off: the next pass reads it again.
        }
      });
      pending = pending.filter((c) => !settled(c.state));
    }
    for (const c of ctx.channels.filter(acted)) {
      const report = channelReport(ctx, c.id)!;
      report.state = c.state;
      const started = report.actions.includes("start");
      // Settled as asked: nothing left to time. A start that fell back to IDLE is left for the next
      // pass's observe, which counts it as a failed start.
      if (started ? isCarrying(c.state) : c.state === "IDLE") {
        queueChannel(ctx, c.id, { transition: null, transitionStartedAt: null, lastState: c.state, ...(started ? { startFailures: 0 } : {}) });
      }
    }
  },
};
