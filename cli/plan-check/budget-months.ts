/**
 * AWS Budgets takes a monthly budget's planned limits only from the current month on (Budgets API
 * Reference, "Budget", PlannedBudgetLimits: 12 months that start with the current month, each keyed
 * by the start of its month in UTC). The stack writes them from the month of synth, so a plan made in one month and
 * applied in the next is refused by AWS half-way through the apply. Pure: reads the plan only.
 */
import type { ResourceChange } from "./plan-document";

export interface BudgetMonthCheck {
  readonly address: string;
  /** First month of the planned limits, YYYY-MM (UTC). */
  readonly firstMonth: string;
  /** The month the check ran in, YYYY-MM (UTC). */
  readonly currentMonth: string;
  readonly ok: boolean;
}

/** YYYY-MM of an instant, in UTC. */
export function utcMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Every budget this plan creates or updates with planned limits, against the current month. */
export function budgetMonthChecks(changes: readonly ResourceChange[], nowMs: number): BudgetMonthCheck[] {
  const currentMonth = utcMonth(nowMs);
  const checks: BudgetMonthCheck[] = [];
  for (const change of changes) {
    if (change.type !== "aws_budgets_budget" || !change.after) continue;
    if (!change.actions.includes("create") && !change.actions.includes("update")) continue;
    if (change.after.time_unit !== "MONTHLY") continue;
    const limits = Array.isArray(change.after.planned_limit) ? change.after.planned_limit : [];
    // start_time is "2006-01-02_15:04" (the provider's format); the first month is the earliest.
    const months = limits
      .map((l) => (l as { start_time?: unknown })?.start_time)
      .filter((t): t is string => typeof t === "string" && /^\d{4}-\d{2}-\d{2}_/.test(t))
      .map((t) => t.slice(0, 7))
      .sort();
    if (!months.length) continue;
    checks.push({ address: change.address, firstMonth: months[0]!, currentMonth, ok: months[0] === currentMonth });
  }
  return checks;
}
