/**
 * A simulated day, minute by minute: one reconcile pass a minute through the real SDK against the
 * fake AWS servers and a real PostgreSQL, with the schedule edited during the day (a late session,
 * cancellations before and during a session, a session moved in time). Assignments are facts: no
 * session changes channel once its run has begun, every channel is RUNNING when its session starts,
 * no channel is stopped under a session, and every session is harvested from the channel it ran on.
 */
import { startPostgres, type PostgresServer } from "../../../test/support/postgres";
import { MIN, startHarness, T0, type Harness } from "../../../test/support/pass-harness";

let pg: PostgresServer;
let h: Harness;

beforeAll(async () => {
  pg = await startPostgres();
  h = await startHarness(pg, { keepConnection: true });
});
afterAll(async () => {
  await h?.close();
  await pg?.stop();
});

const SESSIONS: [string, number, number][] = [
  ["s01", 0, 60],
  ["s02", 30, 90],
  ["s03", 60, 120],
  ["s04", 95, 150],
  ["s05", 100, 130],
  ["s06", 180, 240],
  ["s07", 185, 245],
  ["s08", 190, 250],
  ["s09", 300, 360],
  ["s10", 365, 420],
  ["s11", 600, 720],
  ["s12", 610, 650],
  ["s13", 700, 760],
  ["s14", 900, 1000],
  ["s15", 1200, 1300],
];

/** Edits the app makes during the day, at a minute after T0. */
const EDITS: Record<number, (h: Harness) => Promise<void>> = {
  20: (h) => h.sql.query("UPDATE live_sessions SET status = 'cancelled' WHERE id = 's05'").then(() => undefined),
  50: (h) => h.addSession("s16", 70, 100),
  170: (h) => h.sql.query("UPDATE live_sessions SET starts_at = starts_at + interval '10 minutes', ends_at = ends_at + interval '10 minutes' WHERE id = 's08'").then(() => undefined),
  200: (h) => h.sql.query("UPDATE live_sessions SET status = 'cancelled' WHERE id = 's07'").then(() => undefined),
  560: (h) => h.addSession("s17", 605, 640),
};

interface Row {
  id: string;
  channel_id: string | null;
  channel_assigned_at: Date | null;
  status: string;
  starts_at: Date;
  ends_at: Date;
}

test("a day minute by minute: sessions keep their channel, channels run at every start, nothing is stopped under a session, each recording comes from its channel", async () => {
  for (const [id, start, end] of SESSIONS) await h.addSession(id, start, end);
  const channelFrom = new Map<string, string>(); // channel of a session once its run has begun
  const notRunningAtStart: string[] = [];
  const moves: string[] = [];
  const problems: string[] = [];
  for (let t = -30; t <= 1440; t++) {
    h.aws.clock.t = T0 + t * MIN;
    await EDITS[t]?.(h);
    const report = await h.pass();
    for (const e of report.errors) problems.push(`t=${t}: ${e.message}`);
    const rows = (await h.sql.query<Row>("SELECT id, channel_id, channel_assigned_at, status, starts_at, ends_at FROM live_sessions")).rows;
    for (const r of rows) {
      if (r.status === "cancelled") continue;
      const begun = h.aws.clock.now() >= r.starts_at.getTime() - 10 * MIN && r.channel_id;
      if (begun) {
        const before = channelFrom.get(r.id);
        if (before && before !== r.channel_id) moves.push(`${r.id}: ${before} -> ${r.channel_id} at t=${t}`);
        if (!before) channelFrom.set(r.id, r.channel_id!);
      }
      if (r.starts_at.getTime() === h.aws.clock.now() && (!r.channel_id || h.aws.medialive.state(r.channel_id) !== "RUNNING")) notRunningAtStart.push(`${r.id} on ${r.channel_id}`);
    }
  }
  expect(problems).toEqual([]);
  expect(moves).toEqual([]);
  expect(notRunningAtStart).toEqual([]);

  const rows = (await h.sql.query<Row & { harvest_status: string | null }>("SELECT id, channel_id, channel_assigned_at, status, starts_at, ends_at, harvest_status FROM live_sessions ORDER BY id")).rows;
  const held = rows.filter((r) => r.status !== "cancelled" || r.id === "s07");
  // No channel was stopped while a session it carries was on air (s07 was cancelled on air: its stop is wanted).
  for (const stop of h.aws.medialive.accepted("StopChannel")) {
    const under = held.filter((r) => r.id !== "s07" && r.channel_id === stop.target && r.starts_at.getTime() <= stop.at && stop.at < r.ends_at.getTime());
    expect(under.map((r) => `${r.id} under stop of ${stop.target} at ${new Date(stop.at).toISOString()}`)).toEqual([]);
  }
  // s07's channel stopped within a pass or two of the cancel, since nothing else needed it then.
  const s07 = rows.find((r) => r.id === "s07")!;
  expect(h.aws.medialive.accepted("StopChannel").some((c) => c.target === s07.channel_id && c.at >= T0 + 200 * MIN && c.at <= T0 + 202 * MIN)).toBe(true);
  // Every session that ran was harvested once, from the endpoint of the channel it ran on, for its window.
  const ran = rows.filter((r) => r.status !== "cancelled");
  expect(ran.map((r) => [r.id, r.status, r.harvest_status])).toEqual(ran.map((r) => [r.id, "ended", "SUCCEEDED"]));
  for (const r of ran) {
    const jobs = h.aws.mediapackage.harvestJobs.filter((j) => j.s3Destination.manifestKey === `sessions/${r.id}/index.m3u8`);
    expect(jobs.map((j) => [j.originEndpointId, j.startTime, j.endTime])).toEqual([[`ep-${r.channel_id}`, r.starts_at.toISOString(), r.ends_at.toISOString()]]);
  }
  // Cancelled before its run: never started anything.
  expect(rows.find((r) => r.id === "s05")?.channel_id).toBeNull();
  expect(h.aws.mediapackage.harvestJobs.some((j) => j.s3Destination.manifestKey.includes("s05"))).toBe(false);
});
