/**
 * `npm ci` installs exactly package-lock.json and fails when the lock lacks an entry it needs, so the
 * lock must keep the optional binaries of every platform (@swc/core-darwin-arm64, @esbuild/win32-x64,
 * ...), not just this machine's. An `npm install` made where some of them could not be fetched
 * silently drops them; this test catches that before a clone on another platform does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface LockPackage {
  readonly version?: string;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: string[];
}

const lock = JSON.parse(readFileSync(join(__dirname, "..", "package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockPackage> };

/** Where node would find `name` from the package at `from` (its own node_modules, then each parent's). */
function resolveEntry(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i === -1 ? "" : dir.slice(0, i);
  }
}

test("every optional dependency in the lock has its own entry, for every platform", () => {
  expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
  const missing: string[] = [];
  let checked = 0;
  for (const [path, pkg] of Object.entries(lock.packages)) {
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
      checked++;
      if (!resolveEntry(path, name)) missing.push(`${path || "(root)"} -> ${name}`);
    }
  }
  expect(checked).toBeGreaterThan(20);
  expect(missing).toEqual([]);
});

test("the platform binaries a clone on macOS or Windows needs are pinned", () => {
  for (const name of ["@swc/core-darwin-arm64", "@swc/core-win32-x64-msvc", "@esbuild/darwin-arm64", "@esbuild/win32-x64", "@swc/core-linux-x64-gnu"]) {
    const entry = lock.packages[`node_modules/${name}`];
    expect({ name, version: entry?.version }).toEqual({ name, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  }
});
