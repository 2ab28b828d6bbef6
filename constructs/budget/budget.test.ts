import { App, Testing, TerraformStack } from "cdktf";
import { BUDGET_MONTH_CONTEXT, CostBudget, type CostBudgetProps } from ".";
import { loadEnvironment } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { LivestreamStack } from "../../stacks/livestream-stack";
import { architectureProjection } from "../../cost-model/architecture";
import { BUILT_IN_CATALOGS } from "../../cost-model/catalogs";
import type { UnitPriceCatalog } from "../../cost-model/catalog-types";
import { readDeployment } from "../../cost-model/stack-deployment";
import { DEFAULT_SCENARIO, withOverrides } from "../../cost-model/scenario-defaults";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

const TOPIC = "arn:aws:sns:ap-southeast-1:111111111111:livestream-dev-ops-alerts";
const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;

/** An environment's real stack, its budget planning in `currentMonth`. */
function synthWith(config: EnvironmentConfig, currentMonth: string): { json: Json; budget: Json } {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true, context: { [BUDGET_MONTH_CONTEXT]: currentMonth } });
  const stack = new LivestreamStack(app, `livestream-${config.name}`, { config, offline: true });
  const json = JSON.parse(Testing.synth(stack));
  return { json, budget: Object.values(json.resource.aws_budgets_budget)[0] };
}

function synthAlone(props: Partial<CostBudgetProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "t");
  const budget = new CostBudget(stack, "budget", { namePrefix: "livestream-dev", alertTopicArn: TOPIC, dau: 1000, monthlyGrowth: 0.1, currentMonth: "2027-01", ...props });
  const json = JSON.parse(Testing.synth(stack));
  return { budget, resource: Object.values(json.resource.aws_budgets_budget)[0] as Json };
}

describe("CostBudget", () => {
  const dev = loadEnvironment("dev");
  const { json, budget } = synthWith(dev, "2027-03");

  it("plans 12 monthly limits from the current month: the forecast of the stack's own Terraform plus headroom", () => {
    expect(budget.limit_amount).toBeUndefined();
    expect(budget.planned_limit.map((l: Json) => l.start_time)).toEqual(Array.from({ length: 12 }, (_, i) => `${i < 10 ? "2027" : "2028"}-${String(((i + 2) % 12) + 1).padStart(2, "0")}-01_00:00`));
    // The same figures `ops forecast --environment dev` prints, from the same synthesized JSON:
    // dev's budget starts its growth curve in 2027-01, so 2027-03 is forecast month 3.
    const deployment = readDeployment(json);
    const forecast = architectureProjection(withOverrides(DEFAULT_SCENARIO, { dau: dev.budget.dau, monthlyGrowth: dev.budget.monthlyGrowth, months: 14, startMonth: "2027-01" }), catalog, { deployment });
    const expected = forecast.months.slice(2, 14).map((m) => (Math.ceil(m.totalUsd * 1.2 - 1e-9)).toFixed(2));
    expect(budget.planned_limit.map((l: Json) => l.amount)).toEqual(expected);
    // By hand: `ops forecast --environment dev` prints 669.80 and 704.65 USD for months 3 and 4;
    // x 1.2 = 803.76 and 845.58, rounded up to whole dollars.
    expect(budget.planned_limit.slice(0, 2).map((l: Json) => l.amount)).toEqual(["804.00", "846.00"]);
    expect(budget.planned_limit.every((l: Json) => l.unit === "USD")).toBe(true);
    // Growth is planned, not alerted on: the limits rise month by month.
    const amounts = budget.planned_limit.map((l: Json) => Number(l.amount));
    expect(amounts[11]).toBeGreaterThan(amounts[0] * 1.5);
  });

  it("alerts the ops topic on deviation: forecast or actual spend over the month's planned limit", () => {
    expect(budget).toMatchObject({ name: "livestream-dev-monthly-cost", budget_type: "COST", time_unit: "MONTHLY" });
    expect(budget.notification).toEqual([
      expect.objectContaining({ notification_type: "FORECASTED", threshold: 100, comparison_operator: "GREATER_THAN", threshold_type: "PERCENTAGE" }),
      expect.objectContaining({ notification_type: "ACTUAL", threshold: 100, comparison_operator: "GREATER_THAN", threshold_type: "PERCENTAGE" }),
    ]);
  });

  it("follows what the stack deploys: a bigger channel pool raises every planned limit", () => {
    const bigger = structuredClone(dev);
    bigger.media.channelCount = 3;
    bigger.media.channelClass = "STANDARD";
    const { budget: b } = synthWith(bigger, "2027-03");
    b.planned_limit.forEach((l: Json, i: number) => expect(Number(l.amount)).toBeGreaterThan(Number(budget.planned_limit[i].amount)));
  });

  it("plans months before the launch at month 1's cost", () => {
    const { budget: early } = synthWith(dev, "2026-11");
    const amounts = early.planned_limit.map((l: Json) => l.amount);
    expect(amounts[0]).toBe(amounts[1]);
    expect(amounts[1]).toBe(amounts[2]);
    expect(Number(amounts[3])).toBeGreaterThan(Number(amounts[2]));
  });

  it("takes a fixed limit instead of planned limits (AWS accepts one or the other)", () => {
    const { resource, budget: b } = synthAlone({ limitUsd: 500 });
    expect(resource.limit_amount).toBe("500.00");
    expect(resource.limit_unit).toBe("USD");
    expect(resource.planned_limit).toBeUndefined();
    expect(b.plannedLimits).toBeUndefined();
  });

  it("plans from an empty stack too (the platform's fixed costs are not there: usage only)", () => {
    const { resource, budget: b } = synthAlone();
    expect(resource.planned_limit).toHaveLength(12);
    expect(b.plannedLimits?.[0]).toMatchObject({ month: "2027-01", forecastMonth: 1 });
  });

  it("refuses bad props naming them, all at once", () => {
    expect(() => synthAlone({ headroomPercent: -1, limitUsd: 0 })).toThrow(/headroomPercent.*limitUsd/);
    expect(() => synthAlone({ alertTopicArn: "" })).toThrow(/alertTopicArn/);
    expect(() => synthAlone({ startMonth: "2027-1" })).toThrow(/startMonth must be a month YYYY-MM/);
    expect(() => synthAlone({ dau: 10.5 })).toThrow(/dau/);
  });
});
