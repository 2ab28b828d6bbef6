/**
 * Price catalog types (plain, no dependencies: built-in catalogs are typed without loading zod).
 *
 * Two kinds:
 * - `unit-prices`: a price per usage unit (vCPU-hour, GB, 1,000 requests ...), each with its unit,
 *   region, source and date; CloudFront egress as tiers. The architecture scenario uses these.
 * - `line-items`: fixed monthly prices per line item with a scale-factor base, the seed's table.
 */

export interface Tier {
  /** Upper bound of the tier in units (cumulative within the month); null = no upper bound. */
  readonly upTo: number | null;
  readonly usd: number;
}

export interface UnitPrice {
  /** USD per `quantity` units (e.g. 0.012 per 10,000 requests). Absent when tiered. */
  readonly usd?: number;
  /** Tiered prices per unit, lowest tier first. */
  readonly tiers?: readonly Tier[];
  /** The unit priced, e.g. "vCPU-hour", "GB", "request". */
  readonly unit: string;
  /** How many units `usd` buys. @default 1 */
  readonly quantity?: number;
  /** Region the price was looked up for (may differ from the catalog's: media prices). */
  readonly region: string;
  /** Where the price comes from. */
  readonly source: string;
  /** Date the price was looked up, YYYY-MM-DD. */
  readonly date: string;
}

export interface UnitPriceCatalog {
  readonly kind: "unit-prices";
  readonly name: string;
  /** Version of the catalog: its build date and a suffix when rebuilt the same day. */
  readonly version: string;
  readonly region: string;
  readonly currency: "USD";
  readonly notes?: readonly string[];
  readonly prices: Readonly<Record<string, UnitPrice>>;
}

export interface LineItem {
  /** Row number in the seed table. */
  readonly no: number;
  readonly item: string;
  /** Service the line belongs to (chart grouping). */
  readonly service: string;
  /** Monthly price in USD with at most two decimals. */
  readonly monthlyUsd: number;
  /** Scale-factor base: 1, or 3 for prime-time service rows. */
  readonly base: number;
}

export interface LineItemCatalog {
  readonly kind: "line-items";
  readonly name: string;
  readonly version: string;
  readonly currency: "USD";
  readonly source: string;
  readonly items: readonly LineItem[];
}

export type PriceCatalog = UnitPriceCatalog | LineItemCatalog;
