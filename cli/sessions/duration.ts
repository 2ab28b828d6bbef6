/** Durations ("10m", "90s", "1h30m", "45") and instants ("now", ISO 8601 with offset) from flags. */
import { UsageError } from "../errors";
import { parseTimestamp } from "../schedule/session";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration; a bare number is `defaultUnit`. */
export function parseDuration(value: string, flag: string, defaultUnit: keyof typeof UNIT_MS = "m"): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * UNIT_MS[defaultUnit]!;
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== v) {
    throw new UsageError(`${flag} '${value}' is not a duration (e.g. 10m, 90s, 1h30m)`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

export function parseInstant(value: string | undefined, flag: string, now: () => number = Date.now): number | undefined {
  if (value === undefined) return undefined;
  if (value === "now") return now();
  const t = parseTimestamp(value, flag);
  if (typeof t === "string") throw new UsageError(t);
  return t;
}

/** "1h05m" style, for humans. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m`;
}
