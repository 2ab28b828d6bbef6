/** Shared views of a projection for the renderers: per-service sums, item order, provenance, number formats. */
import type { Projection, ProjectionItem } from "../../cost-model/projection";

export const usd = (v: number): string => v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const int = (v: number): string => Math.round(v).toLocaleString("en-US");
export const factor = (v: number | null): string => (v === null ? "-" : String(v));
/** A unit cost: 4 decimals below a dollar. */
export const unitUsd = (v: number | null): string => (v === null ? "-" : v < 1 ? v.toFixed(4) : usd(v));
export const rangeText = (r: { lowUsd: number; highUsd: number }): string => `${usd(r.lowUsd)} - ${usd(r.highUsd)}`;
export const quantity = (v: number): string => (Math.abs(v) >= 100 ? int(v) : String(Math.round(v * 100) / 100));

/** Item names in the order of month 1. */
export const itemNames = (p: Projection): string[] => (p.months[0]?.items ?? []).map((i) => i.item);

/** Services in order of their total cost, largest first. */
export function servicesByCost(p: Projection): string[] {
  const totals = new Map<string, number>();
  for (const m of p.months) for (const it of m.items) totals.set(it.service, (totals.get(it.service) ?? 0) + it.usd);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
}

/** USD per service for one month (cents-exact sums). */
export function serviceTotals(month: Projection["months"][number]): Map<string, number> {
  const cents = new Map<string, number>();
  for (const it of month.items) cents.set(it.service, (cents.get(it.service) ?? 0) + Math.round(it.usd * 100));
  return new Map([...cents.entries()].map(([k, v]) => [k, v / 100]));
}

export function title(p: Projection): string {
  const s = p.scenario;
  return `Cost forecast '${s.name}' (${s.model} model, pricing ${p.pricing.catalog} ${p.pricing.version}): ${int(s.users.dau)} DAU, ${(s.users.monthlyGrowth * 100).toFixed(1).replace(/\.0$/, "")} %/month, ${s.months} months${s.startMonth ? ` from ${s.startMonth}` : ""}`;
}

/** Where the deployment priced comes from, in one line. */
export function deploymentLine(p: Projection): string | undefined {
  const d = p.deployment;
  if (!d) return undefined;
  if (d.source.kind === "synth") return `Fixed-cost drivers read from the synthesized stack ${d.source.stack} (${d.source.file}).`;
  return `Fixed-cost drivers from the scenario (prod as deployed); \`--environment <env>\` reads them from a stack.`;
}

/** Provenance labels of a line's prices, deduplicated: "page 2026-12-02, estimate". */
export function provenanceOfItem(p: Projection, it: ProjectionItem): string {
  const labels = [...new Set((it.priceKeys ?? []).map((k) => p.prices[k]?.label).filter((l): l is string => !!l))];
  return labels.join(", ") || (p.scenario.model === "seed" ? "seed table" : "-");
}

/** Lines that matter: at least 0.5 % of month 1 (expected or high), largest first; the rest summed. */
export function linesThatMatter(p: Projection): { lines: ProjectionItem[]; rest: ProjectionItem[] } {
  const m1 = p.months[0];
  if (!m1) return { lines: [], rest: [] };
  const sorted = [...m1.items].sort((a, b) => b.usd - a.usd || a.item.localeCompare(b.item));
  const threshold = Math.max(m1.totalUsd, m1.range.highUsd) * 0.005;
  return { lines: sorted.filter((i) => i.usd >= threshold || i.range.highUsd >= threshold), rest: sorted.filter((i) => !(i.usd >= threshold || i.range.highUsd >= threshold)) };
}

/** Sums USD values in cents. */
export const sumUsd = (values: readonly number[]): number => values.reduce((a, v) => a + Math.round(v * 100), 0) / 100;

/** Headline figures: month 1 and the horizon with their ranges, unit costs, fixed share. */
export function headline(p: Projection): string[] {
  const m1 = p.months[0];
  if (!m1) return [];
  const out = [
    `Month 1 (${m1.label}): ${usd(m1.totalUsd)} USD expected, range ${rangeText(m1.range)}`,
    `${p.months.length} months: ${usd(p.totalUsd)} USD expected, range ${rangeText(p.range)}`,
  ];
  if (p.viewerHours !== null) {
    out.push(`Unit costs: ${unitUsd(p.costPerViewerHourUsd)} USD per viewer-hour, ${unitUsd(p.costPerDauMonthUsd)} USD per DAU-month (month 1: ${unitUsd(m1.costPerViewerHourUsd)} and ${unitUsd(m1.costPerDauUsd)})`);
  }
  if (p.fixedUsd !== null && m1.fixedUsd !== null) {
    out.push(`Fixed / variable: ${usd(m1.fixedUsd)} / ${usd(m1.variableUsd ?? 0)} USD in month 1; ${usd(p.fixedUsd)} / ${usd(p.variableUsd ?? 0)} USD over ${p.months.length} months`);
  }
  return out;
}
