/**
 * Stands in for `docker build` (no Docker engine runs here): assembles the ops image's context the
 * way the Dockerfile's build stage does, then runs the CLI from it in an empty folder, as an
 * unprivileged user, on read-only files, with nothing from this checkout on its module path.
 * Needs `npm run build` first; the production install is cached by lock hash (node_modules/.cache).
 */
import { RDS_CA_BUNDLE_PATH } from "../../contracts";
import { X509Certificate } from "node:crypto";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws, type FakeAws } from "../../test/fakes/aws";
import { buildImageContext, type ImageContextManifest } from "./context";

const repo = join(__dirname, "..", "..");
let work: string;
let out: string;
let manifest: ImageContextManifest;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "ops-image-"));
  out = join(work, "context");
  // --prefer-offline: the npm cache that `npm ci` filled serves every package it holds; the registry the rest.
  manifest = buildImageContext({ root: repo, out, depsCache: join(repo, "node_modules", ".cache", "ops-image-deps") });
  // What the image's root file system is to uid 1000: readable, not writable.
  chmodTree(work, 0o555, 0o444);
});
afterAll(() => {
  chmodTree(work, 0o755, 0o644);
  rmSync(work, { recursive: true, force: true });
});

function chmodTree(dir: string, dirMode: number, fileMode: number): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) chmodTree(p, dirMode, fileMode);
    else chmodSync(p, fileMode);
  }
  chmodSync(dir, dirMode);
}

/** Runs `node <context>/app/dist/cli/main.js ...` from an empty folder; as `nobody` when the tests run as root. */
function ops(args: string[], env: Record<string, string> = {}, cwd = work): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const node = [process.execPath, join(out, "app", "dist", "cli", "main.js"), ...args];
  const [command, ...argv] = process.getuid?.() === 0 ? ["runuser", "-u", "nobody", "--", ...node] : node;
  // A clean environment: no NODE_PATH, a HOME that does not exist, nothing pointing back at the checkout.
  const childEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("the context holds the CLI's compiled closure, its migrations, catalogs and CA bundle, and nothing of the synth", () => {
  expect(manifest.files).toEqual(expect.arrayContaining(["dist/cli/main.js", "dist/db/migrate.js", "package.json", "package-lock.json"]));
  const migrations = readdirSync(join(repo, "db", "migrations")).filter((f) => f.endsWith(".sql"));
  expect(migrations.length).toBeGreaterThan(0);
  for (const m of migrations) expect(manifest.files).toContain(`db/migrations/${m}`);
  for (const c of readdirSync(join(repo, "cost-model", "catalogs")).filter((f) => f.endsWith(".json"))) expect(manifest.files).toContain(`cost-model/catalogs/${c}`);
  // The recording sweep indexes with the indexer's own rules (dist/lambda/recording-indexer), the rest stays out.
  expect(manifest.files.filter((f) => /\.test\.js$|^dist\/(stacks|constructs|policies|tooling|deploy|test|bench)\//.test(f) || f.startsWith("dist/synth"))).toEqual([]);
  // Runtime dependencies only: the synth's and the build's packages stay out of the image.
  expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(["@aws-sdk/client-medialive", "commander", "pg", "zod"]));
  for (const absent of ["cdktf", "@cdktf/provider-aws", "constructs", "esbuild", "typescript", "jest"]) {
    expect([absent, manifest.dependencies[absent]]).toEqual([absent, undefined]);
    expect([absent, existsSync(join(out, "app", "node_modules", absent))]).toEqual([absent, false]);
  }
  const appPackage = JSON.parse(readFileSync(join(out, "app", "package.json"), "utf8"));
  const rootPackage = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  for (const [name, version] of Object.entries(appPackage.dependencies)) expect(version).toBe(rootPackage.dependencies[name]);
});

test("the RDS CA bundle matches its pinned checksum and holds the region's current root", () => {
  const pinned = readFileSync(join(repo, "deploy", "ops-image", "rds-global-bundle.pem.sha256"), "utf8").split(/\s+/)[0];
  expect(manifest.caBundleSha256).toBe(pinned);
  const pem = readFileSync(join(out, "rds-global-bundle.pem"), "utf8");
  const subjects = pem.split(/(?=-----BEGIN CERTIFICATE-----)/).map((c) => new X509Certificate(c).subject);
  expect(subjects.length).toBeGreaterThan(100);
  expect(subjects.some((s) => /CN=Amazon RDS ap-southeast-1 Root CA RSA2048 G1/.test(s))).toBe(true);
});

test("the Dockerfile copies exactly the context, runs as uid 1000 and has the CLI as entrypoint", () => {
  const dockerfile = readFileSync(join(repo, "Dockerfile"), "utf8");
  expect(dockerfile).toMatch(/^FROM node:20-[a-z]+-slim AS build$/m);
  expect(dockerfile).toMatch(/^RUN npm run image:context -- --out \/context$/m);
  expect(dockerfile).toMatch(/^COPY --from=build \/context\/app \/app$/m);
  expect(dockerfile).toMatch(/^COPY --from=build \/context\/rds-global-bundle\.pem \/etc\/ssl\/certs\/rds-global-bundle\.pem$/m);
  expect(dockerfile).toMatch(/^USER 1000:1000$/m);
  expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/cli\/main\.js"\]$/m);
  // The CA path the task definitions set (contracts) and the task's user are the image's.
  expect(dockerfile).toMatch(new RegExp(`^COPY --from=build /context/rds-global-bundle\\.pem ${RDS_CA_BUNDLE_PATH.replace(/\./g, "\\.")}$`, "m"));
  const task = readFileSync(join(repo, "constructs", "reconcile-schedule", "index.ts"), "utf8");
  expect(task).toMatch(/user: "1000"/);
});

describe("the CLI runs from the context alone, writing nothing", () => {
  test("--help", async () => {
    const r = await ops(["--help"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: ops/);
    expect(r.stdout).toMatch(/sessions/);
  });

  test("forecast --scenario seed replays the design's year to the cent", async () => {
    const r = await ops(["forecast", "--scenario", "seed", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totalUsd).toBe(350011.29);
  });

  // Intended: `sessions plan --pool-size N` (no AWS call), which the cliux branch adds; until then the
  // pool is read from MediaLive, here a local server speaking its protocol (the real SDK in the context).
  test("sessions plan against MediaLive assigns the sessions to the pool", async () => {
    const aws: FakeAws = await startFakeAws({ startMs: 0, stopMs: 0 });
    try {
      for (const id of ["1000001", "1000002"]) aws.medialive.addChannel({ id, tags: { "livestream:pool": "dev" } });
      const schedule = join(tmpdir(), `ops-image-sessions-${process.pid}.csv`);
      writeFileSync(schedule, "id,startsAt,endsAt\na,2026-05-01T10:00:00+08:00,2026-05-01T11:00:00+08:00\nb,2026-05-01T10:30:00+08:00,2026-05-01T11:30:00+08:00\n");
      chmodSync(schedule, 0o444);
      try {
        const r = await ops(["sessions", "plan", "--schedule", schedule, "--pool", "dev", "--json"], aws.env);
        expect(r.code).toBe(0);
        const plan = JSON.parse(r.stdout);
        expect(plan.assignments.map((a: { sessionId: string; channelId: string }) => `${a.sessionId}:${a.channelId}`)).toEqual(["a:1000001", "b:1000002"]);
      } finally {
        rmSync(schedule, { force: true });
      }
    } finally {
      await aws.close();
    }
  });
});
