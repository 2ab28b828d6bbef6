import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dauSeries } from "./growth";
import { impliedLoad, loadDifferences, rpsRow, seedLoad } from "./load";

const SEED = { primeShare: 0.8, primeHours: 2, backendRequestsPerUser: 21, cdnRequestsPerUser: 6 };

function readRpsCsv(): number[][] {
  const path = join(__dirname, "seed", "rps-estimation.csv");
  const text = readFileSync(path, "utf8").trim().split("\n");
  expect(text[0].trim()).toBe("month,npau_rps_backend,npau_rps_cloudfront,pau_rps_backend,pau_rps_cloudfront");
  return text.slice(1).map((l) => l.trim().split(",").map(Number));
}

describe("load", () => {
  it("seed mode reproduces rps-estimation.csv exactly", () => {
    const rows = readRpsCsv();
    const daus = dauSeries({ baseDau: 10_000, monthlyGrowth: 0.1, months: rows.length });
    const ours = daus.map((d, i) => {
      const r = rpsRow(i + 1, seedLoad(d, SEED));
      return [r.month, r.npauRpsBackend, r.npauRpsCloudfront, r.pauRpsBackend, r.pauRpsCloudfront];
    });
    expect(ours).toEqual(rows);
  });

  it("implied mode spreads each class's requests over its own window", () => {
    const l = impliedLoad(10_000, SEED);
    expect(l.prime.users).toBe(8_000);
    expect(l.prime.backendRps).toBeCloseTo((8_000 * 21) / 7_200, 10);
    expect(l.prime.backendRps).toBeCloseTo(23.33, 2);
    expect(l.nonPrime.backendRps).toBeCloseTo((2_000 * 21) / (22 * 3600), 10);
    expect(l.prime.cdnRps).toBeCloseTo((8_000 * 6) / 7_200, 10);
    // Twice the users: twice the load.
    expect(impliedLoad(20_000, SEED).prime.backendRps).toBeCloseTo(2 * l.prime.backendRps, 10);
  });

  it("reports where the sheet differs from its assumptions", () => {
    const diffs = loadDifferences([10_000], SEED);
    const prime = diffs.find((d) => d.column === "pauRpsBackend");
    expect(prime).toMatchObject({ month: 1, seed: 3, implied: 24 });
    expect(diffs.find((d) => d.column === "npauRpsBackend")).toBeUndefined();
  });

  it("refuses shares outside 0..1", () => {
    expect(() => impliedLoad(1, { ...SEED, primeShare: 1.2 })).toThrow(/primeShare/);
  });
});
