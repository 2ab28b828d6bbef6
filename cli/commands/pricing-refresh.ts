/**
 * `ops pricing refresh`: rebuilds price catalogs from the AWS Price List API. Every item is looked up
 * (GetProducts, us-east-1 endpoint, paginated, TERM_MATCH filters); if any cannot be found the run
 * fails naming it and nothing is written, so an existing catalog is never replaced by a partial one.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { RemoteError, UsageError } from "../errors";
import { writeFileAtomic } from "../../lib/atomic-write";
import type { Tier, UnitPrice, UnitPriceCatalog } from "../../cost-model/catalog-types";
import { pricedItems, USAGE_PREFIX, type PricedItem } from "./pricing-items";

export interface PricingRefreshOptions {
  /** Regions to price. @default ["ap-southeast-1"] */
  readonly region?: readonly string[];
  /** A file (one region) or a directory (several). @default ./<region>.json */
  readonly out?: string;
  readonly dryRun?: boolean;
  /** Clock for the date stamp (tests). */
  readonly now?: () => Date;
  readonly stdout?: NodeJS.WritableStream;
}

interface PriceDimension {
  readonly unit?: string;
  readonly beginRange?: string;
  readonly endRange?: string;
  readonly pricePerUnit?: { readonly USD?: string };
}

/** The price dimensions of a Price List entry (a JSON string), lowest range first. */
export function dimensionsOf(entry: string): PriceDimension[] {
  const product = JSON.parse(entry) as { terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> } };
  const offers = Object.values(product.terms?.OnDemand ?? {});
  const dims = offers.flatMap((o) => Object.values(o.priceDimensions ?? {}));
  return dims.filter((d) => d.pricePerUnit?.USD !== undefined).sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
}

type PricingClient = import("@aws-sdk/client-pricing").PricingClient;

async function lookup(client: PricingClient, item: PricedItem, region: string, date: string): Promise<UnitPrice> {
  const { paginateGetProducts } = (require("@aws-sdk/client-pricing") as typeof import("@aws-sdk/client-pricing"));
  const entries: string[] = [];
  try {
    const pages = paginateGetProducts(
      { client, pageSize: 100 },
      {
        ServiceCode: item.serviceCode,
        FormatVersion: "aws_v1",
        Filters: Object.entries(item.filters).map(([Field, Value]) => ({ Type: "TERM_MATCH", Field, Value })),
      },
    );
    for await (const page of pages) entries.push(...(page.PriceList ?? []));
  } catch (err) {
    const e = err as Error & { name?: string };
    throw new RemoteError(`pricing item '${item.key}' (${item.serviceCode}): GetProducts failed: ${e.name}: ${e.message}`, "check credentials (pricing:GetProducts) and network");
  }
  const filterText = Object.entries(item.filters).map(([k, v]) => `${k}=${v}`).join(", ");
  const dims = entries.flatMap(dimensionsOf);
  if (dims.length === 0) throw new UsageError(`pricing item '${item.key}' not found: no ${item.serviceCode} product with ${filterText}`, "the usage type may have been renamed; fix cli/commands/pricing-items.ts");
  const q = item.quantity ?? 1;
  const source = `AWS Price List API GetProducts ${item.serviceCode} ${filterText}${entries.length > 1 ? ` (first of ${entries.length} products)` : ""}`;
  const base = { unit: item.unit, ...(item.quantity ? { quantity: item.quantity } : {}), region: item.region ?? region, source, date };
  if (item.tiered) {
    const tiers: Tier[] = dims.map((d) => ({ upTo: d.endRange === undefined || d.endRange === "Inf" ? null : Number(d.endRange), usd: Number(d.pricePerUnit?.USD) * q }));
    if (tiers[tiers.length - 1].upTo !== null) tiers.push({ upTo: null, usd: tiers[tiers.length - 1].usd });
    return { tiers, ...base };
  }
  return { usd: Number(dims[0].pricePerUnit?.USD) * q, ...base };
}

export async function buildCatalog(client: PricingClient, region: string, date: string): Promise<UnitPriceCatalog> {
  const prices: Record<string, UnitPrice> = {};
  for (const item of pricedItems(region)) prices[item.key] = await lookup(client, item, region, date);
  return {
    kind: "unit-prices",
    name: region,
    version: `${date}.api`,
    region,
    currency: "USD",
    notes: [`Built by ops pricing refresh from the AWS Price List API on ${date}.`, "Free tiers are ignored: every request and byte is priced."],
    prices,
  };
}

function targets(regions: readonly string[], out: string | undefined): Map<string, string> {
  const isDir = out !== undefined && (out.endsWith("/") || (existsSync(out) && statSync(out).isDirectory()));
  if (regions.length > 1 && out !== undefined && !isDir) throw new UsageError(`--out ${out}: with several regions --out must be an existing directory`);
  return new Map(regions.map((r) => [r, out === undefined ? `${r}.json` : isDir ? join(out, `${r}.json`) : out]));
}

export async function pricingRefresh(options: PricingRefreshOptions): Promise<void> {
  const regions = [...new Set(options.region?.length ? options.region : ["ap-southeast-1"])];
  for (const r of regions) if (!USAGE_PREFIX[r]) throw new UsageError(`--region ${r}: not a region this project prices (${Object.keys(USAGE_PREFIX).join(", ")})`);
  const files = options.dryRun ? undefined : targets(regions, options.out);
  const date = (options.now ?? (() => new Date()))().toISOString().slice(0, 10);

  const { PricingClient } = (require("@aws-sdk/client-pricing") as typeof import("@aws-sdk/client-pricing"));
  // The Price List API answers from us-east-1 for every region's prices.
  const client = new PricingClient({ region: "us-east-1", maxAttempts: 5 });
  const catalogs: UnitPriceCatalog[] = [];
  try {
    for (const r of regions) catalogs.push(await buildCatalog(client, r, date));
  } finally {
    client.destroy();
  }
  // Validate what would be written against the schema the forecast reads with.
  const { parseCatalog } = (require("../../cost-model/catalog") as typeof import("../../cost-model/catalog"));
  for (const c of catalogs) parseCatalog(c);

  if (!files) {
    (options.stdout ?? process.stdout).write(JSON.stringify(catalogs.length === 1 ? catalogs[0] : catalogs, null, 2) + "\n");
    return;
  }
  for (const c of catalogs) writeFileAtomic(files.get(c.region) as string, JSON.stringify(c, null, 2) + "\n");
}

export default pricingRefresh;
