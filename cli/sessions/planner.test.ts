/** The planner: explicit channels, best-fit packing, infeasibility, billed minutes. */
import type { Session } from "../schedule/session";
import { peakOverlap, planSessions } from "./planner";

const MIN = 60_000;
const s = (id: string, start: number, end: number, channelId?: string): Session => ({ id, startsAt: start * MIN, endsAt: end * MIN, channelId, origin: id });
const opts = { leadMs: 10 * MIN, graceMs: 5 * MIN };
const channels = [{ id: "c2" }, { id: "c1" }, { id: "c3", channelClass: "SINGLE_PIPELINE" }];

test("explicit channels are honoured; free sessions pack back to back on the channel that frees last", () => {
  const plan = planSessions([s("b", 60, 120), s("a", 0, 60), s("pinned", 0, 90, "c3"), s("c", 125, 180)], channels, opts);
  expect(plan.assignments.map((a) => `${a.session.id}:${a.channelId}`)).toEqual(["a:c1", "pinned:c3", "b:c1", "c:c1"]);
  // c1 runs -10..185 in one piece (no gap leaves time to stop, re-key and restart); c3 -10..95
  expect(plan.runs.map((r) => [r.channelId, r.start / MIN, r.end / MIN, r.billedMinutes])).toEqual([
    ["c1", -10, 185, 195],
    ["c3", -10, 95, 105],
  ]);
  expect(planSessions([s("b", 60, 120), s("a", 0, 60), s("pinned", 0, 90, "c3"), s("c", 125, 180)], channels, opts)).toEqual(plan);
});

test("runs far apart are billed separately with the 10-minute minimum", () => {
  const plan = planSessions([s("a", 0, 1), s("b", 300, 301)], [{ id: "c1", usdPerHour: 2 }], { leadMs: 0, graceMs: 0 });
  expect(plan.runs.map((r) => r.billedMinutes)).toEqual([10, 10]);
  // two 10-minute runs of a channel at $2 an hour, rounded to cents per run
  expect(plan.costUsd).toBe(0.66);
  // no price for a channel it runs: no cost rather than a wrong one
  expect(planSessions([s("a", 0, 1)], [{ id: "c1" }], { leadMs: 0, graceMs: 0 }).costUsd).toBeUndefined();
});

test("a pool too small: channels needed and the sessions that do not fit", () => {
  const sessions = [s("a", 0, 60), s("b", 10, 70), s("c", 20, 80), s("d", 30, 90), s("e", 95, 100)];
  expect(peakOverlap(sessions)).toBe(4);
  const plan = planSessions(sessions, channels, opts);
  expect(plan.unplaced.map((u) => u.session.id)).toEqual(["d"]);
  const clash = planSessions([s("x", 0, 60, "c1"), s("y", 30, 90, "c1")], channels, opts);
  expect(clash.unplaced[0]?.reason).toMatch(/overlaps session x on its explicit channel c1/);
});

test("a channel stops between two sessions only when the gap leaves time to stop, re-key and restart", () => {
  const runs = (second: number) =>
    planSessions([s("a", 0, 60, "c1"), s("b", second, second + 30, "c1")], channels, opts).runs.map((r) => [r.start / MIN, r.end / MIN, r.sessionIds.join("+")]);
  // 7 minutes after a's grace: one run, one key for both
  expect(runs(72)).toEqual([[-10, 107, "a+b"]]);
  // 15 minutes after: two runs, the second from its usual lead
  expect(runs(80)).toEqual([
    [-10, 65, "a"],
    [70, 115, "b"],
  ]);
  // 11 minutes after: two runs, the second held back until 2 minutes after the first ended
  expect(runs(76)).toEqual([
    [-10, 65, "a"],
    [67, 111, "b"],
  ]);
});
