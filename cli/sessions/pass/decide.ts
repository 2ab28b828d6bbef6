/**
 * decide: per channel, from its state now and whether a run of the plan covers now, the one call
 * to make: start (after a fresh stream key), stop, or none (settled where it should be, or on its
 * way: transitional states end by themselves and a 409 would only waste a call).
 */
import { FAILED_STATES } from "../../channels/pool";
import { addError, passTime, type ChannelDecision, type PassContext, type PassStep } from "./context";
import { isCarrying } from "./observe";

export const decideStep: PassStep = {
  name: "decide",
  async run(ctx: PassContext): Promise<void> {
    const now = passTime(ctx);
    const runs = ctx.plan?.runs ?? [];
    const byId = new Map(ctx.sessions.map((s) => [s.id, s]));
    ctx.decisions = ctx.channels.map((c): ChannelDecision => {
      const run = runs.find((r) => r.channelId === c.id && r.start <= now && now < r.end);
      const desired = !!run;
      // Sessions of the run that are not over: they share the run's stream key.
      const runSessionIds = (run?.sessionIds ?? []).filter((id) => {
        const s = byId.get(id);
        return s && now < s.endsAt + ctx.settings.graceMs;
      });
      const none: ChannelDecision = { channelId: c.id, desired, runSessionIds, action: "none", rekeySessionIds: [], shareKeySessionIds: [] };
      if (FAILED_STATES.has(c.state)) {
        if (desired) {
          addError(ctx, { kind: "channel", channelId: c.id, message: `channel ${c.id} is ${c.state}: sessions ${runSessionIds.join(", ")} need it now and cannot move (on air or begun on it)` });
        }
        return none;
      }
      if (c.state === "IDLE" && desired) {
        return { ...none, action: "start", rekeySessionIds: ctx.store.publishesIngest ? runSessionIds : [] };
      }
      if (c.state === "RUNNING" && !desired) return { ...none, action: "stop" };
      if (isCarrying(c.state) && desired && ctx.store.publishesIngest) {
        // Sessions added to a run already on air use the key the channel runs with.
        return { ...none, shareKeySessionIds: runSessionIds.filter((id) => byId.get(id)?.ingestKeySetAt === undefined) };
      }
      return none;
    });
  },
};
