/** Markdown for a pull-request comment: the headline, monthly totals, factors folded away, findings. */
import type { Projection } from "../../cost-model/projection";
import { factor, int, itemNames, title, usd } from "./summary";

const esc = (s: string) => s.replace(/\|/g, "\\|");
const table = (header: string[], rows: string[][], right: boolean[]) =>
  [`| ${header.map(esc).join(" | ")} |`, `| ${right.map((r) => (r ? "---:" : ":---")).join(" | ")} |`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");

export function renderMarkdown(p: Projection): string {
  const first = p.months[0];
  const out: string[] = [`### ${title(p)}`, ""];
  out.push(`**Total over ${p.months.length} months: ${usd(p.totalUsd)} USD** · month 1: ${usd(first?.totalUsd ?? 0)} USD · egress floor over the horizon: ${usd(p.egressFloorTotalUsd)} USD`, "");
  out.push(
    table(
      ["Month", "Quarter", "DAU", "Total (USD)", "Egress floor (USD)", "× floor"],
      p.months.map((m) => [String(m.month), `Q${m.quarter}`, int(m.dau), usd(m.totalUsd), usd(m.egressFloorUsd), m.totalOverEgressFloor === null ? "-" : m.totalOverEgressFloor.toFixed(2)]),
      [true, false, true, true, true, true],
    ),
  );
  out.push("", table(["Quarter", "Months", "Total (USD)"], p.quarters.map((q) => [`Q${q.quarter}`, `${q.firstMonth}-${q.lastMonth}`, usd(q.totalUsd)]), [false, false, true]));
  out.push("", "<details><summary>Scale factors by quarter</summary>", "");
  out.push(table(["Item", ...p.quarters.map((q) => `Q${q.quarter}`)], itemNames(p).map((n) => [n, ...p.quarters.map((q) => factor(q.scaleFactors[n] ?? null))]), [false, ...p.quarters.map(() => true)]));
  out.push("", "</details>");
  if (p.findings.length) {
    out.push("", "#### Findings", "");
    for (const f of p.findings) out.push(`- ${f.severity === "warning" ? "⚠️" : "ℹ️"} ${f.message}`);
  }
  return out.join("\n") + "\n";
}
