/**
 * The bootstrap stacks' Terraform state lives outside cdktf.out, so no synth can delete it: through
 * the built synth app (`npm test` builds first), as `npm run synth` and `cdktf synth` run it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { synthApp } from "../test/support/terraform";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bootstrap-state-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const backendOf = (outdir: string, stack: string) =>
  (JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { terraform: { backend: Record<string, { path?: string }> } }).terraform.backend;

test("a cdktf synth of one environment deletes the other's stack folder, not its bootstrap state", () => {
  const outdir = join(dir, "cdktf.out");
  const stateDir = join(dir, "bootstrap-state");
  const env = { LIVESTREAM_OFFLINE: "", LIVESTREAM_BOOTSTRAP_STATE_DIR: stateDir };

  const dev = synthApp(outdir, { ...env, LIVESTREAM_ENVIRONMENTS: "dev" });
  // Nothing on stderr but the placeholder-value warnings of the committed examples.
  expect(dev.stderr.split("\n").filter((l) => l && !l.startsWith("warning: environment 'dev' uses") && !l.startsWith("  - "))).toEqual([]);
  expect(dev.status).toBe(0);
  const stackDir = join(outdir, "stacks", "livestream-bootstrap-dev");
  const backend = backendOf(outdir, "livestream-bootstrap-dev");
  expect(Object.keys(backend)).toEqual(["local"]);
  const statePath = resolve(stackDir, backend.local!.path!);
  expect(statePath).toBe(join(stateDir, "livestream-bootstrap-dev.tfstate"));
  expect(backend.local!.path).not.toMatch(/^\//); // relative to the stack folder, no machine-specific path

  // What `terraform apply` in the bootstrap folder leaves behind.
  mkdirSync(dirname(statePath), { recursive: true });
  writeFileSync(statePath, '{"version":4,"serial":7}');
  // The cdktf CLI (cdktf.json's app) with only prod: it removes the stack folders it did not synthesize.
  const cdktf = spawnSync(process.execPath, [require.resolve("cdktf-cli/bundle/bin/cdktf"), "synth", "--output", outdir], {
    cwd: join(__dirname, ".."),
    encoding: "utf8",
    env: { ...process.env, ...env, LIVESTREAM_ENVIRONMENTS: "prod", CHECKPOINT_DISABLE: "1", CI: "1" },
    timeout: 300_000,
  });
  expect(cdktf.status).toBe(0);
  expect(existsSync(join(outdir, "stacks", "livestream-bootstrap-prod"))).toBe(true);
  expect(existsSync(stackDir)).toBe(false); // dev's stack folder is gone...
  expect(readFileSync(statePath, "utf8")).toBe('{"version":4,"serial":7}'); // ...its state is not
});

test("offline synths plan from an empty state beside the stack, never from the real one", () => {
  const outdir = join(dir, "cdktf.out");
  const r = synthApp(outdir, { LIVESTREAM_ENVIRONMENTS: "dev", LIVESTREAM_BOOTSTRAP_STATE_DIR: join(dir, "bootstrap-state") });
  expect(r.status).toBe(0);
  expect(backendOf(outdir, "livestream-bootstrap-dev")).toEqual({ local: { path: "terraform.tfstate" } });
});
