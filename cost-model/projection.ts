/**
 * The projection: monthly cost per line item with its low/expected/high range and fixed share,
 * quarterly subtotals, the total over the horizon, unit costs, the prices used with their
 * provenance, the assumptions, and findings. This is the stable JSON shape `ops forecast --format
 * json` prints and `--compare` reads back (docs/forecast.md): fields are only ever added, never
 * renamed or removed.
 */
import type { Deployment } from "./deployment";
import type { PriceProvenance, UnitPrice } from "./catalog-types";
import type { Scenario } from "./scenario-defaults";
import { quarterOf } from "./growth";
import { sumCents, toCents, toUsd, type Cents } from "./money";

/** Report kind and version: `--compare` refuses other documents. */
export const REPORT_KIND = "livestream-cost-forecast";
export const REPORT_SCHEMA_VERSION = 2;

export interface UsdRange {
  readonly lowUsd: number;
  readonly highUsd: number;
}

export interface ProjectionItem {
  /** Line item name, stable across months and environments (the key `--compare` matches on). */
  readonly item: string;
  /** AWS service the line belongs to (charts stack by it). */
  readonly service: string;
  /**
   * Seed: the quarterly scale factor applied to the line price. Architecture: the line's cost as a
   * multiple of its month-1 cost (2 decimals), null when month 1 costs nothing.
   */
  readonly scaleFactor: number | null;
  /** Expected cost. */
  readonly usd: number;
  /** Low and high case of the uncertain drivers (architecture); both equal `usd` for the seed. */
  readonly range: UsdRange;
  /** The part that does not move with users or viewing (null: the seed model does not say). */
  readonly fixedUsd: number | null;
  /** The usage priced (architecture only). */
  readonly usage?: { readonly quantity: number; readonly unit: string };
  /** What was priced, in words (instance class, channel class and outputs ...). */
  readonly detail?: string;
  /** Catalog prices the line uses (see `prices`). */
  readonly priceKeys?: readonly string[];
}

export interface ProjectionMonth {
  readonly month: number;
  /** "2027-01" with --start (calendar months), else "M1". */
  readonly label: string;
  readonly quarter: number;
  /** DAU rounded to whole users (formulas use the exact value). */
  readonly dau: number;
  /** Billing hours priced in the month (730, or the calendar month's). */
  readonly hours: number;
  readonly items: readonly ProjectionItem[];
  readonly totalUsd: number;
  readonly range: UsdRange;
  readonly fixedUsd: number | null;
  readonly variableUsd: number | null;
  /** Hours of video watched (expected case; null for the seed). */
  readonly viewerHours: number | null;
  /** totalUsd / viewerHours, 4 decimals. */
  readonly costPerViewerHourUsd: number | null;
  /** totalUsd / DAU: what one daily active user costs in the month, 4 decimals. */
  readonly costPerDauUsd: number | null;
  /** Viewer egress at CDN prices: seed, the design's viewing at list prices; architecture, the expected egress line. */
  readonly egressFloorUsd: number;
  /** totalUsd / egressFloorUsd (2 decimals); null when the floor is 0. */
  readonly totalOverEgressFloor: number | null;
}

export interface ProjectionQuarter {
  readonly quarter: number;
  /** "2027-Q1 (Jan-Mar)" with --start, else "Q1". */
  readonly label: string;
  readonly firstMonth: number;
  readonly lastMonth: number;
  /** Scale factor of each item in the quarter's first month. */
  readonly scaleFactors: Readonly<Record<string, number | null>>;
  readonly totalUsd: number;
  readonly range: UsdRange;
  readonly fixedUsd: number | null;
}

export interface Finding {
  /** Stable identifier, e.g. `seed.q4-priced-with-q3-factors`. */
  readonly id: string;
  readonly severity: "info" | "warning";
  readonly message: string;
  readonly values?: Readonly<Record<string, number>>;
}

/** A catalog price as used by the report: its provenance resolved, with a short label. */
export type ReportPrice = Omit<UnitPrice, "provenance"> & {
  readonly provenance: PriceProvenance;
  /** Short label: "page 2026-12-02", "API 2026-11-23", "estimate", "us-east-1 stand-in". */
  readonly label: string;
};

/** One assumption behind the figures, with its range where it is uncertain. */
export interface Assumption {
  readonly id: string;
  readonly label: string;
  /** Expected value, formatted. */
  readonly value: string;
  readonly low?: string;
  readonly high?: string;
  /** Where it comes from: the design, the stack, the scenario, AWS documentation. */
  readonly basis: string;
}

export interface Projection {
  readonly kind: typeof REPORT_KIND;
  readonly schemaVersion: number;
  readonly scenario: Scenario;
  /** The deployment priced (architecture), with its source and the resource types left unpriced. */
  readonly deployment: Deployment | null;
  readonly currency: "USD";
  readonly pricing: { readonly catalog: string; readonly version: string; readonly region?: string };
  readonly months: readonly ProjectionMonth[];
  readonly quarters: readonly ProjectionQuarter[];
  readonly totalUsd: number;
  readonly range: UsdRange;
  readonly fixedUsd: number | null;
  readonly variableUsd: number | null;
  readonly viewerHours: number | null;
  readonly costPerViewerHourUsd: number | null;
  /** Total / the sum of every month's DAU: the cost of one user for one month. */
  readonly costPerDauMonthUsd: number | null;
  readonly egressFloorTotalUsd: number;
  /** Every catalog price the lines use, with its provenance. */
  readonly prices: Readonly<Record<string, ReportPrice>>;
  readonly assumptions: readonly Assumption[];
  readonly findings: readonly Finding[];
}

/** One priced line of a month, in cents, before assembly. */
export interface LineCents {
  readonly item: string;
  readonly service: string;
  readonly scaleFactor: number | null;
  readonly cents: Cents;
  readonly lowCents?: Cents;
  readonly highCents?: Cents;
  readonly fixedCents?: Cents;
  readonly usage?: { quantity: number; unit: string };
  readonly detail?: string;
  readonly priceKeys?: readonly string[];
}

/** One month's priced lines in cents, before assembly. */
export interface MonthLines {
  readonly month: number;
  readonly dau: number;
  readonly hours?: number;
  readonly label?: string;
  readonly viewerHours?: number;
  readonly lines: readonly LineCents[];
  readonly egressFloorCents: Cents;
}

export interface AssembleExtras {
  readonly deployment?: Deployment | null;
  readonly prices?: Readonly<Record<string, ReportPrice>>;
  readonly assumptions?: readonly Assumption[];
  /** Label of each quarter by its index (0-based), for calendar months. */
  readonly quarterLabels?: readonly string[];
}

const ratio2 = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 100) / 100);
const ratio4 = (a: number, b: number): number | null => (b <= 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const range = (low: Cents, high: Cents): UsdRange => ({ lowUsd: toUsd(low), highUsd: toUsd(high) });

interface MonthCents {
  total: Cents;
  low: Cents;
  high: Cents;
  fixed: Cents | null;
}

function monthCents(m: MonthLines): MonthCents {
  const fixedKnown = m.lines.every((l) => l.fixedCents !== undefined);
  return {
    total: sumCents(m.lines.map((l) => l.cents)),
    low: sumCents(m.lines.map((l) => l.lowCents ?? l.cents)),
    high: sumCents(m.lines.map((l) => l.highCents ?? l.cents)),
    fixed: fixedKnown ? sumCents(m.lines.map((l) => l.fixedCents ?? 0)) : null,
  };
}

const sumNullable = (values: readonly (Cents | null)[]): Cents | null => (values.some((v) => v === null) ? null : sumCents(values as Cents[]));

/** Sums months into quarters and the horizon, all in cents. */
export function assemble(scenario: Scenario, pricing: Projection["pricing"], monthLines: readonly MonthLines[], findings: readonly Finding[], extras: AssembleExtras = {}): Projection {
  const months: ProjectionMonth[] = [];
  const sums: MonthCents[] = [];
  for (const m of monthLines) {
    const c = monthCents(m);
    sums.push(c);
    const viewerHours = m.viewerHours ?? null;
    months.push({
      month: m.month,
      label: m.label ?? `M${m.month}`,
      quarter: quarterOf(m.month),
      dau: Math.round(m.dau),
      hours: m.hours ?? scenario.hoursPerMonth,
      items: m.lines.map((l) => ({
        item: l.item,
        service: l.service,
        scaleFactor: l.scaleFactor,
        usd: toUsd(l.cents),
        range: range(l.lowCents ?? l.cents, l.highCents ?? l.cents),
        fixedUsd: l.fixedCents === undefined ? null : toUsd(l.fixedCents),
        ...(l.usage ? { usage: l.usage } : {}),
        ...(l.detail ? { detail: l.detail } : {}),
        ...(l.priceKeys ? { priceKeys: l.priceKeys } : {}),
      })),
      totalUsd: toUsd(c.total),
      range: range(c.low, c.high),
      fixedUsd: c.fixed === null ? null : toUsd(c.fixed),
      variableUsd: c.fixed === null ? null : toUsd(c.total - c.fixed),
      viewerHours: viewerHours === null ? null : Math.round(viewerHours),
      costPerViewerHourUsd: viewerHours === null ? null : ratio4(toUsd(c.total), viewerHours),
      costPerDauUsd: ratio4(toUsd(c.total), m.dau),
      egressFloorUsd: toUsd(m.egressFloorCents),
      totalOverEgressFloor: ratio2(c.total, m.egressFloorCents),
    });
  }
  const quarters: ProjectionQuarter[] = [];
  for (let i = 0; i < months.length; i += 3) {
    const slice = months.slice(i, i + 3);
    const cents = sums.slice(i, i + 3);
    const first = slice[0];
    quarters.push({
      quarter: first.quarter,
      label: extras.quarterLabels?.[i / 3] ?? `Q${first.quarter}`,
      firstMonth: first.month,
      lastMonth: slice[slice.length - 1].month,
      scaleFactors: Object.fromEntries(first.items.map((it) => [it.item, it.scaleFactor])),
      totalUsd: toUsd(sumCents(cents.map((c) => c.total))),
      range: range(sumCents(cents.map((c) => c.low)), sumCents(cents.map((c) => c.high))),
      fixedUsd: ((f) => (f === null ? null : toUsd(f)))(sumNullable(cents.map((c) => c.fixed))),
    });
  }
  const total = sumCents(sums.map((c) => c.total));
  const fixed = sumNullable(sums.map((c) => c.fixed));
  const viewerHours = monthLines.every((m) => m.viewerHours !== undefined) ? monthLines.reduce((a, m) => a + (m.viewerHours ?? 0), 0) : null;
  const dauMonths = monthLines.reduce((a, m) => a + m.dau, 0);
  return {
    kind: REPORT_KIND,
    schemaVersion: REPORT_SCHEMA_VERSION,
    scenario,
    deployment: extras.deployment ?? null,
    currency: "USD",
    pricing,
    months,
    quarters,
    totalUsd: toUsd(total),
    range: range(sumCents(sums.map((c) => c.low)), sumCents(sums.map((c) => c.high))),
    fixedUsd: fixed === null ? null : toUsd(fixed),
    variableUsd: fixed === null ? null : toUsd(total - fixed),
    viewerHours: viewerHours === null ? null : Math.round(viewerHours),
    costPerViewerHourUsd: viewerHours === null ? null : ratio4(toUsd(total), viewerHours),
    costPerDauMonthUsd: ratio4(toUsd(total), dauMonths),
    egressFloorTotalUsd: toUsd(sumCents(monthLines.map((m) => m.egressFloorCents))),
    prices: extras.prices ?? {},
    assumptions: extras.assumptions ?? [],
    findings,
  };
}

export { toCents };
