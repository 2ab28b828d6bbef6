import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { projectRoot } from "../lib/project-root";
import { parseWithFieldProblems, type FieldProblem } from "./field-problems";
import { findJsonProblems } from "./json-syntax";
import { environmentSchema, type EnvironmentConfig } from "./schema";

/** Raised when an environment's configuration file is missing, unreadable or invalid. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The folder holding one `<env>.json` per environment, overridable for tests and forks. */
export function defaultConfigDir(): string {
  return process.env.LIVESTREAM_CONFIG_DIR ?? join(projectRoot(), "config", "environments");
}

/**
 * The file an environment is read from, as a person should be told about it: relative to the current
 * folder when inside it (config/environments/prod.json), else absolute. Honours LIVESTREAM_CONFIG_DIR.
 */
export function environmentFile(env: string, dir = defaultConfigDir()): string {
  const file = join(dir, `${env}.json`);
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** Refuses a config "folder" that is a file (LIVESTREAM_CONFIG_DIR=config/environments/dev.json). */
function checkConfigDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return; // missing: the callers say "does not exist" / "no environment files"
  }
  if (!isDir) {
    const what = process.env.LIVESTREAM_CONFIG_DIR === dir ? `LIVESTREAM_CONFIG_DIR=${dir}` : dir;
    throw new ConfigError(`${what} is a file, not a folder: it must name the folder holding one <env>.json per environment (e.g. config/environments)`);
  }
}

function formatProblems(env: string, file: string, problems: readonly FieldProblem[]): string {
  const lines = problems.map((p) => `  - ${p.field}: ${p.message}`);
  return `invalid configuration for environment '${env}' (${file}):\n${lines.join("\n")}`;
}

/** Validates one environment's raw configuration; throws a ConfigError naming every bad field. */
export function parseEnvironment(env: string, raw: unknown, file = `${env}.json`): EnvironmentConfig {
  const result = parseWithFieldProblems(environmentSchema, raw);
  if (!result.ok) throw new ConfigError(formatProblems(env, file, result.problems));
  if (result.data.name !== env) {
    throw new ConfigError(`invalid configuration for environment '${env}' (${file}):\n  - name: is '${result.data.name}' but the file is for '${env}'; make them match`);
  }
  return result.data;
}

/** Reads and validates `<dir>/<env>.json`. */
export function loadEnvironment(env: string, dir = defaultConfigDir()): EnvironmentConfig {
  checkConfigDir(dir);
  const file = join(dir, `${env}.json`);
  if (!existsSync(file)) {
    throw new ConfigError(`no configuration for environment '${env}': ${file} does not exist (known: ${listEnvironments(dir).join(", ") || "none"})`);
  }
  return parseEnvironment(env, readJson(env, file), file);
}

/** Parses an environment file; a syntax error or a duplicate key is reported with its line and column. */
function readJson(env: string, file: string): unknown {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, ""); // editors on Windows may add a byte-order mark
  let raw: unknown;
  let parseError: Error | undefined;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    parseError = err as Error;
  }
  const problems = findJsonProblems(text);
  if (problems.length) {
    const lines = problems.map((p) => `  - line ${p.line}, column ${p.column}: ${p.message}`);
    throw new ConfigError(`invalid configuration for environment '${env}' (${file}): ${parseError ? "not valid JSON" : "JSON with duplicate keys"}:\n${lines.join("\n")}`);
  }
  if (parseError) throw new ConfigError(`invalid configuration for environment '${env}' (${file}): not valid JSON: ${parseError.message}`);
  return raw;
}

/** Environment names in a config folder, sorted. */
export function listEnvironments(dir = defaultConfigDir()): string[] {
  if (!existsSync(dir)) return [];
  checkConfigDir(dir);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/**
 * Loads every environment, collecting all errors before throwing, so one run reports every bad
 * file and nothing is synthesized from a half-valid set.
 */
export function loadAllEnvironments(dir = defaultConfigDir()): EnvironmentConfig[] {
  const envs = listEnvironments(dir);
  if (envs.length === 0) throw new ConfigError(`no environment files (*.json) in ${dir}`);
  const configs: EnvironmentConfig[] = [];
  const errors: string[] = [];
  for (const env of envs) {
    try {
      configs.push(loadEnvironment(env, dir));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      errors.push(err.message);
    }
  }
  if (errors.length) throw new ConfigError(errors.join("\n"));
  return configs;
}
