/**
 * Channel-hour prices. Read from the cost model's price catalog (cost-model/catalogs/<region>.json,
 * keys `medialive.input.hd` and `medialive.output.hd`) when present, else a small built-in table
 * from the field notes (us-east-1 list prices). A channel-hour here is one HD input plus one HD
 * output per pipeline; a STANDARD channel runs two pipelines and bills both.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../../lib/project-root";
import { UsageError } from "../errors";

export interface ChannelPrice {
  /** USD per hour of one single-pipeline channel. */
  readonly usdPerPipelineHour: number;
  /** Where the price came from, printed with every cost. */
  readonly source: string;
}

const BUILT_IN = { input: 0.234, output: 0.882, source: "built-in table (us-east-1 list prices: HD input + HD output)" };

/** The region's catalog in the project's cost-model/catalogs, the same from sources and from dist/. */
function catalogCandidates(region: string): string[] {
  return [join(projectRoot(__dirname), "cost-model", "catalogs", `${region}.json`)];
}

/** Paths in messages: relative to the project when inside it, never an absolute dist/ path. */
function shown(path: string): string {
  const rel = relative(projectRoot(__dirname), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** Loads the price from `catalogPath`, the region's catalog, or the built-in table, in that order. */
export function loadChannelPrice(options: { region?: string; catalogPath?: string; usdPerHour?: number } = {}): ChannelPrice {
  if (options.usdPerHour !== undefined) {
    if (!(options.usdPerHour >= 0)) throw new UsageError(`--price-per-hour must be a non-negative number, got ${options.usdPerHour}`);
    return { usdPerPipelineHour: options.usdPerHour, source: "--price-per-hour" };
  }
  const paths = options.catalogPath ? [options.catalogPath] : catalogCandidates(options.region ?? "ap-southeast-1");
  for (const path of paths) {
    if (!existsSync(path)) {
      if (options.catalogPath) throw new UsageError(`price catalog ${path} does not exist`);
      continue;
    }
    let doc: { prices?: Record<string, { usd?: number }> };
    try {
      doc = JSON.parse(readFileSync(path, "utf8"));
    } catch (err) {
      throw new UsageError(`price catalog ${path} is not JSON: ${(err as Error).message}`);
    }
    const input = doc.prices?.["medialive.input.hd"]?.usd;
    const output = doc.prices?.["medialive.output.hd"]?.usd;
    if (typeof input === "number" && typeof output === "number") {
      return { usdPerPipelineHour: input + output, source: `${shown(path)} (medialive.input.hd + medialive.output.hd)` };
    }
  }
  return { usdPerPipelineHour: BUILT_IN.input + BUILT_IN.output, source: BUILT_IN.source };
}

/** USD per hour for a channel of this class. */
export function channelHourUsd(price: ChannelPrice, channelClass: string): number {
  return price.usdPerPipelineHour * (channelClass === "SINGLE_PIPELINE" ? 1 : 2);
}
