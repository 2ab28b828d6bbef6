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
import { channelHourUsd, loadChannelPriceCatalog, type ChannelPriceCatalog } from "../channels/price";
import { defaultChannelEncodes, type ChannelEncodes } from "../channels/encodes";
import { describeChannel, type PoolChannel } from "../channels/pool";
import { assertValid, checkChannels, loadSchedule, sessionsBetween, type ScheduleParse, type Session } from "../schedule";
import { isPostgresUrl, redactUrl } from "../support/postgres-url";
import { mapLimited } from "../support/map-limited";
import { describeOutputs } from "../../cost-model/channel-hour";
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import { planSessions, type Plan, type PlanChannel } from "../sessions/planner";
import { didYouMean } from "../../lib/did-you-mean";
import { awsOptions, print, printJson, resolvePool, table, type AwsCommandOptions } from "./ops-context";
import { CHANNEL_CLASSES, MEDIALIVE_CHANNEL_QUOTA } from "../../contracts";
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

const MAX_POOL_SIZE = 100;
/** DescribeChannel calls in flight at once: a default pool (MEDIALIVE_CHANNEL_QUOTA channels) in one round. */
const DESCRIBE_CONCURRENCY = MEDIALIVE_CHANNEL_QUOTA;

/** A plan channel with what it encodes and where that came from. */
interface PricedChannel extends PlanChannel {
  readonly encodes: ChannelEncodes;
  readonly encodesFrom: "encoder settings" | "default ladder";
}

export async function sessionsPlan(opts: SessionsPlanOptions): Promise<void> {
  const offline = opts.poolSize !== undefined;
  if (offline && opts.pool !== undefined) throw new UsageError("--pool and --pool-size exclude each other: --pool plans on the pool's real channels, --pool-size on N channels without AWS");
  if (offline && !(Number.isInteger(opts.poolSize) && opts.poolSize! >= 1 && opts.poolSize! <= MAX_POOL_SIZE)) {
    throw new UsageError(`--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}, got ${opts.poolSize}`);
  }
  if (opts.channelClass !== undefined && !offline) throw new UsageError("--channel-class goes with --pool-size (a real pool's channels have their own class)");
  const channelClass = (opts.channelClass ?? SESSIONS_PLAN_DEFAULTS.channelClass).toUpperCase();
  if (!(CHANNEL_CLASSES as readonly string[]).includes(channelClass)) throw new UsageError(`--channel-class must be ${CHANNEL_CLASSES.join(" or ")}, got '${opts.channelClass}'`);
  const zone = opts.timezone === undefined ? undefined : displayZone(opts.timezone);
  const leadMs = opts.leadMs ?? parseDuration(SESSIONS_PLAN_DEFAULTS.lead, "--lead", { minMs: 0 });
  const graceMs = opts.graceMs ?? parseDuration(SESSIONS_PLAN_DEFAULTS.grace, "--grace", { minMs: 0 });
  const from = parseInstant(opts.from, "--from");
  const to = parseInstant(opts.to, "--to");
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError("--to must be after --from");
  const rules = { maxSessionMs: opts.maxSessionLengthMs, displayZone: zone };
  // Database rows name a channel only when an operator pinned it (the loop's own assignments are free;
  // the app's services cannot write channel_id: db/migrations/004_service_roles.sql).
  const requestedBy = isPostgresUrl(opts.schedule) ? "operator" : "schedule";

  let pool: string | undefined;
  let channels: PricedChannel[];
  let parse: ScheduleParse;
  let region: string | undefined;
  let prices: ChannelPriceCatalog;
  if (offline) {
    region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (region) resolveRegion(region);
    // Catalog problems are input problems: found before the schedule is read.
    prices = await loadChannelPriceCatalog({ region, catalogPath: opts.priceCatalog });
    parse = await loadSchedule(opts.schedule, { from, to }, rules);
    channels = hypotheticalPool(parse.sessions, opts.poolSize!, channelClass, requestedBy);
  } else {
    pool = resolvePool(opts.pool);
    const medialive = await createMediaLiveClient(awsOptions(opts));
    region = await medialive.config.region();
    prices = await loadChannelPriceCatalog({ region, catalogPath: opts.priceCatalog });
    const [loaded, poolChannels] = await Promise.all([loadSchedule(opts.schedule, { from, to }, rules), listPoolChannels(medialive, pool)]);
    if (!poolChannels.length) throw await emptyPoolError(medialive, pool);
    parse = checkChannels(loaded, poolChannels.map((c) => c.id), pool);
    channels = await describedPool(medialive, poolChannels);
  }
  const sessions = sessionsBetween(assertValid(parse, redactUrl(opts.schedule)), from, to);
  for (const w of parse.warnings ?? []) process.stderr.write(`warning: ${w}\n`);

  const priced = channels.map((c) => ({ ...c, usdPerHour: channelHourUsd(prices, c.encodes) }));
  // Database sessions get a stream key per run, so the pass keeps mentors' runs apart where it can.
  const plan = planSessions(sessions, priced, { leadMs, graceMs, freshKeyPerSession: isPostgresUrl(opts.schedule) });
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
    priceSource: prices.source,
    channelPrices: channelPrices(priced, offline),
    timezone: show.description,
    assignments: plan.assignments.map((a) => ({
      sessionId: a.session.id,
      channelId: a.channelId,
      explicit: a.explicit,
      ...(a.explicit ? { requestedBy } : {}),
      ...(a.session.assignedChannelId ? { loopChannelId: a.session.assignedChannelId } : {}),
      ...(a.sharesKeyWith ? { sharesKeyWith: a.sharesKeyWith } : {}),
      startsAt: show.at(a.session.startsAt, a.session),
      endsAt: show.at(a.session.endsAt, a.session),
    })),
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

/** Each pool channel with its encodes: from DescribeChannel's encoder settings, else the default ladder. */
async function describedPool(medialive: MediaLiveClient, poolChannels: readonly PoolChannel[]): Promise<PricedChannel[]> {
  return mapLimited(poolChannels, DESCRIBE_CONCURRENCY, async (c) => {
    const details = await describeChannel(medialive, c.id);
    return details.encodes
      ? { id: c.id, channelClass: c.channelClass, encodes: details.encodes, encodesFrom: "encoder settings" as const }
      : { id: c.id, channelClass: c.channelClass, encodes: defaultChannelEncodes(c.channelClass), encodesFrom: "default ladder" as const };
  });
}

/** What each channel-hour costs and why: one line for a hypothetical pool (its channels are alike). */
function channelPrices(channels: readonly (PricedChannel & { usdPerHour: number })[], hypothetical: boolean) {
  const line = (c: PricedChannel & { usdPerHour: number }) => ({
    channelClass: c.encodes.class,
    input: c.encodes.inputResolution,
    outputs: describeOutputs(c.encodes.outputs),
    outputsFrom: c.encodesFrom,
    usdPerHour: Math.round(c.usdPerHour * 10_000) / 10_000,
  });
  if (hypothetical) return channels.length ? [{ channelId: "each", ...line(channels[0]!) }] : [];
  return channels.map((c) => ({ channelId: c.id, ...line(c) }));
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

type Report = { assignments: { sessionId: string; channelId: string; explicit: boolean; requestedBy?: string; sharesKeyWith?: readonly string[]; startsAt: string; endsAt: string }[]; runs: { channelId: string; start: string; end: string; sessionIds: string[]; billedMinutes: number }[] } & Record<string, unknown>;

function printHuman(plan: Plan, report: Report, show: TimeFormatter): void {
  // A quoted CSV title may hold newlines: one line per row in the table.
  const titles = new Map(plan.assignments.map((a) => [a.session.id, (a.session.title ?? "").replace(/\s+/g, " ")]));
  const label = (a: Report["assignments"][number]) =>
    (!a.explicit ? "" : a.requestedBy === "operator" ? " (pinned by an operator)" : " (explicit)") + (a.sharesKeyWith ? ` (shares the stream key of ${a.sharesKeyWith.join(", ")})` : "");
  print(table(["SESSION", "CHANNEL", "STARTS", "ENDS", "TITLE"], report.assignments.map((a) => [a.sessionId, a.channelId + label(a), human(a.startsAt), human(a.endsAt), titles.get(a.sessionId) ?? ""])));
  print("");
  print(table(["CHANNEL", "RUNS FROM", "UNTIL", "BILLED MIN", "SESSIONS"], report.runs.map((r) => [r.channelId, human(r.start), human(r.end), String(r.billedMinutes), r.sessionIds.join(" ")])));
  print("");
  const used = new Set(plan.runs.map((r) => r.channelId)).size;
  print(
    `${report.sessions} session(s), ${report.sessionHours} session-hours on ${used} of ${plan.poolSize}${report.hypothetical ? " hypothetical" : ""} channel(s) (peak need ${plan.channelsNeeded}); ` +
      `${report.billedChannelHours} channel-hours billed, $${(plan.costUsd ?? 0).toFixed(2)} (${report.priceSource}); times ${show.description}`,
  );
  for (const p of report.channelPrices as { channelId: string; channelClass: string; input: string; outputs: string; outputsFrom: string; usdPerHour: number }[]) {
    print(`${p.channelId === "each" ? "each channel" : `channel ${p.channelId}`}: ${p.channelClass}, ${p.input} input, ${p.outputs} outputs (${p.outputsFrom}): $${p.usdPerHour.toFixed(4)} an hour`);
  }
}

/** "2026-05-01T18:00+08:00" -> "2026-05-01 18:00 +08:00" for tables. */
const human = (iso: string) => iso.replace("T", " ").replace(/(Z|[+-]\d{2}:\d{2})$/, " $1");

/** --pool-size: the channels the schedule asks for, then numbered stand-ins up to N, each with the default ladder. */
function hypotheticalPool(sessions: readonly Session[], size: number, channelClass: string, requestedBy: "operator" | "schedule"): PricedChannel[] {
  const named = [...new Set(sessions.map((s) => s.channelId).filter((id): id is string => !!id))].sort();
  if (named.length > size) {
    const who = requestedBy === "operator" ? "an operator pinned (live_sessions.channel_id without channel_assigned_at)" : "the schedule names";
    throw new UsageError(`--pool-size ${size} is smaller than the ${named.length} channels ${who} (${named.join(", ")})`);
  }
  const width = String(size).length;
  const standIns = Array.from({ length: size - named.length }, (_, i) => `channel-${String(i + 1).padStart(width, "0")}`);
  const encodes = defaultChannelEncodes(channelClass);
  return [...named, ...standIns].map((id) => ({ id, channelClass, encodes, encodesFrom: "default ladder" as const }));
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
