import { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } from "../../cost-model/catalogs";
import type { LineItemCatalog, UnitPriceCatalog } from "../../cost-model/catalog-types";
import { architectureProjection } from "../../cost-model/architecture";
import { seedReplay } from "../../cost-model/seed-replay";
import { DEFAULT_SCENARIO, SEED_SCENARIO } from "../../cost-model/scenario-defaults";
import { renderCsv } from "./csv";
import { costSeries, renderHtml } from "./html";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { servicesByCost, usd } from "./summary";
import { renderTable } from "./table";

const seed = seedReplay(SEED_SCENARIO, BUILT_IN_CATALOGS.seed as LineItemCatalog, DEFAULT_UNIT_CATALOG);
const arch = architectureProjection(DEFAULT_SCENARIO, BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog);

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
  it("json keeps the documented shape", () => {
    const doc = JSON.parse(renderJson(seed));
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["scenario", "currency", "months", "quarters", "totalUsd", "findings"]));
    expect(doc.currency).toBe("USD");
    expect(doc.totalUsd).toBe(350_011.29);
    expect(doc.months[0]).toMatchObject({ month: 1, quarter: 1, dau: 10_000, totalUsd: 19_450.6, egressFloorUsd: 22_828.8 });
    expect(doc.months[0].items[2]).toEqual({ item: "My Mentor Service (PAU)", service: "Fargate", scaleFactor: 3, usd: 39.81 });
    expect(doc.quarters).toHaveLength(4);
    expect(doc.scenario.users.dau).toBe(10_000);
  });

  it("csv parses back to one row per month and item that sums to the total", () => {
    const rows = parseCsv(renderCsv(arch));
    const [header, ...data] = rows;
    expect(header).toEqual(["month", "quarter", "dau", "service", "item", "scale_factor", "usd", "month_total_usd", "egress_floor_usd"]);
    expect(data).toHaveLength(12 * arch.months[0].items.length);
    const cents = data.reduce((a, r) => a + Math.round(Number(r[6]) * 100), 0);
    expect(cents).toBe(Math.round(arch.totalUsd * 100));
    const seedRows = parseCsv(renderCsv(seed));
    expect(seedRows.some((r) => r[4] === "RDS for PostgreSQL 1 master node + 1 slave node")).toBe(true);
  });

  it("table shows quarterly factors, monthly totals and findings", () => {
    const text = renderTable(seed);
    expect(text).toMatch(/My Mentor Service \(PAU\)\s+3\s+4\s+5\s+5/);
    expect(text).toContain("19,450.60");
    expect(text).toContain("350,011.29");
    expect(text).toContain("350,210.31");
  });

  it("markdown is a PR-comment table", () => {
    const md = renderMarkdown(arch);
    expect(md).toMatch(/^### Cost forecast/);
    expect(md).toContain("| Month | Quarter | DAU | Total (USD) | Egress floor (USD) | × floor |");
    expect(md.split("\n").filter((l) => /^\| \d+ \| Q\d /.test(l))).toHaveLength(12);
    expect(md).toContain("<details>");
  });

  it("html is one self-contained file with SVG charts", () => {
    const html = renderHtml(arch);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Monthly cost stacked by service"');
    expect(html).toContain('aria-label="Daily active users per month"');
    // 12 months x services with cost > 0 bars, a DAU point per month.
    expect((html.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(12 * 5);
    expect((html.match(/<circle /g) ?? []).length).toBe(12);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\//);
    expect(html).toContain("CloudFront");
  });

  it("html cost legend lists every service with its colour, 12-month total and share, plus a total row", () => {
    const html = renderHtml(arch);
    const entries = html.match(/<tr class="legend-entry">.*?<\/tr>/g) ?? [];
    const services = servicesByCost(arch);
    expect(services.length).toBeGreaterThan(7);
    expect(entries).toHaveLength(services.length);
    services.forEach((s, i) => expect(entries[i]).toContain(`</span>${s}`));
    expect(entries[0]).toContain("97.3 %");
    expect(html).toContain("<th>Total USD, 12 months</th>");
    expect(html).toContain(`<tfoot><tr><th>Total</th><th>${usd(arch.totalUsd)}</th><th>100.0 %</th></tr>`);
    expect(html).toContain("Egress floor (reference, not added)");
    // Seven distinguishable hues at most: the smallest services share a grey "Other" band.
    const series = costSeries(arch);
    expect(series).toHaveLength(7);
    expect(series[6]).toMatchObject({ name: "Other", color: "#9ca3af" });
    expect(new Set(series.map((s) => s.color)).size).toBe(7);
    const fills = new Set([...html.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(fills.size).toBeLessThanOrEqual(7);
  });

  it("html charts carry axis titles, currency ticks and month totals", () => {
    const html = renderHtml(arch);
    expect(html).toContain('class="axis-title">USD per month</text>');
    expect(html).toContain('class="axis-title">Daily active users</text>');
    expect(html.match(/class="axis-title">Month<\/text>/g)).toHaveLength(2);
    expect(html).toMatch(/class="tick">\$20k<\/text>/);
    expect(html).toContain('class="tick">$0</text>');
    // One total above each of the 12 bars, with a fixed precision.
    const labels = [...html.matchAll(/class="total">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toHaveLength(12);
    expect(labels[0]).toBe("$24.1k");
    expect(labels[11]).toBe("$63.1k");
  });

  it("html tables end in totals: month 1 items, and monthly totals with a cumulative column", () => {
    const html = renderHtml(arch);
    expect(html).toContain(`<th>Total, month 1</th><th></th><th></th><th>${usd(arch.months[0].totalUsd)}</th>`);
    expect(html).toContain("<th>Cumulative USD</th>");
    const lastRow = html.match(/<tr><td>12<\/td><td>Q4<\/td>.*?<\/tr>/)?.[0] ?? "";
    expect(lastRow).toContain(`<td>${usd(arch.totalUsd)}</td>`);
    expect(html).toContain(`<tr><th>Total</th><th></th><th></th><th>${usd(arch.totalUsd)}</th><th></th><th>${usd(arch.egressFloorTotalUsd)}</th><th>1.04</th></tr>`);
  });

  it("html scales the cost chart to the egress floor when the floor exceeds the bill", () => {
    // The seed sheet is below the floor in every month: the floor line must stay inside the plot.
    const html = renderHtml(seed);
    const d = html.match(/<g class="floor"><path d="([^"]+)"/)?.[1] ?? "";
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(12);
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(24);
    expect(Math.min(...ys)).toBeLessThan(ys[0]);
  });

  it("html stays readable over 36 months: year markers, sparse month labels ending on the last month", () => {
    const long = architectureProjection({ ...DEFAULT_SCENARIO, months: 36, users: { ...DEFAULT_SCENARIO.users, dau: 50_000 } }, BUILT_IN_CATALOGS["ap-southeast-1"] as UnitPriceCatalog);
    const html = renderHtml(long);
    expect(long.months).toHaveLength(36);
    for (const y of ["Year 1", "Year 2", "Year 3"]) expect(html.match(new RegExp(`>${y}</text>`, "g"))).toHaveLength(2);
    const cost = html.slice(html.indexOf('aria-label="Monthly cost'), html.indexOf("</svg>"));
    const monthTicks = [...cost.matchAll(/text-anchor="middle" class="tick">(\d+)</g)].map((m) => Number(m[1]));
    expect(monthTicks.length).toBeLessThanOrEqual(18);
    expect(monthTicks).toEqual(expect.arrayContaining([12, 24, 36]));
    // Bar totals only at the year ends, so they never collide.
    expect([...cost.matchAll(/class="total">([^<]+)</g)].map((m) => m[1])).toHaveLength(3);
    expect(html).toContain("<th>Total USD, 36 months</th>");
    expect(html.match(/<tr><td>\d+<\/td><td>Q\d+<\/td>/g)).toHaveLength(36);
  });

  it("html escapes scenario text", () => {
    const html = renderHtml({ ...arch, scenario: { ...arch.scenario, name: "<b>x</b>" } });
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>x</b>");
  });
});
