/**
 * Markdown for a pull-request comment or a wiki page: the headline with its range, month 1 by line
 * item with where each price comes from, monthly and quarterly totals, and the assumptions, prices
 * and scale factors folded away.
 */
import type { Projection } from "../../cost-model/projection";
import { deploymentLine, factor, headline, int, itemNames, linesThatMatter, provenanceOfItem, quantity, sumUsd, title, unitUsd, usd } from "./summary";

const esc = (s: string) => s.replace(/\|/g, "\\|");
export const mdTable = (header: string[], rows: string[][], right: boolean[]) =>
  [`| ${header.map(esc).join(" | ")} |`, `| ${right.map((r) => (r ? "---:" : ":---")).join(" | ")} |`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");

export function renderMarkdown(p: Projection): string {
  const m1 = p.months[0];
  const out: string[] = [`### ${title(p)}`, ""];
  const source = deploymentLine(p);
  if (source) out.push(source, "");
  out.push(...headline(p).map((l, i) => (i < 2 ? `**${l}**` : l)).map((l) => `- ${l}`), "");

  if (m1) {
    const { lines, rest } = linesThatMatter(p);
    out.push(`#### Month 1 (${m1.label}) by line item`, "");
    const rows = lines.map((it) => [it.item, it.usage ? `${quantity(it.usage.quantity)} ${it.usage.unit}` : "-", usd(it.usd), `${usd(it.range.lowUsd)} - ${usd(it.range.highUsd)}`, it.fixedUsd === null ? "-" : usd(it.fixedUsd), provenanceOfItem(p, it)]);
    if (rest.length) rows.push([`${rest.length} smaller lines`, "", usd(sumUsd(rest.map((i) => i.usd))), `${usd(sumUsd(rest.map((i) => i.range.lowUsd)))} - ${usd(sumUsd(rest.map((i) => i.range.highUsd)))}`, rest.some((i) => i.fixedUsd === null) ? "-" : usd(sumUsd(rest.map((i) => i.fixedUsd ?? 0))), ""]);
    rows.push(["**Total**", "", `**${usd(m1.totalUsd)}**`, `${usd(m1.range.lowUsd)} - ${usd(m1.range.highUsd)}`, m1.fixedUsd === null ? "-" : usd(m1.fixedUsd), ""]);
    out.push(mdTable(["Item", "Usage", "USD", "Range (USD)", "Fixed", "Prices"], rows, [false, true, true, true, true, false]), "");
  }

  out.push("#### Months and quarters", "");
  out.push(
    mdTable(
      ["Month", "Quarter", "DAU", "Expected (USD)", "Low", "High", "Fixed", "Per viewer-hour", "Per DAU"],
      p.months.map((m) => [m.label, `Q${m.quarter}`, int(m.dau), usd(m.totalUsd), usd(m.range.lowUsd), usd(m.range.highUsd), m.fixedUsd === null ? "-" : usd(m.fixedUsd), unitUsd(m.costPerViewerHourUsd), unitUsd(m.costPerDauUsd)]),
      [false, false, true, true, true, true, true, true, true],
    ),
    "",
  );
  out.push(
    mdTable(
      ["Quarter", "Months", "Expected (USD)", "Low", "High", "Fixed"],
      [...p.quarters.map((q) => [q.label, `${q.firstMonth}-${q.lastMonth}`, usd(q.totalUsd), usd(q.range.lowUsd), usd(q.range.highUsd), q.fixedUsd === null ? "-" : usd(q.fixedUsd)]), ["**Total**", `1-${p.months.length}`, `**${usd(p.totalUsd)}**`, usd(p.range.lowUsd), usd(p.range.highUsd), p.fixedUsd === null ? "-" : usd(p.fixedUsd)]],
      [false, false, true, true, true, true],
    ),
  );

  if (p.assumptions.length) {
    out.push("", "<details><summary>Assumptions</summary>", "");
    out.push(mdTable(["Assumption", "Expected", "Low", "High", "Basis"], p.assumptions.map((a) => [a.label, a.value, a.low ?? "", a.high ?? "", a.basis]), [false, false, false, false, false]));
    out.push("", "</details>");
  }
  const prices = Object.entries(p.prices);
  if (prices.length) {
    out.push("", "<details><summary>Prices and their provenance</summary>", "");
    out.push(mdTable(["Price", "USD", "Per", "Provenance", "Source"], prices.map(([k, v]) => [`\`${k}\``, v.tiers ? `${v.tiers[0].usd} (tiered)` : String(v.usd), `${v.quantity && v.quantity !== 1 ? `${int(v.quantity)} ` : ""}${v.unit}${v.freePerMonth ? ` (${int(v.freePerMonth)} free a month)` : ""}`, v.label, v.url ? `[${v.url.replace(/^https:\/\//, "")}](${v.url})` : v.source]), [false, true, false, false, false]));
    out.push("", "</details>");
  }
  out.push("", "<details><summary>Scale factors by quarter</summary>", "");
  out.push(mdTable(["Item", ...p.quarters.map((q) => `Q${q.quarter}`)], itemNames(p).map((n) => [n, ...p.quarters.map((q) => factor(q.scaleFactors[n] ?? null))]), [false, ...p.quarters.map(() => true)]));
  out.push("", "</details>");
  if (p.findings.length) {
    out.push("", "#### Findings", "");
    for (const f of p.findings) out.push(`- ${f.severity === "warning" ? "⚠️" : "ℹ️"} ${f.message}`);
  }
  return out.join("\n") + "\n";
}
