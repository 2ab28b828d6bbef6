import { parseScenario, ScenarioError } from "./scenario";
import { DEFAULT_SCENARIO, primeHours, SEED_SCENARIO } from "./scenario-defaults";

describe("scenario", () => {
  it("defaults are the seed's assumptions", () => {
    const s = parseScenario({});
    expect(s).toEqual(DEFAULT_SCENARIO);
    expect(s.users).toEqual({ dau: 10_000, monthlyGrowth: 0.1 });
    expect(s.primeTime.share).toBe(0.8);
    expect(primeHours(s)).toBe(2);
    expect(s.video).toMatchObject({ gbPerHour: 1.5, sessionsPerUserPerMonth: 8, sessionHours: 2 });
    expect(s.requests).toMatchObject({ backendPerUser: 21, cdnPerUser: 6 });
    expect(s.cdn.cacheHitRatio).toBe(0.99);
    expect(s.channel).toMatchObject({ leadMinutes: 10, graceMinutes: 5, minimumBilledMinutes: 10 });
  });

  it("merges a partial file over its base", () => {
    const s = parseScenario({ name: "growth", users: { dau: 25_000 }, channel: { class: "STANDARD" } });
    expect(s.users).toEqual({ dau: 25_000, monthlyGrowth: 0.1 });
    expect(s.channel.class).toBe("STANDARD");
    expect(s.channel.leadMinutes).toBe(10);
    expect(parseScenario({ model: "seed" })).toEqual(SEED_SCENARIO);
  });

  it.each([
    [{ users: { dau: -5 } }, "users.dau"],
    [{ users: { monthlyGrowth: -1 } }, "users.monthlyGrowth"],
    [{ months: 0 }, "months"],
    [{ months: 121 }, "months"],
    [{ primeTime: { end: "17:00" } }, "primeTime.end"],
    [{ cdn: { cacheHitRatio: 1.5 } }, "cdn.cacheHitRatio"],
    [{ video: { gbPerHours: 2 } }, "video"],
    [{ services: { mentee: { requestShare: 0.9 } } }, "services.mentee.requestShare"],
  ])("refuses %j naming %s", (doc, field) => {
    let error: unknown;
    try {
      parseScenario(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).field).toBe(field);
    expect((error as Error).message).toContain(field);
  });
});
