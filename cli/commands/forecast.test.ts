import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { LivestreamStack } from "../../stacks/livestream-stack";
import { ExitCode, UsageError } from "../errors";
import { buildForecast } from "./forecast";
import { builtEntry } from "../../test/support/built";
import { runOps } from "../../test/support/ops-cli";

const CONFIG_DIR = join(__dirname, "..", "..", "config", "environments");

/** The built CLI in a child process, with this process's environment plus `env`. */
const ops = (args: string[], env: NodeJS.ProcessEnv = {}) => runOps(args, { ...process.env, ...env });

/** A cdktf.out-like folder holding one synthesized stack, as `npm run synth` writes it. */
function writeSynth(root: string, config: EnvironmentConfig): string {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${config.name}`, { config, offline: true });
  const dir = join(root, "stacks", `livestream-${config.name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "cdk.tf.json"), Testing.synth(stack));
  return root;
}

describe("buildForecast", () => {
  it("replays the seed with overrides applied", async () => {
    const p = await buildForecast({ scenario: "seed" });
    expect(p.totalUsd).toBe(350_011.29);
    const q = await buildForecast({ scenario: "seed", months: 15, dau: 20_000, growth: 0.05 });
    expect(q.months).toHaveLength(15);
    expect(q.months[14].dau).toBe(Math.round(20_000 * 1.05 ** 14));
  });

  it.each([
    [{ dau: -1 }, /--dau/],
    [{ dau: 10.5 }, /--dau must be a whole number of users/],
    [{ dau: 1e12 }, /--dau 1000000000000 is more than 1,000,000,000/],
    [{ growth: -1 }, /--growth/],
    [{ growth: 1000 }, /--growth 1000 is \+100000 % a month/],
    [{ months: 0 }, /--months/],
    [{ months: 121 }, /--months/],
    [{ dau: 100_000_000, growth: 0.5, months: 120 }, /reaches .* DAU in month 120/],
    [{ start: "2027-13" }, /--start must be a calendar month/],
    [{ format: "pdf" }, /--format/],
    [{ json: true, format: "csv" }, /--json and --format csv disagree/],
    [{ scenario: "nope" }, /--scenario 'nope'/],
    [{ scenario: "seed", pricing: "ap-southeast-1" }, /seed model needs line prices/],
    [{ synthDir: "/tmp" }, /--synth-dir needs --environment/],
    [{ environment: "qa" }, /--environment qa: no configuration for environment 'qa'/],
    [{ environment: "dev", scenario: "seed" }, /--scenario seed replays the design's table/],
  ])("refuses %j", async (opts, message) => {
    const error = await buildForecast(opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });

  it("warns about unusual growth and DAU in the report", async () => {
    const p = await buildForecast({ growth: 0.5, dau: 20_000_000, months: 3, stderr: { write: () => true } as unknown as NodeJS.WritableStream });
    expect(p.findings.map((f) => f.id)).toEqual(expect.arrayContaining(["input.growth-unusual", "input.dau-beyond-list-prices"]));
  });

  it("--environment synthesizes the stack now and prices what it deploys with the environment's budget usage and start month", async () => {
    let stderr = "";
    const dev = await buildForecast({ environment: "dev", months: 3, stderr: { write: (t: string) => ((stderr += t), true) } as unknown as NodeJS.WritableStream });
    expect(stderr).toMatch(/^synthesized livestream-dev from the working tree in \d+\.\d s\n$/);
    expect(dev.scenario).toMatchObject({ name: "livestream-dev", startMonth: "2027-01", users: { dau: 200, monthlyGrowth: 0.1 } });
    expect(dev.deployment?.source).toEqual({ kind: "synth", stack: "livestream-dev", file: "synthesized now from config/environments/dev.json" });
    expect(dev.months.map((m) => m.label)).toEqual(["2027-01", "2027-02", "2027-03"]);
    expect(dev.pricing.region).toBe("ap-southeast-1");
  });

  it("refuses to price an environment in a region without a catalog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-forecast-config-"));
    try {
      const dev = JSON.parse(readFileSync(join(CONFIG_DIR, "dev.json"), "utf8"));
      writeFileSync(join(dir, "dev.json"), JSON.stringify({ ...dev, region: "us-west-2" }));
      const error = await buildForecast({ environment: "dev", configDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain("deploys to us-west-2, and there is no price catalog for us-west-2");
      expect((error as UsageError).hint).toContain("ops pricing refresh --region us-west-2");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ops forecast (compiled CLI)", () => {
  let dir: string;
  let base: string;
  let bigger: string;
  let slowLoop: string;
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), "ops-forecast-synth-"));
    base = writeSynth(join(root, "base"), loadEnvironment("dev"));
    const late = structuredClone(loadEnvironment("dev"));
    late.reconcile.lead = "30m";
    late.reconcile.grace = "30m";
    slowLoop = writeSynth(join(root, "slow-loop"), late);
    const c = structuredClone(loadEnvironment("dev"));
    c.media.channelCount = 3;
    c.media.channelClass = "STANDARD";
    bigger = writeSynth(join(root, "bigger"), c);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "ops-forecast-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the seed table", async () => {
    const r = await ops(["forecast", "--scenario", "seed"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("19,450.60");
    expect(r.stdout).toContain("Total over 12 months: 350,011.29 USD");
  });

  it("writes json atomically to --out and says so on stderr; --json is --format json", async () => {
    const out = join(dir, "f.json");
    const r = await ops(["forecast", "--dau", "20000", "--growth", "0.05", "--months", "18", "--format", "json", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^wrote the json forecast \(18 months, [\d.]+ USD expected\) to .*f\.json\n$/);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.months).toHaveLength(18);
    expect(doc.months[0].dau).toBe(20_000);
    expect(readdirSync(dir)).toEqual(["f.json"]);
    const viaJson = await ops(["forecast", "--dau", "20000", "--growth", "0.05", "--months", "18", "--json"]);
    expect(JSON.parse(viaJson.stdout)).toEqual(doc);
  });

  it("reads a YAML scenario and labels calendar months with --start", async () => {
    const file = join(dir, "s.yaml");
    writeFileSync(file, "name: bigger\nusers:\n  dau: 40000\nchannel:\n  class: SINGLE_PIPELINE\n");
    const r = await ops(["forecast", "--scenario", file, "--start", "2027-02", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\r\n")[1]).toMatch(/^item,1,2027-02,1,40000,/);
  });

  it.each([
    [["forecast", "--dau", "-5"], "--dau"],
    [["forecast", "--dau", "1e12"], "--dau expects a whole decimal number"],
    [["forecast", "--dau", "0x10"], "--dau expects a whole decimal number"],
    [["forecast", "--dau", "10.5"], "--dau expects a whole decimal number"],
    [["forecast", "--dau", "2000000000"], "--dau 2000000000 is more than"],
    [["forecast", "--growth", "-1"], "--growth"],
    [["forecast", "--growth", "1000"], "--growth 1000 is +100000 % a month"],
    [["forecast", "--growth", "0x1"], "--growth expects a decimal fraction"],
    [["forecast", "--growth", "1e-1"], "--growth expects a decimal fraction"],
    [["forecast", "--growth", "10%"], "--growth expects a decimal fraction"],
    [["forecast", "--months", "0"], "--months"],
    [["forecast", "--months", "121"], "--months"],
    [["forecast", "--months", "twelve"], "--months"],
    [["forecast", "--start", "Jan 2027"], "--start"],
  ])("%j exits 2 naming %s and writes nothing", async (args, message) => {
    const out = join(dir, "report.html");
    const r = await ops([...args, "--format", "html", "--out", out]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("warns on stderr about unusual inputs and still answers", async () => {
    const r = await ops(["forecast", "--growth", "0.5", "--months", "3", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: Growth of 50 % a month compounds to 129.7x a year");
    expect(JSON.parse(r.stdout).findings[0].id).toBe("input.growth-unusual");
  });

  it("names the bad fields of a malformed scenario, guessing what a typo meant, and of a malformed catalog", async () => {
    const scenario = join(dir, "bad.json");
    writeFileSync(scenario, JSON.stringify({ cdn: { cacheHitRatio: 2 }, vidoe: { watchThrough: 0.5 } }));
    const r = await ops(["forecast", "--scenario", scenario, "--out", join(dir, "x.md")]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain("cdn.cacheHitRatio");
    expect(r.stderr).toContain("unknown field 'vidoe' (did you mean 'video'?)");

    const catalog = join(dir, "cat.json");
    const good = JSON.parse(readFileSync(join(__dirname, "..", "..", "cost-model", "catalogs", "ap-southeast-1.json"), "utf8"));
    good.prices["alb.hour"].usd = -1;
    writeFileSync(catalog, JSON.stringify(good));
    const c = await ops(["forecast", "--pricing", catalog, "--out", join(dir, "x.md")]);
    expect(c.code).toBe(ExitCode.Usage);
    expect(c.stderr).toContain("prices.alb.hour.usd");

    writeFileSync(scenario, "{ not json");
    expect((await ops(["forecast", "--scenario", scenario])).stderr).toMatch(/not valid JSON/);
    expect(readdirSync(dir).sort()).toEqual(["bad.json", "cat.json"]);
  });

  it("--environment --synth-dir prices the stack in that folder", async () => {
    const r = await ops(["forecast", "--environment", "dev", "--synth-dir", base, "--months", "2", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`read livestream-dev from ${join(base, "stacks", "livestream-dev", "cdk.tf.json")}`);
    const doc = JSON.parse(r.stdout);
    expect(doc.deployment.source.kind).toBe("synth");
    expect(doc.deployment.channels).toHaveLength(1);
    expect((await ops(["forecast", "--environment", "dev", "--synth-dir", dir])).stderr).toContain("no synthesized stack livestream-dev");
  });

  it("--environment with LIVESTREAM_CONFIG_DIR names the file it read in the header", async () => {
    writeFileSync(join(dir, "dev.json"), readFileSync(join(CONFIG_DIR, "dev.json")));
    const r = await ops(["forecast", "--environment", "dev", "--months", "1"], { LIVESTREAM_CONFIG_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Fixed-cost drivers read from the synthesized stack livestream-dev (synthesized now from ${join(dir, "dev.json")}).`);
    expect(r.stdout).not.toContain("config/environments/dev.json");
  });

  it("--environment bills each channel run with the lead and grace of the stack's reconcile task", async () => {
    const onAir = async (synth: string) => {
      const r = await ops(["forecast", "--environment", "dev", "--synth-dir", synth, "--months", "1", "--json"]);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      return { line: doc.months[0].items.find((i: { item: string }) => i.item === "MediaLive channels on air"), run: doc.assumptions.find((a: { id: string }) => a.id === "channel.run") };
    };
    // A 2-hour session: 120 + 10 + 5 = 135 billed minutes with the defaults, 120 + 30 + 30 = 180 with --lead 30m --grace 30m.
    const usual = await onAir(base);
    expect(usual.line.detail).toMatch(/8 broadcasts x 135 min \(10 min lead, 5 min grace\)$/);
    const late = await onAir(slowLoop);
    expect(late.line.detail).toMatch(/8 broadcasts x 180 min \(30 min lead, 30 min grace\)$/);
    expect(late.line.usage.quantity).toBeCloseTo((8 * 180) / 60, 6);
    expect(late.run).toMatchObject({ value: "30 min before + session + 30 min after, at least 10 min", basis: expect.stringMatching(/^the stack's reconcile task/) });
  });

  it("--compare prints per-line and monthly deltas between two configurations, against a report or a synth folder", async () => {
    const report = join(dir, "base.json");
    expect((await ops(["forecast", "--environment", "dev", "--synth-dir", base, "--format", "json", "--out", report])).code).toBe(0);
    const md = await ops(["forecast", "--environment", "dev", "--synth-dir", bigger, "--compare", report, "--format", "markdown"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^### Cost difference: livestream-dev\n/);
    expect(md.stdout).toMatch(/\*\*Month 1: \+[\d,.]+ USD\*\*/);
    const onAir = md.stdout.split("\n").find((l) => l.startsWith("| MediaLive channels on air |")) ?? "";
    expect(onAir).toMatch(/\| \+[\d,.]+ \| \+[\d,.]+ \| 1 x SINGLE_PIPELINE .* → 3 x STANDARD/);
    expect(md.stdout).toContain("| MediaLive idle channels and push inputs |");
    expect(md.stdout).not.toContain("| NAT gateways |");

    const json = JSON.parse((await ops(["forecast", "--environment", "dev", "--synth-dir", bigger, "--compare", report, "--json"])).stdout);
    expect(json.kind).toBe("livestream-cost-forecast-diff");
    expect(json.months).toHaveLength(12);
    const delta = json.lines.find((l: { item: string }) => l.item === "MediaLive channels on air");
    expect(delta.currentUsd).toBeCloseTo(delta.baselineUsd * 6, 1);
    expect(json.lines.reduce((a: number, l: { deltaUsd: number }) => a + Math.round(l.deltaUsd * 100), 0)).toBe(Math.round(json.month1DeltaUsd * 100));

    // The base branch's synth folder gives the same difference as the report written from it.
    const fromDir = JSON.parse((await ops(["forecast", "--environment", "dev", "--synth-dir", bigger, "--compare", base, "--json"])).stdout);
    expect(fromDir.totalDeltaUsd).toBe(json.totalDeltaUsd);
    const notReport = join(dir, "x.json");
    writeFileSync(notReport, JSON.stringify({ hello: 1 }));
    const bad = await ops(["forecast", "--compare", notReport]);
    expect(bad.code).toBe(ExitCode.Usage);
    expect(bad.stderr).toContain("not a forecast report");
  });

  it("ops capacity plan prints the changes to make each quarter, and JSON", async () => {
    const text = await ops(["capacity", "plan", "--environment", "prod", "--synth-dir", writeSynth(join(dir, "prod"), loadEnvironment("prod"))]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Capacity plan 'livestream-prod', 12 months (starting from livestream-prod as synthesized)");
    expect(text.stdout).toMatch(/media\.channelCount: 4 -> 6 {2}\(12,884 prime-time viewers at 2,500 a session; first raise the account's MediaLive Channels quota above 5 \(Service Quotas L-D1AFAF75\) and set media\.channelQuota/);
    const json = JSON.parse((await ops(["capacity", "plan", "--json", "--dau", "100000"])).stdout);
    expect(json.quarters).toHaveLength(4);
    expect(json.quarters[3].services[0]).toMatchObject({ name: "mentee", primeTimeMinTasks: 6 });
    expect((await ops(["capacity", "plan", "--dau", "0x10"])).code).toBe(ExitCode.Usage);
  });

  it("ops capacity plan --environment measures the pool against the environment's media.channelQuota", async () => {
    const config = JSON.parse(readFileSync(join(CONFIG_DIR, "prod.json"), "utf8"));
    config.media.channelQuota = 10;
    writeFileSync(join(dir, "prod.json"), JSON.stringify(config));
    const synth = writeSynth(join(dir, "synth"), loadEnvironment("prod"));
    const r = await ops(["capacity", "plan", "--environment", "prod", "--synth-dir", synth, "--json"], { LIVESTREAM_CONFIG_DIR: dir });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    // 4 -> 6 channels in the second quarter: within a quota of 10, so no quota increase is asked for.
    expect(plan.quarters[1].channels).toEqual({ needed: 6, planned: 6, quota: 10, quotaIncreaseNeeded: false });
    expect(plan.quarters[1].changes.find((c: { path: string }) => c.path === "media.channelCount").why).not.toMatch(/quota/);
  });

  it("ops capacity plan says when the load is beyond the database ladder, and what to do", async () => {
    const r = await ops(["capacity", "plan", "--dau", "5000000", "--json"]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.quarters[0].database).toMatchObject({ primaryClass: "db.r6g.2xlarge", ladderExceeded: true });
    expect(plan.warnings).toEqual([expect.stringMatching(/prime-time load \([\d,]+ RPS\) is beyond the database ladder's largest class \(db\.r6g\.2xlarge, 1,600 RPS\).*Load-test a larger class/)]);
    expect(r.stderr).toContain("warning: From Q1 the prime-time load");
    const text = await ops(["capacity", "plan", "--dau", "5000000"]);
    expect(text.stdout).toContain("db.r6g.2xlarge (ladder exceeded!)");
    expect(JSON.parse((await ops(["capacity", "plan", "--json"])).stdout).warnings).toEqual([]);
  });

  it("a scenario cannot put more channels on air than its pool holds; against a smaller stack it is a finding", async () => {
    const scenario = join(dir, "busy.json");
    writeFileSync(scenario, JSON.stringify({ channel: { concurrentChannels: 10, poolSize: 4 } }));
    const r = await ops(["forecast", "--scenario", scenario]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain("channel.concurrentChannels: 10 channels on air at once need a pool of at least 10, but channel.poolSize is 4");
    writeFileSync(scenario, JSON.stringify({ channel: { concurrentChannels: 10, poolSize: 10 } }));
    const env = await ops(["forecast", "--scenario", scenario, "--environment", "dev", "--synth-dir", base, "--months", "1", "--json"]);
    expect(env.code).toBe(0);
    expect(JSON.parse(env.stdout).findings.find((f: { id: string }) => f.id === "input.concurrent-channels-beyond-pool")?.message).toMatch(/puts 10 channels on air at once but livestream-dev has 1 channel: the forecast prices 1 on air/);
  });

  it("keeps --help free of zod and the SDK", () => {
    const r = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(builtEntry("cli/main.js"))}).main(["--help"]).then(() => { process.stderr.write("MODULES" + JSON.stringify(Object.keys(require.cache))); })`], { encoding: "utf8" });
    expect(r.stdout).toContain("forecast");
    const loaded: string[] = JSON.parse(r.stderr.slice(r.stderr.indexOf("MODULES") + 7));
    expect(loaded.some((m) => m.includes("commander"))).toBe(true);
    expect(loaded.some((m) => /node_modules[\\/](zod|@aws-sdk|yaml)[\\/]/.test(m))).toBe(false);
  });

  it("forecast --scenario seed does not load zod", () => {
    const r = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(builtEntry("cli/main.js"))}).main(["forecast","--scenario","seed","--format","json"]).then(() => { process.stderr.write("MODULES" + JSON.stringify(Object.keys(require.cache))); })`], { encoding: "utf8" });
    const loaded: string[] = JSON.parse(r.stderr.slice(r.stderr.indexOf("MODULES") + 7));
    expect(loaded.some((m) => m.includes("seed-replay"))).toBe(true);
    expect(loaded.some((m) => /node_modules[\\/]zod[\\/]/.test(m))).toBe(false);
  });
});

