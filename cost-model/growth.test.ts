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
    // round(base x (1 + rate)^(3q - 3)), worked out by hand for quarters 1-10.
    const expected: [number, number, number[]][] = [
      [1, 0.05, [1, 1, 1, 2, 2, 2, 2, 3, 3, 4]],
      [3, 0.2, [3, 5, 9, 15, 27, 46, 80, 138, 238, 412]],
      [2, 0.033, [2, 2, 2, 3, 3, 3, 4, 4, 4, 5]],
      [5, 0, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]],
    ];
    for (const [base, rate, factors] of expected) {
      expect(Array.from({ length: 10 }, (_, i) => scaleFactor(base, rate, i + 1))).toEqual(factors);
      expect(scaleFactors(base, rate, 10)).toEqual(factors);
    }
    // Quarter 8 of the seed's growth: round(3 x 1.1^21) = round(22.4).
    expect(scaleFactors(3, 0.1, 8)[7]).toBe(22);
  });
});
