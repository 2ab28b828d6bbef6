import { Aspects, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization, type IAspect } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { plannedBudgetLimits, type PlannedLimit } from "../../cost-model/budget-plan";
import { BUILT_IN_CATALOGS } from "../../cost-model/catalogs";
import type { UnitPriceCatalog } from "../../cost-model/catalog-types";
import { COST_BUDGET_DEFAULTS, type CostBudgetProps } from "./props";
import { DEFAULT_REGION } from "../../contracts";
import { readDeployment } from "../../cost-model/stack-deployment";
import { resolvedStackJson } from "../../lib/cdktf-speedups";
import { DEFAULT_SCENARIO, withOverrides } from "../../cost-model/scenario-defaults";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

const YEAR_MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;
/** Context key that pins the budget's current month (reproducible synths, tests). */
export const BUDGET_MONTH_CONTEXT = "livestream:budget-month";
const currentUtcMonth = () => new Date().toISOString().slice(0, 7);

/**
 * A monthly AWS cost budget that follows the forecast: per-month planned limits (the forecast of each
 * of the next 12 months plus headroom) computed from this stack's own Terraform, read the way
 * `ops forecast --environment` reads the synthesized stack, so the budget and the forecast cannot
 * disagree. The limits are filled in by an aspect at synth, once every other construct exists; the
 * budget itself is free and not priced. Alerts go to the ops topic when a month is forecast over its
 * limit and when actual spend passes it: deviations from the plan, not planned growth.
 */
export class CostBudget extends Construct {
  readonly budgetName: string;
  /** The resource; its planned limits are set at synth. */
  readonly budget: BudgetsBudget;
  private plan: PlannedLimit[] | undefined;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const headroom = props.headroomPercent ?? COST_BUDGET_DEFAULTS.headroomPercent;
    const problems: string[] = [];
    if (!(headroom >= 0)) problems.push(`headroomPercent must be >= 0, got ${headroom}`);
    if (props.limitUsd !== undefined && !(props.limitUsd > 0)) problems.push(`limitUsd must be positive, got ${props.limitUsd}`);
    if (!props.alertTopicArn) problems.push("alertTopicArn is required");
    if (!(Number.isInteger(props.dau) && props.dau >= 0)) problems.push(`dau must be a whole number >= 0, got ${props.dau}`);
    if (!(props.monthlyGrowth > -1)) problems.push(`monthlyGrowth must be above -1, got ${props.monthlyGrowth}`);
    const contextMonth = this.node.tryGetContext(BUDGET_MONTH_CONTEXT) as string | undefined;
    const months = { startMonth: props.startMonth, currentMonth: props.currentMonth ?? contextMonth };
    for (const [key, v] of Object.entries(months)) {
      if (v !== undefined && !YEAR_MONTH.test(v)) problems.push(`${key} must be a month YYYY-MM, got '${v}'`);
    }
    if (problems.length) throw new Error(`CostBudget: ${problems.join("; ")}`);

    this.budgetName = `${props.namePrefix}-monthly-cost`;
    const notify = (notificationType: "FORECASTED" | "ACTUAL", threshold: number) => ({
      notificationType,
      comparisonOperator: "GREATER_THAN",
      threshold,
      thresholdType: "PERCENTAGE",
      subscriberSnsTopicArns: [props.alertTopicArn],
    });
    this.budget = new BudgetsBudget(this, "budget", {
      name: this.budgetName,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      // AWS refuses a BudgetLimit together with PlannedBudgetLimits: one or the other.
      ...(props.limitUsd !== undefined ? { limitAmount: props.limitUsd.toFixed(2), limitUnit: "USD" } : {}),
      notification: [
        notify("FORECASTED", props.forecastedThresholdPercent ?? COST_BUDGET_DEFAULTS.forecastedThresholdPercent),
        notify("ACTUAL", props.actualThresholdPercent ?? COST_BUDGET_DEFAULTS.actualThresholdPercent),
      ],
    });
    if (props.limitUsd !== undefined) return;

    const currentMonth = months.currentMonth ?? currentUtcMonth();
    const startMonth = props.startMonth ?? currentMonth;
    const stack = TerraformStack.of(this);
    const aspect: IAspect = {
      visit: (node: IConstruct) => {
        if (node !== this.budget) return;
        // The stack's Terraform JSON as synth writes it (resolved once, then handed on to the writer).
        const tf = resolvedStackJson(stack) as Record<string, unknown> & { resource?: Record<string, Record<string, unknown>> };
        const deployment = readDeployment(tf, { source: { kind: "synth", stack: stack.node.id, file: "stack.toTerraform()" } });
        const region = deployment.region ?? DEFAULT_REGION;
        const catalog = props.catalog ?? (BUILT_IN_CATALOGS[region] as UnitPriceCatalog | undefined);
        if (!catalog || catalog.kind !== "unit-prices") {
          throw new Error(`CostBudget: no price catalog for region ${region}: set budget.limitUsd, or add cost-model/catalogs/${region}.json (ops pricing refresh --region ${region})`);
        }
        const scenario = withOverrides(DEFAULT_SCENARIO, { name: stack.node.id, dau: props.dau, monthlyGrowth: props.monthlyGrowth });
        this.plan = plannedBudgetLimits({ scenario, deployment, catalog, startMonth, currentMonth, headroomPercent: headroom });
        this.budget.putPlannedLimit(this.plan.map((p) => ({ startTime: `${p.month}-01_00:00`, amount: p.limitUsd.toFixed(2), unit: "USD" })));
        // The JSON handed on was resolved before the limits existed: the budget's entry, resolved again.
        const own = Tokenization.resolve(this.budget.toTerraform(), { scope: stack, preparing: false, resolver: RESOLVER }) as { resource: Record<string, Record<string, unknown>> };
        for (const [type, byId] of Object.entries(own.resource)) tf.resource = { ...tf.resource, [type]: { ...tf.resource?.[type], ...byId } };
      },
    };
    Aspects.of(this).add(aspect);
  }

  /** The planned limits set at synth (undefined before synth, or with a fixed limit). */
  get plannedLimits(): readonly PlannedLimit[] | undefined {
    return this.plan;
  }
}
