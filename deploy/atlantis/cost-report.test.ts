/** Runs the compiled ops CLI (npm run build first), as the plan workflow does. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtEntry } from "../../test/support/built";
import { costReport } from "./cost-report";
import { BASELINE_DIR, COST_REPORT_DIR } from "./layout";

const repo = join(__dirname, "..", "..");
let root: string;

beforeEach(() => {
  // A clone-like root whose dist/ is the built project (the CLI finds config/ from its real path).
  root = mkdtempSync(join(tmpdir(), "cost-report-"));
  symlinkSync(join(repo, "dist"), join(root, "dist"), "dir");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const baseline = (files: Record<string, string>) => {
  mkdirSync(join(root, BASELINE_DIR), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, BASELINE_DIR, name), text);
};

test("without a baseline: the environment's forecast, saying why there is no comparison", () => {
  const body = costReport({ root, project: "livestream-dev", environment: "dev" });
  expect(body).toMatch(/^## Cost forecast: `livestream-dev`\n\n> No baseline: the base branch's forecast could not be built/);
  expect(body).toMatch(/^### Cost forecast 'livestream-dev'.*$/m);
  expect(body).toMatch(/^- \*\*12 months: [\d,.]+ USD expected, range [\d,.]+ - [\d,.]+\*\*$/m);
});

test("a new environment on this branch: the note names the base branch", () => {
  baseline({ "baseline.json": JSON.stringify({ branch: "main", commit: "a".repeat(40), environments: ["prod"] }) });
  expect(costReport({ root, project: "livestream-dev", environment: "dev" })).toMatch(/> No baseline: environment `dev` does not exist on `main`\./);
});

test("a comparison that fails falls back to the forecast alone, with the reason", () => {
  baseline({ "baseline.json": JSON.stringify({ branch: "main", commit: "b".repeat(40), environments: ["dev"] }), "dev.json": "{ not a forecast" });
  const body = costReport({ root, project: "livestream-dev", environment: "dev" });
  expect(body).toMatch(/> No comparison with the base branch: `ops forecast --environment dev --compare .*dev\.json` exited [1-9]/);
  expect(body).not.toMatch(/compared with `main`/);
  expect(body).toMatch(/^- \*\*12 months: [\d,.]+ USD expected/m);
});

test("the plan step itself never fails and leaves the report where the post-workflow hook reads it", () => {
  const projectDir = join(root, "cdktf.out", "stacks", "livestream-nope");
  mkdirSync(projectDir, { recursive: true });
  const run = spawnSync(process.execPath, [builtEntry("deploy/atlantis/cost-report.js", repo)], {
    env: { ...process.env, DIR: projectDir, PROJECT_NAME: "livestream-nope", LIVESTREAM_ENVIRONMENT: "nope" },
    encoding: "utf8",
  });
  expect(run.status).toBe(0);
  const file = join(root, COST_REPORT_DIR, "livestream-nope.md");
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file, "utf8")).toMatch(/The cost forecast is unavailable: `ops forecast --environment nope` exited 2/);
});
