/**
 * Durations on flags always carry a unit (`10m`, `50s`, `1h30m`, `250ms`): a bare `10` meant minutes
 * on one flag and seconds on another, so bare numbers are refused with the unit to add.
 */
import { durationMs, formatDuration } from "../../lib/duration";
import { UsageError } from "../errors";

export { formatDuration };

export interface DurationLimits {
  /** Smallest accepted value, ms. @default 1 */
  readonly minMs?: number;
  /** Largest accepted value, ms. @default no limit */
  readonly maxMs?: number;
}

/** Parses `10m`, `90s`, `1h30m`, `250ms`, `2d` into milliseconds; throws a UsageError naming the flag. */
export function parseDuration(value: string, flag: string, limits: DurationLimits = {}): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    throw new UsageError(`${flag} '${value}' has no unit: write ${v}s for seconds or ${v}m for minutes (units: ms, s, m, h, d)`);
  }
  const ms = durationMs(v);
  if (ms === undefined) throw new UsageError(`${flag} '${value}' is not a duration (e.g. 10m, 50s, 1h30m, 250ms)`);
  const min = limits.minMs ?? 1;
  if (ms < min) throw new UsageError(`${flag} must be at least ${formatDuration(min)}, got ${value}`);
  if (limits.maxMs !== undefined && ms > limits.maxMs) throw new UsageError(`${flag} must be at most ${formatDuration(limits.maxMs)}, got ${value}`);
  return ms;
}

/** Elapsed time for humans, to the minute: 3900000 -> "1h05m", 86400000 -> "24h00m", 240000 -> "4m". */
export function formatElapsed(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m`;
}
