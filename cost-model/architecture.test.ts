import { architectureProjection, billedChannelMinutes, loadTasks, MissingPriceError, MonthMeter, spotTasks } from "./architecture";
import { BUILT_IN_CATALOGS } from "./catalogs";
import type { UnitPriceCatalog } from "./catalog-types";
import { parseCatalog } from "./catalog";
import { tieredCost } from "./egress";
import { deploymentFromScenario, floorHours } from "./deployment";
import { DEFAULT_SCENARIO, withOverrides, type Scenario } from "./scenario-defaults";
import { pricedItems } from "../cli/commands/pricing-items";

const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;
type P = ReturnType<typeof architectureProjection>;
const item = (p: P, month: number, name: string) => {
  const found = p.months[month - 1].items.find((i) => i.item.startsWith(name));
  if (!found) throw new Error(`no line ${name}`);
  return found;
};
const cents = (v: number) => Math.round(v * 100);

describe("architecture model", () => {
  const p = architectureProjection(DEFAULT_SCENARIO, catalog);

  it("the built-in catalog is valid, and every price says where it comes from", () => {
    expect(parseCatalog(catalog)).toEqual(catalog);
    for (const [key, price] of Object.entries(catalog.prices)) {
      expect([key, price.date]).toEqual([key, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
      expect([key, price.provenance]).toEqual([key, expect.stringMatching(/^(published-page|estimate|stand-in|price-list-api)$/)]);
      if (price.provenance === "published-page") expect([key, price.url]).toEqual([key, expect.stringMatching(/^https:\/\/aws\.amazon\.com\//)]);
    }
    expect(catalog.prices["medialive.output.hd"]).toMatchObject({ region: "us-east-1", provenance: "stand-in" });
    // ops pricing refresh can rebuild every price the model uses, and nothing else.
    expect(pricedItems("ap-southeast-1").map((i) => i.key).sort()).toEqual(Object.keys(catalog.prices).sort());
  });

  it("adds every month up in cents, with low <= expected <= high on every line", () => {
    for (const m of p.months) {
      expect(m.items.reduce((a, i) => a + cents(i.usd), 0)).toBe(cents(m.totalUsd));
      expect(m.items.reduce((a, i) => a + cents(i.range.lowUsd), 0)).toBe(cents(m.range.lowUsd));
      expect(m.items.reduce((a, i) => a + cents(i.range.highUsd), 0)).toBe(cents(m.range.highUsd));
      for (const i of m.items) {
        expect(i.range.lowUsd).toBeLessThanOrEqual(i.usd);
        expect(i.usd).toBeLessThanOrEqual(i.range.highUsd);
        expect(i.fixedUsd ?? 0).toBeLessThanOrEqual(i.usd);
      }
      expect(cents(m.fixedUsd ?? 0) + cents(m.variableUsd ?? 0)).toBe(cents(m.totalUsd));
    }
    expect(p.quarters.reduce((a, q) => a + cents(q.totalUsd), 0)).toBe(cents(p.totalUsd));
  });

  it("prices viewer egress for the expected viewing, the design's upper bound as the high case, after CloudFront's free 1 TB", () => {
    // 10,000 DAU x 8 sessions x 2 h x 75 % watched x 100 % attending = 120,000 viewer-hours,
    // at 70 % 720p (1.5 GB/h) + 20 % 540p (0.9246) + 10 % 360p (0.445).
    const gb = 120_000 * (0.7 * 1.5 + 0.2 * 0.9246 + 0.1 * 0.445);
    const egress = item(p, 1, "CloudFront viewer egress");
    expect(egress.usage?.quantity).toBeCloseTo(gb, 1);
    const tiers = catalog.prices["cloudfront.egress"].tiers ?? [];
    expect(egress.usd).toBe(Math.round((tieredCost(gb, tiers) - 1024 * 0.12) * 100) / 100);
    expect(egress.usd).toBe(14_923.31);
    // High case: every user watches all of every session at 720p: 240,000 GB.
    expect(egress.range.highUsd).toBe(Math.round((1228.8 + 4096 + 9728 + (240_000 - 153_600) * 0.09 - 122.88) * 100) / 100);
    expect(p.months[0].viewerHours).toBe(120_000);
    expect(p.months[0].costPerViewerHourUsd).toBe(Math.round((p.months[0].totalUsd / 120_000) * 10_000) / 10_000);
    expect(p.months[0].costPerDauUsd).toBe(Math.round((p.months[0].totalUsd / 10_000) * 10_000) / 10_000);
  });

  it("bills MediaLive per minute, every encode of every output group, both pipelines of a standard channel, and idle channels and inputs", () => {
    expect(billedChannelMinutes(2, 10, 5, 10)).toBe(135);
    expect(billedChannelMinutes(0.05, 0, 0, 10)).toBe(10);
    expect(billedChannelMinutes(0.5, 0.2, 0, 10)).toBe(31);
    // prod as deployed: 4 single-pipeline channels x 8 broadcasts x 135 min = 72 pipeline-hours at 0.234 (HD input) + 2 x 0.882 (HD) + 4 x 0.441 (SD).
    expect(DEFAULT_SCENARIO.channel.class).toBe("SINGLE_PIPELINE");
    const onAir = item(p, 1, "MediaLive channels on air");
    expect(onAir.usage).toEqual({ quantity: 72, unit: "pipeline-hours" });
    expect(onAir.usd).toBe(Math.round(72 * (0.234 + 2 * 0.882 + 4 * 0.441) * 100) / 100);
    // Idle the rest of the month: 4 x (730 - 18) channel-hours and as many push-input hours, 0.01 each.
    expect(item(p, 1, "MediaLive idle").usd).toBe(Math.round(2 * 4 * (730 - 18) * 0.01 * 100) / 100);
    const standard = architectureProjection({ ...DEFAULT_SCENARIO, channel: { ...DEFAULT_SCENARIO.channel, class: "STANDARD" } }, catalog);
    expect(item(standard, 1, "MediaLive channels on air").usage).toEqual({ quantity: 144, unit: "pipeline-hours" });
    expect(item(standard, 1, "MediaLive channels on air").usd).toBe(Math.round(144 * (0.234 + 2 * 0.882 + 4 * 0.441) * 100) / 100);
  });

  it("originates nothing from MediaPackage when CloudFront reads live video from S3, and prices cache fills when it does not", () => {
    expect(p.months[0].items.some((i) => i.item.startsWith("MediaPackage origination"))).toBe(false);
    const d = { ...deploymentFromScenario(DEFAULT_SCENARIO), cdnOriginatesFromMediaPackage: true };
    const viaMp = architectureProjection(DEFAULT_SCENARIO, catalog, { deployment: d });
    expect(item(viaMp, 1, "MediaPackage origination").usage?.quantity).toBeCloseTo(153_530.4 * 0.01, 1);
  });

  it("holds each service's floors by time of day and adds tasks only where the load needs them", () => {
    const d = deploymentFromScenario(DEFAULT_SCENARIO);
    expect(Object.fromEntries(floorHours(d.services[0].floorSchedule))).toEqual({ 1: 21.75, 3: 2.25 });
    // 3 tasks for 2.25 h, 1 task for 21.75 h, over 730 / 24 days.
    expect(item(p, 1, "Fargate mentee").usage?.quantity).toBeCloseTo(((3 * 2.25 + 21.75) * 730) / 24, 1);
    expect(item(p, 1, "Fargate mentee").fixedUsd).toBe(item(p, 1, "Fargate mentee").usd);
    expect(loadTasks(23.3, 0.4, 50)).toBe(1);
    expect(loadTasks(1000, 0.4, 50)).toBe(8);
    const big = architectureProjection(withOverrides(DEFAULT_SCENARIO, { dau: 200_000, months: 1 }), catalog);
    expect(item(big, 1, "Fargate mentee").usage?.quantity).toBeGreaterThan(item(p, 1, "Fargate mentee").usage?.quantity ?? 0);
    expect(item(big, 1, "Fargate mentee").fixedUsd).toBeLessThan(item(big, 1, "Fargate mentee").usd);
  });

  it("splits tasks over Fargate and Fargate Spot as ECS places them", () => {
    expect(spotTasks(3, [{ provider: "FARGATE_SPOT", weight: 1, base: 0 }])).toBe(3);
    expect(spotTasks(3, [{ provider: "FARGATE", weight: 1, base: 1 }, { provider: "FARGATE_SPOT", weight: 1, base: 0 }])).toBe(1);
    expect(spotTasks(2, [{ provider: "FARGATE", weight: 1, base: 0 }])).toBe(0);
    const spot: Scenario = { ...DEFAULT_SCENARIO, services: { ...DEFAULT_SCENARIO.services, mentee: { ...DEFAULT_SCENARIO.services.mentee, spotShare: 1 } } };
    const s = architectureProjection(spot, catalog);
    expect(item(s, 1, "Fargate mentee").usd).toBeLessThan(item(p, 1, "Fargate mentee").usd * 0.35);
    expect(item(s, 1, "Fargate mentee").priceKeys).toEqual(expect.arrayContaining(["fargate-spot.x86.vcpu"]));
  });

  it("runs the reconcile task every minute, each run billed at least a minute", () => {
    const task = item(p, 1, "Fargate scheduled task ops-reconcile");
    expect(task.usage?.quantity).toBe(730);
    expect(task.usd).toBe(Math.round(730 * (0.25 * 0.05056 + 0.5 * 0.00553) * 100) / 100);
    // 43,800 Scheduler invocations stay inside the 14 million free a month.
    expect(item(p, 1, "EventBridge Scheduler").usd).toBe(0);
  });

  it("prices public IPv4 addresses and does not bill alias queries", () => {
    expect(item(p, 1, "Public IPv4 addresses").usd).toBe(Math.round(6 * 730 * 0.005 * 100) / 100);
    expect(item(p, 1, "Route 53 queries").usd).toBe(0);
    const cname = architectureProjection({ ...DEFAULT_SCENARIO, dns: { ...DEFAULT_SCENARIO.dns, aliasQueryShare: 0 } }, catalog);
    expect(item(cname, 1, "Route 53 queries").usage?.quantity).toBeCloseTo(10_000 * 10 * (730 / 24), 1);
  });

  it("shares an always-free allowance across the lines of a month", () => {
    const meter = new MonthMeter(catalog);
    expect(meter.cost("lambda.requests", 600_000)).toBe(0);
    expect(meter.cost("lambda.requests", 600_000)).toBeCloseTo(0.2 * 0.2, 10);
    expect(new MonthMeter(catalog).cost("lambda.requests", 600_000)).toBe(0);
  });

  it("prices calendar months with their own hours", () => {
    const feb = architectureProjection(withOverrides(DEFAULT_SCENARIO, { startMonth: "2027-02", months: 2 }), catalog);
    expect(feb.months.map((m) => [m.label, m.hours])).toEqual([["2027-02", 672], ["2027-03", 744]]);
    expect(item(feb, 1, "Application Load Balancer hours").usage?.quantity).toBe(672);
    expect(feb.quarters[0].label).toBe("Q1 (Feb-Mar 2027)");
  });

  it("lists every price it used with its provenance, and the assumptions", () => {
    for (const m of p.months) for (const i of m.items) for (const k of i.priceKeys ?? []) expect(p.prices[k]).toBeDefined();
    expect(p.prices["cloudfront.egress"]).toMatchObject({ provenance: "published-page", label: "page 2026-12-02", freePerMonth: 1024 });
    expect(p.prices["medialive.input.hd"].label).toBe("us-east-1 stand-in");
    expect(p.assumptions.find((a) => a.id === "video.watchThrough")).toMatchObject({ value: "75 %", low: "50 %", high: "100 %" });
    expect(p.findings.map((f) => f.id)).toEqual(expect.arrayContaining(["architecture.egress-dominates", "pricing.unverified"]));
  });

  it("scales with DAU and horizon", () => {
    const long = architectureProjection(withOverrides(DEFAULT_SCENARIO, { months: 30, monthlyGrowth: 0.03, dau: 50_000 }), catalog);
    expect(long.months).toHaveLength(30);
    expect(long.quarters).toHaveLength(10);
    expect(long.months[29].dau).toBe(Math.round(50_000 * 1.03 ** 29));
    expect(long.months[29].totalUsd).toBeGreaterThan(long.months[0].totalUsd);
  });

  it("names a missing price", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, database: { ...DEFAULT_SCENARIO.database, instanceClass: "db.r7g.4xlarge" } };
    expect(() => architectureProjection(s, catalog)).toThrow(MissingPriceError);
    expect(() => architectureProjection(s, catalog)).toThrow(/aurora\.db\.r7g\.4xlarge/);
  });

  it("prices tiers cumulatively", () => {
    const tiers = [{ upTo: 10, usd: 2 }, { upTo: 20, usd: 1 }, { upTo: null, usd: 0.5 }];
    expect(tieredCost(5, tiers)).toBe(10);
    expect(tieredCost(15, tiers)).toBe(25);
    expect(tieredCost(30, tiers)).toBe(35);
  });
});
