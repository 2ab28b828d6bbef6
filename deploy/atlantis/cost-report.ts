/**
 * Last step of the plan workflow, per project: the environment's cost forecast compared with the
 * base branch's (`ops forecast --environment <env> --compare <baseline> --format markdown`), written
 * to <repo>/cdktf.out/atlantis/cost/<project>.md for the post-workflow hook to post as its own pull
 * request comment. Without a baseline, or when the comparison fails, it falls back to the forecast
 * alone and says why. It never fails the plan (exit 0 whatever happens; the step's output is hidden).
 *
 * Environment (set by Atlantis and the workflow's env steps): DIR (the project folder),
 * PROJECT_NAME, LIVESTREAM_ENVIRONMENT.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../lib/atomic-write";
import type { BaselineInfo } from "./cost-baseline";
import { BASELINE_DIR, COST_REPORT_DIR, TO_ROOT } from "./layout";
import { environmentOfStack } from "../../contracts/stacks";

export interface CostReportOptions {
  /** Repository root of the clone. */
  readonly root: string;
  readonly project: string;
  readonly environment: string;
}

/** Runs `ops forecast <args> --format markdown`; the markdown, or the reason it failed. */
function forecastMarkdown(root: string, args: string[]): { markdown?: string; problem?: string } {
  const dir = mkdtempSync(join(tmpdir(), "cost-report-"));
  try {
    const out = join(dir, "forecast.md");
    const r = spawnSync(process.execPath, [join(root, "dist", "cli", "main.js"), "forecast", ...args, "--format", "markdown", "--out", out], { cwd: root, encoding: "utf8" });
    if (r.status === 0 && existsSync(out)) return { markdown: readFileSync(out, "utf8") };
    const reason = (r.stderr || r.stdout || String(r.error ?? "")).trim().split("\n")[0] ?? "";
    return { problem: `\`ops forecast ${args.join(" ")}\` exited ${r.status ?? r.signal}${reason ? `: ${reason}` : ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The comment body for one project; never throws for a failed forecast (the body says what failed). */
export function costReport(options: CostReportOptions): string {
  const { root, project, environment } = options;
  const baselineFile = join(root, BASELINE_DIR, `${environment}.json`);
  const infoFile = join(root, BASELINE_DIR, "baseline.json");
  const info = existsSync(infoFile) ? (JSON.parse(readFileSync(infoFile, "utf8")) as BaselineInfo) : undefined;
  const notes: string[] = [];
  let body: string | undefined;
  if (existsSync(baselineFile)) {
    const compared = forecastMarkdown(root, ["--environment", environment, "--compare", baselineFile]);
    if (compared.markdown) body = compared.markdown;
    else notes.push(`No comparison with the base branch: ${compared.problem}.`);
  } else {
    notes.push(info ? `No baseline: environment \`${environment}\` does not exist on \`${info.branch}\`.` : "No baseline: the base branch's forecast could not be built (see the pre-workflow hook's log).");
  }
  if (!body) {
    const alone = forecastMarkdown(root, ["--environment", environment]);
    body = alone.markdown ?? `The cost forecast is unavailable: ${alone.problem}.\n`;
  }
  const against = body && info && existsSync(baselineFile) && !notes.length ? ` compared with \`${info.branch}\` at \`${info.commit.slice(0, 12)}\`` : "";
  const head = `## Cost forecast: \`${project}\`${against}\n\n`;
  return head + (notes.length ? notes.map((n) => `> ${n}`).join("\n") + "\n\n" : "") + body;
}

function main(): number {
  const project = process.env.PROJECT_NAME ?? "";
  const environment = process.env.LIVESTREAM_ENVIRONMENT ?? environmentOfStack(project);
  const root = resolve(process.env.DIR ?? process.cwd(), TO_ROOT);
  try {
    if (!project) throw new Error("PROJECT_NAME is not set");
    const target = join(root, COST_REPORT_DIR, `${project}.md`);
    mkdirSync(join(root, COST_REPORT_DIR), { recursive: true });
    writeFileAtomic(target, costReport({ root, project, environment }));
    process.stdout.write(`cost report for ${project}: ${target}\n`);
  } catch (err) {
    process.stderr.write(`cost report for ${project || "?"} skipped: ${(err as Error).message}\n`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
