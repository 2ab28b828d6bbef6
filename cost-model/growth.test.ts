import { dauAt, dauSeries, firstMonthOfQuarter, quarterOf } from "./growth";
import { quartersIn, scaleFactor, scaleFactors } from "./scale";

describe("growth", () => {
  it("compounds from month 1: the seed's month 12 is 28,531 users", () => {
    expect(dauAt(10_000, 0.1, 1)).toBe(10_000);
    expect(Math.round(dauAt(10_000, 0.1, 12))).toBe(28_531);
  });

  it("works for any base, rate and horizon beyond 12 months", () => {
    const s = dauSeries({ baseDau: 2_500, monthlyGrowth: 0.05, months: 36 });
    expect(s).toHaveLength(36);
    expect(s[35]).toBeCloseTo(2_500 * 1.05 ** 35, 6);
    expect(dauSeries({ baseDau: 1000, monthlyGrowth: -0.2, months: 3 })).toEqual([1000, 800, 640.0000000000001]);
  });

  it("refuses negative DAU, growth at or below -100 % and empty horizons", () => {
    expect(() => dauSeries({ baseDau: -1, monthlyGrowth: 0.1, months: 12 })).toThrow(/baseDau/);
    expect(() => dauSeries({ baseDau: 1, monthlyGrowth: -1, months: 12 })).toThrow(/monthlyGrowth/);
    expect(() => dauSeries({ baseDau: 1, monthlyGrowth: 0.1, months: 0 })).toThrow(/months/);
  });

  it("maps months to quarters", () => {
    expect([1, 3, 4, 12, 13].map(quarterOf)).toEqual([1, 1, 2, 4, 5]);
    expect(firstMonthOfQuarter(4)).toBe(10);
    expect(quartersIn(13)).toBe(5);
  });
});

describe("scale factors", () => {
  it("reproduce the seed's factors with base 1 and 3", () => {
    expect(scaleFactors(1, 0.1, 4)).toEqual([1, 1, 2, 2]);
    expect(scaleFactors(3, 0.1, 4)).toEqual([3, 4, 5, 7]);
  });

  it("follow round(base x DAU(first month of quarter) / DAU(1)) for other rates and quarters", () => {
    for (const [base, rate] of [[1, 0.05], [3, 0.2], [2, 0.033], [5, 0]] as const) {
      for (let q = 1; q <= 10; q++) expect(scaleFactor(base, rate, q)).toBe(Math.round((base * dauAt(777, rate, 3 * q - 2)) / dauAt(777, rate, 1)));
    }
    expect(scaleFactors(3, 0.1, 8)[7]).toBe(Math.round(3 * 1.1 ** 21));
  });
});
