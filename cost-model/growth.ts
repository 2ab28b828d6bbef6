/**
 * User growth: daily active users per month under compound monthly growth.
 *
 * DAU(m) = base x (1 + rate)^(m - 1), months counted from 1. Values are exact (not rounded);
 * reports round them to whole users, formulas (RPS, scale factors) use the exact value.
 */

export interface GrowthInput {
  /** Daily active users in month 1. */
  readonly baseDau: number;
  /** Monthly growth as a fraction: 0.1 is +10 % a month. Must be > -1. */
  readonly monthlyGrowth: number;
  /** Number of months to project (1-based months 1..horizon). */
  readonly months: number;
}

export function assertGrowthInput(input: GrowthInput): void {
  if (!Number.isFinite(input.baseDau) || input.baseDau < 0) throw new RangeError(`baseDau must be a finite number >= 0, got ${input.baseDau}`);
  if (!Number.isFinite(input.monthlyGrowth) || input.monthlyGrowth <= -1) throw new RangeError(`monthlyGrowth must be > -1 (a fraction, 0.1 = +10 %), got ${input.monthlyGrowth}`);
  if (!Number.isInteger(input.months) || input.months < 1) throw new RangeError(`months must be a whole number >= 1, got ${input.months}`);
}

/** DAU of one month (1-based). */
export function dauAt(baseDau: number, monthlyGrowth: number, month: number): number {
  return baseDau * Math.pow(1 + monthlyGrowth, month - 1);
}

/** DAU of every month 1..months. */
export function dauSeries(input: GrowthInput): number[] {
  assertGrowthInput(input);
  return Array.from({ length: input.months }, (_, i) => dauAt(input.baseDau, input.monthlyGrowth, i + 1));
}

/** Quarter (1-based) a month (1-based) falls in. */
export const quarterOf = (month: number): number => Math.floor((month - 1) / 3) + 1;

/** First month (1-based) of a quarter (1-based). */
export const firstMonthOfQuarter = (quarter: number): number => (quarter - 1) * 3 + 1;
