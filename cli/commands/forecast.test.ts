import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode, UsageError } from "../errors";
import { buildForecast } from "./forecast";
import { builtEntry } from "../../test/support/built";

function ops(args: string[]) {
  return spawnSync(process.execPath, [builtEntry("cli/main.js"), ...args], { encoding: "utf8" });
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
    [{ growth: -1 }, /--growth/],
    [{ growth: -1.5 }, /--growth/],
    [{ months: 0 }, /--months/],
    [{ months: 121 }, /--months/],
    [{ format: "pdf" }, /--format/],
    [{ scenario: "nope" }, /--scenario 'nope'/],
    [{ scenario: "seed", pricing: "ap-southeast-1" }, /seed model needs line prices/],
  ])("refuses %j", async (opts, message) => {
    const error = await buildForecast(opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("ops forecast (compiled CLI)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "ops-forecast-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the seed table", () => {
    const r = ops(["forecast", "--scenario", "seed"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("19,450.60");
    expect(r.stdout).toContain("Total over 12 months: 350,011.29 USD");
  });

  it("writes json atomically to --out", () => {
    const out = join(dir, "f.json");
    const r = ops(["forecast", "--dau", "20000", "--growth", "0.05", "--months", "18", "--format", "json", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.months).toHaveLength(18);
    expect(doc.months[0].dau).toBe(20_000);
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });

  it("reads a YAML scenario", () => {
    const file = join(dir, "s.yaml");
    writeFileSync(file, "name: bigger\nusers:\n  dau: 40000\nchannel:\n  class: STANDARD\n");
    const r = ops(["forecast", "--scenario", file, "--format", "csv"]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\r\n")[1]).toMatch(/^1,1,40000,/);
  });

  it.each([
    [["forecast", "--dau", "-5"], "--dau"],
    [["forecast", "--growth", "-1"], "--growth"],
    [["forecast", "--months", "0"], "--months"],
    [["forecast", "--months", "121"], "--months"],
    [["forecast", "--months", "twelve"], "--months"],
  ])("%j exits 2 naming %s and writes nothing", (args, flag) => {
    const out = join(dir, "report.html");
    const r = ops([...args, "--format", "html", "--out", out]);
    expect(r.status).toBe(ExitCode.Usage);
    expect(r.stderr).toContain(flag);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("names the bad field of a malformed scenario and of a malformed catalog", () => {
    const scenario = join(dir, "bad.json");
    writeFileSync(scenario, JSON.stringify({ cdn: { cacheHitRatio: 2 } }));
    const r = ops(["forecast", "--scenario", scenario, "--out", join(dir, "x.md")]);
    expect(r.status).toBe(ExitCode.Usage);
    expect(r.stderr).toContain("cdn.cacheHitRatio");

    const catalog = join(dir, "cat.json");
    const good = JSON.parse(readFileSync(join(__dirname, "..", "..", "cost-model", "catalogs", "ap-southeast-1.json"), "utf8"));
    good.prices["alb.hour"].usd = -1;
    writeFileSync(catalog, JSON.stringify(good));
    const c = ops(["forecast", "--pricing", catalog, "--out", join(dir, "x.md")]);
    expect(c.status).toBe(ExitCode.Usage);
    expect(c.stderr).toContain("prices.alb.hour.usd");

    writeFileSync(scenario, "{ not json");
    expect(ops(["forecast", "--scenario", scenario]).stderr).toMatch(/not valid JSON/);
    expect(readdirSync(dir).sort()).toEqual(["bad.json", "cat.json"]);
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

describe("--environment", () => {
  test("sizes the architecture scenario to the environment's config", async () => {
    const dev = await buildForecast({ environment: "dev", months: 3 });
    const prod = await buildForecast({ environment: "prod", months: 3 });
    expect(dev.scenario.name).toBe("livestream-dev");
    expect(prod.scenario.name).toBe("livestream-prod");
    expect(dev.months).toHaveLength(3);
    // prod runs Multi-AZ databases, a NAT per AZ and more users: it must cost more than dev.
    expect(prod.totalUsd).toBeGreaterThan(dev.totalUsd);
  });

  test("an unknown environment or a combination with --scenario is a usage error", async () => {
    await expect(buildForecast({ environment: "qa" })).rejects.toThrow(/--environment qa: no configuration for environment 'qa'/);
    await expect(buildForecast({ environment: "dev", scenario: "seed" })).rejects.toThrow(/cannot be combined/);
  });
});
