/**
 * Quarterly scale factors: how many times a line item's month-1 capacity a quarter needs.
 *
 * factor(q) = round(base x DAU(first month of q) / DAU(month 1)). With compound growth the ratio
 * is (1 + rate)^(3(q-1)) and does not depend on the base DAU; it is computed from the exact ratio
 * (not from rounded DAU) so the result cannot flip on a rounding edge. `Math.round` rounds halves up.
 * The seed uses base 1 for most rows and base 3 for the prime-time rows of the three services.
 */
import { firstMonthOfQuarter } from "./growth";

export function scaleFactor(base: number, monthlyGrowth: number, quarter: number): number {
  if (!Number.isInteger(quarter) || quarter < 1) throw new RangeError(`quarter must be a whole number >= 1, got ${quarter}`);
  const ratio = Math.pow(1 + monthlyGrowth, firstMonthOfQuarter(quarter) - 1);
  return Math.round(base * ratio);
}

/** Scale factors for quarters 1..quarters. */
export function scaleFactors(base: number, monthlyGrowth: number, quarters: number): number[] {
  return Array.from({ length: quarters }, (_, i) => scaleFactor(base, monthlyGrowth, i + 1));
}

/** Number of quarters (whole or partial) a horizon of `months` touches. */
export const quartersIn = (months: number): number => Math.ceil(months / 3);
