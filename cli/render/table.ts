/**
 * Terminal report: the headline with its range, month 1 by line item (cost, range, fixed part, price
 * provenance), monthly totals with ranges and unit costs, quarters, scale factors, assumptions,
 * prices and findings.
 */
import type { Projection } from "../../cost-model/projection";
import { deploymentLine, factor, headline, int, itemNames, linesThatMatter, provenanceOfItem, quantity, sumUsd, title, unitUsd, usd } from "./summary";

/** A plain-text table; `left` is how many leading columns align left, or a flag per column. */
export function grid(header: string[], rows: string[][], left: number | readonly boolean[] = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const isLeft = (i: number) => (typeof left === "number" ? i < left : left[i]);
  const line = (cells: string[]) => cells.map((c, i) => (isLeft(i) ? (c ?? "").padEnd(widths[i]) : (c ?? "").padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function renderTable(p: Projection): string {
  const out: string[] = [title(p)];
  const source = deploymentLine(p);
  if (source) out.push(source);
  out.push("", ...headline(p), "");

  const m1 = p.months[0];
  if (m1) {
    const { lines, rest } = linesThatMatter(p);
    const arch = p.scenario.model === "architecture";
    out.push(`Month 1 (${m1.label}) by line item, USD${arch ? " (expected, low and high case, fixed part, where the prices come from)" : ""}`);
    const rows = lines.map((it) => [it.item, it.service, it.usage ? `${quantity(it.usage.quantity)} ${it.usage.unit}` : "-", usd(it.usd), usd(it.range.lowUsd), usd(it.range.highUsd), it.fixedUsd === null ? "-" : usd(it.fixedUsd), provenanceOfItem(p, it)]);
    if (rest.length) rows.push([`${rest.length} smaller lines`, "", "", usd(sumUsd(rest.map((i) => i.usd))), usd(sumUsd(rest.map((i) => i.range.lowUsd))), usd(sumUsd(rest.map((i) => i.range.highUsd))), rest.some((i) => i.fixedUsd === null) ? "-" : usd(sumUsd(rest.map((i) => i.fixedUsd ?? 0))), ""]);
    rows.push(["Total", "", "", usd(m1.totalUsd), usd(m1.range.lowUsd), usd(m1.range.highUsd), m1.fixedUsd === null ? "-" : usd(m1.fixedUsd), ""]);
    out.push(grid(["item", "service", "usage", "expected", "low", "high", "fixed", "prices"], rows, [true, true, false, false, false, false, false, true]));
    out.push("");
  }

  out.push("Monthly totals, USD");
  out.push(
    grid(
      ["month", "quarter", "DAU", "expected", "low", "high", "fixed", "per viewer-hour", "per DAU", "x egress"],
      p.months.map((m) => [
        m.label,
        `Q${m.quarter}`,
        int(m.dau),
        usd(m.totalUsd),
        usd(m.range.lowUsd),
        usd(m.range.highUsd),
        m.fixedUsd === null ? "-" : usd(m.fixedUsd),
        unitUsd(m.costPerViewerHourUsd),
        unitUsd(m.costPerDauUsd),
        m.totalOverEgressFloor === null ? "-" : m.totalOverEgressFloor.toFixed(2),
      ]),
    ),
  );
  out.push("");
  out.push("Quarters, USD");
  out.push(grid(["quarter", "months", "expected", "low", "high", "fixed"], p.quarters.map((q) => [q.label, `${q.firstMonth}-${q.lastMonth}`, usd(q.totalUsd), usd(q.range.lowUsd), usd(q.range.highUsd), q.fixedUsd === null ? "-" : usd(q.fixedUsd)])));
  out.push("");
  out.push(`Total over ${p.months.length} months: ${usd(p.totalUsd)} USD (range ${usd(p.range.lowUsd)} - ${usd(p.range.highUsd)})`);
  out.push("");
  out.push("Scale factors by quarter" + (p.scenario.model === "architecture" ? " (cost of the quarter's first month / month 1)" : ""));
  out.push(grid(["item", ...p.quarters.map((q) => `Q${q.quarter}`)], itemNames(p).map((name) => [name, ...p.quarters.map((q) => factor(q.scaleFactors[name] ?? null))])));

  if (p.assumptions.length) {
    out.push("", "Assumptions");
    out.push(grid(["assumption", "expected", "low", "high", "basis"], p.assumptions.map((a) => [a.label, a.value, a.low ?? "", a.high ?? "", a.basis]), 5));
  }
  const prices = Object.entries(p.prices);
  if (prices.length) {
    out.push("", "Prices used");
    out.push(grid(["price", "USD", "per", "provenance", "source"], prices.map(([k, v]) => [k, v.tiers ? `${v.tiers[0].usd} (tiered)` : String(v.usd), `${v.quantity && v.quantity !== 1 ? `${int(v.quantity)} ` : ""}${v.unit}${v.freePerMonth ? ` (${int(v.freePerMonth)} free)` : ""}`, v.label, v.url ?? v.source]), 5));
  }
  if (p.findings.length) {
    out.push("", "Findings");
    for (const f of p.findings) out.push(`- [${f.severity}] ${f.message}`);
  }
  return out.join("\n") + "\n";
}
