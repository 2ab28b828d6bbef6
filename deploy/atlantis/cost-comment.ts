/**
 * Post-workflow hook of `atlantis plan`: posts each planned project's cost report
 * (cdktf.out/atlantis/cost/<project>.md) as its own pull request comment, rendered by GitHub, as
 * Infracost's Atlantis integration does. A project's comment is updated in place on later plans
 * (found by a hidden marker), so the pull request shows one current cost comment per project.
 *
 * It uses its own token (COST_COMMENT_GITHUB_TOKEN: may comment on this repository's pull
 * requests, nothing else) through the REST API (POST /repos/{owner}/{repo}/issues/{n}/comments,
 * PATCH /repos/{owner}/{repo}/issues/comments/{id}). Failures are logged and never fail anything.
 *
 * Environment: DIR (the clone), BASE_REPO_OWNER, BASE_REPO_NAME, PULL_NUM (set by Atlantis),
 * COST_COMMENT_GITHUB_TOKEN, GITHUB_API_URL (optional, default https://api.github.com).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { COST_REPORT_DIR } from "./layout";

/** GitHub refuses comment bodies above 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;

export const markerOf = (project: string) => `<!-- livestream-cost-comment:${project} -->`;

export interface CommentTarget {
  /** API root, e.g. https://api.github.com. */
  readonly apiUrl: string;
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly pull: number;
  /** Per-request bound. @default 15000 */
  readonly timeoutMs?: number;
}

interface IssueComment {
  id: number;
  body?: string;
}

async function github(target: CommentTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${target.apiUrl.replace(/\/$/, "")}${path}`, {
    method,
    headers: {
      Accept: "application/vnd.github+json",
      Authorization: `Bearer ${target.token}`,
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": "livestream-platform-cost-comment",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(target.timeoutMs ?? 15_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json();
}

/** The pull request's comments, every page. */
async function listComments(target: CommentTarget): Promise<IssueComment[]> {
  const all: IssueComment[] = [];
  for (let page = 1; page <= 50; page++) {
    const batch = (await github(target, "GET", `/repos/${target.owner}/${target.repo}/issues/${target.pull}/comments?per_page=100&page=${page}`)) as IssueComment[];
    all.push(...batch);
    if (batch.length < 100) break;
  }
  return all;
}

/** The body posted for a project: marker first, truncated to what GitHub accepts. */
export function commentBody(project: string, report: string): string {
  const marker = markerOf(project);
  const full = `${marker}\n${report}`;
  if (full.length <= MAX_COMMENT_CHARS) return full;
  const note = "\n\n_(truncated: the report exceeds GitHub's comment size; run `ops forecast` locally for all of it)_\n";
  return full.slice(0, MAX_COMMENT_CHARS - note.length) + note;
}

/** Creates or updates one comment per project; returns what it did per project. */
export async function postCostComments(target: CommentTarget, reports: Record<string, string>): Promise<Record<string, "created" | "updated">> {
  const existing = await listComments(target);
  const done: Record<string, "created" | "updated"> = {};
  for (const [project, report] of Object.entries(reports).sort()) {
    const body = commentBody(project, report);
    const mine = existing.find((c) => c.body?.startsWith(markerOf(project)));
    if (mine) {
      await github(target, "PATCH", `/repos/${target.owner}/${target.repo}/issues/comments/${mine.id}`, { body });
      done[project] = "updated";
    } else {
      await github(target, "POST", `/repos/${target.owner}/${target.repo}/issues/${target.pull}/comments`, { body });
      done[project] = "created";
    }
  }
  return done;
}

/** The cost reports the plan left in the clone, by project. */
export function readReports(root: string): Record<string, string> {
  const dir = join(root, COST_REPORT_DIR);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /^[a-z0-9-]+\.md$/.test(f))
      .map((f) => [f.replace(/\.md$/, ""), readFileSync(join(dir, f), "utf8")]),
  );
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const reports = readReports(env.DIR ?? process.cwd());
    if (!Object.keys(reports).length) return 0;
    const missing = ["COST_COMMENT_GITHUB_TOKEN", "BASE_REPO_OWNER", "BASE_REPO_NAME", "PULL_NUM"].filter((k) => !env[k]);
    if (missing.length) throw new Error(`${missing.join(", ")} not set`);
    const done = await postCostComments(
      {
        apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
        token: env.COST_COMMENT_GITHUB_TOKEN!,
        owner: env.BASE_REPO_OWNER!,
        repo: env.BASE_REPO_NAME!,
        pull: Number(env.PULL_NUM),
      },
      reports,
    );
    process.stderr.write(`cost comments: ${Object.entries(done).map(([p, what]) => `${p} ${what}`).join(", ")}\n`);
  } catch (err) {
    process.stderr.write(`cost comments not posted: ${(err as Error).message}\n`);
  }
  return 0;
}

if (require.main === module) void main().then((code) => (process.exitCode = code));
