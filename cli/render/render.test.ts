import { BUILT_IN_CATALOGS, DEFAULT_UNIT_CATALOG } from "../../cost-model/catalogs";
import type { LineItemCatalog, UnitPriceCatalog } from "../../cost-model/catalog-types";
import { architectureProjection } from "../../cost-model/architecture";
import { seedReplay } from "../../cost-model/seed-replay";
import { DEFAULT_SCENARIO, SEED_SCENARIO } from "../../cost-model/scenario-defaults";
import { renderCsv } from "./csv";
import { renderHtml } from "./html";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
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

  it("html escapes scenario text", () => {
    const html = renderHtml({ ...arch, scenario: { ...arch.scenario, name: "<b>x</b>" } });
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>x</b>");
  });
});
