/**
 * Which free channel a session goes to, for both planners (planner.ts for a whole schedule,
 * sticky-planner.ts for the pass). Sessions close together on one channel share a run, and a run has
 * one stream key: the channel cannot be re-keyed while it runs (MediaLive API Reference, UpdateInput:
 * an input attached to a running channel cannot be updated). So where every session gets its own key,
 * a channel on which the session starts a run of its own, or shares one only with the same mentor,
 * beats one where it would join another mentor's run; it joins one only when no other channel is free,
 * and the choice names whose key it shares. Among equals: best fit, the channel whose previous session
 * ended latest (fewer, longer runs and fewer starts), then channel id.
 *
 * Best fit alone also keeps room for sessions added at short notice (it leaves the longest idle
 * stretches free); a key of its own can use that room up. So the pass (`keepIdleFrom`: the
 * hand-over before the session's run, sticky-planner.ts) takes a key of its own only while another
 * channel stays idle from then to the session's end; in a pool that tight, sessions share a key
 * rather than risk a later session finding no channel at all.
 */
import { overlaps, runGroups } from "./run-groups";

export interface PlacedSession {
  readonly id: string;
  /** Epoch ms. */
  readonly startsAt: number;
  readonly endsAt: number;
  /** Sessions of one mentor may share a key; a session with no known mentor is kept apart from all others. */
  readonly mentorId?: string;
}

export interface ChannelChoice {
  readonly channelId: string;
  /** Another mentor's sessions in the run the session joins: it streams with their key. */
  readonly sharesKeyWith: readonly string[];
}

export interface ChannelChoiceOptions {
  readonly graceMs: number;
  readonly restartGapMs?: number;
  /** Every run re-keys its channel (sessions from the database): keep mentors' keys apart. @default false */
  readonly freshKeyPerSession?: boolean;
  /**
   * Epoch ms: avoid another mentor's run only when some other channel stays idle from this instant to
   * the session's end, for sessions added at short notice. @default no such condition (a whole
   * schedule is known in advance: any free channel keeps it feasible)
   */
  readonly keepIdleFrom?: number;
}


/** The other mentors whose run `s` would join on a channel already holding `held`. */
function keySharers(s: PlacedSession, held: readonly PlacedSession[], o: ChannelChoiceOptions): string[] {
  const run = runGroups([...held, s], o.graceMs, o.restartGapMs).find((group) => group.includes(s)) ?? [];
  return run.filter((x) => x !== s && (s.mentorId === undefined || x.mentorId !== s.mentorId)).map((x) => x.id);
}

/**
 * The channel for `s` among `channels` (in preference order for ties), each with the sessions it
 * holds; undefined when every one holds an overlapping session.
 */
export function chooseChannel(s: PlacedSession, channels: readonly { readonly id: string; readonly held: readonly PlacedSession[] }[], o: ChannelChoiceOptions): ChannelChoice | undefined {
  type Candidate = ChannelChoice & { previousEnd: number };
  const free: Candidate[] = channels
    .filter((c) => !c.held.some((x) => overlaps(x, s)))
    .map((c) => ({
      channelId: c.id,
      sharesKeyWith: o.freshKeyPerSession ? keySharers(s, c.held, o) : [],
      previousEnd: Math.max(-Infinity, ...c.held.filter((x) => x.endsAt <= s.startsAt).map((x) => x.endsAt)),
    }));
  // Latest previous end first (stable: ties keep the callers' channel order; two idle channels tie).
  const byFit = free.sort((a, b) => (b.previousEnd > a.previousEnd ? 1 : b.previousEnd < a.previousEnd ? -1 : 0));
  const bestFit = byFit[0];
  if (!bestFit) return undefined;
  let choice: Candidate = bestFit;
  if (bestFit.sharesKeyWith.length) {
    const own = byFit.find((c) => c.sharesKeyWith.length === 0);
    const idleFrom = o.keepIdleFrom;
    const idle = (id: string) => channels.find((c) => c.id === id)!.held.every((x) => x.endsAt <= idleFrom! || x.startsAt >= s.endsAt);
    if (own && (idleFrom === undefined || channels.some((c) => c.id !== own.channelId && idle(c.id)))) choice = own;
  }
  return { channelId: choice.channelId, sharesKeyWith: choice.sharesKeyWith };
}
