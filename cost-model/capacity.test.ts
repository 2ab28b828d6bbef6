import { capacityPlan, databaseClassFor } from "./capacity";
import { deploymentFromScenario } from "./deployment";
import { DEFAULT_SCENARIO, withOverrides } from "./scenario-defaults";

describe("quarterly capacity plan", () => {
  it("sizes each quarter at its last month and grows the channel pool with the prime-time audience", () => {
    const plan = capacityPlan(DEFAULT_SCENARIO, deploymentFromScenario(DEFAULT_SCENARIO));
    expect(plan.quarters.map((q) => q.peakDau)).toEqual([12_100, 16_105, 21_436, 28_531]);
    // ceil(DAU x 80 % prime x 100 % attendance / 2,500 viewers a session)
    expect(plan.quarters.map((q) => q.channels.needed)).toEqual([4, 6, 7, 10]);
    expect(plan.quarters.map((q) => q.channels.quotaIncreaseNeeded)).toEqual([false, true, true, true]);
    expect(plan.quarters[0].changes).toEqual([]);
    expect(plan.quarters[1].changes).toEqual([expect.objectContaining({ path: "media.channelCount", from: 4, to: 6, why: expect.stringContaining("raise the account's MediaLive Channels quota above 5 (Service Quotas L-D1AFAF75) and set media.channelQuota") })]);
    expect(plan.quarters[3].changes.find((c) => c.path === "media.channelCount")).toMatchObject({ from: 7, to: 10 });
    // The design's factor for the prime-time rows, for comparison: round(3 x DAU(first month) / DAU(1)).
    expect(plan.quarters.map((q) => q.services[0].seedFactor)).toEqual([3, 4, 5, 7]);
    // Prime-time backend load: DAU x 0.8 x 21 requests over 2 hours.
    expect(plan.quarters[3].primeBackendRps).toBeCloseTo((28_531.17 * 0.8 * 21) / 7200, 1);
  });

  it("flags a pool above the environment's channel quota, not above MediaLive's default", () => {
    const d = deploymentFromScenario(DEFAULT_SCENARIO);
    // A quota raised to 10: the pool of 6, 7 and 10 channels fits, nothing asks for a quota increase.
    const raised = capacityPlan(DEFAULT_SCENARIO, d, { channelQuota: 10 });
    expect(raised.quarters.map((q) => [q.channels.planned, q.channels.quota, q.channels.quotaIncreaseNeeded])).toEqual([
      [4, 10, false],
      [6, 10, false],
      [7, 10, false],
      [10, 10, false],
    ]);
    expect(raised.quarters[1].changes).toEqual([{ path: "media.channelCount", from: 4, to: 6, why: "12,884 prime-time viewers at 2,500 a session" }]);
    expect(raised.assumptions).toContain("channels: 80 % of DAU x 100 % attendance at 2,500 live viewers a session; a pool above 10 channels (media.channelQuota) needs a quota increase first");
    // A quota of 6: the 7-channel pool of the third quarter (21,436 DAU x 80 % = 17,149 viewers) is the first beyond it, and the change names 6.
    const six = capacityPlan(DEFAULT_SCENARIO, d, { channelQuota: 6 });
    expect(six.quarters.map((q) => q.channels.quotaIncreaseNeeded)).toEqual([false, false, true, true]);
    expect(six.quarters[2].changes.find((c) => c.path === "media.channelCount")?.why).toBe(
      "17,149 prime-time viewers at 2,500 a session; first raise the account's MediaLive Channels quota above 6 (Service Quotas L-D1AFAF75) and set media.channelQuota",
    );
    // Without an environment: MediaLive's default quota of 5.
    expect(capacityPlan(DEFAULT_SCENARIO, d).quarters.map((q) => q.channels.quota)).toEqual([5, 5, 5, 5]);
    expect(() => capacityPlan(DEFAULT_SCENARIO, d, { channelQuota: 0 })).toThrow("capacityPlan: channelQuota must be a positive integer, got 0");
  });

  it("raises task floors, maxima and the database class once the load needs them, and never shrinks them", () => {
    const s = withOverrides(DEFAULT_SCENARIO, { dau: 100_000 });
    const plan = capacityPlan(s, deploymentFromScenario(s));
    const q4 = plan.quarters[3];
    // 285,312 DAU: 666 prime RPS, 40 % of them on mentee at 50 RPS a task.
    expect(q4.services.find((x) => x.name === "mentee")).toMatchObject({ primeNeed: 6, primeTimeMinTasks: 6, maxTasks: 10 });
    expect(q4.database.classForLoad).toBe("db.r6g.xlarge");
    expect(q4.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["services.mentee.primeTimeMinTasks", "services.mentee.maxTasks", "media.channelCount"]));
    const dbChange = plan.quarters.flatMap((q) => q.changes.map((c) => ({ quarter: q.quarter, ...c }))).filter((c) => c.path.startsWith("database."));
    expect(dbChange.map((c) => [c.quarter, c.path, c.from, c.to])).toEqual([
      [3, "database.instanceClass", "db.r6g.large", "db.r6g.xlarge"],
      [3, "database.readerInstanceClass", "db.r6g.large", "db.r6g.xlarge"],
    ]);
    for (let i = 1; i < plan.quarters.length; i++) {
      for (const [j, svc] of plan.quarters[i].services.entries()) expect(svc.primeTimeMinTasks).toBeGreaterThanOrEqual(plan.quarters[i - 1].services[j].primeTimeMinTasks);
      expect(plan.quarters[i].channels.planned).toBeGreaterThanOrEqual(plan.quarters[i - 1].channels.planned);
    }
    // Aurora's smallest provisioned class is db.t4g.medium: nothing smaller to step down to.
    expect(databaseClassFor(10)).toBe("db.t4g.medium");
    expect(databaseClassFor(100_000)).toBe("db.r6g.2xlarge");
  });
});
