/** Terminal table: quarterly scale factors per item, monthly totals against the egress floor, findings. */
import type { Projection } from "../../cost-model/projection";
import { factor, int, itemNames, title, usd } from "./summary";

function grid(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function renderTable(p: Projection): string {
  const out: string[] = [title(p), ""];
  out.push("Scale factors by quarter" + (p.scenario.model === "architecture" ? " (cost of the quarter's first month / month 1)" : ""));
  out.push(grid(["item", ...p.quarters.map((q) => `Q${q.quarter}`)], itemNames(p).map((name) => [name, ...p.quarters.map((q) => factor(q.scaleFactors[name] ?? null))])));
  out.push("");
  out.push("Monthly totals (USD)");
  out.push(
    grid(
      ["month", "quarter", "DAU", "total", "egress floor", "x floor"],
      p.months.map((m) => [String(m.month), `Q${m.quarter}`, int(m.dau), usd(m.totalUsd), usd(m.egressFloorUsd), m.totalOverEgressFloor === null ? "-" : m.totalOverEgressFloor.toFixed(2)]),
    ),
  );
  out.push("");
  out.push(grid(["quarter", "months", "total"], p.quarters.map((q) => [`Q${q.quarter}`, `${q.firstMonth}-${q.lastMonth}`, usd(q.totalUsd)])));
  out.push("");
  out.push(`Total over ${p.months.length} months: ${usd(p.totalUsd)} USD (egress floor ${usd(p.egressFloorTotalUsd)} USD)`);
  if (p.findings.length) {
    out.push("", "Findings");
    for (const f of p.findings) out.push(`- [${f.severity}] ${f.message}`);
  }
  return out.join("\n") + "\n";
}
