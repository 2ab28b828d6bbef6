/**
 * `npm run plan -- <env>`: real terraform init + plan from the local provider mirror, with no AWS
 * credentials, no AWS settings and no registry, through the built entry (`npm test` builds first).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtEntry } from "../../test/support/built";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "offline-plan-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [builtEntry("deploy/offline-plan/cli.js"), ...args],
      {
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
        // Nothing AWS: no keys, no profile files, no region; only the tools and the mirror.
        env: { PATH: process.env.PATH, HOME: dir, ...(process.env.TF_PLUGIN_MIRROR ? { TF_PLUGIN_MIRROR: process.env.TF_PLUGIN_MIRROR } : {}) },
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

test("bad arguments exit 2 with the usage", async () => {
  const typo = await plan(["dve"]);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toMatch(/no environment 'dve' in config\/environments \(did you mean 'dev'\?\) \(known: dev, prod\)/);
  expect(typo.stderr).toMatch(/usage: npm run plan -- <environment>/);
  expect((await plan(["dev", "--stack", "network"])).stderr).toMatch(/--stack must be platform, bootstrap or all/);
  expect((await plan([])).code).toBe(2);
});

test("plans a stack offline with no credentials and saves the plan", async () => {
  const out = join(dir, "out");
  const r = await plan(["dev", "--stack", "bootstrap", "--out", out]);
  expect(r.code).toBe(0);
  // The state bucket and the ECR repositories, from an empty state.
  expect(r.stdout).toMatch(/aws_s3_bucket\.state-bucket/);
  expect(r.stdout).toMatch(/^livestream-bootstrap-dev: Plan: \d+ to add, 0 to change, 0 to destroy\. \(saved plan: /m);
  expect(existsSync(join(out, "stacks", "livestream-bootstrap-dev", "plan.tfplan"))).toBe(true);
  expect(existsSync(join(out, "stacks", "livestream-dev", "plan.tfplan"))).toBe(false);
});
