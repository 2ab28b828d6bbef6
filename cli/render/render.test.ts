import { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } from "../../cost-model/catalogs";
import type { LineItemCatalog, UnitPriceCatalog } from "../../cost-model/catalog-types";
import { architectureProjection } from "../../cost-model/architecture";
import { seedReplay } from "../../cost-model/seed-replay";
import { DEFAULT_SCENARIO, SEED_SCENARIO } from "../../cost-model/scenario-defaults";
import { CSV_HEADER, renderCsv } from "./csv";
import { costSeries, renderHtml } from "./html";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { servicesByCost, usd } from "./summary";
import { renderTable } from "./table";

const seed = seedReplay(SEED_SCENARIO, BUILT_IN_CATALOGS.seed as LineItemCatalog, DEFAULT_UNIT_CATALOG);
const arch = architectureProjection(DEFAULT_SCENARIO, BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog);
const calendar = architectureProjection({ ...DEFAULT_SCENARIO, startMonth: "2027-01" }, BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog);

/** A small RFC 4180 parser: enough to prove the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    }
    else if (c !== "\r") cell += c;
  }
  return rows;
}

describe("renderers", () => {
  it("json keeps the documented shape and replays the seed to the cent", () => {
    const doc = JSON.parse(renderJson(seed));
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["kind", "schemaVersion", "scenario", "currency", "months", "quarters", "totalUsd", "range", "prices", "assumptions", "findings"]));
    expect(doc.kind).toBe("livestream-cost-forecast");
    expect(doc.currency).toBe("USD");
    expect(doc.totalUsd).toBe(350_011.29);
    expect(doc.months[0]).toMatchObject({ month: 1, label: "M1", quarter: 1, dau: 10_000, totalUsd: 19_450.6, egressFloorUsd: 22_828.8, range: { lowUsd: 19_450.6, highUsd: 19_450.6 }, fixedUsd: null });
    expect(doc.months[0].items[2]).toEqual({ item: "My Mentor Service (PAU)", service: "Fargate", scaleFactor: 3, usd: 39.81, range: { lowUsd: 39.81, highUsd: 39.81 }, fixedUsd: null });
    expect(doc.quarters.map((q: { totalUsd: number }) => q.totalUsd)).toEqual([58_351.8, 58_451.31, 116_604.09, 116_604.09]);
    expect(doc.scenario.users.dau).toBe(10_000);
  });

  it("json carries ranges, unit costs, the fixed part, provenance and assumptions", () => {
    const doc = JSON.parse(renderJson(arch));
    expect(doc.range.lowUsd).toBeLessThan(doc.totalUsd);
    expect(doc.range.highUsd).toBeGreaterThan(doc.totalUsd);
    expect(doc.months[0]).toEqual(expect.objectContaining({ viewerHours: 120_000, costPerViewerHourUsd: expect.any(Number), costPerDauUsd: expect.any(Number), fixedUsd: expect.any(Number), variableUsd: expect.any(Number) }));
    const egress = doc.months[0].items.find((i: { item: string }) => i.item === "CloudFront viewer egress (video)");
    expect(egress.priceKeys).toEqual(["cloudfront.egress"]);
    expect(doc.prices["cloudfront.egress"]).toMatchObject({ provenance: "published-page", url: "https://aws.amazon.com/cloudfront/pricing/" });
    expect(doc.assumptions.length).toBeGreaterThan(15);
    expect(doc.deployment.source).toEqual({ kind: "scenario" });
  });

  it("csv is one long table: lines, months, quarters, the horizon, assumptions and prices", () => {
    const rows = parseCsv(renderCsv(arch));
    const [header, ...data] = rows;
    expect(header).toEqual([...CSV_HEADER]);
    const col = (name: string) => header.indexOf(name);
    const items = data.filter((r) => r[0] === "item");
    expect(items).toHaveLength(12 * arch.months[0].items.length);
    const sum = (rs: string[][], c: string) => rs.reduce((a, r) => a + Math.round(Number(r[col(c)]) * 100), 0);
    expect(sum(items, "usd")).toBe(Math.round(arch.totalUsd * 100));
    expect(sum(items, "low_usd")).toBe(Math.round(arch.range.lowUsd * 100));
    expect(sum(items, "high_usd")).toBe(Math.round(arch.range.highUsd * 100));
    expect(data.filter((r) => r[0] === "month")).toHaveLength(12);
    expect(data.filter((r) => r[0] === "quarter").map((r) => r[col("usd")])).toEqual(arch.quarters.map((q) => q.totalUsd.toFixed(2)));
    expect(data.find((r) => r[0] === "horizon")?.[col("usd")]).toBe(arch.totalUsd.toFixed(2));
    expect(data.filter((r) => r[0] === "assumption").length).toBe(arch.assumptions.length);
    expect(items.find((r) => r[col("item")] === "CloudFront viewer egress (video)")?.[col("provenance")]).toBe("page 2026-12-02");
    expect(data.find((r) => r[0] === "price" && r[col("label")] === "medialive.input.hd")?.[col("provenance")]).toBe("us-east-1 stand-in");
    const seedRows = parseCsv(renderCsv(seed));
    expect(seedRows.some((r) => r[6] === "RDS for PostgreSQL 1 master node + 1 slave node")).toBe(true);
    expect(parseCsv(renderCsv(calendar)).filter((r) => r[0] === "month").map((r) => r[2])[11]).toBe("2027-12");
  });

  it("table shows the headline range, line items with provenance, months, quarters, assumptions and prices", () => {
    const text = renderTable(arch);
    expect(text).toContain(`Month 1 (M1): ${usd(arch.months[0].totalUsd)} USD expected, range ${usd(arch.months[0].range.lowUsd)} - ${usd(arch.months[0].range.highUsd)}`);
    expect(text).toMatch(/CloudFront viewer egress \(video\)\s+CloudFront\s+[\d,]+ GB\s+14,923\.31\s+[\d,.]+\s+22,705\.92\s+0\.00\s+page 2026-12-02/);
    expect(text).toContain("Quarters, USD");
    expect(text).toContain("Assumptions");
    expect(text).toContain("Prices used");
    expect(text).toContain("per viewer-hour");
    const seedText = renderTable(seed);
    expect(seedText).toMatch(/My Mentor Service \(PAU\)\s+3\s+4\s+5\s+5/);
    expect(seedText).toContain("19,450.60");
    expect(seedText).toContain("350,011.29");
    expect(seedText).toContain("350,210.31");
    expect(renderTable(calendar)).toMatch(/^2027-12\s+Q4/m);
  });

  it("markdown is a PR comment with the range, a cost per line item with its provenance, quarters and folded details", () => {
    const md = renderMarkdown(arch);
    expect(md).toMatch(/^### Cost forecast/);
    expect(md).toContain(`**Month 1 (M1): ${usd(arch.months[0].totalUsd)} USD expected, range`);
    expect(md).toContain("| Item | Usage | USD | Range (USD) | Fixed | Prices |");
    expect(md).toMatch(/\| CloudFront viewer egress \(video\) \| [\d,]+ GB \| 14,923\.31 \| [\d,.]+ - 22,705\.92 \| 0\.00 \| page 2026-12-02 \|/);
    expect(md.split("\n").filter((l) => /^\| M\d+ \| Q\d /.test(l))).toHaveLength(12);
    expect(md).toContain("| Quarter | Months | Expected (USD) | Low | High | Fixed |");
    expect(md).toContain("<details><summary>Assumptions</summary>");
    expect(md).toContain("<details><summary>Prices and their provenance</summary>");
    expect(renderMarkdown(calendar)).toContain("| 2027-01 | Q1 |");
  });

  it("html is one self-contained file with SVG charts", () => {
    const html = renderHtml(arch);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Monthly cost stacked by service"');
    expect(html).toContain('aria-label="Daily active users per month"');
    expect((html.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(12 * 5);
    expect((html.match(/<circle /g) ?? []).length).toBe(12);
    // A low-high whisker per month.
    expect((html.match(/<g class="range">/g) ?? []).length).toBe(12);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\/(?!aws\.amazon\.com)/);
    expect(html).toContain("CloudFront");
  });

  it("html carries the range, unit costs, fixed part, line items with provenance, quarters, assumptions and prices", () => {
    const html = renderHtml(arch);
    expect(html).toContain(`range ${usd(arch.months[0].range.lowUsd)} - ${usd(arch.months[0].range.highUsd)}`);
    expect(html).toContain("Per viewer-hour / per DAU-month");
    expect(html).toContain("Fixed part, 12 months");
    expect(html).toMatch(/<td>CloudFront viewer egress \(video\)<div class="detail">[^<]+<\/div><\/td><td>CloudFront<\/td><td>[\d,]+ GB<\/td><td>14,923\.31<\/td>/);
    expect(html).toContain('<td class="prov">page 2026-12-02</td>');
    expect(html).toContain("<h2>Quarters</h2>");
    expect(html).toContain("<h2>Assumptions</h2>");
    expect(html).toContain("<h2>Prices and their provenance</h2>");
    expect(html).toContain(`<th>Total, M1</th><th></th><th></th><th>${usd(arch.months[0].totalUsd)}</th>`);
  });

  it("html cost legend lists every service with its colour, 12-month total and share, plus a total row", () => {
    const html = renderHtml(arch);
    const entries = html.match(/<tr class="legend-entry">.*?<\/tr>/g) ?? [];
    const services = servicesByCost(arch);
    expect(services.length).toBeGreaterThan(7);
    expect(entries).toHaveLength(services.length);
    services.forEach((s, i) => expect(entries[i]).toContain(`</span>${s}`));
    expect(html).toContain("<th>Total USD, 12 months</th>");
    expect(html).toContain(`<tfoot><tr><th>Total</th><th>${usd(arch.totalUsd)}</th><th>100.0 %</th></tr>`);
    // Seven distinguishable hues at most: the smallest services share a grey "Other" band.
    const series = costSeries(arch);
    expect(series).toHaveLength(7);
    expect(series[6]).toMatchObject({ name: "Other", color: "#9ca3af" });
    const fills = new Set([...html.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(fills.size).toBeLessThanOrEqual(7);
  });

  it("html charts carry axis titles, currency ticks, month totals and calendar month names", () => {
    const html = renderHtml(arch);
    expect(html).toContain('class="axis-title">USD per month</text>');
    expect(html).toContain('class="axis-title">Daily active users</text>');
    expect(html.match(/class="axis-title">Month<\/text>/g)).toHaveLength(2);
    expect(html).toContain('class="tick">$0</text>');
    const labels = [...html.matchAll(/class="total">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toHaveLength(12);
    expect(labels[0]).toBe(`$${(arch.months[0].totalUsd / 1000).toFixed(1)}k`);
    expect(renderHtml(calendar)).toMatch(/text-anchor="middle" class="tick">Dec<\/text>/);
  });

  it("html scales the seed's cost chart to the egress floor when the floor exceeds the bill", () => {
    const html = renderHtml(seed);
    expect(html).toContain("Egress floor (reference, not added)");
    const d = html.match(/<g class="floor"><path d="([^"]+)"/)?.[1] ?? "";
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(12);
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(24);
  });

  it("html stays readable over 36 months: year markers, sparse month labels ending on the last month", () => {
    const long = architectureProjection({ ...DEFAULT_SCENARIO, months: 36, users: { ...DEFAULT_SCENARIO.users, dau: 50_000 } }, BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog);
    const html = renderHtml(long);
    for (const y of ["Year 1", "Year 2", "Year 3"]) expect(html.match(new RegExp(`>${y}</text>`, "g"))).toHaveLength(2);
    const cost = html.slice(html.indexOf('aria-label="Monthly cost'), html.indexOf("</svg>"));
    const monthTicks = [...cost.matchAll(/text-anchor="middle" class="tick">(\d+)</g)].map((m) => Number(m[1]));
    expect(monthTicks.length).toBeLessThanOrEqual(18);
    expect(monthTicks).toEqual(expect.arrayContaining([12, 24, 36]));
    expect([...cost.matchAll(/class="total">([^<]+)</g)].map((m) => m[1])).toHaveLength(3);
    expect(html.match(/<tr><td>M\d+<\/td><td>Q\d+<\/td>/g)).toHaveLength(36);
  });

  it("html escapes scenario text", () => {
    const html = renderHtml({ ...arch, scenario: { ...arch.scenario, name: "<b>x</b>" } });
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>x</b>");
  });
});
