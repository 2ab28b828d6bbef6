export { CostBudget, type CostBudgetProps } from "./cost-budget";
export { environmentScenario, type LoadAssumption } from "../../cost-model/environment-scenario";
