import { DEFAULT_BUDGET_SETTINGS } from "../../contracts/settings-defaults";
import type { UnitPriceCatalog } from "../../cost-model/catalog-types";

export interface CostBudgetProps {
  /** Resource name prefix, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Ops SNS topic the notifications go to (its policy must let budgets.amazonaws.com publish). */
  readonly alertTopicArn: string;
  /** Daily active users in forecast month 1 (the growth curve's start). */
  readonly dau: number;
  /** Monthly growth as a fraction (0.1 = +10 %). */
  readonly monthlyGrowth: number;
  /**
   * Calendar month of forecast month 1 (the launch), YYYY-MM.
   * @default the current month (the plan restarts its growth curve at every synth)
   */
  readonly startMonth?: string;
  /**
   * Month the planned limits start, YYYY-MM. AWS requires the current month.
   * @default the app's context value `livestream:budget-month`, else the current month (UTC) at synth
   */
  readonly currentMonth?: string;
  /**
   * Headroom above each month's forecast, percent.
   * @default 10
   */
  readonly headroomPercent?: number;
  /**
   * A fixed monthly limit in USD instead of the planned limits.
   * @default the planned limits from the forecast
   */
  readonly limitUsd?: number;
  /**
   * Price catalog for the stack's region.
   * @default the built-in catalog named after the region of the stack's AWS provider
   */
  readonly catalog?: UnitPriceCatalog;
  /**
   * Alert when the month is forecast to exceed this share of its limit, percent.
   * @default 100
   */
  readonly forecastedThresholdPercent?: number;
  /**
   * Alert when actual spend exceeds this share of the month's limit, percent.
   * @default 100
   */
  readonly actualThresholdPercent?: number;
}

/** What CostBudget does when a prop is left out. */
export const COST_BUDGET_DEFAULTS = {
  headroomPercent: DEFAULT_BUDGET_SETTINGS.headroomPercent,
  forecastedThresholdPercent: 100,
  actualThresholdPercent: 100,
} as const;
