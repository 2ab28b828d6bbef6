import { runOps } from "../../test/support/ops-cli";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakePricingServer, type FakeProduct } from "../../test/fakes/pricing-server";
import { parseCatalog } from "../../cost-model/catalog";
import { ExitCode, OpsError } from "../errors";
import { pricedItems } from "./pricing-items";
import { pricingRefresh } from "./pricing-refresh";

/** One product per priced item, with a recognisable price; CloudFront egress tiered. */
function productsFor(region: string): FakeProduct[] {
  return pricedItems(region).map((item, i) => ({
    serviceCode: item.serviceCode,
    attributes: { ...item.filters, location: "Asia Pacific (Singapore)" },
    dimensions: item.tiered
      ? [
          { beginRange: 0, endRange: 10240, usd: 0.12, unit: "GB" },
          { beginRange: 10240, endRange: 51200, usd: 0.1, unit: "GB" },
          { beginRange: 51200, usd: 0.095, unit: "GB" },
        ]
      : [{ usd: (i + 1) / 1000 }],
  }));
}

const ENV = ["AWS_ENDPOINT_URL_PRICING", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED"] as const;

describe("ops pricing refresh (real SDK, local Price List API)", () => {
  const server = new FakePricingServer(productsFor("ap-southeast-1"), 1);
  const saved: Record<string, string | undefined> = {};
  let dir: string;

  beforeAll(async () => {
    const url = await server.start();
    for (const k of ENV) saved[k] = process.env[k];
    process.env.AWS_ENDPOINT_URL_PRICING = url;
    process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
    process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
    process.env.AWS_EC2_METADATA_DISABLED = "true";
  });
  afterAll(async () => {
    for (const k of ENV) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
    await server.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pricing-refresh-"));
    server.setProducts(productsFor("ap-southeast-1"));
    server.requests.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("builds a dated, valid catalog from GetProducts with TERM_MATCH filters", async () => {
    const out = join(dir, "ap-southeast-1.json");
    let printed = "";
    await pricingRefresh({ region: ["ap-southeast-1"], out, now: () => new Date("2026-11-23T10:00:00Z"), stdout: { write: (t: string) => ((printed += t), true) } as unknown as NodeJS.WritableStream });
    expect(printed).toBe(`wrote ${out}: ${pricedItems("ap-southeast-1").length} ap-southeast-1 prices from the Price List API (version 2026-11-23.api)\n`);
    const catalog = parseCatalog(JSON.parse(readFileSync(out, "utf8")));
    if (catalog.kind !== "unit-prices") throw new Error("expected unit prices");
    const items = pricedItems("ap-southeast-1");
    expect(Object.keys(catalog.prices).sort()).toEqual(items.map((i) => i.key).sort());
    expect(catalog.version).toBe("2026-11-23.api");
    const vcpu = catalog.prices["fargate.x86.vcpu"];
    expect(vcpu).toMatchObject({ usd: 0.001, unit: "vCPU-hour", region: "ap-southeast-1", date: "2026-11-23", provenance: "price-list-api" });
    // Always-free allowances are not in the Price List API: they come with the item.
    expect(catalog.prices["cloudfront.egress"].freePerMonth).toBe(1024);
    expect(vcpu.source).toContain("usagetype=APS1-Fargate-vCPU-Hours:perCPU");
    // Per-unit API prices become the catalog's quantity (10,000 requests).
    const idx = items.findIndex((i) => i.key === "cloudfront.https-requests");
    expect(catalog.prices["cloudfront.https-requests"].usd).toBeCloseTo(((idx + 1) / 1000) * 10_000, 6);
    expect(catalog.prices["cloudfront.egress"].tiers).toEqual([{ upTo: 10240, usd: 0.12 }, { upTo: 51200, usd: 0.1 }, { upTo: null, usd: 0.095 }]);

    const first = server.requests[0];
    expect(first.target).toBe("AWSPriceListService.GetProducts");
    expect(first.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\/\d{8}\/us-east-1\/pricing\/aws4_request/);
    expect(first.body).toMatchObject({ ServiceCode: "AmazonECS", FormatVersion: "aws_v1" });
    expect(first.body.Filters).toEqual(expect.arrayContaining([{ Type: "TERM_MATCH", Field: "usagetype", Value: "APS1-Fargate-vCPU-Hours:perCPU" }]));
  });

  it("follows NextToken across pages", async () => {
    const products = productsFor("ap-southeast-1");
    const vcpu = products[0];
    server.setProducts([...products, { ...vcpu, attributes: { ...vcpu.attributes, operation: "second" } }]);
    await pricingRefresh({ region: ["ap-southeast-1"], dryRun: true, stdout: { write: () => true } as unknown as NodeJS.WritableStream });
    const ecs = server.requests.filter((r) => r.body.ServiceCode === "AmazonECS" && r.body.Filters?.some((f) => f.Value === "APS1-Fargate-vCPU-Hours:perCPU"));
    expect(ecs.map((r) => r.body.NextToken)).toEqual([undefined, "page-1"]);
  });

  it("lists every missing item, exits 3 with them in the error's details, and leaves the existing catalog untouched", async () => {
    const out = join(dir, "ap-southeast-1.json");
    writeFileSync(out, "EXISTING");
    const gone = ["APS1-LCUUsage", "APS1-PublicIPv4:InUseAddress"];
    server.setProducts(productsFor("ap-southeast-1").filter((p) => !gone.includes(p.attributes.usagetype) && p.attributes.operation !== "INACTIVE_INPUT"));
    const error = await pricingRefresh({ region: ["ap-southeast-1"], out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpsError);
    expect((error as OpsError).exitCode).toBe(ExitCode.Remote);
    const message = (error as Error).message;
    expect(message).toContain("no product for 3 of");
    for (const key of ["alb.lcu", "vpc.public-ipv4", "medialive.idle-push-input"]) expect(message).toContain(` ${key}: no `);
    const details = (error as OpsError).details as { missing: { key: string; region: string }[] };
    expect(details.missing.map((m) => m.key)).toEqual(["alb.lcu", "vpc.public-ipv4", "medialive.idle-push-input"]);
    expect(readFileSync(out, "utf8")).toBe("EXISTING");
    expect(readdirSync(dir)).toEqual(["ap-southeast-1.json"]);
  });

  it("prints a JSON summary with --json", async () => {
    let printed = "";
    const out = join(dir, "c.json");
    await pricingRefresh({ region: ["ap-southeast-1"], out, json: true, now: () => new Date("2026-12-02T00:00:00Z"), stdout: { write: (t: string) => ((printed += t), true) } as unknown as NodeJS.WritableStream });
    expect(JSON.parse(printed)).toEqual({ written: [{ region: "ap-southeast-1", file: out, prices: pricedItems("ap-southeast-1").length, version: "2026-12-02.api" }], missing: [] });
  });

  it("through the compiled CLI: every missing item listed, exit 3, nothing written; --json summary on success", async () => {
    const run = (args: string[]) => runOps(args, { ...process.env });
    const out = join(dir, "catalog.json");
    server.setProducts(productsFor("ap-southeast-1").filter((p) => p.attributes.usagetype !== "APS1-NatGateway-Hours" && p.attributes.usagetype !== "APS1-KMS-Keys"));
    const failed = await run(["pricing", "refresh", "--out", out]);
    expect(failed.code).toBe(ExitCode.Remote);
    expect(failed.stderr).toContain("no product for 2 of");
    expect(failed.stderr).toMatch(/ap-southeast-1 nat\.hour: no AmazonEC2 product with regionCode=ap-southeast-1, usagetype=APS1-NatGateway-Hours/);
    expect(failed.stderr).toMatch(/ap-southeast-1 kms\.key: no awskms product/);
    expect(readdirSync(dir)).toEqual([]);
    server.setProducts(productsFor("ap-southeast-1"));
    const ok = await run(["pricing", "refresh", "--out", out, "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).written[0]).toMatchObject({ region: "ap-southeast-1", file: out, prices: pricedItems("ap-southeast-1").length });
  });

  it("maps an API error to a remote error", async () => {
    server.failWith({ status: 400, type: "AccessDeniedException", message: "not authorized to perform pricing:GetProducts" });
    const error = await pricingRefresh({ region: ["ap-southeast-1"], dryRun: true }).catch((e: unknown) => e);
    server.failWith(undefined);
    expect((error as OpsError).exitCode).toBe(ExitCode.Remote);
    expect((error as Error).message).toMatch(/'fargate\.x86\.vcpu'.*AccessDenied.*pricing:GetProducts/);
  });

  it("without credentials: exit 3, the hint names what this command reads (it has no --profile), no request sent", async () => {
    // The built CLI in a child process with no credentials anywhere the SDK looks (variables, files, instance metadata).
    const home = mkdtempSync(join(tmpdir(), "pricing-no-credentials-"));
    try {
      const env = { HOME: home, AWS_CONFIG_FILE: join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: join(home, "none"), AWS_ENDPOINT_URL_PRICING: process.env.AWS_ENDPOINT_URL_PRICING };
      const r = await runOps(["pricing", "refresh", "--dry-run", "--json"], env);
      expect(r.code).toBe(ExitCode.Remote);
      const error = JSON.parse(r.stdout).error;
      expect(error.message).toBe("no AWS credentials found for the Price List API (nothing was written)");
      expect(error.hint).toBe(
        "set AWS_PROFILE (run `aws sso login --profile <name>` first for an SSO profile) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, with pricing:GetProducts allowed; ops pricing refresh has no --profile flag",
      );
      expect(r.stdout).not.toMatch(/pass --profile/);
      const text = await runOps(["pricing", "refresh", "--dry-run"], env);
      expect(text.stderr).toMatch(/^hint: set AWS_PROFILE .* or AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY/m);
      expect(text.stderr).not.toMatch(/pass --profile/);
      expect(server.requests).toHaveLength(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("refuses an unknown region before calling AWS", async () => {
    await expect(pricingRefresh({ region: ["mars-north-1"], dryRun: true })).rejects.toThrow(/--region mars-north-1/);
    expect(server.requests).toHaveLength(0);
  });
});
