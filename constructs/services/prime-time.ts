/** The daily window in which the services hold more capacity (the design's 18:00-20:00 prime time). */
export interface PrimeTimeWindow {
  /** IANA time zone the times are in, e.g. Asia/Singapore. */
  readonly timezone: string;
  /** Window start, HH:MM (24-hour). */
  readonly start: string;
  /** Window end, HH:MM (24-hour); after start. */
  readonly end: string;
  /** Minutes before start that capacity is raised, so tasks are warm when users arrive. */
  readonly leadMinutes: number;
}

const MINUTES_PER_DAY = 24 * 60;

function minutesOfDay(hhmm: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`Services: props.primeTime.${field} '${hhmm}' must be a 24-hour time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Application Auto Scaling cron (UTC-free: the scheduled action carries the time zone). */
function dailyCron(minuteOfDay: number): string {
  const m = ((minuteOfDay % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `cron(${m % 60} ${Math.floor(m / 60)} * * ? *)`;
}

/** Daily cron expressions that raise capacity `leadMinutes` before the window and lower it at its end. */
export function primeTimeSchedules(window: PrimeTimeWindow): { scaleUp: string; scaleDown: string } {
  const start = minutesOfDay(window.start, "start");
  const end = minutesOfDay(window.end, "end");
  if (end <= start) throw new Error(`Services: props.primeTime must end after it starts (${window.start}-${window.end})`);
  if (!Number.isInteger(window.leadMinutes) || window.leadMinutes < 0 || window.leadMinutes > 120) {
    throw new Error(`Services: props.primeTime.leadMinutes must be an integer from 0 to 120, got ${window.leadMinutes}`);
  }
  // A lead past midnight wraps to the previous evening, which is the same daily schedule.
  return { scaleUp: dailyCron(start - window.leadMinutes), scaleDown: dailyCron(end) };
}
