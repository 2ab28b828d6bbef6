/**
 * Replays the seed's cost table (design.md B.2): each line's monthly price times its quarterly scale
 * factor, summed in cents. On the sheet's own scenario (10,000 DAU, +10 %, 12 months) it reproduces
 * the sheet to the cent, including its slip: months 10-12 are priced with Q3's factors. With Q4's
 * factors (7 for the prime-time rows) the year costs 199.02 USD more; that is reported as a finding.
 * Any other scenario uses the formula's factor for every quarter.
 */
import type { LineItemCatalog, UnitPriceCatalog } from "./catalog-types";
import { dauSeries, quarterOf } from "./growth";
import { loadDifferences, nonPrimeHours } from "./load";
import { egressFloorUsd, viewerGb } from "./egress";
import { formatUsd, sumCents, toCents, toUsd, type Cents } from "./money";
import { assemble, type Finding, type MonthLines, type Projection } from "./projection";
import { scaleFactor } from "./scale";
import { primeHours, type Scenario } from "./scenario-defaults";

/** The sheet's own scenario, where its Q4 slip is replayed. */
export function isSheetScenario(s: Scenario): boolean {
  return s.months === 12 && s.users.dau === 10_000 && s.users.monthlyGrowth === 0.1;
}

export interface SeedReplayOptions {
  /** Price months 10-12 with Q3's factors as the sheet does. @default isSheetScenario(scenario) */
  readonly sheetQ4UsesQ3?: boolean;
}

function factorFor(base: number, growth: number, quarter: number, sheetQ4UsesQ3: boolean): number {
  return scaleFactor(base, growth, sheetQ4UsesQ3 && quarter === 4 ? 3 : quarter);
}

function monthLines(s: Scenario, catalog: LineItemCatalog, floor: UnitPriceCatalog | undefined, sheetQ4UsesQ3: boolean): MonthLines[] {
  const daus = dauSeries({ baseDau: s.users.dau, monthlyGrowth: s.users.monthlyGrowth, months: s.months });
  return daus.map((dau, i) => {
    const month = i + 1;
    const quarter = quarterOf(month);
    return {
      month,
      dau,
      egressFloorCents: floor ? toCents(egressFloorUsd(dau, s.video, floor)) : 0,
      lines: catalog.items.map((line) => {
        const factor = factorFor(line.base, s.users.monthlyGrowth, quarter, sheetQ4UsesQ3);
        return { item: line.item, service: line.service, scaleFactor: factor, cents: toCents(line.monthlyUsd) * factor };
      }),
    };
  });
}

const totalCents = (months: readonly MonthLines[]): Cents => sumCents(months.flatMap((m) => m.lines.map((l) => l.cents)));

/**
 * The seed projection. `floor` (a unit-price catalog) prices the egress floor; without it the
 * floor is reported as 0.
 */
export function seedReplay(s: Scenario, catalog: LineItemCatalog, floor?: UnitPriceCatalog, options: SeedReplayOptions = {}): Projection {
  const sheet = options.sheetQ4UsesQ3 ?? isSheetScenario(s);
  const months = monthLines(s, catalog, floor, sheet);
  const findings: Finding[] = [];

  if (sheet && s.months >= 10) {
    const corrected = totalCents(monthLines(s, catalog, floor, false));
    const asSheet = totalCents(months);
    findings.push({
      id: "seed.q4-priced-with-q3-factors",
      severity: "warning",
      message: `The sheet prices months 10-12 with Q3's scale factors; with Q4's (round(3 x DAU(10)/DAU(1)) = ${scaleFactor(3, s.users.monthlyGrowth, 4)} for the prime-time rows) the ${s.months}-month total is ${formatUsd(toUsd(corrected))} USD, not ${formatUsd(toUsd(asSheet))} (+${formatUsd(toUsd(corrected - asSheet))}).`,
      values: { sheetTotalUsd: toUsd(asSheet), correctedTotalUsd: toUsd(corrected), differenceUsd: toUsd(corrected - asSheet) },
    });
  }

  const assumptions = { primeShare: s.primeTime.share, primeHours: primeHours(s), backendRequestsPerUser: s.requests.backendPerUser, cdnRequestsPerUser: s.requests.cdnPerUser };
  const daus = months.map((m) => m.dau);
  const diffs = loadDifferences(daus, assumptions);
  const m1 = diffs.find((d) => d.month === 1 && d.column === "pauRpsBackend");
  if (diffs.length > 0) {
    findings.push({
      id: "seed.rps-understated",
      severity: "warning",
      message:
        `The RPS sheet differs from its own assumptions in ${diffs.length} cells. Prime-time backend RPS ignores the ${s.requests.backendPerUser} requests per user` +
        (m1 ? ` (month 1: ${m1.seed} RPS on the sheet, ${((daus[0] * assumptions.primeShare * assumptions.backendRequestsPerUser) / (assumptions.primeHours * 3600)).toFixed(1)} implied)` : "") +
        ` and prime-time CDN RPS spreads prime users over ${nonPrimeHours(assumptions)} hours instead of ${assumptions.primeHours}.`,
      values: { cells: diffs.length, ...(m1 ? { month1PrimeBackendSeedRps: m1.seed, month1PrimeBackendImpliedRps: m1.implied } : {}) },
    });
  }

  const mediaPackage = catalog.items.find((l) => l.service === "MediaPackage");
  if (mediaPackage && floor) {
    const gb = viewerGb(daus[0], s.video);
    findings.push({
      id: "seed.viewer-egress-booked-as-origination",
      severity: "warning",
      message: `The sheet books viewer traffic (${Math.round(gb).toLocaleString("en-US")} GB in month 1) as MediaPackage origination (${formatUsd(mediaPackage.monthlyUsd)} USD/month). With CloudFront in front, MediaPackage only originates cache fills (${Math.round((1 - s.cdn.cacheHitRatio) * 100)} % at a ${s.cdn.cacheHitRatio} hit ratio) and CloudFront carries, and bills, the viewer egress.`,
      values: { month1ViewerGb: gb, mediaPackageMonthlyUsd: mediaPackage.monthlyUsd },
    });
  }

  if (floor) {
    const below = months.filter((m) => sumCents(m.lines.map((l) => l.cents)) < m.egressFloorCents).map((m) => m.month);
    if (below.length > 0) {
      findings.push({
        id: "seed.below-egress-floor",
        severity: "warning",
        message: `In ${below.length} of ${months.length} months the sheet's total is below the egress floor (viewer egress at CloudFront prices, ${floor.name} catalog): the table cannot be what the workload costs.`,
        values: { months: below.length, month1FloorUsd: toUsd(months[0].egressFloorCents) },
      });
    }
  }

  return assemble(s, { catalog: catalog.name, version: catalog.version }, months, findings);
}
