/** Sticky assignments: what stays, what moves, what is placed, what is reported (pure, no I/O). */
import { planStickyAssignments, type PlanChannelView } from "./sticky-planner";
import type { StoredSession } from "./store";

const MIN = 60_000;
const NOW = 1_000 * MIN;
const options = { pool: "dev", now: NOW, leadMs: 10 * MIN, graceMs: 5 * MIN, horizonMs: 60 * MIN };
const ok = (id: string, carrying = false): PlanChannelView => ({ id, usable: true, carrying });
const failed = (id: string, carrying = false): PlanChannelView => ({ id, usable: false, unusableReason: "channel is UPDATE_FAILED", carrying });
const session = (id: string, startMin: number, endMin: number, extra: Partial<StoredSession> = {}): StoredSession => ({
  id,
  startsAt: NOW + startMin * MIN,
  endsAt: NOW + endMin * MIN,
  origin: id,
  status: "scheduled",
  harvestAttempts: 0,
  ...extra,
});
const assigned = (channelId: string, extra: Partial<StoredSession> = {}) => ({ channelId, channelAssignedAt: NOW - 60 * MIN, ...extra });

test("assignments stand: a stored channel is kept even where a fresh plan would choose another", () => {
  // Fresh best fit would put "b" on c1 (c1's previous session ended latest); it stays on c2.
  const plan = planStickyAssignments([session("a", -60, 10, assigned("c1", { status: "live" })), session("b", 20, 50, assigned("c2"))], [ok("c1", true), ok("c2")], options);
  expect([...plan.channelOf]).toEqual([
    ["a", "c1"],
    ["b", "c2"],
  ]);
  expect(plan.changes).toEqual([]);
});

test("off an unhealthy channel: sessions not yet begun move, a live one and one whose channel carries a stream stay", () => {
  const plan = planStickyAssignments(
    [
      session("live", -30, 30, assigned("c1", { status: "live" })),
      session("carried", 5, 40, assigned("c2")),
      session("begun", 5, 40, assigned("c3")),
      session("later", 45, 90, assigned("c3")),
    ],
    [failed("c1", true), failed("c2", true), failed("c3"), ok("c4"), ok("c5")],
    options,
  );
  expect(plan.channelOf.get("live")).toBe("c1");
  expect(plan.channelOf.get("carried")).toBe("c2");
  // "begun" (its run started at -5) is not on air and its channel carries nothing: it moves too.
  expect(plan.changes.map((c) => [c.kind, c.sessionId, c.kind === "move" ? `${c.from}->${c.channelId}` : ""])).toEqual([
    ["move", "begun", "c3->c4"],
    ["move", "later", "c3->c4"],
  ]);
});

test("a channel asked for: unknown is reported on the session; unhealthy places it elsewhere; taken is reported", () => {
  const plan = planStickyAssignments(
    [session("holder", 5, 60, assigned("c1")), session("ghost", 5, 60, { channelId: "c9" }), session("sick", 5, 60, { channelId: "c2" }), session("taken", 10, 30, { channelId: "c1" })],
    [ok("c1"), failed("c2"), ok("c3")],
    options,
  );
  expect(plan.changes).toEqual([
    { kind: "unplace", sessionId: "ghost", keepRequest: true, reason: "asks for channel 'c9', which is not in pool 'dev' (c1, c2, c3)" },
    { kind: "unplace", sessionId: "taken", keepRequest: true, reason: "asks for channel c1, which session holder holds at that time" },
    { kind: "assign", sessionId: "sick", channelId: "c3", note: "asked for channel c2, which is unhealthy (channel is UPDATE_FAILED)" },
  ]);
});

test("a schedule edit that makes two sessions overlap on a channel moves the one not begun, never the begun one", () => {
  const plan = planStickyAssignments([session("early", -5, 40, assigned("c1")), session("edited", 30, 70, assigned("c1"))], [ok("c1"), ok("c2")], options);
  expect(plan.changes).toEqual([{ kind: "move", sessionId: "edited", channelId: "c2", from: "c1", reason: "overlaps session early on channel c1 after a schedule change" }]);
});

test("only sessions within the horizon get a channel; none free is no_channel with the reason", () => {
  const plan = planStickyAssignments([session("soon", 30, 90), session("both", 40, 80), session("far", 120, 150)], [ok("c1")], options);
  expect(plan.channelOf.get("soon")).toBe("c1");
  expect(plan.channelOf.has("far")).toBe(false);
  expect(plan.changes.find((c) => c.sessionId === "both")).toEqual({ kind: "unplace", sessionId: "both", keepRequest: false, reason: "no healthy channel is free at that time (1 healthy of 1 in pool 'dev')" });
  expect(plan.runs.map((r) => [r.channelId, (r.start - NOW) / MIN, (r.end - NOW) / MIN])).toEqual([["c1", 20, 95]]);
});

test("no healthy channel free: a session on a channel that fails to start stays there (reported); on a failed channel it has no channel", () => {
  const plan = planStickyAssignments([session("s", 20, 60, assigned("c1"))], [{ id: "c1", usable: false, unusableReason: "2 starts in a row did not reach RUNNING", carrying: false }], options);
  expect(plan.channelOf.get("s")).toBe("c1");
  expect(plan.changes).toEqual([
    {
      kind: "stranded",
      sessionId: "s",
      channelId: "c1",
      reason: "channel c1 is unhealthy (2 starts in a row did not reach RUNNING); no healthy channel is free at that time (0 healthy of 1 in pool 'dev'): it stays there",
    },
  ]);
  const gone = planStickyAssignments([session("s", 20, 60, assigned("c1"))], [{ ...failed("c1"), failed: true }], options);
  expect(gone.channelOf.has("s")).toBe(false);
  expect(gone.changes.map((c) => c.kind)).toEqual(["unplace"]);
});

describe("a stream key per mentor", () => {
  const keyed = { ...options, freshKeyPerSession: true };
  const onAir = session("a", -10, 30, assigned("c1", { status: "live", mentorId: "m1" }));
  const next = (mentorId: string) => session("b", 32, 60, { mentorId }); // 2 minutes after a: it would join a's run on c1

  test("a session right after another mentor's goes to a channel of its own while another stays idle for late sessions", () => {
    const plan = planStickyAssignments([onAir, next("m2")], [ok("c1", true), ok("c2"), ok("c3")], keyed);
    expect(plan.changes).toEqual([{ kind: "assign", sessionId: "b", channelId: "c2" }]);
  });

  test("in a pool too tight to keep a channel idle, it joins the run and the plan names whose key it shares", () => {
    const plan = planStickyAssignments([onAir, next("m2")], [ok("c1", true), ok("c2")], keyed);
    expect(plan.changes).toEqual([{ kind: "assign", sessionId: "b", channelId: "c1", sharesKeyWith: ["a"] }]);
  });

  test("the same mentor's next session, or any session where keys are not per session, follows on the channel (best fit)", () => {
    expect(planStickyAssignments([onAir, next("m1")], [ok("c1", true), ok("c2"), ok("c3")], keyed).changes).toEqual([{ kind: "assign", sessionId: "b", channelId: "c1" }]);
    expect(planStickyAssignments([onAir, next("m2")], [ok("c1", true), ok("c2"), ok("c3")], options).changes).toEqual([{ kind: "assign", sessionId: "b", channelId: "c1" }]);
  });
});
