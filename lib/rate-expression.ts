/**
 * EventBridge Scheduler's `rate(<n> <unit>)` expressions (EventBridge Scheduler User Guide, "Schedule
 * types on EventBridge Scheduler"): the config checks their spelling, the reconcile construct their
 * period. Pure.
 */
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export interface RateExpression {
  readonly value: number;
  readonly unit: keyof typeof UNIT_MS;
  /** Written with the plural unit (`minutes`): AWS wants it for every value but 1. */
  readonly plural: boolean;
}

/** The parts of a rate expression; undefined for anything else (a cron expression, a typo). */
export function parseRateExpression(expression: string): RateExpression | undefined {
  const m = RATE.exec(expression);
  if (!m) return undefined;
  const plural = m[2]!.endsWith("s");
  return { value: Number(m[1]), unit: (plural ? m[2]!.slice(0, -1) : m[2]) as RateExpression["unit"], plural };
}

/** Period of a rate expression, ms; undefined for cron expressions. */
export function ratePeriodMs(expression: string): number | undefined {
  const rate = parseRateExpression(expression);
  return rate && rate.value * UNIT_MS[rate.unit];
}
