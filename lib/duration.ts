/**
 * Durations as this project writes them everywhere (flags, environment config, the reconcile task's
 * command line): a number with a unit, `10m`, `50s`, `1h30m`, `250ms`, `2d`. Pure: the CLI wraps it
 * with flag errors (cli/support/duration.ts), the config schema with field errors.
 */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Milliseconds of a duration with units, or undefined when the text is not one (a bare number is not). */
export function durationMs(text: string): number | undefined {
  const v = text.trim();
  const parts = [...v.matchAll(PART)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== v) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2] as keyof typeof UNIT_MS], 0);
}

/** The shortest exact spelling: 300000 -> "5m", 5400000 -> "1h30m", 20 -> "20ms". */
export function formatDuration(ms: number): string {
  if (ms <= 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const [unit, size] of [["d", UNIT_MS.d], ["h", UNIT_MS.h], ["m", UNIT_MS.m], ["s", UNIT_MS.s], ["ms", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
