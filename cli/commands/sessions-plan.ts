/**
 * `ops sessions plan`: which channel runs which session, the channel-hours billed and their cost.
 * With `--pool-size N` it plans for N channels without calling AWS ("how many channels does this
 * event need?"). Times are shown as the schedule wrote them (each session's own offset), in
 * `--timezone`, or for database rows in the environment's prime-time zone.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from "luxon";
import { createMediaLiveClient, resolveRegion } from "../aws/clients";
import { InfeasibleError, UsageError } from "../errors";
import { emptyPoolError } from "../channels/pool-names";
import { listPoolChannels } from "../channels/pool";
import { loadChannelPrice } from "../channels/price";
import { assertValid, checkChannels, loadSchedule, sessionsBetween, type ScheduleParse, type Session } from "../schedule";
import { redact } from "../schedule/postgres-source";
import { planSessions, type Plan, type PlanChannel } from "../sessions/planner";
import { didYouMean } from "../../lib/did-you-mean";
import { awsOptions, print, printJson, resolvePool, table, type AwsCommandOptions } from "./ops-context";
import { MEDIALIVE_CHANNEL_QUOTA } from "../../contracts";
import { SESSIONS_PLAN_DEFAULTS } from "./defaults";
import { parseDuration } from "../support/duration";
import { parseInstant } from "../support/instant";

export interface SessionsPlanOptions extends AwsCommandOptions {
  readonly schedule: string;
  readonly pool?: string;
  /** Plan for this many channels without calling AWS; not with `pool`. */
  readonly poolSize?: number;
  /** Class of the `poolSize` channels. @default SESSIONS_PLAN_DEFAULTS.channelClass */
  readonly channelClass?: string;
  readonly from?: string;
  readonly to?: string;
  /** ms. @default SESSIONS_PLAN_DEFAULTS.lead */
  readonly leadMs?: number;
  /** ms. @default SESSIONS_PLAN_DEFAULTS.grace */
  readonly graceMs?: number;
  /** Longest session accepted, ms. @default DEFAULT_MAX_SESSION_LENGTH (8h) */
  readonly maxSessionLengthMs?: number;
  /** IANA zone to show times in. @default each session's own offset */
  readonly timezone?: string;
  readonly priceCatalog?: string;
}

const CHANNEL_CLASSES = ["STANDARD", "SINGLE_PIPELINE"];
const MAX_POOL_SIZE = 100;

export async function sessionsPlan(opts: SessionsPlanOptions): Promise<void> {
  const offline = opts.poolSize !== undefined;
  if (offline && opts.pool !== undefined) throw new UsageError("--pool and --pool-size exclude each other: --pool plans on the pool's real channels, --pool-size on N channels without AWS");
  if (offline && !(Number.isInteger(opts.poolSize) && opts.poolSize! >= 1 && opts.poolSize! <= MAX_POOL_SIZE)) {
    throw new UsageError(`--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}, got ${opts.poolSize}`);
  }
  if (opts.channelClass !== undefined && !offline) throw new UsageError("--channel-class goes with --pool-size (a real pool's channels have their own class)");
  const channelClass = (opts.channelClass ?? SESSIONS_PLAN_DEFAULTS.channelClass).toUpperCase();
  if (!CHANNEL_CLASSES.includes(channelClass)) throw new UsageError(`--channel-class must be STANDARD or SINGLE_PIPELINE, got '${opts.channelClass}'`);
  const zone = opts.timezone === undefined ? undefined : displayZone(opts.timezone);
  const leadMs = opts.leadMs ?? parseDuration(SESSIONS_PLAN_DEFAULTS.lead, "--lead", { minMs: 0 });
  const graceMs = opts.graceMs ?? parseDuration(SESSIONS_PLAN_DEFAULTS.grace, "--grace", { minMs: 0 });
  const from = parseInstant(opts.from, "--from");
  const to = parseInstant(opts.to, "--to");
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError("--to must be after --from");
  const rules = { maxSessionMs: opts.maxSessionLengthMs };

  let pool: string | undefined;
  let channels: PlanChannel[];
  let parse: ScheduleParse;
  let region: string | undefined;
  if (offline) {
    parse = await loadSchedule(opts.schedule, { from, to }, rules);
    channels = hypotheticalPool(parse.sessions, opts.poolSize!, channelClass);
    region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (region) resolveRegion(region);
  } else {
    pool = resolvePool(opts.pool);
    const medialive = await createMediaLiveClient(awsOptions(opts));
    const [loaded, poolChannels] = await Promise.all([loadSchedule(opts.schedule, { from, to }, rules), listPoolChannels(medialive, pool)]);
    if (!poolChannels.length) throw await emptyPoolError(medialive, pool);
    parse = checkChannels(loaded, poolChannels.map((c) => c.id), pool);
    channels = poolChannels;
    region = await medialive.config.region();
  }
  const sessions = sessionsBetween(assertValid(parse, redact(opts.schedule)), from, to);
  for (const w of parse.warnings ?? []) process.stderr.write(`warning: ${w}\n`);

  const price = loadChannelPrice({ region, catalogPath: opts.priceCatalog });
  const plan = planSessions(sessions, channels, { leadMs, graceMs }, price);
  const show = timeFormatter(zone, pool, sessions);
  const report = {
    pool: pool ?? null,
    poolSize: plan.poolSize,
    ...(offline ? { hypothetical: true, channelClass } : {}),
    channelsNeeded: plan.channelsNeeded,
    sessions: plan.assignments.length,
    sessionHours: Math.round((plan.sessionMinutes / 60) * 100) / 100,
    billedChannelHours: Math.round((plan.billedMinutes / 60) * 100) / 100,
    costUsd: plan.costUsd,
    priceSource: price.source,
    timezone: show.description,
    assignments: plan.assignments.map((a) => ({ sessionId: a.session.id, channelId: a.channelId, explicit: a.explicit, startsAt: show.at(a.session.startsAt, a.session), endsAt: show.at(a.session.endsAt, a.session) })),
    runs: plan.runs.map((r) => {
      const first = sessions.find((s) => s.id === r.sessionIds[0]);
      return { channelId: r.channelId, start: show.at(r.start, first), end: show.at(r.end, first), sessionIds: r.sessionIds, billedMinutes: r.billedMinutes };
    }),
    unplaced: plan.unplaced.map((u) => ({ sessionId: u.session.id, startsAt: show.at(u.session.startsAt, u.session), endsAt: show.at(u.session.endsAt, u.session), reason: u.reason })),
    warnings: parse.warnings ?? [],
  };
  if (plan.unplaced.length) throw infeasible(plan, report, offline);
  if (opts.json) return printJson(report);
  printHuman(plan, report, show);
}

/** Exit 5, naming what does not fit in the schedule's own times; the JSON report lists it under `unplaced`. */
function infeasible(plan: Plan, report: Report & { unplaced: { sessionId: string; startsAt: string; endsAt: string; reason: string }[] }, offline: boolean): InfeasibleError {
  const shown = report.unplaced.slice(0, 20).map((u) => `${u.sessionId} (${u.startsAt} - ${u.endsAt}): ${u.reason}`);
  const more = report.unplaced.length > shown.length ? `\n  ... and ${report.unplaced.length - shown.length} more` : "";
  const short = plan.channelsNeeded > plan.poolSize;
  return new InfeasibleError(
    `the pool has ${plan.poolSize} channel(s) but the schedule needs ${plan.channelsNeeded} at its peak; ${report.unplaced.length} session(s) do not fit:\n  ${shown.join("\n  ")}${more}`,
    !short
      ? "fix the explicit channelId of the sessions listed"
      : offline
        ? `plan again with --pool-size ${plan.channelsNeeded}`
        : `add ${plan.channelsNeeded - plan.poolSize} channel(s) to the pool (MediaLive's default quota is ${MEDIALIVE_CHANNEL_QUOTA} per region) or move sessions`,
    report,
  );
}

type Report = { assignments: { sessionId: string; channelId: string; explicit: boolean; startsAt: string; endsAt: string }[]; runs: { channelId: string; start: string; end: string; sessionIds: string[]; billedMinutes: number }[] } & Record<string, unknown>;

function printHuman(plan: Plan, report: Report, show: TimeFormatter): void {
  // A quoted CSV title may hold newlines: one line per row in the table.
  const titles = new Map(plan.assignments.map((a) => [a.session.id, (a.session.title ?? "").replace(/\s+/g, " ")]));
  print(table(["SESSION", "CHANNEL", "STARTS", "ENDS", "TITLE"], report.assignments.map((a) => [a.sessionId, a.channelId + (a.explicit ? " (explicit)" : ""), human(a.startsAt), human(a.endsAt), titles.get(a.sessionId) ?? ""])));
  print("");
  print(table(["CHANNEL", "RUNS FROM", "UNTIL", "BILLED MIN", "SESSIONS"], report.runs.map((r) => [r.channelId, human(r.start), human(r.end), String(r.billedMinutes), r.sessionIds.join(" ")])));
  print("");
  const used = new Set(plan.runs.map((r) => r.channelId)).size;
  print(
    `${report.sessions} session(s), ${report.sessionHours} session-hours on ${used} of ${plan.poolSize}${report.hypothetical ? " hypothetical" : ""} channel(s) (peak need ${plan.channelsNeeded}); ` +
      `${report.billedChannelHours} channel-hours billed, $${(plan.costUsd ?? 0).toFixed(2)} (${report.priceSource}); times ${show.description}`,
  );
}

/** "2026-05-01T18:00+08:00" -> "2026-05-01 18:00 +08:00" for tables. */
const human = (iso: string) => iso.replace("T", " ").replace(/(Z|[+-]\d{2}:\d{2})$/, " $1");

/** --pool-size: the explicit channels the schedule names, then numbered stand-ins up to N. */
function hypotheticalPool(sessions: readonly Session[], size: number, channelClass: string): PlanChannel[] {
  const named = [...new Set(sessions.map((s) => s.channelId).filter((id): id is string => !!id))].sort();
  if (named.length > size) throw new UsageError(`--pool-size ${size} is smaller than the ${named.length} channels the schedule names (${named.join(", ")})`);
  const width = String(size).length;
  const standIns = Array.from({ length: size - named.length }, (_, i) => `channel-${String(i + 1).padStart(width, "0")}`);
  return [...named, ...standIns].map((id) => ({ id, channelClass }));
}

function displayZone(name: string): Zone {
  if (/^utc$/i.test(name) || name === "Z") return FixedOffsetZone.utcInstance;
  if (IANAZone.isValidZone(name)) return IANAZone.create(name);
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  throw new UsageError(`--timezone '${name}' is not an IANA time zone${didYouMean(name, known)}`, "e.g. Asia/Singapore, Europe/Berlin or UTC");
}

interface TimeFormatter {
  /** ISO 8601 with the offset shown: 2026-05-01T18:00+08:00. */
  at(ms: number, session?: Session): string;
  readonly description: string;
}

/**
 * --timezone when given; otherwise the offset each session was written with; database rows (no
 * offset) use the prime-time zone of the environment named like the pool, else UTC.
 */
function timeFormatter(zone: Zone | undefined, pool: string | undefined, sessions: readonly Session[]): TimeFormatter {
  const format = (ms: number, z: Zone) => DateTime.fromMillis(ms, { zone: z }).toISO({ suppressMilliseconds: true, suppressSeconds: true, includeOffset: true })!.replace(/\+00:00$/, "Z");
  if (zone) return { at: (ms) => format(ms, zone), description: `in ${zone.name}` };
  const fallback = sessions.some((s) => s.offsetMinutes === undefined) ? environmentZone(pool) : undefined;
  return {
    at: (ms, s) => format(ms, s?.offsetMinutes !== undefined ? FixedOffsetZone.instance(s.offsetMinutes) : (fallback ?? FixedOffsetZone.utcInstance)),
    description: fallback ? `as the schedule wrote them (database rows in ${fallback.name})` : "as the schedule wrote them",
  };
}

function environmentZone(pool: string | undefined): Zone | undefined {
  if (!pool) return undefined;
  try {
    const { loadEnvironment } = require("../../config/load") as typeof import("../../config/load");
    return IANAZone.create(loadEnvironment(pool).primeTime.timezone);
  } catch {
    return undefined; // not an environment of this checkout: UTC
  }
}
