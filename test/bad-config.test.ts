/** Bad configuration stops the compiled synth with a non-zero exit, names the field, writes nothing. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthApp } from "./support/terraform";

test("an invalid field exits 2, names environment and field, and writes no output", () => {
  const configDir = mkdtempSync(join(tmpdir(), "bad-config-"));
  cpSync(join(__dirname, "../config/environments"), configDir, { recursive: true });
  const prod = JSON.parse(readFileSync(join(configDir, "prod.json"), "utf8"));
  prod.network.azCount = 7;
  writeFileSync(join(configDir, "prod.json"), JSON.stringify(prod));
  const outdir = join(mkdtempSync(join(tmpdir(), "bad-out-")), "cdktf.out");

  const result = synthApp(outdir, { LIVESTREAM_CONFIG_DIR: configDir });

  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/environment 'prod'/);
  expect(result.stderr).toMatch(/network\.azCount/);
  expect(result.stderr).toMatch(/nothing written/);
  expect(existsSync(outdir)).toBe(false);
});

test("an unknown environment in LIVESTREAM_ENVIRONMENTS exits 2 and writes nothing", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "bad-out-")), "cdktf.out");
  const result = synthApp(outdir, { LIVESTREAM_ENVIRONMENTS: "dev,staging" });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/unknown environment\(s\): staging/);
  expect(existsSync(outdir)).toBe(false);
});
