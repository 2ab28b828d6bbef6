/**
 * The projection: monthly cost per line item, quarterly subtotals, the total over the horizon, and
 * findings. This is the stable JSON shape `ops forecast --format json` prints (docs/forecast.md):
 * fields are only ever added, never renamed or removed.
 */
import type { Scenario } from "./scenario-defaults";
import { quarterOf } from "./growth";
import { sumCents, toCents, toUsd, type Cents } from "./money";

export interface ProjectionItem {
  /** Line item name, stable across months. */
  readonly item: string;
  /** AWS service the line belongs to (charts stack by it). */
  readonly service: string;
  /**
   * Seed: the quarterly scale factor applied to the line price. Architecture: the line's cost as a
   * multiple of its month-1 cost (2 decimals), null when month 1 costs nothing.
   */
  readonly scaleFactor: number | null;
  readonly usd: number;
  /** The usage priced (architecture only). */
  readonly usage?: { readonly quantity: number; readonly unit: string };
}

export interface ProjectionMonth {
  readonly month: number;
  readonly quarter: number;
  /** DAU rounded to whole users (formulas use the exact value). */
  readonly dau: number;
  readonly items: readonly ProjectionItem[];
  readonly totalUsd: number;
  /** Viewer egress at CDN prices: the cost no architecture avoids. */
  readonly egressFloorUsd: number;
  /** totalUsd / egressFloorUsd (2 decimals); null when the floor is 0. */
  readonly totalOverEgressFloor: number | null;
}

export interface ProjectionQuarter {
  readonly quarter: number;
  readonly firstMonth: number;
  readonly lastMonth: number;
  /** Scale factor of each item in the quarter's first month. */
  readonly scaleFactors: Readonly<Record<string, number | null>>;
  readonly totalUsd: number;
}

export interface Finding {
  /** Stable identifier, e.g. `seed.q4-priced-with-q3-factors`. */
  readonly id: string;
  readonly severity: "info" | "warning";
  readonly message: string;
  readonly values?: Readonly<Record<string, number>>;
}

export interface Projection {
  readonly scenario: Scenario;
  readonly currency: "USD";
  readonly pricing: { readonly catalog: string; readonly version: string };
  readonly months: readonly ProjectionMonth[];
  readonly quarters: readonly ProjectionQuarter[];
  readonly totalUsd: number;
  readonly egressFloorTotalUsd: number;
  readonly findings: readonly Finding[];
}

/** One month's priced lines in cents, before assembly. */
export interface MonthLines {
  readonly month: number;
  readonly dau: number;
  readonly lines: readonly { item: string; service: string; scaleFactor: number | null; cents: Cents; usage?: { quantity: number; unit: string } }[];
  readonly egressFloorCents: Cents;
}

const ratio2 = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 100) / 100);

/** Sums months into quarters and the horizon, all in cents. */
export function assemble(
  scenario: Scenario,
  pricing: Projection["pricing"],
  monthLines: readonly MonthLines[],
  findings: readonly Finding[],
): Projection {
  const months: ProjectionMonth[] = [];
  const monthCents: Cents[] = [];
  for (const m of monthLines) {
    const cents = sumCents(m.lines.map((l) => l.cents));
    monthCents.push(cents);
    months.push({
      month: m.month,
      quarter: quarterOf(m.month),
      dau: Math.round(m.dau),
      items: m.lines.map((l) => ({ item: l.item, service: l.service, scaleFactor: l.scaleFactor, usd: toUsd(l.cents), ...(l.usage ? { usage: l.usage } : {}) })),
      totalUsd: toUsd(cents),
      egressFloorUsd: toUsd(m.egressFloorCents),
      totalOverEgressFloor: ratio2(cents, m.egressFloorCents),
    });
  }
  const quarters: ProjectionQuarter[] = [];
  for (let i = 0; i < months.length; i += 3) {
    const slice = months.slice(i, i + 3);
    const first = slice[0];
    quarters.push({
      quarter: first.quarter,
      firstMonth: first.month,
      lastMonth: slice[slice.length - 1].month,
      scaleFactors: Object.fromEntries(first.items.map((it) => [it.item, it.scaleFactor])),
      totalUsd: toUsd(sumCents(monthCents.slice(i, i + 3))),
    });
  }
  return {
    scenario,
    currency: "USD",
    pricing,
    months,
    quarters,
    totalUsd: toUsd(sumCents(monthCents)),
    egressFloorTotalUsd: toUsd(sumCents(monthLines.map((m) => m.egressFloorCents))),
    findings,
  };
}

export { toCents };
