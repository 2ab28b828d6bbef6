/**
 * `ops pricing refresh`: rebuilds price catalogs from the AWS Price List API. Every item is looked up
 * (GetProducts, us-east-1 endpoint, paginated, TERM_MATCH filters); if any cannot be found the run
 * lists every missing item (exit 3: the API did not give what the catalog needs) and nothing is
 * written, so an existing catalog is never replaced by a partial one.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { RemoteError, UsageError } from "../errors";
import { writeFileAtomic } from "../../lib/atomic-write";
import type { Tier, UnitPrice, UnitPriceCatalog } from "../../cost-model/catalog-types";
import { pricedItems, USAGE_PREFIX, type PricedItem } from "./pricing-items";
import { PRICING_REFRESH_DEFAULTS } from "./defaults";

export interface PricingRefreshOptions {
  /** Regions to price. @default [PRICING_REFRESH_DEFAULTS.region] */
  readonly region?: readonly string[];
  /** A file (one region) or a directory (several). @default ./<region>.json */
  readonly out?: string;
  readonly dryRun?: boolean;
  /** Print a JSON summary (or, with --dry-run, the catalogs) to stdout. */
  readonly json?: boolean;
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

/**
 * This command has no --profile (its client comes from the SDK's default chain, not cli/aws/clients.ts),
 * so the CLI's general credentials hint ("pass --profile <name>") would send the operator to a flag
 * that does not exist. The message avoids the SDK's wording, which the CLI would answer with that hint.
 */
export const NO_CREDENTIALS_MESSAGE = "no AWS credentials found for the Price List API (nothing was written)";
export const NO_CREDENTIALS_HINT =
  "set AWS_PROFILE (run `aws sso login --profile <name>` first for an SSO profile) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, with pricing:GetProducts allowed; ops pricing refresh has no --profile flag";

/** A priced item the API has no product for. */
export interface MissingItem {
  readonly region: string;
  readonly key: string;
  readonly serviceCode: string;
  readonly filters: Readonly<Record<string, string>>;
}

async function lookup(client: PricingClient, item: PricedItem, region: string, date: string): Promise<UnitPrice | undefined> {
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
    if (e.name === "CredentialsProviderError") throw new RemoteError(NO_CREDENTIALS_MESSAGE, NO_CREDENTIALS_HINT);
    throw new RemoteError(`pricing item '${item.key}' (${item.serviceCode}): GetProducts failed: ${e.name}: ${e.message}`, "check credentials (pricing:GetProducts) and network");
  }
  const filterText = Object.entries(item.filters).map(([k, v]) => `${k}=${v}`).join(", ");
  const dims = entries.flatMap(dimensionsOf);
  if (dims.length === 0) return undefined;
  const q = item.quantity ?? 1;
  const source = `AWS Price List API GetProducts ${item.serviceCode} ${filterText}${entries.length > 1 ? ` (first of ${entries.length} products)` : ""}`;
  const base = {
    unit: item.unit,
    ...(item.quantity ? { quantity: item.quantity } : {}),
    ...(item.freePerMonth ? { freePerMonth: item.freePerMonth } : {}),
    region: item.region ?? region,
    provenance: "price-list-api" as const,
    source,
    date,
  };
  if (item.tiered) {
    const tiers: Tier[] = dims.map((d) => ({ upTo: d.endRange === undefined || d.endRange === "Inf" ? null : Number(d.endRange), usd: Number(d.pricePerUnit?.USD) * q }));
    if (tiers[tiers.length - 1].upTo !== null) tiers.push({ upTo: null, usd: tiers[tiers.length - 1].usd });
    return { tiers, ...base };
  }
  return { usd: Number(dims[0].pricePerUnit?.USD) * q, ...base };
}

/** The catalog of a region, and the items the API had no product for (the catalog is then incomplete). */
export async function buildCatalog(client: PricingClient, region: string, date: string): Promise<{ catalog: UnitPriceCatalog; missing: MissingItem[] }> {
  const prices: Record<string, UnitPrice> = {};
  const missing: MissingItem[] = [];
  for (const item of pricedItems(region)) {
    const price = await lookup(client, item, region, date);
    if (price) prices[item.key] = price;
    else missing.push({ region, key: item.key, serviceCode: item.serviceCode, filters: item.filters });
  }
  return {
    catalog: {
      kind: "unit-prices",
      name: region,
      version: `${date}.api`,
      region,
      currency: "USD",
      notes: [`Built by ops pricing refresh from the AWS Price List API on ${date}.`, "Always-free tiers (freePerMonth) come from AWS's free tier pages and are applied once per account and month."],
      prices,
    },
    missing,
  };
}

function targets(regions: readonly string[], out: string | undefined): Map<string, string> {
  const isDir = out !== undefined && (out.endsWith("/") || (existsSync(out) && statSync(out).isDirectory()));
  if (regions.length > 1 && out !== undefined && !isDir) throw new UsageError(`--out ${out}: with several regions --out must be an existing directory`);
  return new Map(regions.map((r) => [r, out === undefined ? `${r}.json` : isDir ? join(out, `${r}.json`) : out]));
}

export async function pricingRefresh(options: PricingRefreshOptions): Promise<void> {
  const regions = [...new Set(options.region?.length ? options.region : [PRICING_REFRESH_DEFAULTS.region])];
  for (const r of regions) if (!USAGE_PREFIX[r]) throw new UsageError(`--region ${r}: not a region this project prices (${Object.keys(USAGE_PREFIX).join(", ")})`);
  const files = options.dryRun ? undefined : targets(regions, options.out);
  const date = (options.now ?? (() => new Date()))().toISOString().slice(0, 10);

  const { PricingClient } = (require("@aws-sdk/client-pricing") as typeof import("@aws-sdk/client-pricing"));
  // The Price List API answers from us-east-1 for every region's prices.
  const client = new PricingClient({ region: "us-east-1", maxAttempts: 5 });
  const catalogs: UnitPriceCatalog[] = [];
  const missing: MissingItem[] = [];
  try {
    for (const r of regions) {
      const built = await buildCatalog(client, r, date);
      catalogs.push(built.catalog);
      missing.push(...built.missing);
    }
  } finally {
    client.destroy();
  }
  if (missing.length > 0) {
    const list = missing.map((m) => `  - ${m.region} ${m.key}: no ${m.serviceCode} product with ${Object.entries(m.filters).map(([k, v]) => `${k}=${v}`).join(", ")}`).join("\n");
    throw new RemoteError(
      `the Price List API has no product for ${missing.length} of ${regions.length * pricedItems(regions[0]).length} catalog price${missing.length === 1 ? "" : "s"}; nothing was written:\n${list}`,
      "a usage type or attribute may have been renamed: check it with `aws pricing get-attribute-values`, then fix cli/commands/pricing-items.ts",
      { written: [], missing },
    );
  }
  // Validate what would be written against the schema the forecast reads with.
  const { parseCatalog } = (require("../../cost-model/catalog") as typeof import("../../cost-model/catalog"));
  for (const c of catalogs) parseCatalog(c);

  const stdout = options.stdout ?? process.stdout;
  if (!files) {
    stdout.write(JSON.stringify(catalogs.length === 1 ? catalogs[0] : catalogs, null, 2) + "\n");
    return;
  }
  const written = catalogs.map((c) => {
    const file = files.get(c.region) as string;
    writeFileAtomic(file, JSON.stringify(c, null, 2) + "\n");
    return { region: c.region, file, prices: Object.keys(c.prices).length, version: c.version };
  });
  if (options.json) stdout.write(JSON.stringify({ written, missing: [] }, null, 2) + "\n");
  else for (const w of written) stdout.write(`wrote ${w.file}: ${w.prices} ${w.region} prices from the Price List API (version ${w.version})\n`);
}
