/**
 * The benchmark replays weeks of passes against MemoryStore instead of PostgreSQL. That is only
 * honest if both stores make the pass behave the same: one replay (schedule edits, a channel
 * failing under future sessions, a channel failing its starts, harvests) through each, compared
 * call by call and session by session.
 */
import { Client } from "pg";
import { simulate, type Scenario } from "../../bench/reconcile-simulation";
import { migrate } from "../../db/migrate";
import { MemoryDatabase, MemoryStore } from "./memory-store";
import { connectPassDatabase } from "./pass-database";
import { PostgresSessionStore } from "./postgres-store";
import type { SessionStore, StoredSession } from "./store";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

const MIN = 60_000;
const FROM = Date.parse("2026-05-01T09:00:00+08:00");
const at = (minute: number) => FROM + minute * MIN;
const session = (id: string, start: number, end: number) => ({ id, startsAt: at(start), endsAt: at(end) });

const scenario: Scenario = {
  name: "parity",
  describe: "3 channels, 6 hours, edits and two channel failures",
  channels: 3,
  sessions: [
    session("a", 30, 90),
    session("b", 40, 100),
    session("c", 120, 180),
    session("d", 200, 260),
    session("e", 210, 250),
    { ...session("f", 300, 360), createdAt: at(270) },
    { ...session("g", 320, 380), cancelAt: at(250) },
    { ...session("h", 330, 390), shift: { at: at(200), byMs: 20 * MIN } },
  ],
  events: [
    // d and e got their channels (3000000, 3000001) at 140 and 150; 3000000 fails before their runs.
    { at: at(160), what: "channel 0 UPDATE_FAILED", apply: async (aws) => aws.medialive.setState("3000000", "UPDATE_FAILED") },
    { at: at(230), what: "channel 0 repaired", apply: async (aws) => aws.medialive.setState("3000000", "IDLE") },
    // f gets 3000000 at 240; both of its starts there fail, so it moves before its run is on air.
    { at: at(280), what: "channel 0 fails its next two starts", apply: async (aws) => aws.medialive.failStarts("3000000", 2) },
  ],
  from: FROM,
  to: at(420),
  store: "memory",
  // No throttling: its draws would follow the order of concurrent calls, which may differ.
  throttleRate: 0,
  latencyMs: 0,
  realBackoff: false,
};

test("a replay through MemoryStore and through PostgreSQL makes the same calls and leaves every session on the same channel", async () => {
  const memory = await simulate(scenario);
  const postgres = await simulate({ ...scenario, store: "postgres" }, pg);
  expect(postgres.trace).toEqual(memory.trace);
  // The failovers happened: e moved off the failed channel, f off the channel that would not start.
  expect(memory.movedBeforeAir).toBe(2);
  expect(memory.trace.mutating.filter((c) => c.endsWith("StartChannel 3000000"))).toHaveLength(3);
  expect([memory.movedOnAir, memory.runningAtStart, memory.harvested]).toEqual([0, memory.startedSessions, memory.toHarvest]);
});

test("both stores load the same sessions (by end, so a long session stays) and give up the same recordings", async () => {
  const H = 60 * MIN;
  const now = FROM;
  const rows: { id: string; start: number; end: number; status: StoredSession["status"]; harvest?: StoredSession["harvestStatus"] }[] = [
    { id: "on-air-25h", start: -25 * H, end: H, status: "live" },
    { id: "over-never-harvested", start: -26 * H, end: -25 * H, status: "ended" },
    { id: "over-job-running", start: -25 * H, end: -23 * H, status: "ended", harvest: "IN_PROGRESS" },
    { id: "over-job-failed", start: -25 * H, end: -23 * H, status: "ended", harvest: "FAILED" },
    { id: "over-harvested", start: -25 * H, end: -23 * H, status: "ended", harvest: "SUCCEEDED" },
    { id: "recent", start: -2 * H, end: -H, status: "ended" },
    { id: "soon", start: 30 * MIN, end: 2 * H, status: "scheduled" },
    { id: "later", start: 3 * H, end: 4 * H, status: "scheduled" },
  ];
  const url = await pg.createDatabase(`stores_${process.pid}`);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  await migrate(sql);
  const memory = new MemoryDatabase();
  for (const r of rows) {
    const at = [new Date(now + r.start), new Date(now + r.end)];
    await sql.query("INSERT INTO live_sessions (id, mentor_id, starts_at, ends_at, status, harvest_status, channel_id, channel_assigned_at) VALUES ($1, 'm', $2, $3, $4, $5, '3000000', $2)", [r.id, ...at, r.status, r.harvest ?? null]);
    memory.putSession({ id: r.id, mentorId: "m", startsAt: now + r.start, endsAt: now + r.end, status: r.status, harvestStatus: r.harvest, channelId: "3000000", channelAssignedAt: now + r.start });
  }
  const stores: SessionStore[] = [new MemoryStore(memory), new PostgresSessionStore(await connectPassDatabase(url, { statementTimeoutMs: 5_000, lockTimeoutMs: 2_000, connectTimeoutMs: 5_000 }), url)];
  try {
    for (const store of stores) {
      const window = { now, horizonMs: H, lookbackMs: 24 * H, usableChannelIds: ["3000000"], leadMs: 10 * MIN, graceMs: 5 * MIN };
      expect((await store.loadSessions(window)).map((s) => s.id).sort()).toEqual(["on-air-25h", "over-harvested", "over-job-failed", "over-job-running", "recent", "soon"]);
      const lost = await store.expireUnharvested({ startedBefore: now - 24 * H, endedBefore: now - 5 * MIN }, "window passed", now);
      expect(lost.sort()).toEqual(["over-job-failed", "over-never-harvested"]);
    }
  } finally {
    for (const store of stores) await store.close();
    await sql.end();
  }
});
