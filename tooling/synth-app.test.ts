/**
 * The synth bundle's freshness check, on a scratch project: `npm run synth` and `cdktf synth` must
 * never run stale code, and must not rebuild what has not changed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Result = { rebuilt: boolean; reason?: string };
interface SynthBundle {
  bundle: string;
  outDir: string;
  staleReason(): string | undefined;
  ensureFresh(): Result;
  bundleHash(): string;
}
// Plain CommonJS (it runs before anything is compiled), so required rather than imported.
const { synthBundle } = require("./synth-bundle") as { synthBundle: (o: { root: string; entry: string; outDir: string }) => SynthBundle };
const { codeCachePath } = require("./synth-app") as { codeCachePath: (b: SynthBundle) => string };

function scratchProject() {
  const root = mkdtempSync(join(tmpdir(), "synth-bundle-"));
  writeFileSync(join(root, "entry.ts"), 'import { message } from "./dep";\nconsole.log(message);\n');
  writeFileSync(join(root, "dep.ts"), 'export const message: string = "first";\n');
  const bundle = synthBundle({ root, entry: "entry.ts", outDir: join(root, "out") });
  const run = () => spawnSync(process.execPath, [bundle.bundle], { encoding: "utf8" }).stdout.trim();
  return { root, bundle, run };
}

test("builds once, then stays fresh while nothing changes", () => {
  const { bundle, run } = scratchProject();
  expect(bundle.ensureFresh()).toMatchObject({ rebuilt: true, reason: "no bundle yet" });
  expect(run()).toBe("first");
  expect(bundle.staleReason()).toBeUndefined();
  expect(bundle.ensureFresh()).toEqual({ rebuilt: false });
});

test("an edited source file makes the bundle stale and the rebuild runs the new code", () => {
  const { root, bundle, run } = scratchProject();
  bundle.ensureFresh();
  const before = bundle.bundleHash();
  writeFileSync(join(root, "dep.ts"), 'export const message: string = "second";\n');
  expect(bundle.staleReason()).toBe("dep.ts changed");
  expect(bundle.ensureFresh()).toMatchObject({ rebuilt: true, reason: "dep.ts changed" });
  expect(run()).toBe("second");
  expect(bundle.bundleHash()).not.toBe(before);
});

test("a touched file with the same size is caught by its modification time", () => {
  const { root, bundle } = scratchProject();
  bundle.ensureFresh();
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, "dep.ts"), later, later);
  expect(bundle.staleReason()).toBe("dep.ts changed");
});

test("a newly imported file becomes an input of the next build", () => {
  const { root, bundle, run } = scratchProject();
  bundle.ensureFresh();
  writeFileSync(join(root, "extra.ts"), 'export const extra = "extra";\n');
  writeFileSync(join(root, "entry.ts"), 'import { extra } from "./extra";\nconsole.log(extra);\n');
  expect(bundle.ensureFresh()).toMatchObject({ rebuilt: true, reason: "entry.ts changed" });
  expect(run()).toBe("extra");
  writeFileSync(join(root, "extra.ts"), 'export const extra = "changed";\n');
  expect(bundle.staleReason()).toBe("extra.ts changed");
});

test("a deleted input makes the bundle stale", () => {
  const { root, bundle } = scratchProject();
  bundle.ensureFresh();
  const inputs = JSON.parse(readFileSync(join(bundle.outDir, "inputs.json"), "utf8")).inputs as Record<string, unknown>;
  expect(Object.keys(inputs).sort()).toEqual(["dep.ts", "entry.ts"]);
  rmSync(join(root, "dep.ts"));
  expect(bundle.staleReason()).toBe("dep.ts changed");
});

test("the code cache is named after the bundle's content and old caches are removed on rebuild", () => {
  const { root, bundle } = scratchProject();
  bundle.ensureFresh();
  const first = codeCachePath(bundle);
  writeFileSync(first, "stale cache");
  writeFileSync(join(root, "dep.ts"), 'export const message: string = "third";\n');
  bundle.ensureFresh();
  expect(codeCachePath(bundle)).not.toBe(first);
  expect(readdirSync(bundle.outDir).filter((f) => f.endsWith(".v8-cache"))).toEqual([]);
});

test("the app runs the bundle and records its code cache after a successful run", () => {
  const { root, bundle } = scratchProject();
  bundle.ensureFresh();
  const script = `const { synthBundle } = require(${JSON.stringify(join(__dirname, "synth-bundle.js"))});
    const { runBundle } = require(${JSON.stringify(join(__dirname, "synth-app.js"))});
    runBundle(synthBundle({ root: ${JSON.stringify(root)}, entry: "entry.ts", outDir: ${JSON.stringify(bundle.outDir)} }));`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(r.stdout.trim()).toBe("first");
  expect(existsSync(codeCachePath(bundle))).toBe(true);
});
