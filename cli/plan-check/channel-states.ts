/**
 * Resolves the channels each stream-affecting change reaches and reads their state now, through the
 * real MediaLive API: DescribeInput for an input's attached channels, ListChannels for the channels
 * that send to a MediaPackage channel, DescribeChannel for every channel's state.
 */
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import type { StreamImpact } from "./stream-impact";

/** IAM actions the check may call (docs/operations.md lists them for the Atlantis server's profiles). */
export const PLAN_CHECK_ACTIONS = ["medialive:DescribeChannel", "medialive:DescribeInput", "medialive:ListChannels"] as const;

/**
 * States with nothing on air and nothing in flight: the apply can change the channel. IDLE, and the
 * failed states an apply is there to repair (a CREATE_FAILED or UPDATE_FAILED channel carries no
 * stream). Everything else (RUNNING, RECOVERING, STARTING, STOPPING, CREATING, UPDATING, DELETING)
 * is refused: on air, about to be, or another change is under way.
 */
const QUIET_STATES = new Set(["IDLE", "CREATE_FAILED", "UPDATE_FAILED", "DELETED", "NOT_FOUND"]);

export interface AffectedChannel {
  /** MediaLive channel id. */
  readonly id: string;
  /** The channel's state now; NOT_FOUND when MediaLive does not know it. */
  readonly state: string;
  /** Addresses of the planned changes that reach it. */
  readonly changes: readonly string[];
  /** Whether the apply may change it now. */
  readonly quiet: boolean;
  /** What to do first, when it is not quiet. */
  readonly advice?: string;
}

export interface ChannelReadout {
  readonly channels: readonly AffectedChannel[];
  /** Things the check found on the way (an input that no longer exists, ...). */
  readonly notes: readonly string[];
  /** Changes whose channels the plan does not identify: refused, the check cannot clear them. */
  readonly unresolved: readonly string[];
}

function adviceFor(state: string): string {
  if (state === "RUNNING" || state === "RECOVERING" || state === "STARTING") {
    return "a session is on air or about to be: wait until its sessions end and the reconcile loop stops it, or pause the loop (reconcile.paused) and stop it first";
  }
  if (state === "STOPPING") return "it is stopping: wait until it is IDLE, then run the check again";
  return `it is ${state}: wait until it settles, then plan again`;
}

const isNotFound = (err: unknown) => (err as { name?: string } | undefined)?.name === "NotFoundException";

/** Reads every channel the impacts reach; AWS failures other than "not found" propagate. */
export async function readAffectedChannels(impacts: readonly StreamImpact[], medialive: MediaLiveClient): Promise<ChannelReadout> {
  const { DescribeChannelCommand, DescribeInputCommand, paginateListChannels } = await import("@aws-sdk/client-medialive");
  const byChannel = new Map<string, Set<string>>();
  const reach = (channelId: string, address: string) => byChannel.set(channelId, (byChannel.get(channelId) ?? new Set()).add(address));
  const notes: string[] = [];
  const unresolved: string[] = [];

  // MediaPackage channel id -> MediaLive channels sending to it, listed once and only if needed.
  let senders: Map<string, string[]> | undefined;
  const sendersTo = async (mediaPackageChannelId: string): Promise<string[]> => {
    if (!senders) {
      senders = new Map();
      for await (const page of paginateListChannels({ client: medialive }, {})) {
        for (const ch of page.Channels ?? []) {
          for (const d of ch.Destinations ?? []) {
            for (const mp of d.MediaPackageSettings ?? []) {
              if (mp.ChannelId && ch.Id) senders.set(mp.ChannelId, [...(senders.get(mp.ChannelId) ?? []), ch.Id]);
            }
          }
        }
      }
    }
    return senders.get(mediaPackageChannelId) ?? [];
  };

  for (const impact of impacts) {
    const { via, ids } = impact.reaches;
    if (!ids.length && via !== "input") {
      unresolved.push(impact.address);
      continue;
    }
    if (via === "channel") ids.forEach((id) => reach(id, impact.address));
    if (via === "input") {
      if (!ids.length) notes.push(`${impact.address}: no input uses it`);
      for (const inputId of ids) {
        try {
          const input = await medialive.send(new DescribeInputCommand({ InputId: inputId }));
          const attached = input.AttachedChannels ?? [];
          if (!attached.length) notes.push(`${impact.address}: input ${inputId} is attached to no channel`);
          attached.forEach((id) => reach(id, impact.address));
        } catch (err) {
          if (!isNotFound(err)) throw err;
          notes.push(`${impact.address}: input ${inputId} does not exist (any more)`);
        }
      }
    }
    if (via === "mediapackage-channel") {
      for (const mpId of ids) {
        const found = await sendersTo(mpId);
        if (!found.length) notes.push(`${impact.address}: no MediaLive channel sends to MediaPackage channel ${mpId}`);
        found.forEach((id) => reach(id, impact.address));
      }
    }
  }

  const channels: AffectedChannel[] = [];
  for (const [id, addresses] of [...byChannel].sort(([a], [b]) => a.localeCompare(b))) {
    let state: string;
    try {
      state = (await medialive.send(new DescribeChannelCommand({ ChannelId: id }))).State ?? "UNKNOWN";
    } catch (err) {
      if (!isNotFound(err)) throw err;
      state = "NOT_FOUND";
    }
    const quiet = QUIET_STATES.has(state);
    channels.push({ id, state, changes: [...addresses], quiet, ...(quiet ? {} : { advice: adviceFor(state) }) });
  }
  return { channels, notes, unresolved };
}
