/**
 * The difference a change makes to the forecast, line by line and month by month (what Infracost
 * users expect under a pull request). Lines are matched by item name; a line only one side has is
 * compared with zero. Money is subtracted in cents.
 */
import { toCents, toUsd } from "./money";
import type { Projection } from "./projection";

export const DIFF_KIND = "livestream-cost-forecast-diff";

export interface LineDelta {
  readonly item: string;
  readonly service: string;
  /** Month 1, expected case. */
  readonly baselineUsd: number;
  readonly currentUsd: number;
  readonly deltaUsd: number;
  /** Over the horizon both reports share. */
  readonly baselineTotalUsd: number;
  readonly currentTotalUsd: number;
  readonly totalDeltaUsd: number;
  readonly baselineDetail?: string;
  readonly currentDetail?: string;
}

export interface MonthDelta {
  readonly month: number;
  readonly label: string;
  readonly baselineUsd: number;
  readonly currentUsd: number;
  readonly deltaUsd: number;
}

export interface ForecastDiff {
  readonly kind: typeof DIFF_KIND;
  readonly schemaVersion: 1;
  readonly baseline: { readonly name: string; readonly source: string; readonly month1Usd: number; readonly totalUsd: number };
  readonly current: { readonly name: string; readonly source: string; readonly month1Usd: number; readonly totalUsd: number };
  /** Months both reports cover. */
  readonly months: readonly MonthDelta[];
  /** Lines whose cost changed in any shared month, largest change over the horizon first. */
  readonly lines: readonly LineDelta[];
  readonly unchangedLines: number;
  readonly month1DeltaUsd: number;
  readonly totalDeltaUsd: number;
  /** Range of the current report over the shared months, for the comment's headline. */
  readonly currentRange: { readonly lowUsd: number; readonly highUsd: number };
}

const describe = (p: Projection): string => {
  const d = p.deployment?.source;
  return d && d.kind === "synth" ? `${d.stack} (${d.file})` : `scenario '${p.scenario.name}'`;
};

export function diffProjections(baseline: Projection, current: Projection): ForecastDiff {
  const shared = Math.min(baseline.months.length, current.months.length);
  const months: MonthDelta[] = [];
  for (let i = 0; i < shared; i++) {
    const b = toCents(baseline.months[i].totalUsd);
    const c = toCents(current.months[i].totalUsd);
    months.push({ month: i + 1, label: current.months[i].label ?? `M${i + 1}`, baselineUsd: toUsd(b), currentUsd: toUsd(c), deltaUsd: toUsd(c - b) });
  }
  type Acc = { service: string; b1: number; c1: number; bt: number; ct: number; changed: boolean; bd?: string; cd?: string };
  const lines = new Map<string, Acc>();
  const entry = (item: string, service: string): Acc => {
    let a = lines.get(item);
    if (!a) lines.set(item, (a = { service, b1: 0, c1: 0, bt: 0, ct: 0, changed: false }));
    return a;
  };
  for (let i = 0; i < shared; i++) {
    const seen = new Map<string, { b: number; c: number }>();
    for (const it of baseline.months[i].items) {
      const a = entry(it.item, it.service);
      const cents = toCents(it.usd);
      a.bt += cents;
      if (i === 0) {
        a.b1 = cents;
        a.bd = it.detail;
      }
      seen.set(it.item, { b: cents, c: 0 });
    }
    for (const it of current.months[i].items) {
      const a = entry(it.item, it.service);
      a.service = it.service;
      const cents = toCents(it.usd);
      a.ct += cents;
      if (i === 0) {
        a.c1 = cents;
        a.cd = it.detail;
      }
      seen.set(it.item, { b: seen.get(it.item)?.b ?? 0, c: cents });
    }
    for (const [item, v] of seen) if (v.b !== v.c) entry(item, "").changed = true;
  }
  const changed: LineDelta[] = [];
  let unchangedLines = 0;
  for (const [item, a] of lines) {
    if (!a.changed) {
      unchangedLines += 1;
      continue;
    }
    changed.push({
      item,
      service: a.service,
      baselineUsd: toUsd(a.b1),
      currentUsd: toUsd(a.c1),
      deltaUsd: toUsd(a.c1 - a.b1),
      baselineTotalUsd: toUsd(a.bt),
      currentTotalUsd: toUsd(a.ct),
      totalDeltaUsd: toUsd(a.ct - a.bt),
      ...(a.bd !== undefined && a.bd !== a.cd ? { baselineDetail: a.bd } : {}),
      ...(a.cd !== undefined && a.bd !== a.cd ? { currentDetail: a.cd } : {}),
    });
  }
  changed.sort((x, y) => Math.abs(y.totalDeltaUsd) - Math.abs(x.totalDeltaUsd) || x.item.localeCompare(y.item));
  const sum = (values: number[]) => toUsd(values.reduce((a, v) => a + toCents(v), 0));
  const bTotal = sum(months.map((m) => m.baselineUsd));
  const cTotal = sum(months.map((m) => m.currentUsd));
  return {
    kind: DIFF_KIND,
    schemaVersion: 1,
    baseline: { name: baseline.scenario.name, source: describe(baseline), month1Usd: months[0]?.baselineUsd ?? 0, totalUsd: bTotal },
    current: { name: current.scenario.name, source: describe(current), month1Usd: months[0]?.currentUsd ?? 0, totalUsd: cTotal },
    months,
    lines: changed,
    unchangedLines,
    month1DeltaUsd: months[0]?.deltaUsd ?? 0,
    totalDeltaUsd: toUsd(toCents(cTotal) - toCents(bTotal)),
    currentRange: {
      lowUsd: sum(current.months.slice(0, shared).map((m) => m.range?.lowUsd ?? m.totalUsd)),
      highUsd: sum(current.months.slice(0, shared).map((m) => m.range?.highUsd ?? m.totalUsd)),
    },
  };
}
