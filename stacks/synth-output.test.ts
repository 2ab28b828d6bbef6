import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthApp } from "../test/support/terraform";

test("synth writes into an output folder whose parents do not exist yet (CDKTF_OUTDIR)", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "synth-output-")), "new", "nested", "cdktf.out");
  const r = synthApp(outdir, { LIVESTREAM_ENVIRONMENTS: "dev" });
  expect(r.stderr).not.toMatch(/synth failed/);
  expect(r.status).toBe(0);
  expect(existsSync(join(outdir, "stacks", "livestream-dev", "cdk.tf.json"))).toBe(true);
});
