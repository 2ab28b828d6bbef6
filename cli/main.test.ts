/**
 * What every command shares, through the built CLI in a child process (real argv, exit code, stdout
 * and stderr apart): --version, the JSON failure envelope, durations with units, AWS profiles and
 * shared-config regions, and the credentials hint on exit 3.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws, type FakeAws } from "../test/fakes/aws";
import { runOps } from "../test/support/ops-cli";
import { ExitCode } from "./errors";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ops-main-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An environment with no AWS settings at all: empty home, no shared files, no keys. */
const bareEnv = () => ({ HOME: dir, AWS_CONFIG_FILE: join(dir, "none-config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none-credentials") });

test("--version prints the package version", async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
  const r = await runOps(["--version"]);
  expect(r).toMatchObject({ code: ExitCode.Ok, stdout: `ops ${version}\n` });
});

test("--json failures print one JSON envelope on stdout; the message stays on stderr", async () => {
  const unknown = await runOps(["channels", "list", "--pool", "dev", "--json", "--colour"], bareEnv());
  expect(unknown.code).toBe(ExitCode.Usage);
  expect(unknown.stderr).toMatch(/unknown option '--colour'/);
  expect(JSON.parse(unknown.stdout)).toEqual({ error: { type: "usage", exitCode: 2, message: expect.stringMatching(/unknown option '--colour'/) } });

  const noRegion = await runOps(["channels", "list", "--pool", "dev", "--json"], bareEnv());
  expect(noRegion.code).toBe(ExitCode.Usage);
  expect(JSON.parse(noRegion.stdout).error).toMatchObject({ type: "usage", message: expect.stringMatching(/no AWS region: pass --region, set AWS_REGION, or add 'region = \.\.\.'/) });
  // Without --json, stdout stays empty on failure.
  const human = await runOps(["channels", "list", "--pool", "dev"], bareEnv());
  expect(human).toMatchObject({ code: ExitCode.Usage, stdout: "" });
});

test("durations take a unit on every flag: a bare number is refused with the unit to add", async () => {
  const cases: [string[], RegExp][] = [
    [["channels", "start", "1234567", "--timeout", "50"], /--timeout '50' has no unit: write 50s for seconds or 50m for minutes/],
    [["channels", "stop", "1234567", "--poll-interval", "5"], /--poll-interval '5' has no unit/],
    [["sessions", "plan", "--schedule", "x.csv", "--pool-size", "2", "--lead", "10"], /--lead '10' has no unit/],
    [["sessions", "plan", "--schedule", "x.csv", "--pool-size", "2", "--max-session-length", "8"], /--max-session-length '8' has no unit/],
    [["sessions", "reconcile", "--schedule", "x.csv", "--pool", "dev", "--deadline", "50"], /--deadline '50' has no unit/],
    [["sessions", "reconcile", "--schedule", "x.csv", "--pool", "dev", "--grace", "5"], /--grace '5' has no unit/],
    [["channels", "start", "1234567", "--timeout", "2h"], /--timeout must be at most 1h/],
  ];
  for (const [args, message] of cases) {
    const r = await runOps(args, bareEnv());
    expect({ args, code: r.code }).toEqual({ args, code: ExitCode.Usage });
    expect(r.stderr).toMatch(message);
  }
});

describe("AWS credentials, profiles and regions (fake MediaLive)", () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
    aws.medialive.addChannel({ id: "1000001", tags: { "livestream:pool": "dev" } });
  });
  afterEach(async () => {
    await aws.close();
  });
  const endpoint = () => ({ AWS_ENDPOINT_URL_MEDIALIVE: aws.env.AWS_ENDPOINT_URL_MEDIALIVE, AWS_ENDPOINT_URL_CLOUDWATCH: aws.env.AWS_ENDPOINT_URL_CLOUDWATCH });

  test("no credentials: exit 3 with a hint naming AWS_PROFILE, --profile and aws sso login", async () => {
    const r = await runOps(["channels", "list", "--pool", "dev", "--region", "ap-southeast-1", "--max-attempts", "1"], { ...bareEnv(), ...endpoint() });
    expect(r.code).toBe(ExitCode.Remote);
    expect(r.stderr).toMatch(/CredentialsProviderError/);
    expect(r.stderr).toMatch(/hint: no AWS credentials found: pass --profile <name> or set AWS_PROFILE \(run `aws sso login --profile <name>`/);
    const json = await runOps(["channels", "list", "--pool", "dev", "--region", "ap-southeast-1", "--max-attempts", "1", "--json"], { ...bareEnv(), ...endpoint() });
    expect(JSON.parse(json.stdout).error).toMatchObject({ type: "remote", exitCode: 3, hint: expect.stringMatching(/AWS_PROFILE/) });
  });

  test("a named profile gives the region (from ~/.aws/config) and the credentials; an unknown one is exit 2 with a suggestion", async () => {
    writeFileSync(join(dir, "config"), "[default]\nregion = eu-west-1\n\n[profile ops-sg]\nregion = ap-southeast-1\n");
    writeFileSync(join(dir, "credentials"), "[ops-sg]\naws_access_key_id = AKIAPROFILEOPSSG0000\naws_secret_access_key = profile-secret\n");
    const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"), ...endpoint() };

    const byFlag = await runOps(["channels", "list", "--pool", "dev", "--profile", "ops-sg", "--json"], env);
    expect(byFlag.stderr).toBe("");
    expect(byFlag.code).toBe(ExitCode.Ok);
    expect(JSON.parse(byFlag.stdout).channels.map((c: { id: string }) => c.id)).toEqual(["1000001"]);
    // The price comes from the profile's region's catalog, named relative to the project.
    expect(JSON.parse(byFlag.stdout).priceSource).toMatch(/^cost-model\/catalogs\/ap-southeast-1\.json/);

    const byVariable = await runOps(["channels", "list", "--pool", "dev", "--json"], { ...env, AWS_PROFILE: "ops-sg" });
    expect(byVariable.code).toBe(ExitCode.Ok);

    const typo = await runOps(["channels", "list", "--pool", "dev", "--profile", "ops-gs"], env);
    expect(typo.code).toBe(ExitCode.Usage);
    expect(typo.stderr).toMatch(/AWS profile 'ops-gs' \(from --profile\) is not in ~\/.aws\/config or ~\/.aws\/credentials \(did you mean 'ops-sg'\?\)/);
  });

  test("the profile's credentials sign the requests", async () => {
    const seen: string[] = [];
    const server = await recordingServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ channels: [] }));
    });
    try {
      writeFileSync(join(dir, "config"), "[profile ops-sg]\nregion = ap-southeast-1\n");
      writeFileSync(join(dir, "credentials"), "[ops-sg]\naws_access_key_id = AKIAPROFILEOPSSG0000\naws_secret_access_key = profile-secret\n");
      const r = await runOps(["channels", "list", "--pool", "dev", "--profile", "ops-sg"], {
        HOME: dir,
        AWS_CONFIG_FILE: join(dir, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
        AWS_ENDPOINT_URL_MEDIALIVE: server.url,
      });
      expect(r.code).toBe(ExitCode.Ok);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((h) => h.includes("Credential=AKIAPROFILEOPSSG0000/") && h.includes("/ap-southeast-1/medialive/"))).toBe(true);
    } finally {
      await server.close();
    }
  });

  test("expired credentials: exit 3 with a hint to log in again", async () => {
    // What MediaLive answers to a request signed with expired session credentials.
    const server = await recordingServer((_req, res) => {
      res.writeHead(403, { "content-type": "application/json", "x-amzn-errortype": "ExpiredTokenException" });
      res.end(JSON.stringify({ message: "The security token included in the request is expired" }));
    });
    try {
      const r = await runOps(["channels", "start", "1234567", "--region", "ap-southeast-1"], {
        ...bareEnv(),
        AWS_ACCESS_KEY_ID: "ASIAEXPIRED000000000",
        AWS_SECRET_ACCESS_KEY: "x",
        AWS_SESSION_TOKEN: "expired",
        AWS_ENDPOINT_URL_MEDIALIVE: server.url,
      });
      expect(r.code).toBe(ExitCode.Remote);
      expect(r.stderr).toMatch(/ExpiredTokenException/);
      expect(r.stderr).toMatch(/hint: your AWS credentials have expired: run `aws sso login`/);
    } finally {
      await server.close();
    }
  });
});

async function recordingServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("messages cite no file outside the repository and no absolute dist/ path", async () => {
  const { readdirSync, statSync } = await import("node:fs");
  const sources: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".test.ts")) sources.push(p);
    }
  };
  walk(__dirname);
  const offending = sources.filter((p) => /NOTES\.md|shared\/seed|\.\.\/shared\//.test(readFileSync(p, "utf8")));
  expect(offending).toEqual([]);
  // The price source printed with every cost is a path in the project, not an absolute dist/ path.
  const plan = await runOps(["sessions", "plan", "--schedule", writeSchedule(), "--pool-size", "1", "--json"], bareEnv());
  expect(JSON.parse(plan.stdout).priceSource).toMatch(/^cost-model\/catalogs\/ap-southeast-1\.json version \d{4}-\d{2}-\d{2}\.\d+$/);
});

function writeSchedule(): string {
  const p = join(dir, "one.csv");
  writeFileSync(p, "a,2026-05-01T18:00+08:00,2026-05-01T19:00+08:00\n");
  return p;
}
