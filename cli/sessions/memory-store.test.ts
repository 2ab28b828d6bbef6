/**
 * The benchmark replays weeks of passes against MemoryStore instead of PostgreSQL. That is only
 * honest if both stores make the pass behave the same: one replay (schedule edits, a channel
 * failing under future sessions, a channel failing its starts, harvests) through each, compared
 * call by call and session by session.
 */
import { simulate, type Scenario } from "../../bench/reconcile-simulation";
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
