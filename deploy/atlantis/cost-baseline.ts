/**
 * Pre-workflow hook of `atlantis plan`: the base branch's cost forecast per environment, the
 * baseline each project's cost comment compares with. It fetches the base branch, unpacks its tip
 * into a temporary folder (git archive), builds it there with its own lock file (reusing this
 * clone's node_modules when the locks are identical) and runs that build's
 * `ops forecast --environment <env> --format json --out <file>` for every environment it has.
 * Results are cached per base commit, so only the first plan after main moves pays for the build.
 *
 * It never fails the plan: any problem is reported on stderr (the hook's log) and leaves no
 * baseline, and the cost comment then says so. It also clears the previous command's cost reports.
 *
 * Environment (set by Atlantis for hooks): DIR (the clone), BASE_BRANCH_NAME. Optional:
 * FORECAST_BASELINE_CACHE (default ~/.cache/livestream/forecast-baselines).
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { BASELINE_DIR, COST_REPORT_DIR } from "./layout";

export interface BaselineOptions {
  /** The Atlantis clone (repository root). */
  readonly root: string;
  /** Branch the pull request merges into. */
  readonly baseBranch: string;
  /** Folder of cached baselines, one subfolder per base commit. */
  readonly cacheRoot: string;
  /** Git remote holding the base branch. @default "origin" */
  readonly remote?: string;
}

/** What baseline.json next to the forecasts says about them. */
export interface BaselineInfo {
  readonly branch: string;
  readonly commit: string;
  readonly environments: string[];
}

class StepFailed extends Error {}

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: process.env, ...options });
  if (r.status !== 0) {
    const output = `${r.stderr ?? ""}${r.stdout ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new StepFailed(`${command} ${args.join(" ")} failed (exit ${r.status ?? r.signal}):\n${output}`);
  }
  return String(r.stdout ?? "");
}

/** Builds (or takes from the cache) the base branch's forecasts into <root>/BASELINE_DIR. */
export function buildBaselines(options: BaselineOptions): BaselineInfo {
  const { root, baseBranch } = options;
  const remote = options.remote ?? "origin";
  const target = join(root, BASELINE_DIR);
  rmSync(join(root, COST_REPORT_DIR), { recursive: true, force: true });
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });

  // Atlantis clones the head branch only (and may clone shallow): fetch the base tip explicitly.
  const ref = `refs/remotes/${remote}/${baseBranch}`;
  run("git", ["fetch", "--no-tags", "--depth=1", remote, `+refs/heads/${baseBranch}:${ref}`], { cwd: root });
  const commit = run("git", ["rev-parse", ref], { cwd: root }).trim();

  const cached = join(options.cacheRoot, commit);
  if (!existsSync(join(cached, "baseline.json"))) buildInto(root, commit, baseBranch, cached);
  for (const file of readdirSync(cached)) copyFileSync(join(cached, file), join(target, file));
  return JSON.parse(readFileSync(join(target, "baseline.json"), "utf8")) as BaselineInfo;
}

function buildInto(root: string, commit: string, branch: string, cached: string): void {
  const work = mkdtempSync(join(tmpdir(), "forecast-baseline-"));
  try {
    const tarball = join(work, "..", `${work.split("/").pop()}.tar`);
    run("git", ["archive", "--format=tar", "-o", tarball, commit], { cwd: root });
    try {
      run("tar", ["-xf", tarball, "-C", work], {});
    } finally {
      rmSync(tarball, { force: true });
    }
    const sameLock = existsSync(join(work, "package-lock.json")) && readFileSync(join(work, "package-lock.json"), "utf8") === readFileSync(join(root, "package-lock.json"), "utf8");
    if (sameLock && existsSync(join(root, "node_modules"))) symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
    else run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: work });
    run("npm", ["run", "build", "--silent"], { cwd: work });

    const environments = readdirSync(join(work, "config", "environments"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    const partial = `${cached}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const env = { ...process.env };
    delete env.LIVESTREAM_CONFIG_DIR;
    for (const environment of environments) {
      run(process.execPath, [join(work, "dist", "cli", "main.js"), "forecast", "--environment", environment, "--format", "json", "--out", join(partial, `${environment}.json`)], { cwd: work, env });
    }
    const info: BaselineInfo = { branch, commit, environments };
    writeFileSync(join(partial, "baseline.json"), JSON.stringify(info, null, 2) + "\n");
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(join(cached, ".."), { recursive: true });
    renameSync(partial, cached);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): number {
  const root = process.env.DIR ?? process.cwd();
  const baseBranch = process.env.BASE_BRANCH_NAME;
  const cacheRoot = process.env.FORECAST_BASELINE_CACHE ?? join(homedir(), ".cache", "livestream", "forecast-baselines");
  try {
    if (!baseBranch) throw new StepFailed("BASE_BRANCH_NAME is not set (not run by Atlantis?)");
    const info = buildBaselines({ root, baseBranch, cacheRoot });
    process.stderr.write(`forecast baseline: ${info.branch} at ${info.commit.slice(0, 12)} for ${info.environments.join(", ")}\n`);
  } catch (err) {
    // Never fail the plan over a cost comment.
    process.stderr.write(`forecast baseline unavailable, cost comments will show totals only: ${(err as Error).message}\n`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
