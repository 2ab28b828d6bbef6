import { architectureProjection } from "./architecture";
import { plannedBudgetLimits, type BudgetPlanInput } from "./budget-plan";
import { BUILT_IN_CATALOGS } from "./catalogs";
import type { UnitPriceCatalog } from "./catalog-types";
import { deploymentFromScenario } from "./deployment";
import { DEFAULT_SCENARIO, withOverrides } from "./scenario-defaults";

const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;
const deployment = deploymentFromScenario(DEFAULT_SCENARIO);
const input = (startMonth: string, currentMonth: string, headroomPercent = 20): BudgetPlanInput => ({ scenario: DEFAULT_SCENARIO, deployment, catalog, startMonth, currentMonth, headroomPercent });

/** Month totals of the forecast the plan is read from (architecture.test.ts checks those). */
const forecast = (startMonth: string, months: number) => architectureProjection(withOverrides(DEFAULT_SCENARIO, { months, startMonth }), catalog, { deployment, ranges: false }).months.map((m) => m.totalUsd);

describe("planned budget limits", () => {
  it("start at the current month and price each calendar month as its forecast month, 20 % headroom rounded up to whole dollars", () => {
    const plan = plannedBudgetLimits(input("2027-01", "2027-03"));
    expect(plan.map((l) => l.month)).toEqual(["2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10", "2027-11", "2027-12", "2028-01", "2028-02"]);
    expect(plan.map((l) => l.forecastMonth)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const totals = forecast("2027-01", 14);
    expect(plan.map((l) => l.forecastUsd)).toEqual(totals.slice(2, 14));
    // Pinned: month 3 of the default scenario on its own deployment is 19,291.02 USD (a change to the
    // model shows here first); by hand, x 1.2 = 23,149.224, rounded up to 23,150.
    expect(plan[0]).toMatchObject({ forecastUsd: 19291.02, limitUsd: 23150 });
    expect(plan.every((l) => Number.isInteger(l.limitUsd) && l.limitUsd >= l.forecastUsd * 1.2)).toBe(true);
  });

  it("plan months before the launch at month 1's cost", () => {
    const plan = plannedBudgetLimits(input("2027-01", "2026-11"));
    expect(plan.map((l) => l.forecastMonth)).toEqual([1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(plan[0]!.forecastUsd).toBe(plan[2]!.forecastUsd);
  });

  it("plan months past the 120-month horizon at its last month", () => {
    const plan = plannedBudgetLimits(input("2020-01", "2029-11"));
    expect(plan.map((l) => l.forecastMonth)).toEqual([119, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120]);
    expect(plan.map((l) => l.month).slice(0, 3)).toEqual(["2029-11", "2029-12", "2030-01"]);
  });

  it("never plan a limit below one dollar, and with no headroom round the forecast up", () => {
    const plan = plannedBudgetLimits(input("2027-01", "2027-01", 0));
    expect(plan[0]!.limitUsd).toBe(Math.ceil(forecast("2027-01", 1)[0]!));
    // AWS Budgets refuses a zero limit: a plan whose limits would round to 0 plans 1 USD.
    expect(plannedBudgetLimits(input("2027-01", "2027-01", -100)).map((l) => l.limitUsd)).toEqual(Array(12).fill(1));
  });
});
