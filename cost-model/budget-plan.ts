/**
 * Planned monthly limits for an AWS Budget from the forecast: the expected cost of each calendar month
 * plus headroom, so the budget's alerts fire when spend leaves the plan, not when the platform grows
 * as planned. AWS Budgets (PlannedBudgetLimits, Budgets API reference): a monthly budget takes 12
 * months of planned limits starting with the current month, keyed by the start of each month (UTC);
 * after the last one the budget keeps using it. A planned budget has no single BudgetLimit.
 */
import type { UnitPriceCatalog } from "./catalog-types";
import { addMonths, monthsBetween } from "./calendar";
import { MAX_FORECAST_MONTHS } from "../contracts/limits";
import { architectureProjection } from "./architecture";
import type { Deployment } from "./deployment";
import { withOverrides, type Scenario } from "./scenario-defaults";

/** Months of planned limits a monthly AWS Budget takes. */
export const PLANNED_BUDGET_MONTHS = 12;

export interface PlannedLimit {
  /** Calendar month, YYYY-MM. */
  readonly month: string;
  /** Forecast month it prices (1 = the growth curve's start). */
  readonly forecastMonth: number;
  /** Expected forecast of the month, USD. */
  readonly forecastUsd: number;
  /** The limit: the forecast plus headroom, whole dollars rounded up. */
  readonly limitUsd: number;
}

export interface BudgetPlanInput {
  /** The usage to plan for (DAU and growth from the environment's budget section). */
  readonly scenario: Scenario;
  /** What the stack deploys. */
  readonly deployment: Deployment;
  readonly catalog: UnitPriceCatalog;
  /** Calendar month of forecast month 1 (the launch), YYYY-MM. */
  readonly startMonth: string;
  /** The month the limits start (AWS: the current month), YYYY-MM. */
  readonly currentMonth: string;
  /** Headroom above the forecast, percent. */
  readonly headroomPercent: number;
}

/**
 * Twelve planned limits from `currentMonth`. Months before the launch are planned at month 1's cost
 * (what is deployed already costs money); months past the forecast's 120-month horizon at its last.
 */
export function plannedBudgetLimits(input: BudgetPlanInput): PlannedLimit[] {
  const offsets = Array.from({ length: PLANNED_BUDGET_MONTHS }, (_, i) => monthsBetween(input.startMonth, addMonths(input.currentMonth, i)) + 1);
  const index = (offset: number) => Math.min(Math.max(offset, 1), MAX_FORECAST_MONTHS);
  const horizon = Math.max(...offsets.map(index));
  const projection = architectureProjection(withOverrides(input.scenario, { months: horizon, startMonth: input.startMonth }), input.catalog, { deployment: input.deployment, ranges: false });
  return offsets.map((offset, i) => {
    const forecastMonth = index(offset);
    const forecastUsd = projection.months[forecastMonth - 1].totalUsd;
    return {
      month: addMonths(input.currentMonth, i),
      forecastMonth,
      forecastUsd,
      limitUsd: Math.max(1, Math.ceil(forecastUsd * (1 + input.headroomPercent / 100) - 1e-9)),
    };
  });
}
