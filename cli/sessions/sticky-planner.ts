/**
 * Assignments are facts: a session keeps the channel it was given. The pass re-plans only what is
 * new or has to change, in this order:
 *
 * 1. Sessions assigned by an earlier pass keep their channel. A session never moves once it is on
 *    air or once its channel run has begun (`startsAt - lead`), except off an unhealthy channel that
 *    is carrying nothing (not RUNNING): the session is not on air, so a move cuts no stream. Before
 *    its run, a session also moves when a schedule change made it overlap another on its channel.
 * 2. A channel asked for (an operator's pin in the database, or a file's channelId) is checked
 *    against the pool: unknown is an error on that session alone; unhealthy means another channel;
 *    taken means an error.
 * 3. Sessions without a channel that start within the horizon get one, in schedule order, healthy
 *    channels only (channel-choice.ts: best fit, and no other mentor's run, so no other mentor's
 *    stream key, while the pool keeps an idle channel for sessions added at short notice).
 *
 * Pure: the same sessions, channels and instant give the same plan.
 */
import { chooseChannel } from "./channel-choice";
import { bySchedule, DEFAULT_RESTART_GAP_MS, overlaps } from "./run-groups";
import { channelRuns, type ChannelRun } from "./planner";
import type { StoredSession } from "./store";

export interface PlanChannelView {
  readonly id: string;
  /** May take sessions: healthy, not failed, not late in a start. */
  readonly usable: boolean;
  readonly unusableReason?: string;
  /** RUNNING or RECOVERING: it may be carrying a mentor's stream. */
  readonly carrying: boolean;
  /** In a failed state (CREATE_FAILED, UPDATE_FAILED...): no start can work. @default false */
  readonly failed?: boolean;
}

export interface StickyPlanOptions {
  readonly pool: string;
  readonly now: number;
  readonly leadMs: number;
  readonly graceMs: number;
  /** Sessions starting before now + horizon get a channel. */
  readonly horizonMs: number;
  /** See PlanOptions.restartGapMs. */
  readonly restartGapMs?: number;
  /** See PlanOptions.freshKeyPerSession. @default false */
  readonly freshKeyPerSession?: boolean;
}

export type AssignmentChange =
  | { readonly kind: "assign"; readonly sessionId: string; readonly channelId: string; readonly note?: string; readonly sharesKeyWith?: readonly string[] }
  | { readonly kind: "move"; readonly sessionId: string; readonly channelId: string; readonly from: string; readonly reason: string; readonly sharesKeyWith?: readonly string[] }
  | { readonly kind: "unplace"; readonly sessionId: string; readonly from?: string; readonly keepRequest: boolean; readonly reason: string }
  /** Should move, but no healthy channel is free: it stays where it is (a start may still work). */
  | { readonly kind: "stranded"; readonly sessionId: string; readonly channelId: string; readonly reason: string };

export interface StickyPlan {
  /** The channel of every session that has one (sessions still needing the pool). */
  readonly channelOf: ReadonlyMap<string, string>;
  readonly changes: readonly AssignmentChange[];
  /** When each channel must run. */
  readonly runs: readonly ChannelRun[];
  /** Sessions that still need the pool (on air, coming, or waiting for a channel). */
  readonly active: readonly StoredSession[];
}


/**
 * Still needs the pool: its grace period is not over, and it is coming, on air, waiting for a
 * channel, or ended on a channel that still runs its grace (not cancelled or recorded).
 */
export function needsPool(s: StoredSession, now: number, graceMs: number): boolean {
  const open = s.status === "scheduled" || s.status === "no_channel" || s.status === "live" || (s.status === "ended" && !!s.channelId);
  return open && s.endsAt + graceMs > now;
}

export function planStickyAssignments(sessions: readonly StoredSession[], channels: readonly PlanChannelView[], o: StickyPlanOptions): StickyPlan {
  const byId = new Map(channels.map((c) => [c.id, c]));
  const active = sessions.filter((s) => needsPool(s, o.now, o.graceMs)).sort(bySchedule);
  const begun = (s: StoredSession) => s.status === "live" || s.status === "ended" || o.now >= s.startsAt - o.leadMs;
  const held = new Map<string, StoredSession[]>();
  const channelOf = new Map<string, string>();
  const changes: AssignmentChange[] = [];
  const toPlace: { s: StoredSession; from?: string; reason?: string }[] = [];
  const keep = (s: StoredSession, channelId: string) => {
    held.set(channelId, [...(held.get(channelId) ?? []), s]);
    channelOf.set(s.id, channelId);
  };
  // Where a key of its own costs room: a session added at short notice that spans the hand-over
  // between the previous run and this one (from that run's grace and the restart gap before the lead).
  const handoverStart = (s: StoredSession) => Math.max(o.now, s.startsAt - o.leadMs - (o.restartGapMs ?? DEFAULT_RESTART_GAP_MS) - o.graceMs);
  const clashOn = (channelId: string, s: StoredSession) => held.get(channelId)?.find((o2) => overlaps(o2, s));

  // 1. Earlier assignments: on-air and begun sessions first (they hold their channel), then by age.
  const assigned = active
    .filter((s) => s.channelId && s.channelAssignedAt !== undefined)
    .sort((a, b) => Number(begun(b)) - Number(begun(a)) || a.channelAssignedAt! - b.channelAssignedAt! || bySchedule(a, b));
  for (const s of assigned) {
    const ch = byId.get(s.channelId!);
    const movable = (s.status === "scheduled" || s.status === "no_channel") && !ch?.carrying && (!begun(s) || !ch?.usable);
    if (!ch?.usable && movable) {
      toPlace.push({ s, from: s.channelId, reason: ch ? `channel ${ch.id} is unhealthy (${ch.unusableReason ?? "unknown reason"})` : `channel ${s.channelId} is no longer in pool '${o.pool}'` });
      continue;
    }
    const clash = ch?.usable ? clashOn(ch.id, s) : undefined;
    if (clash && movable) {
      toPlace.push({ s, from: s.channelId, reason: `overlaps session ${clash.id} on channel ${s.channelId} after a schedule change` });
      continue;
    }
    keep(s, s.channelId!);
  }

  // 2. Channels asked for, once the session is within the horizon.
  const poolIds = channels.map((c) => c.id).join(", ") || "no channels";
  for (const s of active.filter((x) => x.channelId && x.channelAssignedAt === undefined && x.startsAt < o.now + o.horizonMs)) {
    const ch = byId.get(s.channelId!);
    if (!ch) {
      changes.push({ kind: "unplace", sessionId: s.id, keepRequest: true, reason: `asks for channel '${s.channelId}', which is not in pool '${o.pool}' (${poolIds})` });
      continue;
    }
    if (!ch.usable) {
      toPlace.push({ s, reason: `asked for channel ${ch.id}, which is unhealthy (${ch.unusableReason ?? "unknown reason"})` });
      continue;
    }
    const clash = clashOn(ch.id, s);
    if (clash) {
      changes.push({ kind: "unplace", sessionId: s.id, keepRequest: true, reason: `asks for channel ${ch.id}, which session ${clash.id} holds at that time` });
      continue;
    }
    keep(s, ch.id);
    changes.push({ kind: "assign", sessionId: s.id, channelId: ch.id });
  }

  // 3. New sessions within the horizon, then everything that has to move, in schedule order.
  for (const s of active.filter((x) => !x.channelId && x.startsAt < o.now + o.horizonMs)) toPlace.push({ s });
  const usable = channels.filter((c) => c.usable).sort((a, b) => a.id.localeCompare(b.id));
  for (const { s, from, reason } of toPlace.sort((a, b) => bySchedule(a.s, b.s))) {
    const choice = chooseChannel(s, usable.map((c) => ({ id: c.id, held: held.get(c.id) ?? [] })), { ...o, keepIdleFrom: handoverStart(s) });
    if (!choice) {
      const why = `no healthy channel is free at that time (${usable.length} healthy of ${channels.length} in pool '${o.pool}')`;
      if (from && byId.has(from) && !byId.get(from)!.failed && !clashOn(from, s)) {
        keep(s, from);
        changes.push({ kind: "stranded", sessionId: s.id, channelId: from, reason: `${reason}; ${why}: it stays there` });
      } else {
        changes.push({ kind: "unplace", sessionId: s.id, from, keepRequest: false, reason: reason ? `${reason}; ${why}` : why });
      }
      continue;
    }
    const { channelId } = choice;
    keep(s, channelId);
    const shared = choice.sharesKeyWith.length ? { sharesKeyWith: choice.sharesKeyWith } : {};
    changes.push(from ? { kind: "move", sessionId: s.id, channelId, from, reason: reason!, ...shared } : { kind: "assign", sessionId: s.id, channelId, note: reason, ...shared });
  }

  const sessionById = new Map(active.map((s) => [s.id, s]));
  const runs = channelRuns(
    [...channelOf].map(([id, channelId]) => ({ session: sessionById.get(id)!, channelId, explicit: false })),
    { leadMs: o.leadMs, graceMs: o.graceMs, restartGapMs: o.restartGapMs },
  );
  return { channelOf, changes, runs, active };
}
