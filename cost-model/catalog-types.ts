/**
 * Price catalog types (plain, no dependencies: built-in catalogs are typed without loading zod).
 *
 * Two kinds:
 * - `unit-prices`: a price per usage unit (vCPU-hour, GB, 1,000 requests ...), each with its unit,
 *   region, provenance, source and date; CloudFront egress as tiers. The architecture model uses these.
 * - `line-items`: fixed monthly prices per line item with a scale-factor base, the seed's table.
 */

export interface Tier {
  /** Upper bound of the tier in units (cumulative within the month); null = no upper bound. */
  readonly upTo: number | null;
  readonly usd: number;
}

/**
 * Where a price comes from, strongest first:
 * - `price-list-api`: read from the AWS Price List API (GetProducts) on `date` (`ops pricing refresh`);
 * - `published-page`: transcribed from AWS's published pricing page (`url`) on `date`;
 * - `estimate`: not verified against either; `source` says what it rests on;
 * - `stand-in`: a verified price of another region (`region`) used for this catalog's region.
 */
export type PriceProvenance = "price-list-api" | "published-page" | "estimate" | "stand-in";

export const PROVENANCES: readonly PriceProvenance[] = ["price-list-api", "published-page", "estimate", "stand-in"];

export interface UnitPrice {
  /** USD per `quantity` units (e.g. 0.012 per 10,000 requests). Absent when tiered. */
  readonly usd?: number;
  /** Tiered prices per unit, lowest tier first. */
  readonly tiers?: readonly Tier[];
  /** The unit priced, e.g. "vCPU-hour", "GB", "request". */
  readonly unit: string;
  /** How many units `usd` buys. @default 1 */
  readonly quantity?: number;
  /**
   * Units AWS's always-free tier gives each account every month (e.g. CloudFront's 1 TB); only usage
   * above it is billed. Not the 12-month new-account tier. @default 0
   */
  readonly freePerMonth?: number;
  /** Region the price was looked up for (may differ from the catalog's: a stand-in). */
  readonly region: string;
  /**
   * How the price was obtained. Files written before provenance existed lack it; it is then derived
   * from `source` and `region` (see `provenanceOf`).
   */
  readonly provenance?: PriceProvenance;
  /** Where the price comes from, in words (API filters, page, or what an estimate rests on). */
  readonly source: string;
  /** The published page, when there is one. */
  readonly url?: string;
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

/** Regions that are not AWS regions but price scopes (global services, CloudFront edge groups). */
const isScope = (region: string): boolean => region === "global" || region.startsWith("CloudFront") || region.startsWith("Asia Pacific (CloudFront");

/**
 * The provenance of a price in a catalog: as recorded, else derived (a region other than the
 * catalog's is a stand-in; `estimate ...` and Price List API sources say so themselves).
 */
export function provenanceOf(price: UnitPrice, catalogRegion: string): PriceProvenance {
  if (price.provenance === "estimate" || (!price.provenance && /^estimate/i.test(price.source))) return "estimate";
  if (price.region !== catalogRegion && !isScope(price.region)) return "stand-in";
  if (price.provenance) return price.provenance;
  if (/Price List API/i.test(price.source)) return "price-list-api";
  return "published-page";
}

/** A short label for reports: "API 2026-11-23", "page 2026-12-02", "estimate", "us-east-1 stand-in". */
export function provenanceLabel(price: UnitPrice, catalogRegion: string): string {
  switch (provenanceOf(price, catalogRegion)) {
    case "price-list-api":
      return `API ${price.date}`;
    case "published-page":
      return `page ${price.date}`;
    case "stand-in":
      return `${price.region} stand-in`;
    default:
      return price.region !== catalogRegion && !isScope(price.region) ? `estimate (${price.region})` : "estimate";
  }
}
