/** Shared views of a projection for the renderers: per-service sums, item order, number formats. */
import type { Projection } from "../../cost-model/projection";

export const usd = (v: number): string => v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const int = (v: number): string => Math.round(v).toLocaleString("en-US");
export const factor = (v: number | null): string => (v === null ? "-" : String(v));

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
  return `Cost forecast '${s.name}' (${s.model} model, pricing ${p.pricing.catalog} ${p.pricing.version}): ${int(s.users.dau)} DAU, ${(s.users.monthlyGrowth * 100).toFixed(1).replace(/\.0$/, "")} %/month, ${s.months} months`;
}
