/** Instants on flags (`--now`, `--from`, `--to`): "now" or ISO 8601 with an offset. */
import { UsageError } from "../errors";
import { parseTimestamp } from "../schedule/session";

/** Epoch ms of `value`; undefined when the flag was not given. Throws a UsageError naming the flag. */
export function parseInstant(value: string | undefined, flag: string, now: () => number = Date.now): number | undefined {
  if (value === undefined) return undefined;
  if (value === "now") return now();
  const t = parseTimestamp(value, flag);
  if (typeof t === "string") throw new UsageError(t);
  return t;
}
