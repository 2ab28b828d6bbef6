/**
 * Which sessions of one channel share a run. A channel stops between two sessions only when the gap
 * leaves time to stop it, give its input a fresh stream key and start it again; closer sessions share
 * the run, and so its key (an input attached to a running channel cannot be updated: MediaLive API
 * Reference, UpdateInput).
 */

/** Stop, re-key and start between two sessions (a stop takes seconds, a start one to two minutes). */
export const DEFAULT_RESTART_GAP_MS = 10 * 60_000;

/** A session in time, as every planner sees it. */
export interface Timed {
  readonly id: string;
  /** Epoch ms. */
  readonly startsAt: number;
  readonly endsAt: number;
}

/** Schedule order, the planners' one order: start, end, then id (deterministic plans). */
export const bySchedule = (a: Timed, b: Timed) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Two sessions cannot share a channel: they overlap (back-to-back sessions do not). */
export const overlaps = (a: Timed, b: Timed) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * One channel's sessions grouped into runs: a session joins the run before it when it starts less
 * than `restartGapMs` after that run's grace period ends (no time to stop, re-key and start again).
 */
export function runGroups<S extends Timed>(sessions: readonly S[], graceMs: number, restartGapMs = DEFAULT_RESTART_GAP_MS): S[][] {
  const groups: S[][] = [];
  let groupEnd = -Infinity;
  for (const s of [...sessions].sort(bySchedule)) {
    const current = groups[groups.length - 1];
    if (current && s.startsAt - (groupEnd + graceMs) < restartGapMs) {
      current.push(s);
      groupEnd = Math.max(groupEnd, s.endsAt);
    } else {
      groups.push([s]);
      groupEnd = s.endsAt;
    }
  }
  return groups;
}
