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
    [{ users: { dau: 10.5 } }, "users.dau"],
    [{ users: { dau: 1e12 } }, "users.dau"],
    [{ users: { monthlyGrowth: 1000 } }, "users.monthlyGrowth"],
    [{ startMonth: "2027-13" }, "startMonth"],
    [{ video: { renditionShares: [0.5, 0.5] } }, "video.renditionShares"],
    [{ ranges: { high: { renditionShares: [0.9, 0.2, 0] } } }, "ranges.high.renditionShares"],
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

  it("names the field an unknown key was probably meant to be, and every problem at once", () => {
    let error: ScenarioError | undefined;
    try {
      parseScenario({ usres: { dau: 5 }, video: { watchtrough: 0.5 }, channel: { broadcastsPerMonth: -1 } });
    } catch (e) {
      error = e as ScenarioError;
    }
    expect(error?.problems).toHaveLength(3);
    expect(error?.message).toContain("3 problems");
    expect(error?.message).toContain("unknown field 'usres' (did you mean 'users'?)");
    expect(error?.message).toContain("video: unknown field 'watchtrough' (did you mean 'watchThrough'?)");
    expect(error?.message).toContain("channel.broadcastsPerMonth:");
    // Far from any known field: no guess, but the known fields are listed.
    expect(() => parseScenario({ database: { colour: "red" } })).toThrow(/database: unknown field 'colour'; known: instanceClass, /);
  });
});
