/**
 * MediaLive bills a channel per minute while it runs, with a 10-minute minimum per run. These
 * helpers turn run intervals into billed minutes and dollars.
 */
export const MINUTE_MS = 60_000;
export const MINIMUM_BILLED_MINUTES = 10;

/** Billed minutes for one run: whole minutes rounded up, at least the 10-minute minimum. */
export function billedMinutes(runMs: number): number {
  if (runMs <= 0) return 0;
  return Math.max(MINIMUM_BILLED_MINUTES, Math.ceil(runMs / MINUTE_MS));
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Merges intervals that overlap or sit closer than `mergeGapMs`: a channel stays running through
 * such a gap (a stop and a restart inside it would save nothing and risk a late start).
 */
export function mergeIntervals(intervals: readonly Interval[], mergeGapMs = 0): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end + mergeGapMs) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, i.end) };
    } else {
      merged.push({ ...i });
    }
  }
  return merged;
}

/** Cost of `minutes` billed at `usdPerHour`, rounded to cents. */
export function costUsd(minutes: number, usdPerHour: number): number {
  return Math.round(((minutes / 60) * usdPerHour) * 100) / 100;
}
