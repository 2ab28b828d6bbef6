/**
 * Channel-hour prices for `ops sessions plan` and `ops channels list`, priced exactly as the forecast
 * prices them (cost-model/channel-hour.ts through the forecast's MonthMeter): every pipeline bills
 * its input and each encoded output. The catalog is `--price-catalog` (validated like a forecast
 * catalog: unit prices, no negative price), else the region's built-in catalog, else the default
 * catalog with the source saying so.
 */
import { relative } from "node:path";
import { UsageError } from "../errors";
import { projectRoot } from "../../lib/project-root";
import { readDocument } from "../support/read-document";
import { channelRunUsd, describeOutputs, type ChannelEncodes } from "../../cost-model/channel-hour";
import type { UnitPriceCatalog } from "../../cost-model/catalog-types";

export interface ChannelPriceCatalog {
  readonly catalog: UnitPriceCatalog;
  /** Where the prices came from, printed with every cost. */
  readonly source: string;
}

/** Paths in messages: relative to the project when inside it. */
function shown(path: string): string {
  const rel = relative(projectRoot(__dirname), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** `--price-catalog <file>`, else the region's built-in catalog, else the default one (said in the source). */
export async function loadChannelPriceCatalog(options: { region?: string; catalogPath?: string } = {}): Promise<ChannelPriceCatalog> {
  if (options.catalogPath !== undefined) {
    const flag = "--price-catalog";
    const doc = await readDocument(options.catalogPath, flag);
    const { parseCatalog, CatalogError } = require("../../cost-model/catalog") as typeof import("../../cost-model/catalog");
    let catalog;
    try {
      catalog = parseCatalog(doc);
    } catch (err) {
      if (err instanceof CatalogError) throw new UsageError(`${flag} ${options.catalogPath} is not a price catalog: field ${err.message}`, "pass a catalog written by `ops pricing refresh`, e.g. cost-model/catalogs/ap-southeast-1.json");
      throw err;
    }
    if (catalog.kind !== "unit-prices") throw new UsageError(`${flag} ${options.catalogPath} holds line prices (${catalog.name}); channel-hours need unit prices (medialive.input.*, medialive.output.*)`);
    return { catalog, source: `${shown(options.catalogPath)} version ${catalog.version}` };
  }
  const { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } = require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs");
  const region = options.region ?? DEFAULT_UNIT_CATALOG.region;
  const own = BUILT_IN_CATALOGS[region];
  if (own?.kind === "unit-prices") return { catalog: own, source: `cost-model/catalogs/${region}.json version ${own.version}` };
  return {
    catalog: DEFAULT_UNIT_CATALOG,
    source: `cost-model/catalogs/${DEFAULT_UNIT_CATALOG.region}.json version ${DEFAULT_UNIT_CATALOG.version} (no catalog for ${region}: ops pricing refresh --region ${region})`,
  };
}

/** USD per hour of one running channel with these encodes, every pipeline included. */
export function channelHourUsd(prices: ChannelPriceCatalog, encodes: ChannelEncodes): number {
  const { MonthMeter, MissingPriceError } = require("../../cost-model/architecture") as typeof import("../../cost-model/architecture");
  const meter = new MonthMeter(prices.catalog);
  try {
    return channelRunUsd(encodes, 1, (key, quantity) => meter.cost(key, quantity));
  } catch (err) {
    if (err instanceof MissingPriceError) throw new UsageError(`${err.message}: a ${encodes.class} channel with an ${encodes.inputResolution} input and ${describeOutputs(encodes.outputs)} outputs needs it`, "add the price to the catalog or run `ops pricing refresh`");
    throw err;
  }
}
