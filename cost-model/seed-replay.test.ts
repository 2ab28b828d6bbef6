import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } from "./catalogs";
import type { LineItemCatalog } from "./catalog-types";
import { parseCatalog } from "./catalog";
import { SEED_SCENARIO, withOverrides } from "./scenario-defaults";
import { seedReplay } from "./seed-replay";

const seed = BUILT_IN_CATALOGS.seed as LineItemCatalog;

describe("seed replay", () => {
  it("holds the 18 lines of cost-estimation.csv", () => {
    const csv = readFileSync(join(__dirname, "seed", "cost-estimation.csv"), "utf8").trim().split("\n").slice(1);
    expect(seed.items).toHaveLength(18);
    csv.forEach((line, i) => {
      const [no, item, usd] = line.split(",");
      expect(seed.items[i]).toMatchObject({ no: Number(no), item, monthlyUsd: Number(usd) });
    });
    expect(parseCatalog(seed)).toEqual(seed);
  });

  it("reproduces the sheet to the cent", () => {
    const p = seedReplay(SEED_SCENARIO, seed, DEFAULT_UNIT_CATALOG);
    const totals = p.months.map((m) => m.totalUsd);
    expect(totals.slice(0, 3)).toEqual([19_450.6, 19_450.6, 19_450.6]);
    expect(totals.slice(3, 6)).toEqual([19_483.77, 19_483.77, 19_483.77]);
    expect(totals.slice(6)).toEqual(Array(6).fill(38_868.03));
    expect(p.totalUsd).toBe(350_011.29);
    expect(p.quarters.map((q) => q.totalUsd)).toEqual([58_351.8, 58_451.31, 116_604.09, 116_604.09]);
    expect(p.quarters[1].scaleFactors["My Mentor Service (PAU)"]).toBe(4);
  });

  it("reports that the sheet prices Q4 with Q3's factors", () => {
    const p = seedReplay(SEED_SCENARIO, seed, DEFAULT_UNIT_CATALOG);
    const f = p.findings.find((x) => x.id === "seed.q4-priced-with-q3-factors");
    expect(f?.values).toEqual({ sheetTotalUsd: 350_011.29, correctedTotalUsd: 350_210.31, differenceUsd: 199.02 });
    const corrected = seedReplay(SEED_SCENARIO, seed, DEFAULT_UNIT_CATALOG, { sheetQ4UsesQ3: false });
    expect(corrected.totalUsd).toBe(350_210.31);
    expect(corrected.months[9].items.find((i) => i.item === "My Mentee Service (PAU)")?.scaleFactor).toBe(7);
  });

  it("uses the formula's factors for every quarter of other scenarios", () => {
    const p = seedReplay(withOverrides(SEED_SCENARIO, { months: 24, dau: 5_000 }), seed, DEFAULT_UNIT_CATALOG);
    expect(p.months).toHaveLength(24);
    expect(p.quarters).toHaveLength(8);
    expect(p.quarters[3].scaleFactors["My Mentor Service (PAU)"]).toBe(7);
    expect(p.quarters[7].scaleFactors["My Mentor Service (PAU)"]).toBe(Math.round(3 * 1.1 ** 21));
    expect(p.quarters[7].scaleFactors["Route 53"]).toBe(Math.round(1.1 ** 21));
    expect(p.findings.some((f) => f.id === "seed.q4-priced-with-q3-factors")).toBe(false);
    const cents = p.months.reduce((a, m) => a + Math.round(m.totalUsd * 100), 0);
    expect(Math.round(p.totalUsd * 100)).toBe(cents);
  });

  it("shows the sheet's month 1 below the egress floor", () => {
    const p = seedReplay(SEED_SCENARIO, seed, DEFAULT_UNIT_CATALOG);
    // 240,000 GB at the Asia Pacific tiers: 10 TB x 0.12 + 40 TB x 0.10 + 100 TB x 0.095 + rest x 0.09.
    expect(p.months[0].egressFloorUsd).toBe(22_828.8);
    expect(p.findings.map((f) => f.id)).toEqual(expect.arrayContaining(["seed.below-egress-floor", "seed.rps-understated", "seed.viewer-egress-booked-as-origination"]));
  });
});
