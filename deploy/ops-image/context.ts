/**
 * `npm run image:context [-- --out DIR] [--deps-cache DIR] [--offline]`: assembles exactly what the
 * ops image gets (Dockerfile: `COPY --from=build /context/app /app`), from a built checkout:
 *
 *   <out>/app/dist/...                 the compiled files dist/cli/main.js requires, transitively
 *   <out>/app/package.json             the CLI's runtime dependencies only (versions from package.json)
 *   <out>/app/package-lock.json        the project's lock pruned to them (npm --package-lock-only)
 *   <out>/app/node_modules             `npm ci --omit=dev` from that lock
 *   <out>/app/db/migrations, <out>/app/cost-model/catalogs
 *   <out>/rds-global-bundle.pem        checked against its pinned SHA-256
 *   <out>/image-manifest.json          what was assembled (not copied into the image)
 *
 * A bare import of the CLI that is not a runtime dependency in package.json (say, a devDependency)
 * stops the build, so the image can never miss a package the CLI loads.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { builtinModules } from "node:module";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../../lib/project-root";

export interface ImageContextOptions {
  /** A checkout with package.json, package-lock.json and a built dist/. */
  readonly root: string;
  /** Output folder; emptied first. */
  readonly out: string;
  /** Folder caching installed production node_modules by the pruned lock's hash. @default no cache */
  readonly depsCache?: string;
  /** Install only from npm's local cache (tests); otherwise npm may fetch what the cache lacks. @default false */
  readonly offline?: boolean;
}

export interface ImageContextManifest {
  /** Files under app/ (node_modules excepted), sorted. */
  readonly files: string[];
  /** Runtime dependencies written to app/package.json. */
  readonly dependencies: Record<string, string>;
  /** SHA-256 of app/package-lock.json (the dependency cache key). */
  readonly lockSha256: string;
  /** Whether node_modules came from the cache. */
  readonly depsFromCache: boolean;
  /** SHA-256 of rds-global-bundle.pem. */
  readonly caBundleSha256: string;
}

const ENTRY = join("dist", "cli", "main.js");
const CA_BUNDLE = join("deploy", "ops-image", "rds-global-bundle.pem");
const BUILTINS = new Set(builtinModules);
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Files reachable from the entry through relative require()/import(), and the bare packages they load. */
export function cliClosure(root: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const resolveFile = (base: string): string => {
    for (const candidate of [base, `${base}.js`, `${base}.json`, join(base, "index.js")]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    throw new Error(`image context: ${relative(root, base)} is required but not built (run npm run build)`);
  };
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith(".js")) return;
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)) {
      const spec = match[1];
      if (spec.startsWith(".")) visit(resolveFile(resolve(dirname(file), spec)));
      else if (!spec.startsWith("node:") && !BUILTINS.has(spec.split("/")[0])) {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
      }
    }
  };
  visit(resolveFile(join(root, ENTRY)));
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

function npm(args: string[], cwd: string): void {
  const r = spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} failed in ${cwd} (exit ${r.status}):\n${r.stderr}${r.stdout}`);
}

export function buildImageContext(options: ImageContextOptions): ImageContextManifest {
  const root = resolve(options.root);
  const out = resolve(options.out);
  const app = join(out, "app");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    license?: string;
    engines?: Record<string, string>;
    dependencies?: Record<string, string>;
  };

  const closure = cliClosure(root);
  const runtime = pkg.dependencies ?? {};
  const notRuntime = closure.packages.filter((p) => !runtime[p]);
  if (notRuntime.length) throw new Error(`image context: the CLI loads ${notRuntime.join(", ")}, not in package.json "dependencies"`);

  const expected = readFileSync(join(root, `${CA_BUNDLE}.sha256`), "utf8").split(/\s+/)[0];
  const bundle = readFileSync(join(root, CA_BUNDLE));
  const caBundleSha256 = sha256(bundle);
  if (caBundleSha256 !== expected) throw new Error(`image context: ${CA_BUNDLE} has SHA-256 ${caBundleSha256}, ${CA_BUNDLE}.sha256 pins ${expected}`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  for (const file of closure.files) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    copyFileSync(join(root, file), join(app, file));
  }
  const copyData = (dir: string, pattern: RegExp) => {
    mkdirSync(join(app, dir), { recursive: true });
    for (const f of readdirSync(join(root, dir)).filter((name) => pattern.test(name))) copyFileSync(join(root, dir, f), join(app, dir, f));
  };
  copyData(join("db", "migrations"), /\.sql$/);
  copyData(join("cost-model", "catalogs"), /\.json$/);
  copyFileSync(join(root, CA_BUNDLE), join(out, "rds-global-bundle.pem"));

  const dependencies = Object.fromEntries(closure.packages.map((p) => [p, runtime[p]]));
  const appPackage = {
    name: `${pkg.name}-ops`,
    version: pkg.version,
    private: true,
    license: pkg.license,
    engines: pkg.engines,
    bin: { ops: ENTRY },
    dependencies,
  };
  writeFileSync(join(app, "package.json"), JSON.stringify(appPackage, null, 2) + "\n");
  copyFileSync(join(root, "package-lock.json"), join(app, "package-lock.json"));
  const network = options.offline ? "--offline" : "--prefer-offline";
  // Prune the project's lock to the runtime dependencies: same versions, nothing else.
  npm(["install", "--package-lock-only", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", network], app);
  const lockSha256 = sha256(readFileSync(join(app, "package-lock.json")));

  const cached = options.depsCache ? join(options.depsCache, lockSha256, "node_modules") : undefined;
  const depsFromCache = !!cached && existsSync(cached);
  if (depsFromCache) {
    cpSync(cached!, join(app, "node_modules"), { recursive: true, verbatimSymlinks: true });
  } else {
    npm(["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", network], app);
    if (cached) {
      const partial = `${cached}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(dirname(partial), { recursive: true });
      cpSync(join(app, "node_modules"), partial, { recursive: true, verbatimSymlinks: true });
      rmSync(cached, { recursive: true, force: true });
      renameSync(partial, cached);
    }
  }

  const files = listFiles(app).filter((f) => !f.startsWith("node_modules/"));
  const manifest: ImageContextManifest = { files, dependencies, lockSha256, depsFromCache, caBundleSha256 };
  writeFileSync(join(out, "image-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { out: { type: "string" }, "deps-cache": { type: "string" }, offline: { type: "boolean" } }, allowPositionals: true, strict: false });
  const root = projectRoot();
  const out = resolve(typeof values.out === "string" ? values.out : join(root, "dist", "ops-image-context"));
  const depsCache = values["deps-cache"];
  const manifest = buildImageContext({ root, out, depsCache: typeof depsCache === "string" ? depsCache : undefined, offline: values.offline === true });
  process.stdout.write(
    `image context in ${out}: ${manifest.files.length} files, ${Object.keys(manifest.dependencies).length} runtime dependencies${manifest.depsFromCache ? " (node_modules from cache)" : ""}\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
