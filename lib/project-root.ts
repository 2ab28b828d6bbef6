import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder holding package.json, found by walking up from this file: the same answer from the
 * TypeScript sources (tests), from dist/ (tsc output) and from the synth bundle, so the project's
 * data files (config/environments, db/migrations, lambda sources) resolve alike from all three.
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root (a folder with package.json) above ${from}`);
    dir = parent;
  }
  return dir;
}
