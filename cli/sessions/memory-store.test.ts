/**
 * The benchmark replays weeks of passes against MemoryStore instead of PostgreSQL. That is only
 * honest if both stores make the pass behave the same: one replay (edits, a failed channel, failing
 * starts, harvests) through each, compared call by call and session by session.
 */
import { fourteenDays, simulate, type Scenario } from "../../bench/reconcile-simulation";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

test("a replay through MemoryStore and through PostgreSQL makes the same calls and leaves every session on the same channel", async () => {
  const full = fourteenDays();
  // Day 5 of the 14-day replay: a channel goes UPDATE_FAILED at 11:00 and comes back at 17:00.
  const from = full.from + 4 * 86_400_000 + 9 * 3_600_000;
  const to = full.from + 4 * 86_400_000 + 19.5 * 3_600_000;
  const day: Scenario = {
    ...full,
    from,
    to,
    sessions: full.sessions.filter((s) => s.startsAt >= from + 3_600_000 && s.endsAt <= to - 3_600_000),
    events: full.events.filter((e) => e.at >= from && e.at <= to),
    // Calls in a deterministic order: no throttling, whose draws would follow the order of concurrent calls.
    throttleRate: 0,
  };
  expect(day.sessions.length).toBeGreaterThanOrEqual(4);
  expect(day.events.map((e) => e.what)).toEqual(["channel 1 UPDATE_FAILED", "channel 1 repaired (IDLE)"]);
  const memory = await simulate({ ...day, store: "memory" });
  const postgres = await simulate({ ...day, store: "postgres" }, pg);
  expect(postgres.trace).toEqual(memory.trace);
  expect(memory.trace.mutating.filter((c) => c.includes("StartChannel")).length).toBeGreaterThan(5);
  expect([memory.movedOnAir, memory.runningAtStart, memory.harvested]).toEqual([0, memory.startedSessions, memory.toHarvest]);
});
