/**
 * The cost difference a change makes (`ops forecast --compare`): per line and per month, in markdown
 * for a pull-request comment, JSON for a script, or a terminal table.
 */
import type { ForecastDiff } from "../../cost-model/diff";
import type { Projection } from "../../cost-model/projection";
import { mdTable } from "./markdown";
import { grid } from "./table";
import { rangeText, usd } from "./summary";

const signed = (v: number): string => (v > 0 ? `+${usd(v)}` : v < 0 ? `-${usd(-v)}` : "0.00");
const pct = (delta: number, base: number): string => (base === 0 ? (delta === 0 ? "0 %" : "new") : `${delta >= 0 ? "+" : ""}${((delta / base) * 100).toFixed(1)} %`);

export const renderDiffJson = (d: ForecastDiff): string => JSON.stringify(d, null, 2) + "\n";

export function renderDiffMarkdown(d: ForecastDiff, current?: Projection): string {
  const out: string[] = [`### Cost difference: ${d.current.name}`, ""];
  out.push(`**Month 1: ${signed(d.month1DeltaUsd)} USD** (${usd(d.baseline.month1Usd)} → ${usd(d.current.month1Usd)}, ${pct(d.month1DeltaUsd, d.baseline.month1Usd)}) · **${d.months.length} months: ${signed(d.totalDeltaUsd)} USD** (${usd(d.baseline.totalUsd)} → ${usd(d.current.totalUsd)}; range ${rangeText(d.currentRange)})`, "");
  out.push(`Baseline: ${d.baseline.source}. This change: ${d.current.source}.`, "");
  if (d.lines.length === 0) {
    out.push(`No line item changes (${d.unchangedLines} lines compared).`);
  } else {
    out.push(
      mdTable(
        ["Item", "Month 1 before", "Month 1 after", "Month 1 Δ", `${d.months.length} months Δ`, "What changed"],
        d.lines.map((l) => [l.item, usd(l.baselineUsd), usd(l.currentUsd), signed(l.deltaUsd), signed(l.totalDeltaUsd), l.baselineDetail !== undefined || l.currentDetail !== undefined ? `${l.baselineDetail ?? "-"} → ${l.currentDetail ?? "-"}` : ""]),
        [false, true, true, true, true, false],
      ),
    );
    if (d.unchangedLines) out.push("", `${d.unchangedLines} other lines unchanged.`);
  }
  out.push("", "<details><summary>Monthly totals</summary>", "");
  out.push(mdTable(["Month", "Before (USD)", "After (USD)", "Δ"], d.months.map((m) => [m.label, usd(m.baselineUsd), usd(m.currentUsd), signed(m.deltaUsd)]), [false, true, true, true]));
  out.push("", "</details>");
  if (current) {
    const weak = current.findings.filter((f) => f.id === "pricing.unverified" || f.id === "deployment.unpriced-resources");
    if (weak.length) out.push("", ...weak.map((f) => `- ⚠️ ${f.message}`));
  }
  return out.join("\n") + "\n";
}

export function renderDiffTable(d: ForecastDiff): string {
  const out: string[] = [
    `Cost difference: ${d.baseline.source} -> ${d.current.source}`,
    `Month 1: ${signed(d.month1DeltaUsd)} USD (${usd(d.baseline.month1Usd)} -> ${usd(d.current.month1Usd)}); ${d.months.length} months: ${signed(d.totalDeltaUsd)} USD (${usd(d.baseline.totalUsd)} -> ${usd(d.current.totalUsd)})`,
    "",
  ];
  if (d.lines.length) {
    out.push(grid(["item", "month 1 before", "after", "delta", `${d.months.length}-month delta`], d.lines.map((l) => [l.item, usd(l.baselineUsd), usd(l.currentUsd), signed(l.deltaUsd), signed(l.totalDeltaUsd)])));
    out.push("");
  } else out.push("No line item changes.", "");
  out.push(grid(["month", "before", "after", "delta"], d.months.map((m) => [m.label, usd(m.baselineUsd), usd(m.currentUsd), signed(m.deltaUsd)])));
  return out.join("\n") + "\n";
}
