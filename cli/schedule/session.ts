/**
 * A scheduled live session and the checks every schedule source shares. Sources collect every bad
 * row before failing, so an operator fixes a file in one go; nothing is acted on while any row is bad.
 */
import { DateTime, FixedOffsetZone, type Zone } from "luxon";
import { DEFAULT_MAX_SESSION_LENGTH } from "../../contracts";
import { UsageError } from "../errors";
import { formatDuration, parseDuration } from "../support/duration";

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
  /** The UTC offset (minutes) startsAt was written with, for showing times as the schedule wrote them; absent for database rows. */
  readonly offsetMinutes?: number;
  /** Database rows: the channel the reconcile loop assigned (channel_assigned_at set); not a request, so not `channelId`. */
  readonly assignedChannelId?: string;
  /** Database rows: the mentor (sessions of one mentor may share a stream key; others are kept apart). */
  readonly mentorId?: string;
}

/** ISO 8601 date-time with an explicit offset (Z or +hh:mm): a bare local time is ambiguous. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;
/** Session ids end up in S3 keys (sessions/<id>/) and harvest job ids. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** UTC offsets in use run from -12:00 to +14:00 (IANA time zone database). */
const MAX_OFFSET_MINUTES = { min: -12 * 60, max: 14 * 60 };

export interface Timestamp {
  /** Epoch ms. */
  readonly ms: number;
  /** The offset it was written with, minutes east of UTC; absent for a Date (database rows). */
  readonly offsetMinutes?: number;
}

/**
 * Parses an ISO 8601 date-time that carries an offset, strictly (luxon): the date must exist in the
 * calendar (2026-02-30 is refused, not moved to March), hour 24 and offsets beyond -12:00..+14:00
 * are refused. Returns an error message instead of throwing, so sources collect every bad row.
 */
export function parseZonedTimestamp(value: unknown, field: string): Timestamp | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${field} is not a valid date` : { ms: value.getTime() };
  if (typeof value !== "string" || value.trim() === "") return `${field} is missing`;
  const v = value.trim();
  if (ISO_WITHOUT_OFFSET.test(v)) return `${field} '${v}' has no UTC offset (write e.g. ${v.length > 10 ? v : `${v}T18:00`}+08:00 or Z)`;
  const shape = ISO_WITH_OFFSET.exec(v);
  if (!shape) return `${field} '${v}' is not an ISO 8601 date-time with offset (e.g. 2026-05-01T18:00:00+08:00)`;
  const [, year, month, day, hour] = shape;
  const monthStart = DateTime.utc(Number(year), Number(month), 1);
  if (!monthStart.isValid) return `${field} '${v}': there is no month ${month}`;
  if (Number(day) < 1 || Number(day) > monthStart.daysInMonth!) {
    return `${field} '${v}': ${year}-${month}-${day} is not a calendar date (${monthStart.toFormat("LLLL yyyy")} has ${monthStart.daysInMonth} days)`;
  }
  if (Number(hour) > 23) return `${field} '${v}': hour ${hour} does not exist (write 00:00 of the next day)`;
  const parsed = DateTime.fromISO(v.replace(" ", "T").replace(/z$/, "Z"), { setZone: true });
  if (!parsed.isValid) return `${field} '${v}' is not a valid date-time: ${parsed.invalidExplanation ?? parsed.invalidReason}`;
  if (parsed.offset < MAX_OFFSET_MINUTES.min || parsed.offset > MAX_OFFSET_MINUTES.max) {
    return `${field} '${v}': UTC offset ${parsed.toFormat("ZZ")} does not exist (offsets run from -12:00 to +14:00)`;
  }
  return { ms: parsed.toMillis(), offsetMinutes: parsed.offset };
}

/** Epoch ms of an ISO 8601 date-time with offset, or an error message (see parseZonedTimestamp). */
export function parseTimestamp(value: unknown, field: string): number | string {
  const t = parseZonedTimestamp(value, field);
  return typeof t === "string" ? t : t.ms;
}

export interface RawSession {
  readonly id?: unknown;
  readonly startsAt?: unknown;
  readonly endsAt?: unknown;
  readonly channelId?: unknown;
  readonly title?: unknown;
  /** The channel the reconcile loop assigned (database rows): informational, never pinned. */
  readonly assignedChannelId?: string;
  /** The session's mentor (database rows). */
  readonly mentorId?: string;
  readonly origin: string;
  /** Problems the source found in the row itself (unknown fields, extra cells), reported with the rest. */
  readonly problems?: readonly string[];
}

export interface ScheduleParse {
  readonly sessions: Session[];
  /** One message per bad row, each naming its line or id. */
  readonly issues: string[];
  /** Rows that are valid but look wrong (e.g. at 03:00 local time): printed, never fatal. */
  readonly warnings?: string[];
}

/** What validateRows enforces beyond the shape of each row. */
export interface ScheduleRules {
  /** Longest session accepted, ms: a longer one is nearly always a wrong date. @default DEFAULT_MAX_SESSION_LENGTH (8h) */
  readonly maxSessionMs?: number;
  /** The zone times are shown in (`--timezone`): the quiet-hours warning judges local time there. @default each session's own offset */
  readonly displayZone?: Zone;
}

export const DEFAULT_MAX_SESSION_MS = parseDuration(DEFAULT_MAX_SESSION_LENGTH, "DEFAULT_MAX_SESSION_LENGTH");

/** Sessions are expected between 06:00 and midnight where they happen; anything in 00:00-06:00 gets a warning. */
const QUIET_HOURS = { from: 0, to: 6 };

/**
 * A warning when any part of the session falls in the quiet hours of the display zone, or else of
 * the offset it was written in (database rows without a display zone have neither: no warning).
 */
function quietHoursWarning(startsAt: number, endsAt: number, offsetMinutes: number | undefined, displayZone: Zone | undefined): string | undefined {
  if (displayZone === undefined && offsetMinutes === undefined) return undefined;
  const zone = displayZone ?? FixedOffsetZone.instance(offsetMinutes!);
  const start = DateTime.fromMillis(startsAt, { zone });
  const end = DateTime.fromMillis(endsAt, { zone });
  // Walk the local days the session touches; each day's quiet window is [00:00, 06:00).
  for (let day = start.startOf("day"); day < end; day = day.plus({ days: 1 })) {
    const quietStart = day.set({ hour: QUIET_HOURS.from });
    const quietEnd = day.set({ hour: QUIET_HOURS.to });
    if (start < quietEnd && quietStart < end) {
      const where = displayZone ? `${displayZone.name}, UTC${start.toFormat("ZZ")}` : `UTC${start.toFormat("ZZ")}`;
      return `runs ${start.toFormat("yyyy-LL-dd HH:mm")}-${end.toFormat("HH:mm")} (${where}), partly between ${String(QUIET_HOURS.from).padStart(2, "0")}:00 and ${String(QUIET_HOURS.to).padStart(2, "0")}:00 local time: check the date and the offset`;
    }
  }
  return undefined;
}

const optionalString = (v: unknown): string | undefined => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : String(v).trim());

/**
 * Validates raw rows: known fields, required fields, calendar-valid times with offsets, end after
 * start, no session longer than the maximum, unique ids. Sessions in the small hours get a warning.
 */
export function validateRows(rows: readonly RawSession[], rules: ScheduleRules = {}): ScheduleParse {
  const maxSessionMs = rules.maxSessionMs ?? DEFAULT_MAX_SESSION_MS;
  const sessions: Session[] = [];
  const issues: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const id = optionalString(row.id);
    const where = id ? `${row.origin} (id ${id})` : row.origin;
    const problems: string[] = [...(row.problems ?? [])];
    if (!id) problems.push("id is missing");
    else if (!SESSION_ID.test(id)) problems.push(`id '${id}' must be 1-128 letters, digits, '-' or '_' (it becomes an S3 prefix)`);
    else if (seen.has(id)) problems.push(`duplicate id '${id}' (first at ${seen.get(id)})`);
    const starts = parseZonedTimestamp(row.startsAt, "startsAt");
    const ends = parseZonedTimestamp(row.endsAt, "endsAt");
    if (typeof starts === "string") problems.push(starts);
    if (typeof ends === "string") problems.push(ends);
    if (typeof starts !== "string" && typeof ends !== "string") {
      if (ends.ms <= starts.ms) {
        problems.push(`ends (${new Date(ends.ms).toISOString()}) before or when it starts (${new Date(starts.ms).toISOString()})`);
      } else if (ends.ms - starts.ms > maxSessionMs) {
        problems.push(
          `lasts ${formatDuration(ends.ms - starts.ms)}, longer than the longest session accepted (${formatDuration(maxSessionMs)}): check the dates, or raise --max-session-length`,
        );
      }
    }
    if (id && !seen.has(id)) seen.set(id, row.origin);
    if (problems.length || typeof starts === "string" || typeof ends === "string") {
      issues.push(`${where}: ${problems.join("; ")}`);
      continue;
    }
    const warning = quietHoursWarning(starts.ms, ends.ms, starts.offsetMinutes, rules.displayZone);
    if (warning) warnings.push(`${where}: ${warning}`);
    sessions.push({
      id: id!,
      startsAt: starts.ms,
      endsAt: ends.ms,
      channelId: optionalString(row.channelId),
      title: optionalString(row.title),
      origin: row.origin,
      ...(starts.offsetMinutes === undefined ? {} : { offsetMinutes: starts.offsetMinutes }),
      ...(row.assignedChannelId ? { assignedChannelId: row.assignedChannelId } : {}),
      ...(row.mentorId ? { mentorId: row.mentorId } : {}),
    });
  }
  return { sessions, issues, warnings };
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
  return { ...parse, sessions: parse.sessions, issues };
}

/** Throws one UsageError listing every issue; nothing is acted on. */
export function assertValid(parse: ScheduleParse, source: string): Session[] {
  if (parse.issues.length) {
    const shown = parse.issues.slice(0, 50);
    const more = parse.issues.length > shown.length ? `\n  ... and ${parse.issues.length - shown.length} more` : "";
    throw new UsageError(`schedule ${source} has ${parse.issues.length} bad row(s); nothing was acted on:\n  ${shown.join("\n  ")}${more}`, undefined, {
      schedule: source,
      issues: parse.issues,
    });
  }
  return parse.sessions;
}

/** Keeps sessions that overlap [from, to). */
export function sessionsBetween(sessions: readonly Session[], from?: number, to?: number): Session[] {
  return sessions.filter((s) => (from === undefined || s.endsAt > from) && (to === undefined || s.startsAt < to));
}
