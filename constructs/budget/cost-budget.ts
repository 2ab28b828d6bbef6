import { Construct } from "constructs";
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { architectureProjection } from "../../cost-model/architecture";
import { DEFAULT_UNIT_CATALOG } from "../../cost-model/catalogs";
import type { Scenario } from "../../cost-model/scenario-defaults";

export interface CostBudgetProps {
  /** Resource name prefix, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Ops SNS topic the notifications go to (its policy must let budgets.amazonaws.com publish). */
  readonly alertTopicArn: string;
  /** The environment's cost-model scenario; the forecast of `forecastMonth` sets the limit. */
  readonly scenario: Scenario;
  /**
   * Forecast month whose total sets the monthly limit.
   * @default 1
   */
  readonly forecastMonth?: number;
  /**
   * Headroom above the forecast, percent.
   * @default 10
   */
  readonly headroomPercent?: number;
  /**
   * A fixed monthly limit in USD instead of the forecast.
   * @default the forecast
   */
  readonly limitUsd?: number;
  /**
   * Alert when the forecasted month exceeds this share of the limit, percent.
   * @default 100
   */
  readonly forecastedThresholdPercent?: number;
  /**
   * Alert when actual spend exceeds this share of the limit, percent.
   * @default 80
   */
  readonly actualThresholdPercent?: number;
}

/**
 * A monthly AWS cost budget whose limit is the cost model's forecast for the environment, with an
 * alert on the ops topic when the month is forecast to overrun and when actual spend passes 80 %.
 * The forecast runs at synth (one month of pure arithmetic, no I/O).
 */
export class CostBudget extends Construct {
  /** The monthly limit in USD, whole dollars. */
  readonly limitUsd: number;
  /** The forecast total of the chosen month (before headroom), USD. */
  readonly forecastUsd: number;
  readonly budgetName: string;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const month = props.forecastMonth ?? 1;
    const headroom = props.headroomPercent ?? 10;
    if (!Number.isInteger(month) || month < 1 || month > 120) throw new Error(`CostBudget: forecastMonth must be a whole number from 1 to 120, got ${month}`);
    if (!(headroom >= 0)) throw new Error(`CostBudget: headroomPercent must be >= 0, got ${headroom}`);
    if (props.limitUsd !== undefined && !(props.limitUsd > 0)) throw new Error(`CostBudget: limitUsd must be positive, got ${props.limitUsd}`);
    if (!props.alertTopicArn) throw new Error("CostBudget: alertTopicArn is required");

    const projection = architectureProjection({ ...props.scenario, months: month }, DEFAULT_UNIT_CATALOG);
    this.forecastUsd = projection.months[month - 1].totalUsd;
    // Whole dollars, rounded up: budgets compare against the limit, cents add nothing.
    this.limitUsd = props.limitUsd ?? Math.max(1, Math.ceil(this.forecastUsd * (1 + headroom / 100)));
    this.budgetName = `${props.namePrefix}-monthly-cost`;

    const notify = (notificationType: "FORECASTED" | "ACTUAL", threshold: number) => ({
      notificationType,
      comparisonOperator: "GREATER_THAN",
      threshold,
      thresholdType: "PERCENTAGE",
      subscriberSnsTopicArns: [props.alertTopicArn],
    });

    new BudgetsBudget(this, "budget", {
      name: this.budgetName,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: this.limitUsd.toFixed(2),
      limitUnit: "USD",
      notification: [notify("FORECASTED", props.forecastedThresholdPercent ?? 100), notify("ACTUAL", props.actualThresholdPercent ?? 80)],
    });
  }
}
