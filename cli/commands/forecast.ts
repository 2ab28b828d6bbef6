/**
 * `ops forecast`: projects the platform's cost for a scenario and prints or writes a report.
 * Built-in scenarios and catalogs are trusted (the tests validate them), so the common path never
 * loads zod; files from the user are validated field by field before anything is computed.
 */
import { UsageError } from "../errors";
import { writeFileAtomic } from "../../lib/atomic-write";
import { readDocument } from "../support/read-document";
import { FORMATS, type Format } from "../render";
import type { PriceCatalog } from "../../cost-model/catalog-types";
import type { Projection } from "../../cost-model/projection";
import { BUILT_IN_SCENARIOS, withOverrides, type Scenario } from "../../cost-model/scenario-defaults";

export interface ForecastOptions {
  /** `seed`, `architecture` or a path to a JSON/YAML scenario file. @default "architecture" */
  readonly scenario?: string;
  /**
   * Size the architecture scenario to an environment's configuration (config/environments/<env>.json:
   * task sizes and counts, database, NAT gateways, channel class; its budget's DAU and growth).
   * Not with --scenario. @default none (the scenario as it is)
   */
  readonly environment?: string;
  readonly months?: number;
  readonly dau?: number;
  /** Monthly growth as a fraction (0.1 = +10 %). */
  readonly growth?: number;
  /** A built-in catalog name or a path to a catalog JSON file. */
  readonly pricing?: string;
  readonly format?: string;
  /** Write the report here (atomically) instead of stdout. */
  readonly out?: string;
  /** Where the report goes without --out. @default process.stdout */
  readonly stdout?: NodeJS.WritableStream;
}

const MAX_MONTHS = 120;

function checkOverrides(o: ForecastOptions): void {
  if (o.months !== undefined && (!Number.isInteger(o.months) || o.months < 1 || o.months > MAX_MONTHS)) {
    throw new UsageError(`--months must be a whole number from 1 to ${MAX_MONTHS}, got ${o.months}`);
  }
  if (o.dau !== undefined && (!Number.isFinite(o.dau) || o.dau < 0)) throw new UsageError(`--dau must be a number >= 0, got ${o.dau}`);
  if (o.growth !== undefined && (!Number.isFinite(o.growth) || o.growth <= -1)) {
    throw new UsageError(`--growth must be a fraction above -1 (0.1 = +10 % a month), got ${o.growth}`, "growth at or below -100 % would leave no users");
  }
  if (o.format !== undefined && !(FORMATS as readonly string[]).includes(o.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got '${o.format}'`);
}

/** The architecture scenario resized to what an environment deploys (same model as its AWS Budget). */
function environmentBase(env: string, months: number | undefined): Scenario {
  const { loadEnvironment, ConfigError } = require("../../config/load") as typeof import("../../config/load");
  const { environmentScenario } = require("../../cost-model/environment-scenario") as typeof import("../../cost-model/environment-scenario");
  try {
    const config = loadEnvironment(env);
    return environmentScenario(config, { dau: config.budget.dau, monthlyGrowth: config.budget.monthlyGrowth, months: months ?? 12 });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`--environment ${env}: ${err.message}`);
    throw err;
  }
}

async function loadScenario(ref: string): Promise<Scenario> {
  const builtIn = BUILT_IN_SCENARIOS[ref];
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) throw new UsageError(`--scenario '${ref}' is neither a built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(", ")}) nor a file path`);
  const doc = await readDocument(ref, "--scenario");
  const { parseScenario, ScenarioError } = (require("../../cost-model/scenario") as typeof import("../../cost-model/scenario"));
  try {
    return parseScenario(doc);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(`--scenario ${ref}: field ${err.message}`);
    throw err;
  }
}

async function loadCatalog(ref: string, flag: string): Promise<PriceCatalog> {
  const { BUILT_IN_CATALOGS } = (require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs"));
  const builtIn = BUILT_IN_CATALOGS[ref];
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) throw new UsageError(`${flag} '${ref}' is neither a built-in catalog (${Object.keys(BUILT_IN_CATALOGS).join(", ")}) nor a file path`);
  const doc = await readDocument(ref, flag);
  const { parseCatalog, CatalogError } = (require("../../cost-model/catalog") as typeof import("../../cost-model/catalog"));
  try {
    return parseCatalog(doc);
  } catch (err) {
    if (err instanceof CatalogError) throw new UsageError(`${flag} ${ref}: field ${err.message}`);
    throw err;
  }
}

async function render(format: Format, p: Projection): Promise<string> {
  switch (format) {
    case "json":
      return (require("../render/json") as typeof import("../render/json")).renderJson(p);
    case "csv":
      return (require("../render/csv") as typeof import("../render/csv")).renderCsv(p);
    case "markdown":
      return (require("../render/markdown") as typeof import("../render/markdown")).renderMarkdown(p);
    case "html":
      return (require("../render/html") as typeof import("../render/html")).renderHtml(p);
    default:
      return (require("../render/table") as typeof import("../render/table")).renderTable(p);
  }
}

/** Builds the projection the options describe (exported for the tests and the budget). */
export async function buildForecast(options: ForecastOptions): Promise<Projection> {
  checkOverrides(options);
  if (options.environment !== undefined && options.scenario !== undefined) {
    throw new UsageError("--environment and --scenario cannot be combined", "--environment sizes the architecture scenario to that environment's config");
  }
  const base = options.environment !== undefined ? environmentBase(options.environment, options.months) : await loadScenario(options.scenario ?? "architecture");
  const scenario = withOverrides(base, { months: options.months, dau: options.dau, monthlyGrowth: options.growth, pricing: options.pricing });
  const catalog = await loadCatalog(scenario.pricing, options.pricing ? "--pricing" : "scenario pricing");
  if (scenario.model === "seed") {
    if (catalog.kind !== "line-items") throw new UsageError(`--pricing '${catalog.name}' holds unit prices; the seed model needs line prices (--pricing seed)`);
    const { seedReplay } = require("../../cost-model/seed-replay") as typeof import("../../cost-model/seed-replay");
    const { DEFAULT_UNIT_CATALOG } = require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs");
    return seedReplay(scenario, catalog, DEFAULT_UNIT_CATALOG);
  }
  if (catalog.kind !== "unit-prices") throw new UsageError(`--pricing '${catalog.name}' holds line prices; the architecture model needs unit prices (e.g. --pricing ap-southeast-1)`);
  const { architectureProjection, MissingPriceError } = (require("../../cost-model/architecture") as typeof import("../../cost-model/architecture"));
  try {
    return architectureProjection(scenario, catalog);
  } catch (err) {
    if (err instanceof MissingPriceError) throw new UsageError(`${err.message}: the scenario needs it`, "add the price to the catalog or run `ops pricing refresh`");
    throw err;
  }
}

export async function forecast(options: ForecastOptions): Promise<void> {
  const projection = await buildForecast(options);
  const text = await render((options.format ?? "table") as Format, projection);
  if (options.out) {
    try {
      writeFileAtomic(options.out, text);
    } catch (err) {
      throw new UsageError(`--out ${options.out}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  } else {
    (options.stdout ?? process.stdout).write(text);
  }
}

export default forecast;
