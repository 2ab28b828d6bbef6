/** Bad configuration stops the compiled synth with a non-zero exit, names the field, writes nothing. */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

test("LIVESTREAM_CONFIG_DIR naming a file, not a folder, exits 2 saying so, with no stack trace", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "bad-out-")), "cdktf.out");
  const file = join(__dirname, "../config/environments/dev.json");
  const result = synthApp(outdir, { LIVESTREAM_CONFIG_DIR: file });
  expect(result.status).toBe(2);
  expect(result.stderr).toBe(`synth stopped, nothing written: LIVESTREAM_CONFIG_DIR=${file} is a file, not a folder: it must name the folder holding one <env>.json per environment (e.g. config/environments)\n`);
  expect(existsSync(outdir)).toBe(false);
});

test("an unknown environment in LIVESTREAM_ENVIRONMENTS exits 2 and writes nothing", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "bad-out-")), "cdktf.out");
  const result = synthApp(outdir, { LIVESTREAM_ENVIRONMENTS: "dev,staging" });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/unknown environment\(s\): staging/);
  expect(existsSync(outdir)).toBe(false);
});

test("a synth that fails after configuration (invalid construct props) keeps the previous output and exits 1", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "good-out-")), "cdktf.out");
  expect(synthApp(outdir).status).toBe(0);
  const before = readFileSync(join(outdir, "stacks/livestream-dev/cdk.tf.json"), "utf8");

  // Valid for the schema, refused by the Network construct: zones of another region.
  const configDir = mkdtempSync(join(tmpdir(), "bad-props-"));
  cpSync(join(__dirname, "../config/environments"), configDir, { recursive: true });
  const dev = JSON.parse(readFileSync(join(configDir, "dev.json"), "utf8"));
  dev.network.availabilityZones = ["us-east-1a", "us-east-1b"];
  writeFileSync(join(configDir, "dev.json"), JSON.stringify(dev));
  const result = synthApp(outdir, { LIVESTREAM_CONFIG_DIR: configDir });

  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/synth failed, .* left as it was/);
  expect(result.stderr).toMatch(/us-east-1a/);
  expect(readFileSync(join(outdir, "stacks/livestream-dev/cdk.tf.json"), "utf8")).toBe(before);
  expect(readdirSync(join(outdir, "..")).filter((f) => f.includes("partial"))).toEqual([]);
});

test("a new synth keeps Terraform's own files in the stack folders (providers, lock file, local state)", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "keep-out-")), "cdktf.out");
  expect(synthApp(outdir).status).toBe(0);
  const stackDir = join(outdir, "stacks/livestream-bootstrap-dev");
  writeFileSync(join(stackDir, "terraform.tfstate"), "{}");
  writeFileSync(join(stackDir, ".terraform.lock.hcl"), "# lock");
  expect(synthApp(outdir).status).toBe(0);
  expect(readFileSync(join(stackDir, "terraform.tfstate"), "utf8")).toBe("{}");
  expect(existsSync(join(stackDir, ".terraform.lock.hcl"))).toBe(true);
  expect(existsSync(join(stackDir, "cdk.tf.json"))).toBe(true);
});
