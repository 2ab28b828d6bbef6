/**
 * Viewer egress and its floor. Every viewer-hour leaves AWS as bytes to a viewer, whatever sits in
 * front; priced at the CDN's tiered egress rate that cost is the floor no architecture can go under
 * (only a cheaper bitrate or fewer viewer-hours can).
 */
import type { Tier, UnitPriceCatalog } from "./catalog-types";

export interface ViewingAssumptions {
  readonly gbPerHour: number;
  readonly sessionsPerUserPerMonth: number;
  readonly sessionHours: number;
}

/** Viewer-hours in a month: every active user watches their sessions. */
export const viewerHours = (dau: number, v: ViewingAssumptions): number => dau * v.sessionsPerUserPerMonth * v.sessionHours;

/** Bytes delivered to viewers in a month, GB. */
export const viewerGb = (dau: number, v: ViewingAssumptions): number => viewerHours(dau, v) * v.gbPerHour;

/** Cost of `quantity` units under cumulative tiers (each unit priced at the tier it falls in). */
export function tieredCost(quantity: number, tiers: readonly Tier[]): number {
  let cost = 0;
  let lower = 0;
  for (const tier of tiers) {
    if (quantity <= lower) break;
    const upper = tier.upTo ?? Infinity;
    cost += (Math.min(quantity, upper) - lower) * tier.usd;
    lower = upper;
  }
  return cost;
}

/** Tiers of the CDN egress price in a catalog; throws naming the key when absent. */
export function egressTiers(catalog: UnitPriceCatalog): readonly Tier[] {
  const price = catalog.prices["cloudfront.egress"];
  if (!price) throw new RangeError(`price catalog '${catalog.name}' has no 'cloudfront.egress' price`);
  return price.tiers ?? [{ upTo: null, usd: price.usd ?? 0 }];
}

/** The egress floor of a month in USD. */
export const egressFloorUsd = (dau: number, v: ViewingAssumptions, catalog: UnitPriceCatalog): number => tieredCost(viewerGb(dau, v), egressTiers(catalog));
