export { BUDGET_MONTH_CONTEXT, CostBudget, type CostBudgetProps } from "./cost-budget";
