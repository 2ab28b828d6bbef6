/**
 * Tests that execute the compiled tree (dist/, as `npm test` builds it first) call builtEntry(),
 * which fails the test when a TypeScript source is newer than the last build: running jest alone
 * after an edit would otherwise test yesterday's code and pass.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../../lib/project-root";

const SKIP = new Set(["node_modules", "dist", "cdktf.out", ".git", "coverage"]);

/** The newest non-test TypeScript source under root (path and mtime). */
export function newestSource(root: string): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith(".")) walk(join(dir, entry.name));
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts")) {
        const mtimeMs = statSync(join(dir, entry.name)).mtimeMs;
        if (mtimeMs > newest.mtimeMs) newest = { file: join(dir, entry.name), mtimeMs };
      }
    }
  };
  walk(root);
  return newest;
}

/** Why dist/ cannot be trusted, or undefined when it is at least as new as every source. */
export function staleBuildReason(root: string = projectRoot()): string | undefined {
  // Written at the end of every successful `npm run build` (tooling/stamp-build.js).
  const stamp = join(root, "dist", ".build-stamp");
  if (!existsSync(stamp)) return "dist/ has not been built with `npm run build`";
  const built = statSync(stamp).mtimeMs;
  const newest = newestSource(root);
  return newest.mtimeMs > built ? `${relative(root, newest.file)} is newer than the last build` : undefined;
}

/** Absolute path of a compiled file (e.g. "cli/main.js"), after checking dist/ is not stale. */
export function builtEntry(path: string, root: string = projectRoot()): string {
  const reason = staleBuildReason(root);
  if (reason) throw new Error(`dist/ is stale (${reason}): run \`npm run build\` (npm test does) before these tests`);
  return join(root, "dist", path);
}
