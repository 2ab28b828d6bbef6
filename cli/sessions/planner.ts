/**
 * Assigns sessions to pool channels. A channel can host a session when none of its sessions overlap
 * it: back-to-back sessions share a channel. Each channel runs from `startsAt - lead` to
 * `endsAt + grace` of its sessions; two sessions of a channel share one run (the channel keeps
 * running, and they share the run's stream key) unless the gap between them leaves time to stop the
 * channel, give its input a fresh key and start it again (`restartGapMs`).
 *
 * Deterministic: sessions in (startsAt, endsAt, id) order, explicit channels first, then each free
 * session to the channel channel-choice.ts picks (best fit, and with fresh keys per session, no other
 * mentor's run when a channel allows it), ties by channel id. Greedy by start time uses no more
 * channels than the peak overlap.
 */
import { billedMinutes, costUsd, type Interval } from "../channels/billing";
import type { Session } from "../schedule/session";
import { chooseChannel } from "./channel-choice";
import { bySchedule, overlaps, runGroups } from "./run-groups";

export interface PlanOptions {
  readonly leadMs: number;
  readonly graceMs: number;
  /**
   * A channel stops between two of its sessions only when at least this long separates the first
   * one's grace period from the next one's start: time to stop, take a fresh stream key and start
   * again (MediaLive: a stop takes seconds, a start one to two minutes). Closer sessions share a run.
   * @default 10 minutes
   */
  readonly restartGapMs?: number;
  /**
   * Every run gets a fresh stream key (sessions from the database): a free session goes where it
   * shares no other mentor's run, when some channel allows it (channel-choice.ts).
   * @default false
   */
  readonly freshKeyPerSession?: boolean;
}

export interface PlanChannel {
  readonly id: string;
  readonly channelClass?: string;
  /** USD per hour the channel runs (cli/channels/price.ts); the plan has a cost when every channel it uses has one. */
  readonly usdPerHour?: number;
}

export interface Assignment {
  readonly session: Session;
  readonly channelId: string;
  /** The schedule named the channel. */
  readonly explicit: boolean;
  /** Other mentors' sessions whose run (and stream key) it joins: no channel was free for its own. */
  readonly sharesKeyWith?: readonly string[];
}

export interface ChannelRun extends Interval {
  readonly channelId: string;
  readonly sessionIds: string[];
  readonly billedMinutes: number;
}

export interface Unplaced {
  readonly session: Session;
  readonly reason: string;
}

export interface Plan {
  readonly assignments: Assignment[];
  readonly runs: ChannelRun[];
  readonly unplaced: Unplaced[];
  /** Peak number of sessions live at once: the channels the schedule needs. */
  readonly channelsNeeded: number;
  readonly poolSize: number;
  readonly sessionMinutes: number;
  readonly billedMinutes: number;
  /** Present when every channel the plan runs has a price. */
  readonly costUsd?: number;
}

/**
 * A run that follows another on the same channel starts at least this long after the first one
 * ends, so a pass sees the channel unwanted, stops it and can give it a fresh key while it is idle.
 */
export const RESTART_SETTLE_MS = 2 * 60_000;


/** Peak overlap of the sessions (sweep over start/end events; an end frees before a start takes). */
export function peakOverlap(sessions: readonly { readonly startsAt: number; readonly endsAt: number }[]): number {
  const events = sessions.flatMap((s) => [
    [s.startsAt, 1],
    [s.endsAt, -1],
  ]);
  events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let live = 0;
  let peak = 0;
  for (const [, delta] of events) {
    live += delta!;
    peak = Math.max(peak, live);
  }
  return peak;
}

export function planSessions(sessions: readonly Session[], channels: readonly PlanChannel[], options: PlanOptions): Plan {
  const ordered = [...sessions].sort(bySchedule);
  const channelIds = channels.map((c) => c.id).sort();
  const hosted = new Map<string, Session[]>(channelIds.map((id) => [id, []]));
  const assignments: Assignment[] = [];
  const unplaced: Unplaced[] = [];

  for (const s of ordered.filter((x) => x.channelId)) {
    const list = hosted.get(s.channelId!);
    if (!list) {
      unplaced.push({ session: s, reason: `channel ${s.channelId} is not in the pool` });
      continue;
    }
    const clash = list.find((o) => overlaps(o, s));
    if (clash) {
      unplaced.push({ session: s, reason: `overlaps session ${clash.id} on its explicit channel ${s.channelId}` });
      continue;
    }
    list.push(s);
    assignments.push({ session: s, channelId: s.channelId!, explicit: true });
  }

  for (const s of ordered.filter((x) => !x.channelId)) {
    const choice = chooseChannel(s, channelIds.map((id) => ({ id, held: hosted.get(id)! })), options);
    if (!choice) {
      unplaced.push({ session: s, reason: "every pool channel is busy with an overlapping session" });
      continue;
    }
    hosted.get(choice.channelId)!.push(s);
    assignments.push({ session: s, channelId: choice.channelId, explicit: false, ...(choice.sharesKeyWith.length ? { sharesKeyWith: choice.sharesKeyWith } : {}) });
  }

  assignments.sort((a, b) => bySchedule(a.session, b.session));
  const runs = channelRuns(assignments, options);
  const priceOf = new Map(channels.map((c) => [c.id, c.usdPerHour]));
  const billed = runs.reduce((sum, r) => sum + r.billedMinutes, 0);
  const priced = runs.every((r) => priceOf.get(r.channelId) !== undefined);
  const cost = priced ? Math.round(runs.reduce((sum, r) => sum + costUsd(r.billedMinutes, priceOf.get(r.channelId)!), 0) * 100) / 100 : undefined;
  return {
    assignments,
    runs,
    unplaced,
    channelsNeeded: peakOverlap(sessions),
    poolSize: channelIds.length,
    sessionMinutes: sessions.reduce((sum, s) => sum + (s.endsAt - s.startsAt) / 60_000, 0),
    billedMinutes: billed,
    costUsd: cost,
  };
}

/** The running windows of each channel: its sessions widened by lead and grace, grouped into runs. */
export function channelRuns(assignments: readonly Assignment[], options: PlanOptions): ChannelRun[] {
  const byChannel = new Map<string, Session[]>();
  for (const a of assignments) byChannel.set(a.channelId, [...(byChannel.get(a.channelId) ?? []), a.session]);
  const runs: ChannelRun[] = [];
  for (const [channelId, list] of [...byChannel.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let previousEnd = -Infinity;
    for (const group of runGroups(list, options.graceMs, options.restartGapMs)) {
      const end = Math.max(...group.map((s) => s.endsAt)) + options.graceMs;
      const start = Math.max(group[0]!.startsAt - options.leadMs, previousEnd + RESTART_SETTLE_MS);
      runs.push({ channelId, start, end, sessionIds: group.map((s) => s.id), billedMinutes: billedMinutes(end - start) });
      previousEnd = end;
    }
  }
  return runs.sort((a, b) => a.start - b.start || a.channelId.localeCompare(b.channelId));
}
