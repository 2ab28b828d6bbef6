/**
 * Calendar months for a forecast that starts in a given month (`--start YYYY-MM`): labels, and the
 * hours AWS bills in each month (a 31-day month has 744 hours, February 672 or 696). Without a start,
 * months are numbered and every month has the scenario's `hoursPerMonth` (AWS's 730).
 */

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Year and month (1-12) of forecast month `month` (1-based) counted from `start` (YYYY-MM). */
export function calendarMonth(start: string, month: number): { year: number; month: number } {
  const index = Number(start.slice(0, 4)) * 12 + (Number(start.slice(5, 7)) - 1) + (month - 1);
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2027-03" for forecast month 3 from 2027-01; "M3" without a start. */
export function monthLabel(start: string | null, month: number): string {
  if (!start) return `M${month}`;
  const c = calendarMonth(start, month);
  return `${c.year}-${pad(c.month)}`;
}

/** Days in a calendar month (UTC). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Billing hours of forecast month `month`: the calendar month's, or `hoursPerMonth`. */
export function monthHours(start: string | null, month: number, hoursPerMonth: number): number {
  if (!start) return hoursPerMonth;
  const c = calendarMonth(start, month);
  return daysInMonth(c.year, c.month) * 24;
}

/** "Q2 2027-04..06" (the months of the forecast's second quarter), or "Q2" without a start. */
export function quarterLabel(start: string | null, quarter: number, lastMonthOfHorizon: number): string {
  if (!start) return `Q${quarter}`;
  const first = (quarter - 1) * 3 + 1;
  const last = Math.min(first + 2, lastMonthOfHorizon);
  const a = calendarMonth(start, first);
  const b = calendarMonth(start, last);
  const span = first === last ? `${MONTH_NAMES[a.month - 1]} ${a.year}` : a.year === b.year ? `${MONTH_NAMES[a.month - 1]}-${MONTH_NAMES[b.month - 1]} ${a.year}` : `${MONTH_NAMES[a.month - 1]} ${a.year}-${MONTH_NAMES[b.month - 1]} ${b.year}`;
  return `Q${quarter} (${span})`;
}

/** The calendar month (YYYY-MM) `offset` months after `start`. */
export const addMonths = (start: string, offset: number): string => monthLabel(start, offset + 1);

/** Months from `from` to `to` (YYYY-MM), e.g. 2027-01 to 2027-03 is 2. */
export const monthsBetween = (from: string, to: string): number =>
  Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)));
