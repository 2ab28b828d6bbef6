/** CSV, one row per month and line item (tidy data for a spreadsheet), RFC 4180 quoting. */
import type { Projection } from "../../cost-model/projection";

const cell = (v: string | number | null): string => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(p: Projection): string {
  const rows: (string | number | null)[][] = [["month", "quarter", "dau", "service", "item", "scale_factor", "usd", "month_total_usd", "egress_floor_usd"]];
  for (const m of p.months) for (const it of m.items) rows.push([m.month, m.quarter, m.dau, it.service, it.item, it.scaleFactor, it.usd.toFixed(2), m.totalUsd.toFixed(2), m.egressFloorUsd.toFixed(2)]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
