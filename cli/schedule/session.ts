/**
 * A scheduled live session and the checks every schedule source shares. Sources collect every bad
 * row before failing, so an operator fixes a file in one go; nothing is acted on while any row is bad.
 */
import { UsageError } from "../errors";

export interface Session {
  readonly id: string;
  /** Epoch ms. */
  readonly startsAt: number;
  readonly endsAt: number;
  /** A pool channel the session must use; otherwise the planner picks one. */
  readonly channelId?: string;
  readonly title?: string;
  /** Where the row came from, for messages: "schedule.csv line 4", "item 2", "live_sessions id abc". */
  readonly origin: string;
}

/** ISO 8601 date-time with an explicit offset (Z or +hh:mm): a bare local time is ambiguous. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;
/** Session ids end up in S3 keys (sessions/<id>/) and harvest job ids. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Parses an ISO 8601 timestamp that carries an offset; returns an error message otherwise. */
export function parseTimestamp(value: unknown, field: string): number | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${field} is not a valid date` : value.getTime();
  if (typeof value !== "string" || value.trim() === "") return `${field} is missing`;
  const v = value.trim();
  if (ISO_WITHOUT_OFFSET.test(v)) return `${field} '${v}' has no UTC offset (write e.g. ${v.length > 10 ? v : `${v}T18:00`}+08:00 or Z)`;
  if (!ISO_WITH_OFFSET.test(v)) return `${field} '${v}' is not an ISO 8601 date-time with offset (e.g. 2026-05-01T18:00:00+08:00)`;
  const ms = Date.parse(v.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2").replace(/([+-]\d{2})$/, "$1:00"));
  return Number.isNaN(ms) ? `${field} '${v}' is not a valid date-time` : ms;
}

export interface RawSession {
  readonly id?: unknown;
  readonly startsAt?: unknown;
  readonly endsAt?: unknown;
  readonly channelId?: unknown;
  readonly title?: unknown;
  readonly origin: string;
}

export interface ScheduleParse {
  readonly sessions: Session[];
  /** One message per bad row, each naming its line or id. */
  readonly issues: string[];
}

const optionalString = (v: unknown): string | undefined => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : String(v).trim());

/** Validates raw rows: required fields, offsets, end after start, unique ids. */
export function validateRows(rows: readonly RawSession[]): ScheduleParse {
  const sessions: Session[] = [];
  const issues: string[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const id = optionalString(row.id);
    const where = id ? `${row.origin} (id ${id})` : row.origin;
    const problems: string[] = [];
    if (!id) problems.push("id is missing");
    else if (!SESSION_ID.test(id)) problems.push(`id '${id}' must be 1-128 letters, digits, '-' or '_' (it becomes an S3 prefix)`);
    else if (seen.has(id)) problems.push(`duplicate id '${id}' (first at ${seen.get(id)})`);
    const startsAt = parseTimestamp(row.startsAt, "startsAt");
    const endsAt = parseTimestamp(row.endsAt, "endsAt");
    if (typeof startsAt === "string") problems.push(startsAt);
    if (typeof endsAt === "string") problems.push(endsAt);
    if (typeof startsAt === "number" && typeof endsAt === "number" && endsAt <= startsAt) {
      problems.push(`ends (${new Date(endsAt).toISOString()}) before or when it starts (${new Date(startsAt).toISOString()})`);
    }
    if (id && !seen.has(id)) seen.set(id, row.origin);
    if (problems.length) {
      issues.push(`${where}: ${problems.join("; ")}`);
      continue;
    }
    sessions.push({
      id: id!,
      startsAt: startsAt as number,
      endsAt: endsAt as number,
      channelId: optionalString(row.channelId),
      title: optionalString(row.title),
      origin: row.origin,
    });
  }
  return { sessions, issues };
}

/** Adds an issue for every session naming a channel outside the pool. */
export function checkChannels(parse: ScheduleParse, poolChannelIds: readonly string[], pool: string): ScheduleParse {
  const known = new Set(poolChannelIds);
  const issues = [...parse.issues];
  for (const s of parse.sessions) {
    if (s.channelId && !known.has(s.channelId)) {
      issues.push(`${s.origin} (id ${s.id}): unknown channel '${s.channelId}' (not in pool '${pool}': ${poolChannelIds.join(", ") || "no channels"})`);
    }
  }
  return { sessions: parse.sessions, issues };
}

/** Throws one UsageError listing every issue; nothing is acted on. */
export function assertValid(parse: ScheduleParse, source: string): Session[] {
  if (parse.issues.length) {
    const shown = parse.issues.slice(0, 50);
    const more = parse.issues.length > shown.length ? `\n  ... and ${parse.issues.length - shown.length} more` : "";
    throw new UsageError(`schedule ${source} has ${parse.issues.length} bad row(s); nothing was acted on:\n  ${shown.join("\n  ")}${more}`);
  }
  return parse.sessions;
}

/** Keeps sessions that overlap [from, to). */
export function sessionsBetween(sessions: readonly Session[], from?: number, to?: number): Session[] {
  return sessions.filter((s) => (from === undefined || s.endsAt > from) && (to === undefined || s.startsAt < to));
}
