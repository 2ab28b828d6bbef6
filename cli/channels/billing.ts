/**
 * MediaLive bills a channel per minute while it runs, with a 10-minute minimum per run. These
 * helpers turn run intervals into billed minutes and dollars (cli/sessions/planner.ts makes the runs).
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

/** Cost of `minutes` billed at `usdPerHour`, rounded to cents. */
export function costUsd(minutes: number, usdPerHour: number): number {
  return Math.round(((minutes / 60) * usdPerHour) * 100) / 100;
}
