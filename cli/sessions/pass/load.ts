/**
 * load: the pool's channels (one paginated ListChannels), what the store remembers of them, and the
 * sessions that matter now: those starting within the horizon and those started within the
 * startover window (still to be harvested).
 */
import { FAILED_STATES, listPoolChannels } from "../../channels/pool";
import { emptyPoolError } from "../../channels/pool-names";
import type { StoredChannel } from "../store";
import { passTime, queueChannel, type ChannelView, type PassContext, type PassStep } from "./context";
import { NEXT_HOUR_MS } from "./publish";

const NEVER_SEEN = (channelId: string): StoredChannel => ({ channelId, healthy: true, startFailures: 0 });

export const loadStep: PassStep = {
  name: "load",
  async run(ctx: PassContext): Promise<void> {
    const { settings, deadline } = ctx;
    const [poolChannels, stored] = await Promise.all([
      deadline.race("MediaLive ListChannels", listPoolChannels(ctx.aws.medialive, settings.pool, deadline.signal)),
      deadline.race("reading pool_channels", ctx.store.loadChannels(settings.pool)),
    ]);
    // No channel carries the tag and the store remembers none: a pool that does not exist (a typo),
    // not a pool whose channels went away. Nothing is done; the error names the pools that exist.
    if (!poolChannels.length && !stored.length) throw await deadline.race("MediaLive ListChannels", emptyPoolError(ctx.aws.medialive, settings.pool));
    const memory = new Map(stored.map((c) => [c.channelId, c]));
    ctx.channels = poolChannels.map((channel): ChannelView => {
      const remembered = memory.get(channel.id) ?? NEVER_SEEN(channel.id);
      const failed = FAILED_STATES.has(channel.state);
      return {
        channel,
        id: channel.id,
        initialState: channel.state,
        state: channel.state,
        stored: remembered,
        usable: remembered.healthy && !failed,
        unusableReason: failed ? `channel is ${channel.state}` : remembered.unhealthyReason,
      };
    });
    ctx.report.channels = ctx.channels.map((c) => ({
      id: c.id,
      name: c.channel.name,
      initialState: c.initialState,
      state: c.state,
      healthy: c.usable,
      unhealthyReason: c.usable ? undefined : c.unusableReason,
      desired: false,
      sessionIds: [],
      actions: [],
    }));
    ctx.sessions = await deadline.race(
      "reading live_sessions",
      ctx.store.loadSessions({
        now: passTime(ctx),
        // At least the next hour: the failover metrics count what it needs.
        horizonMs: Math.max(settings.horizonMs, NEXT_HOUR_MS),
        lookbackMs: settings.startoverWindowMs,
        usableChannelIds: ctx.channels.filter((c) => c.usable).map((c) => c.id),
        leadMs: settings.leadMs,
        graceMs: settings.graceMs,
      }),
    );
    const gone = stored.filter((c) => !poolChannels.some((p) => p.id === c.channelId) && c.healthy);
    for (const c of gone) {
      ctx.report.notes.push(`channel ${c.channelId} is no longer in pool ${settings.pool} (deleted or re-tagged): its sessions that have not begun move`);
      queueChannel(ctx, c.channelId, { healthy: false, unhealthyReason: "no longer in the pool", unhealthySince: passTime(ctx) });
    }
  },
};
