/**
 * Strict configuration through the compiled programs: a typo exits 2 naming the field from synth
 * and from the CLI commands that read configuration; the committed examples synthesize (exit 0)
 * with a warning naming every placeholder value.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtEntry } from "./support/built";
import { synthApp } from "./support/terraform";

const shippedDir = join(__dirname, "../config/environments");

/** A copy of the committed environments with `edit` applied to one of them. */
function configWith(env: string, edit: (raw: Record<string, any>) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = mkdtempSync(join(tmpdir(), "strict-config-"));
  cpSync(shippedDir, dir, { recursive: true });
  const raw = JSON.parse(readFileSync(join(dir, `${env}.json`), "utf8"));
  edit(raw);
  writeFileSync(join(dir, `${env}.json`), JSON.stringify(raw, null, 2));
  return dir;
}

function ops(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [builtEntry("cli/main.js"), ...args], {
    encoding: "utf8",
    // No AWS reachable: a config error must stop the command before it tries.
    env: { ...process.env, AWS_ACCESS_KEY_ID: "AKIDFAKEFAKEFAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_ENDPOINT_URL: "http://127.0.0.1:9", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("synth: typos in any environment exit 2, each field named with a suggestion, nothing written", () => {
  const dir = configWith("dev", (raw) => {
    raw.media.chanelCount = 3;
    raw.region = "ap-southeast-9";
  });
  const prod = JSON.parse(readFileSync(join(dir, "prod.json"), "utf8"));
  prod.netwrok = prod.network;
  writeFileSync(join(dir, "prod.json"), JSON.stringify(prod));
  const outdir = join(mkdtempSync(join(tmpdir(), "strict-out-")), "cdktf.out");

  const result = synthApp(outdir, { LIVESTREAM_CONFIG_DIR: dir });

  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/environment 'dev'[\s\S]*- region: 'ap-southeast-9' is not an AWS commercial region; did you mean 'ap-southeast-1'\?/);
  expect(result.stderr).toMatch(/- media\.chanelCount: unknown key; did you mean 'channelCount'\?/);
  expect(result.stderr).toMatch(/environment 'prod'[\s\S]*- netwrok: unknown key; did you mean 'network'\?/);
  expect(existsSync(outdir)).toBe(false);
});

test("synth: a JSON syntax error exits 2 with its line and column", () => {
  const dir = mkdtempSync(join(tmpdir(), "strict-json-"));
  cpSync(shippedDir, dir, { recursive: true });
  const text = readFileSync(join(dir, "dev.json"), "utf8").replace('"tier": "dev",', '"tier": "dev"');
  writeFileSync(join(dir, "dev.json"), text);
  const result = synthApp(join(mkdtempSync(join(tmpdir(), "strict-out-")), "cdktf.out"), { LIVESTREAM_CONFIG_DIR: dir });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/\(.*dev\.json\): not valid JSON:\n {2}- line 4, column 3: expected ',' or '}' after the value of 'tier'/);
});

test("ops forecast --environment and ops preflight --environment: a typo exits 2 naming the field", () => {
  const dir = configWith("prod", (raw) => {
    raw.media.chanelCount = 3;
  });
  for (const args of [["forecast", "--environment", "prod"], ["preflight", "--environment", "prod"]]) {
    const result = ops(args, { LIVESTREAM_CONFIG_DIR: dir });
    expect([args[0], result.status]).toEqual([args[0], 2]);
    expect(result.stderr).toMatch(/--environment prod: invalid configuration for environment 'prod'/);
    expect(result.stderr).toMatch(/media\.chanelCount: unknown key; did you mean 'channelCount'\?/);
  }
});

test("synth of the committed examples exits 0 and warns about every placeholder, field by field", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "strict-out-")), "cdktf.out");
  const result = synthApp(outdir);
  expect(result.status).toBe(0);
  const warning = (env: string) => {
    const start = result.stderr.indexOf(`warning: environment '${env}'`);
    expect(start).toBeGreaterThanOrEqual(0);
    const lines = result.stderr.slice(start).split("\n");
    const end = lines.findIndex((l, i) => i > 0 && !l.startsWith("  - "));
    return lines.slice(1, end).map((l) => l.replace(/^ {2}- /, "").replace(/ \(.*$/, ""));
  };
  expect(result.stderr).toMatch(/warning: environment 'dev' uses 12 reserved example value\(s\); replace them before deploying \(`ops preflight --environment dev` fails until then\)/);
  expect(warning("dev")).toEqual([
    "accountId: 111111111111",
    "dns.zoneName: dev.mentoring.example.com",
    "services.mentee.image: 111111111111",
    "services.mentor.image: 111111111111",
    "services.social.image: 111111111111",
    "alarms.email: example.com",
    "state.bucket: 111111111111",
    "media.inputAllowedCidrs.0: 203.0.113.0/24",
    "media.corsAllowedOrigins.0: app.dev.mentoring.example.com",
    "reconcile.image: 111111111111",
    "reconcile.image: sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "imagePipeline.githubRepository: example-org",
  ]);
  expect(warning("prod")).toEqual([
    "accountId: 222222222222",
    "dns.zoneName: mentoring.example.com",
    "services.mentee.image: 222222222222",
    "services.mentor.image: 222222222222",
    "services.social.image: 222222222222",
    "alarms.email: example.com",
    "state.bucket: 222222222222",
    "media.inputAllowedCidrs.0: 203.0.113.0/24",
    "media.inputAllowedCidrs.1: 198.51.100.0/24",
    "media.corsAllowedOrigins.0: app.mentoring.example.com",
    "media.corsAllowedOrigins.1: mentoring.example.com",
    "reconcile.image: 222222222222",
    "reconcile.image: sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "imagePipeline.githubRepository: example-org",
  ]);
  expect(existsSync(join(outdir, "stacks/livestream-prod/cdk.tf.json"))).toBe(true);
});
