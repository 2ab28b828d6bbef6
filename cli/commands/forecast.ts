/**
 * `ops forecast`: projects the platform's cost for a scenario and prints or writes a report, or (with
 * --compare) the difference from a baseline. With --environment the fixed-cost drivers come from the
 * environment's synthesized stack (synthesized now, or read from --synth-dir) and the usage from the
 * scenario with the environment's budget DAU and growth. Built-in scenarios and catalogs are trusted
 * (the tests validate them), so the common path never loads zod; files from the user are validated
 * field by field before anything is computed.
 */
import { statSync } from "node:fs";
import { UsageError } from "../errors";
import { writeFileAtomic } from "../../lib/atomic-write";
import { readDocument } from "../support/read-document";
import { FORMATS, type Format } from "../render";
import type { PriceCatalog, UnitPriceCatalog } from "../../cost-model/catalog-types";
import type { Deployment } from "../../cost-model/deployment";
import type { Finding, Projection } from "../../cost-model/projection";
import { BUILT_IN_SCENARIOS, withOverrides, type Scenario } from "../../cost-model/scenario-defaults";
import { MAX_FORECAST_DAU, MAX_FORECAST_MONTHLY_GROWTH, MAX_FORECAST_MONTHS } from "../../contracts/limits";
import { stackName } from "../../contracts/stacks";
import { FORECAST_DEFAULTS } from "./defaults";

export interface ForecastOptions {
  /** `seed`, `architecture` or a path to a JSON/YAML scenario file. @default FORECAST_DEFAULTS.scenario */
  readonly scenario?: string;
  /**
   * Price what this environment deploys: its stack's fixed-cost drivers (synthesized now, or read from
   * `synthDir`), its budget's DAU, growth and start month, its region's catalog. With `scenario`, the
   * scenario supplies the usage only. @default none (the scenario's own deployment fields)
   */
  readonly environment?: string;
  /** A cdktf.out folder to read the environment's stack from instead of synthesizing. */
  readonly synthDir?: string;
  readonly months?: number;
  readonly dau?: number;
  /** Monthly growth as a fraction (0.1 = +10 %). */
  readonly growth?: number;
  /** A built-in catalog name or a path to a catalog JSON file. */
  readonly pricing?: string;
  /** Calendar month of month 1, YYYY-MM: months are labelled and priced with their own hours. */
  readonly start?: string;
  readonly format?: string;
  /** Same as format "json". */
  readonly json?: boolean;
  /** Write the report here (atomically) instead of stdout. */
  readonly out?: string;
  /** A JSON report written earlier by `ops forecast --format json`, or a cdktf.out folder (needs --environment). */
  readonly compare?: string;
  /** Folder of the environment files. @default config/environments (or $LIVESTREAM_CONFIG_DIR) */
  readonly configDir?: string;
  /** Where the report goes without --out. @default process.stdout */
  readonly stdout?: NodeJS.WritableStream;
  /** Where progress and warnings go. @default process.stderr */
  readonly stderr?: NodeJS.WritableStream;
}

/** DAU above which the list prices and quotas the model uses stop describing reality. */
const WARN_DAU = 10_000_000;
/** Monthly growth beyond which a year compounds to an implausible multiple. */
const WARN_GROWTH = 0.3;

const isMonth = (v: string) => /^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(v);

/** Refuses impossible or absurd inputs (nothing computed); returns warnings for merely unusual ones. */
export function checkOptions(o: ForecastOptions): Finding[] {
  const warnings: Finding[] = [];
  if (o.months !== undefined && (!Number.isInteger(o.months) || o.months < 1 || o.months > MAX_FORECAST_MONTHS)) {
    throw new UsageError(`--months must be a whole number from 1 to ${MAX_FORECAST_MONTHS}, got ${o.months}`);
  }
  if (o.dau !== undefined) {
    if (!Number.isFinite(o.dau) || o.dau < 0) throw new UsageError(`--dau must be a whole number >= 0, got ${o.dau}`);
    if (!Number.isInteger(o.dau)) throw new UsageError(`--dau must be a whole number of users, got ${o.dau}`);
    if (o.dau > MAX_FORECAST_DAU) throw new UsageError(`--dau ${o.dau} is more than ${MAX_FORECAST_DAU.toLocaleString("en-US")} daily users: a typo, not a plan`, "DAU is users a day in month 1, e.g. --dau 10000");
    if (o.dau > WARN_DAU) warnings.push({ id: "input.dau-beyond-list-prices", severity: "warning", message: `${o.dau.toLocaleString("en-US")} DAU is beyond what list prices and default quotas describe: at this scale AWS prices are negotiated and quotas raised.` });
  }
  if (o.growth !== undefined) {
    if (!Number.isFinite(o.growth) || o.growth <= -1) throw new UsageError(`--growth must be a fraction above -1 (0.1 = +10 % a month), got ${o.growth}`, "growth at or below -100 % would leave no users");
    if (o.growth > MAX_FORECAST_MONTHLY_GROWTH) {
      throw new UsageError(`--growth ${o.growth} is +${+(o.growth * 100).toFixed(0)} % a month: more than doubling every month is not a plan`, "growth is a fraction: 0.1 is +10 % a month");
    }
    if (Math.abs(o.growth) > WARN_GROWTH) warnings.push({ id: "input.growth-unusual", severity: "warning", message: `Growth of ${+(o.growth * 100).toFixed(1)} % a month compounds to ${((1 + o.growth) ** 12).toFixed(1)}x a year; check it is a fraction (0.1 = +10 %).` });
  }
  if (o.start !== undefined && !isMonth(o.start)) throw new UsageError(`--start must be a calendar month YYYY-MM, got '${o.start}'`);
  if (o.format !== undefined && !(FORMATS as readonly string[]).includes(o.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got '${o.format}'`);
  if (o.json && o.format !== undefined && o.format !== "json") throw new UsageError(`--json and --format ${o.format} disagree`, "--json is --format json");
  if (o.compare !== undefined && o.format !== undefined && !["markdown", "json", "table"].includes(o.format)) throw new UsageError(`--compare prints markdown, json or table, not ${o.format}`);
  if (o.synthDir !== undefined && o.environment === undefined) throw new UsageError("--synth-dir needs --environment (which stack to read)");
  return warnings;
}

async function loadScenario(ref: string): Promise<Scenario> {
  const builtIn = BUILT_IN_SCENARIOS[ref];
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) throw new UsageError(`--scenario '${ref}' is neither a built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(", ")}) nor a file path`);
  const doc = await readDocument(ref, "--scenario");
  const { parseScenario, ScenarioError } = require("../../cost-model/scenario") as typeof import("../../cost-model/scenario");
  try {
    return parseScenario(doc);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(`--scenario ${ref}: ${err.message}`);
    throw err;
  }
}

async function loadCatalog(ref: string, flag: string): Promise<PriceCatalog> {
  const { BUILT_IN_CATALOGS } = require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs");
  const builtIn = BUILT_IN_CATALOGS[ref];
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) throw new UsageError(`${flag} '${ref}' is neither a built-in catalog (${Object.keys(BUILT_IN_CATALOGS).join(", ")}) nor a file path`, "run `ops pricing refresh --region <region> --out <file>` and pass the file");
  const doc = await readDocument(ref, flag);
  const { parseCatalog, CatalogError } = require("../../cost-model/catalog") as typeof import("../../cost-model/catalog");
  try {
    return parseCatalog(doc);
  } catch (err) {
    if (err instanceof CatalogError) throw new UsageError(`${flag} ${ref}: field ${err.message}`);
    throw err;
  }
}

/** What the forecast of an environment needs besides its stack. */
interface EnvironmentBasis {
  readonly name: string;
  readonly region: string;
  readonly dau: number;
  readonly monthlyGrowth: number;
  readonly startMonth?: string;
  readonly config: import("../../config/schema").EnvironmentConfig;
}

function loadEnvironmentBasis(env: string, configDir?: string): EnvironmentBasis {
  const { loadEnvironment, ConfigError } = require("../../config/load") as typeof import("../../config/load");
  try {
    const config = loadEnvironment(env, configDir);
    return { name: config.name, region: config.region, dau: config.budget.dau, monthlyGrowth: config.budget.monthlyGrowth, startMonth: config.budget.startMonth, config };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`--environment ${env}: ${err.message}`);
    throw err;
  }
}

function deploymentFrom(stack: import("./forecast-synth").StackJson): Deployment {
  const { readDeployment } = require("../../cost-model/stack-deployment") as typeof import("../../cost-model/stack-deployment");
  return readDeployment(stack.json, { source: { kind: "synth", stack: stack.stack, file: stack.file } });
}

/** The scenario, catalog and deployment the options describe, before anything is priced. */
export interface Plan {
  readonly scenario: Scenario;
  readonly catalog: PriceCatalog;
  readonly deployment?: Deployment;
  readonly environment?: EnvironmentBasis;
  readonly warnings: Finding[];
}

export async function plan(options: ForecastOptions, stderr: NodeJS.WritableStream): Promise<Plan> {
  const warnings = checkOptions(options);
  if (options.environment === undefined) {
    const base = await loadScenario(options.scenario ?? FORECAST_DEFAULTS.scenario);
    const scenario = withOverrides(base, { months: options.months, dau: options.dau, monthlyGrowth: options.growth, pricing: options.pricing, startMonth: options.start });
    const catalog = await loadCatalog(scenario.pricing, options.pricing ? "--pricing" : "scenario pricing");
    return { scenario, catalog, warnings };
  }
  const env = loadEnvironmentBasis(options.environment, options.configDir);
  const usage = options.scenario !== undefined ? await loadScenario(options.scenario) : BUILT_IN_SCENARIOS.architecture;
  if (usage.model === "seed") throw new UsageError("--environment prices a stack with the architecture model; --scenario seed replays the design's table and has nothing to read from a stack");
  const { BUILT_IN_CATALOGS } = require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs");
  // The environment's region decides the catalog (a scenario's `pricing` is for scenario forecasts).
  const pricing = options.pricing ?? env.region;
  if (options.pricing === undefined && !BUILT_IN_CATALOGS[pricing]) {
    throw new UsageError(
      `--environment ${env.name} deploys to ${env.region}, and there is no price catalog for ${env.region} (built-in: ${Object.keys(BUILT_IN_CATALOGS).filter((k) => k !== "seed").join(", ")}); refusing to price it with another region's prices`,
      `run \`ops pricing refresh --region ${env.region} --out ${env.region}.json\` and pass --pricing ${env.region}.json`,
    );
  }
  const scenario = withOverrides(usage, {
    name: stackName(env.name),
    months: options.months,
    dau: options.dau ?? env.dau,
    monthlyGrowth: options.growth ?? env.monthlyGrowth,
    pricing,
    startMonth: options.start ?? env.startMonth,
  });
  const catalog = await loadCatalog(pricing, options.pricing ? "--pricing" : "environment region");
  const synth = require("./forecast-synth") as typeof import("./forecast-synth");
  const stack = options.synthDir !== undefined ? synth.readSynthDir(options.synthDir, env.name) : synth.synthesizeStack(env.config, options.configDir);
  stderr.write(stack.fresh ? `synthesized ${stack.stack} from the working tree in ${(stack.milliseconds / 1000).toFixed(1)} s\n` : `read ${stack.stack} from ${stack.file}\n`);
  const deployment = deploymentFrom(stack);
  if (deployment.region && deployment.region !== env.region) warnings.push({ id: "input.region-mismatch", severity: "warning", message: `The stack deploys to ${deployment.region} but config says ${env.region}.` });
  return { scenario, catalog, deployment, environment: env, warnings };
}

function price(p: Plan, deployment: Deployment | undefined): Projection {
  const { scenario, catalog } = p;
  if (scenario.model === "seed") {
    if (catalog.kind !== "line-items") throw new UsageError(`--pricing '${catalog.name}' holds unit prices; the seed model needs line prices (--pricing seed)`);
    const { seedReplay } = require("../../cost-model/seed-replay") as typeof import("../../cost-model/seed-replay");
    const { DEFAULT_UNIT_CATALOG } = require("../../cost-model/catalogs") as typeof import("../../cost-model/catalogs");
    return seedReplay(scenario, catalog, DEFAULT_UNIT_CATALOG);
  }
  if (catalog.kind !== "unit-prices") throw new UsageError(`--pricing '${catalog.name}' holds line prices; the architecture model needs unit prices (e.g. --pricing ap-southeast-1)`);
  const { architectureProjection, MissingPriceError } = require("../../cost-model/architecture") as typeof import("../../cost-model/architecture");
  try {
    return architectureProjection(scenario, catalog as UnitPriceCatalog, { deployment });
  } catch (err) {
    if (err instanceof MissingPriceError) throw new UsageError(`${err.message}: the ${deployment ? "stack" : "scenario"} needs it`, "add the price to the catalog or run `ops pricing refresh`");
    throw err;
  }
}

/** The horizon's last DAU must stay plausible too (a modest DAU can compound past any sense). */
function checkHorizon(s: Scenario): void {
  const last = s.users.dau * (1 + s.users.monthlyGrowth) ** (s.months - 1);
  if (last > MAX_FORECAST_DAU) {
    throw new UsageError(
      `${s.users.dau.toLocaleString("en-US")} DAU growing ${+(s.users.monthlyGrowth * 100).toFixed(1)} % a month reaches ${last.toExponential(1)} DAU in month ${s.months}: more than ${MAX_FORECAST_DAU.toLocaleString("en-US")}`,
      "shorten --months or lower --growth",
    );
  }
}

/** Builds the projection the options describe (exported for the tests and the capacity plan). */
export async function buildForecast(options: ForecastOptions): Promise<Projection> {
  const p = await plan(options, options.stderr ?? process.stderr);
  checkHorizon(p.scenario);
  const projection = price(p, p.deployment);
  return p.warnings.length ? { ...projection, findings: [...p.warnings, ...projection.findings] } : projection;
}

/** The baseline of --compare: a JSON report, or a synth folder priced like the current forecast. */
async function baselineOf(ref: string, current: Plan): Promise<Projection> {
  let isDir = false;
  try {
    isDir = statSync(ref).isDirectory();
  } catch {
    throw new UsageError(`--compare ${ref}: no such file or folder`);
  }
  if (isDir) {
    if (!current.environment) throw new UsageError("--compare with a synth folder needs --environment (which stack to read)");
    const synth = require("./forecast-synth") as typeof import("./forecast-synth");
    return price(current, deploymentFrom(synth.readSynthDir(ref, current.environment.name, "--compare")));
  }
  const doc = (await readDocument(ref, "--compare")) as Partial<Projection> & { kind?: string };
  const { REPORT_KIND } = require("../../cost-model/projection") as typeof import("../../cost-model/projection");
  const shaped = Array.isArray(doc?.months) && doc.months.every((m) => Array.isArray(m?.items) && m.items.every((i: { item?: unknown; usd?: unknown }) => typeof i?.item === "string" && typeof i?.usd === "number") && typeof m.totalUsd === "number");
  if ((doc.kind !== undefined && doc.kind !== REPORT_KIND) || !shaped || doc.months.length === 0) {
    throw new UsageError(`--compare ${ref}: not a forecast report (write one with \`ops forecast --format json --out ${ref}\`)`);
  }
  return { scenario: { name: "baseline" }, ...doc } as Projection;
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

function output(options: ForecastOptions, text: string, what: string): void {
  if (options.out) {
    try {
      writeFileAtomic(options.out, text);
    } catch (err) {
      throw new UsageError(`--out ${options.out}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    (options.stderr ?? process.stderr).write(`wrote ${what} to ${options.out}\n`);
  } else {
    (options.stdout ?? process.stdout).write(text);
  }
}

export async function forecast(options: ForecastOptions): Promise<void> {
  const stderr = options.stderr ?? process.stderr;
  const format = (options.json ? "json" : (options.format ?? FORECAST_DEFAULTS.format)) as Format;
  const p = await plan(options, stderr);
  checkHorizon(p.scenario);
  const priced = price(p, p.deployment);
  const projection = p.warnings.length ? { ...priced, findings: [...p.warnings, ...priced.findings] } : priced;
  for (const w of p.warnings) stderr.write(`warning: ${w.message}\n`);
  if (options.compare !== undefined) {
    const baseline = await baselineOf(options.compare, p);
    const { diffProjections } = require("../../cost-model/diff") as typeof import("../../cost-model/diff");
    const diff = diffProjections(baseline, projection);
    const r = require("../render/diff") as typeof import("../render/diff");
    const text = format === "json" ? r.renderDiffJson(diff) : format === "markdown" ? r.renderDiffMarkdown(diff, projection) : r.renderDiffTable(diff);
    output(options, text, "the cost difference");
    return;
  }
  output(options, await render(format, projection), `the ${format} forecast (${projection.months.length} months, ${projection.totalUsd.toFixed(2)} USD expected)`);
}
