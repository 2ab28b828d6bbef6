import { architectureProjection } from "./architecture";
import { BUILT_IN_CATALOGS } from "./catalogs";
import type { UnitPriceCatalog } from "./catalog-types";
import { deploymentFromScenario } from "./deployment";
import { diffProjections } from "./diff";
import { DEFAULT_SCENARIO } from "./scenario-defaults";

const catalog = BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog;

describe("forecast diff", () => {
  const base = architectureProjection(DEFAULT_SCENARIO, catalog);
  const d = deploymentFromScenario(DEFAULT_SCENARIO);
  const fewer = architectureProjection(DEFAULT_SCENARIO, catalog, { deployment: { ...d, channels: d.channels.slice(0, 2), natGateways: 1 } });
  const diff = diffProjections(base, fewer);

  it("reports per-line and per-month deltas in cents, largest first, and nothing for unchanged lines", () => {
    expect(diff.lines.map((l) => l.item)).toEqual(["MediaLive channels on air", "NAT gateways", "MediaLive idle channels and push inputs", "S3 recordings", "MediaPackage ingest", "S3 live HLS segments"]);
    const onAir = diff.lines[0];
    expect(onAir.deltaUsd).toBe(Math.round((fewer.months[0].items.find((i) => i.item === onAir.item)!.usd - base.months[0].items.find((i) => i.item === onAir.item)!.usd) * 100) / 100);
    expect(onAir.deltaUsd).toBeLessThan(0);
    expect(diff.lines.find((l) => l.item === "NAT gateways")?.deltaUsd).toBe(-Math.round(2 * 730 * 0.059 * 100) / 100);
    expect(diff.unchangedLines).toBe(base.months[0].items.length - diff.lines.length);
    expect(diff.months).toHaveLength(12);
    for (const [i, m] of diff.months.entries()) expect(m.deltaUsd).toBe(Math.round((fewer.months[i].totalUsd - base.months[i].totalUsd) * 100) / 100);
    expect(diff.totalDeltaUsd).toBe(Math.round((fewer.totalUsd - base.totalUsd) * 100) / 100);
    expect(diff.lines.reduce((a, l) => a + Math.round(l.totalDeltaUsd * 100), 0)).toBe(Math.round(diff.totalDeltaUsd * 100));
  });

  it("compares a line only one side has with zero", () => {
    const withMp = architectureProjection(DEFAULT_SCENARIO, catalog, { deployment: { ...d, cdnOriginatesFromMediaPackage: true } });
    const added = diffProjections(base, withMp).lines.find((l) => l.item === "MediaPackage origination (cache fills)");
    expect(added).toMatchObject({ baselineUsd: 0, baselineTotalUsd: 0 });
    expect(added?.currentUsd).toBeGreaterThan(0);
    expect(diffProjections(base, base).lines).toEqual([]);
  });
});
