export { BUDGET_MONTH_CONTEXT, CostBudget } from "./cost-budget";
export { COST_BUDGET_DEFAULTS, type CostBudgetProps } from "./props";
