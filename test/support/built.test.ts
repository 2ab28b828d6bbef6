import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtEntry, staleBuildReason } from "./built";

function project() {
  const root = mkdtempSync(join(tmpdir(), "built-"));
  mkdirSync(join(root, "cli"));
  writeFileSync(join(root, "cli", "main.ts"), "export {};\n");
  writeFileSync(join(root, "cli", "main.test.ts"), "export {};\n");
  const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);
  return { root, at };
}

test("no build stamp: dist/ is not trusted", () => {
  const { root } = project();
  expect(staleBuildReason(root)).toMatch(/has not been built/);
  expect(() => builtEntry("cli/main.js", root)).toThrow(/npm run build/);
});

test("a source newer than the build stamp makes dist/ stale; tests and older sources do not", () => {
  const { root, at } = project();
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, "dist", ".build-stamp"), "");
  at("dist/.build-stamp", 2_000_000_000);
  at("cli/main.ts", 1_900_000_000);
  at("cli/main.test.ts", 2_100_000_000); // a test file is not part of what dist/ runs
  expect(staleBuildReason(root)).toBeUndefined();
  expect(builtEntry("cli/main.js", root)).toBe(join(root, "dist", "cli", "main.js"));
  at("cli/main.ts", 2_000_000_001);
  expect(staleBuildReason(root)).toBe(`${join("cli", "main.ts")} is newer than the last build`);
});
