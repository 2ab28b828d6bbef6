import { architectureProjection, billedChannelMinutes, MissingPriceError, tasksFor } from "./architecture";
import { BUILT_IN_CATALOGS } from "./catalogs";
import type { UnitPriceCatalog } from "./catalog-types";
import { parseCatalog } from "./catalog";
import { tieredCost } from "./egress";
import { DEFAULT_SCENARIO, withOverrides, type Scenario } from "./scenario-defaults";

const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;
const item = (p: ReturnType<typeof architectureProjection>, month: number, name: string) => p.months[month - 1].items.find((i) => i.item.startsWith(name));

describe("architecture scenario", () => {
  const p = architectureProjection(DEFAULT_SCENARIO, catalog);

  it("the built-in catalog is valid and dated", () => {
    expect(parseCatalog(catalog)).toEqual(catalog);
    for (const price of Object.values(catalog.prices)) expect(price.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.prices["medialive.output.hd"].region).toBe("us-east-1");
  });

  it("never costs less than its egress floor, and each month adds up", () => {
    for (const m of p.months) {
      expect(m.totalUsd).toBeGreaterThanOrEqual(m.egressFloorUsd);
      expect(Math.round(m.items.reduce((a, i) => a + i.usd, 0) * 100)).toBe(Math.round(m.totalUsd * 100));
    }
    expect(p.months[0].egressFloorUsd).toBe(22_828.8);
  });

  it("bills MediaLive per minute with the 10-minute minimum", () => {
    expect(billedChannelMinutes(2, 10, 5, 10)).toBe(135);
    expect(billedChannelMinutes(0.05, 0, 0, 10)).toBe(10);
    expect(billedChannelMinutes(1 / 120, 0, 0, 10)).toBe(10);
    expect(billedChannelMinutes(0.5, 0.2, 0, 10)).toBe(31);
    // 8 broadcasts x 135 min = 18 h at (0.234 + 0.882) USD.
    expect(item(p, 1, "MediaLive")?.usd).toBe(20.09);
    const std = architectureProjection({ ...DEFAULT_SCENARIO, channel: { ...DEFAULT_SCENARIO.channel, class: "STANDARD" } }, catalog);
    expect(item(std, 1, "MediaLive")?.usd).toBe(40.18);
  });

  it("originates only cache fills from MediaPackage and bills viewer egress on CloudFront", () => {
    expect(item(p, 1, "MediaPackage origination")?.usage?.quantity).toBe(2_400);
    expect(item(p, 1, "CloudFront egress")?.usd).toBe(22_828.8);
  });

  it("sizes Fargate from RPS, with the prime-time floor held from the lead", () => {
    const mentee = DEFAULT_SCENARIO.services.mentee;
    expect(tasksFor(23.3, mentee, 3)).toBe(3);
    expect(tasksFor(1000, mentee, 3)).toBe(8);
    // 3 tasks for 2.25 h, 1 task for 21.75 h, over 730/24 days.
    expect(item(p, 1, "Fargate mentee")?.usage?.quantity).toBeCloseTo(((3 * 2.25 + 21.75) * 730) / 24, 1);
    const big = architectureProjection(withOverrides(DEFAULT_SCENARIO, { dau: 1_000_000, months: 1 }), catalog);
    expect(item(big, 1, "Fargate mentee")?.usage?.quantity).toBeGreaterThan(item(p, 1, "Fargate mentee")?.usage?.quantity ?? 0);
  });

  it("accumulates recordings in S3 month over month, within the retention", () => {
    const gb = (q: ReturnType<typeof architectureProjection>, m: number) => item(q, m, "S3 recordings storage")?.usage?.quantity;
    expect(gb(p, 1)).toBe(24);
    expect(gb(p, 12)).toBe(288);
    const kept = architectureProjection({ ...DEFAULT_SCENARIO, recordings: { recordedShare: 1, retentionMonths: 3 } }, catalog);
    expect(gb(kept, 12)).toBe(72);
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
    expect(() => architectureProjection(s, catalog)).toThrow(/rds\.db\.r7g\.4xlarge/);
  });

  it("prices tiers cumulatively", () => {
    const tiers = [{ upTo: 10, usd: 2 }, { upTo: 20, usd: 1 }, { upTo: null, usd: 0.5 }];
    expect(tieredCost(5, tiers)).toBe(10);
    expect(tieredCost(15, tiers)).toBe(25);
    expect(tieredCost(30, tiers)).toBe(35);
  });
});
