/**
 * Bundles a Lambda handler with esbuild into a deterministic zip, cached by content hash.
 *
 * Synth runs on every plan, so a cache hit must be cheap: it reads a small manifest, re-hashes the
 * handler's own source files (listed by the previous build's esbuild metafile) and package-lock.json
 * (which pins everything under node_modules), and never loads esbuild. Only a miss pays for a build.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../../lib/atomic-write";
import { projectRoot } from "../../lib/project-root";
import { createZip } from "./zip";

export interface LambdaBundleOptions {
  /** Handler source file (TypeScript), absolute or relative to projectRoot. */
  readonly entry: string;
  /** Cache file name stem, e.g. "recording-indexer". */
  readonly name: string;
  /** Folder with package.json / package-lock.json. @default found upwards from this file */
  readonly projectRoot?: string;
  /** Where zips are cached. @default $LIVESTREAM_BUNDLE_CACHE or <root>/node_modules/.cache/lambda-bundles */
  readonly cacheDir?: string;
  /** Modules left out of the bundle (provided by the runtime). @default none but pg-native (never installed) */
  readonly external?: readonly string[];
  /** esbuild target. @default node22 */
  readonly target?: string;
}

export interface LambdaBundle {
  /** Absolute path of the zip (one file, index.js). */
  readonly zipPath: string;
  /** base64 sha256 of the zip, as aws_lambda_function.source_code_hash expects. */
  readonly sourceCodeHash: string;
  /** Hex digest of the inputs: use as the asset hash. */
  readonly digest: string;
  readonly sizeBytes: number;
  /** True when served from the cache. */
  readonly cached: boolean;
}

interface Manifest {
  readonly optionsKey: string;
  readonly inputs: string[];
  readonly digest: string;
  readonly zipFile: string;
  readonly sourceCodeHash: string;
  readonly sizeBytes: number;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function lockHash(root: string): string {
  const lock = join(root, "package-lock.json");
  return sha256(readFileSync(existsSync(lock) ? lock : join(root, "package.json")));
}

/** Digest of everything the bundle depends on; undefined when a listed input has disappeared. */
function inputsDigest(root: string, optionsKey: string, inputs: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(optionsKey).update("\0").update(lockHash(root));
  for (const input of [...inputs].sort()) {
    const file = join(root, input);
    if (!existsSync(file)) return undefined;
    hash.update("\0").update(input).update("\0").update(sha256(readFileSync(file)));
  }
  return hash.digest("hex");
}

export function bundleLambda(options: LambdaBundleOptions): LambdaBundle {
  const root = options.projectRoot ?? projectRoot();
  const entry = resolve(root, options.entry);
  const cacheDir = options.cacheDir ?? process.env.LIVESTREAM_BUNDLE_CACHE ?? join(root, "node_modules", ".cache", "lambda-bundles");
  const external = [...new Set(["pg-native", ...(options.external ?? [])])].sort();
  const target = options.target ?? "node22";
  const optionsKey = JSON.stringify({ v: 1, entry: relative(root, entry), external, target });
  const manifestPath = join(cacheDir, `${options.name}.json`);

  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
      const zipPath = join(cacheDir, m.zipFile);
      if (m.optionsKey === optionsKey && existsSync(zipPath) && statSync(zipPath).size === m.sizeBytes && inputsDigest(root, optionsKey, m.inputs) === m.digest) {
        return { zipPath, sourceCodeHash: m.sourceCodeHash, digest: m.digest, sizeBytes: m.sizeBytes, cached: true };
      }
    } catch {
      // A corrupt manifest is a cache miss.
    }
  }

  // Loaded only on a miss: esbuild's JS API starts a service process.
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target,
    format: "cjs",
    minify: true,
    sourcemap: false,
    external,
    outfile: "index.js",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Keep third-party license notices out of the code but in the archive.
    legalComments: "eof",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith("index.js"));
  if (!code) throw new Error(`esbuild produced no index.js for ${entry}`);
  // Our own sources: node_modules is covered by package-lock.json.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split(/[\\/]/).includes("node_modules"));
  const digest = inputsDigest(root, optionsKey, inputs)!;
  const zip = createZip([{ name: "index.js", data: code.contents }]);
  const zipFile = `${options.name}-${digest.slice(0, 16)}.zip`;
  const sourceCodeHash = createHash("sha256").update(zip).digest("base64");

  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomic(join(cacheDir, zipFile), zip); // concurrent synths (parallel tests) never see half a file
  const manifest: Manifest = { optionsKey, inputs, digest, zipFile, sourceCodeHash, sizeBytes: zip.length };
  writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 1));
  // Old zips of this function are dead weight; the current one stays.
  for (const f of readdirSync(cacheDir)) {
    if (f.startsWith(`${options.name}-`) && f.endsWith(".zip") && f !== zipFile) rmSync(join(cacheDir, f), { force: true });
  }
  return { zipPath: join(cacheDir, zipFile), sourceCodeHash, digest, sizeBytes: zip.length, cached: false };
}
