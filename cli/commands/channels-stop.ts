/** `ops channels stop <id...>`: see channels-start.ts. */
import { changeChannels, type ChannelsLifecycleOptions } from "./channels-start";

export async function channelsStop(opts: ChannelsLifecycleOptions): Promise<void> {
  return changeChannels("IDLE", opts);
}
