/** `ops sessions plan`: which channel runs which session, the channel-hours billed and their cost. */
import { createMediaLiveClient, resolveRegion } from "../aws/clients";
import { UsageError } from "../errors";
import { loadChannelPrice } from "../channels/price";
import { parseDuration, parseInstant } from "../sessions/duration";
import { assertFeasible, planSessions } from "../sessions/planner";
import { awsOptions, print, printJson, resolvePool, table, type AwsCommandOptions } from "./ops-context";
import { loadValidSchedule } from "./sessions-shared";

export interface SessionsPlanOptions extends AwsCommandOptions {
  readonly schedule: string;
  readonly pool?: string;
  readonly from?: string;
  readonly to?: string;
  readonly lead?: string;
  readonly grace?: string;
  readonly priceCatalog?: string;
}

const iso = (t: number) => new Date(t).toISOString().replace(":00.000Z", "Z");

export async function sessionsPlan(opts: SessionsPlanOptions): Promise<void> {
  const pool = resolvePool(opts.pool);
  const leadMs = parseDuration(opts.lead ?? "10m", "--lead");
  const graceMs = parseDuration(opts.grace ?? "5m", "--grace");
  const from = parseInstant(opts.from, "--from");
  const to = parseInstant(opts.to, "--to");
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError("--to must be after --from");
  const medialive = await createMediaLiveClient(awsOptions(opts));
  const { channels, sessions } = await loadValidSchedule(medialive, opts.schedule, pool, { from, to });
  const price = loadChannelPrice({ region: resolveRegion(opts.region), catalogPath: opts.priceCatalog });
  const plan = planSessions(sessions, channels, { leadMs, graceMs }, price);
  assertFeasible(plan);
  const summary = {
    pool,
    poolSize: plan.poolSize,
    channelsNeeded: plan.channelsNeeded,
    sessions: plan.assignments.length,
    sessionHours: Math.round((plan.sessionMinutes / 60) * 100) / 100,
    billedChannelHours: Math.round((plan.billedMinutes / 60) * 100) / 100,
    costUsd: plan.costUsd,
    priceSource: price.source,
  };
  if (opts.json) {
    return printJson({
      ...summary,
      assignments: plan.assignments.map((a) => ({ sessionId: a.session.id, channelId: a.channelId, explicit: a.explicit, startsAt: iso(a.session.startsAt), endsAt: iso(a.session.endsAt) })),
      runs: plan.runs.map((r) => ({ channelId: r.channelId, start: iso(r.start), end: iso(r.end), sessionIds: r.sessionIds, billedMinutes: r.billedMinutes })),
    });
  }
  print(
    table(
      ["SESSION", "CHANNEL", "STARTS", "ENDS", "TITLE"],
      plan.assignments.map((a) => [a.session.id, a.channelId + (a.explicit ? " (explicit)" : ""), iso(a.session.startsAt), iso(a.session.endsAt), a.session.title ?? ""]),
    ),
  );
  print("");
  print(table(["CHANNEL", "RUNS FROM", "UNTIL", "BILLED MIN", "SESSIONS"], plan.runs.map((r) => [r.channelId, iso(r.start), iso(r.end), String(r.billedMinutes), r.sessionIds.join(" ")])));
  print("");
  print(
    `${summary.sessions} session(s), ${summary.sessionHours} session-hours on ${new Set(plan.runs.map((r) => r.channelId)).size} of ${plan.poolSize} channel(s) (peak need ${plan.channelsNeeded}); ` +
      `${summary.billedChannelHours} channel-hours billed, $${(plan.costUsd ?? 0).toFixed(2)} (${price.source})`,
  );
}
