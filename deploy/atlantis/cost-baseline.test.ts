/**
 * The baseline hook against real git and npm: a local "origin" with a main branch, an Atlantis-like
 * clone of a pull request branch, and a base project whose build writes a tiny `ops` stand-in.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtEntry } from "../../test/support/built";
import { buildBaselines } from "./cost-baseline";
import { BASELINE_DIR, COST_REPORT_DIR } from "./layout";

let work: string;
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" }).trim();
const write = (dir: string, files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
};

// The base branch's build: dist/cli/main.js answers `forecast --environment E --format json --out F`
// with the environment's DAU, and counts its builds in BUILD_LOG (to see the cache work).
const BUILD = `
const fs = require("fs");
fs.appendFileSync(process.env.BUILD_LOG, "build\\n");
if (!fs.existsSync("node_modules/.marker")) throw new Error("node_modules missing");
fs.mkdirSync("dist/cli", { recursive: true });
fs.writeFileSync("dist/cli/main.js", \`
const fs = require("fs");
const a = process.argv.slice(2);
const env = a[a.indexOf("--environment") + 1];
const cfg = JSON.parse(fs.readFileSync("config/environments/" + env + ".json", "utf8"));
fs.writeFileSync(a[a.indexOf("--out") + 1], JSON.stringify({ environment: env, dau: cfg.dau, format: a[a.indexOf("--format") + 1] }));
\`);
`;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "cost-baseline-"));
  const origin = join(work, "origin");
  mkdirSync(origin);
  git(origin, "init", "-q", "-b", "main");
  const lock = JSON.stringify({ name: "p", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "p", version: "1.0.0" } } });
  write(origin, {
    "package.json": JSON.stringify({ name: "p", version: "1.0.0", scripts: { build: "node build.js" } }),
    "package-lock.json": lock,
    "build.js": BUILD,
    "config/environments/dev.json": JSON.stringify({ dau: 200 }),
    "config/environments/prod.json": JSON.stringify({ dau: 10000 }),
  });
  git(origin, "add", "-A");
  git(origin, "commit", "-qm", "base");
  // The pull request: a branch off main that raises prod's DAU.
  git(origin, "checkout", "-qb", "feature");
  write(origin, { "config/environments/prod.json": JSON.stringify({ dau: 20000 }) });
  git(origin, "commit", "-qam", "raise prod");
  // Atlantis's clone: the head branch only, as its branch checkout strategy does.
  const clone = join(work, "clone");
  git(work, "clone", "-q", "--single-branch", "--branch", "feature", `file://${origin}`, clone);
  write(clone, { "node_modules/.marker": "", [`${COST_REPORT_DIR}/livestream-dev.md`]: "stale report of the previous plan" });
  process.env.BUILD_LOG = join(work, "builds.log");
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  delete process.env.BUILD_LOG;
});

test("forecasts every environment of the base branch's tip with the base branch's own build, then serves it from the cache", () => {
  const clone = join(work, "clone");
  const cacheRoot = join(work, "cache");
  const baseCommit = git(join(work, "origin"), "rev-parse", "main");

  const info = buildBaselines({ root: clone, baseBranch: "main", cacheRoot });
  expect(info).toEqual({ branch: "main", commit: baseCommit, environments: ["dev", "prod"] });
  // main's prod (10000), not the pull request's (20000).
  expect(JSON.parse(readFileSync(join(clone, BASELINE_DIR, "prod.json"), "utf8"))).toEqual({ environment: "prod", dau: 10000, format: "json" });
  expect(JSON.parse(readFileSync(join(clone, BASELINE_DIR, "dev.json"), "utf8")).dau).toBe(200);
  // The previous command's cost reports are gone, so the post-workflow hook posts only this plan's.
  expect(existsSync(join(clone, COST_REPORT_DIR))).toBe(false);

  rmSync(join(clone, BASELINE_DIR), { recursive: true });
  buildBaselines({ root: clone, baseBranch: "main", cacheRoot });
  expect(readFileSync(process.env.BUILD_LOG!, "utf8")).toBe("build\n");
  expect(JSON.parse(readFileSync(join(clone, BASELINE_DIR, "prod.json"), "utf8")).dau).toBe(10000);
});

test("a base branch that does not exist is an error the hook reports (and the plan goes on without a baseline)", () => {
  expect(() => buildBaselines({ root: join(work, "clone"), baseBranch: "nope", cacheRoot: join(work, "cache") })).toThrow(/git fetch .* failed/);
  const r = spawnSync(process.execPath, [builtEntry("deploy/atlantis/cost-baseline.js")], {
    env: { ...process.env, DIR: join(work, "clone"), BASE_BRANCH_NAME: "nope", FORECAST_BASELINE_CACHE: join(work, "cache") },
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/forecast baseline unavailable, cost comments will show totals only: git fetch/);
});
