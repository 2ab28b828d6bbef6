/**
 * CSV in long form (RFC 4180 quoting), one table a spreadsheet can filter by `record`:
 * `item` (a line of a month), `month`, `quarter`, `horizon` (totals), `assumption` and `price`.
 * Money columns are the expected case with the low and high case beside it.
 */
import type { Projection } from "../../cost-model/projection";
import { provenanceOfItem } from "./summary";

const cell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const money = (v: number | null | undefined) => (v === null || v === undefined ? "" : v.toFixed(2));

export const CSV_HEADER = ["record", "month", "label", "quarter", "dau", "service", "item", "usd", "low_usd", "high_usd", "fixed_usd", "scale_factor", "usage_quantity", "usage_unit", "provenance", "detail"] as const;

export function renderCsv(p: Projection): string {
  const rows: (string | number | null | undefined)[][] = [[...CSV_HEADER]];
  for (const m of p.months) {
    for (const it of m.items) {
      rows.push(["item", m.month, m.label, m.quarter, m.dau, it.service, it.item, money(it.usd), money(it.range.lowUsd), money(it.range.highUsd), money(it.fixedUsd), it.scaleFactor, it.usage?.quantity, it.usage?.unit, provenanceOfItem(p, it), it.detail]);
    }
    const unit = [m.costPerViewerHourUsd === null ? "" : `${m.costPerViewerHourUsd} USD per viewer-hour`, m.costPerDauUsd === null ? "" : `${m.costPerDauUsd} USD per DAU`].filter(Boolean).join("; ");
    rows.push(["month", m.month, m.label, m.quarter, m.dau, "", "Total", money(m.totalUsd), money(m.range.lowUsd), money(m.range.highUsd), money(m.fixedUsd), "", m.viewerHours, m.viewerHours === null ? "" : "viewer-hours", "", unit]);
  }
  for (const q of p.quarters) rows.push(["quarter", `${q.firstMonth}-${q.lastMonth}`, q.label, q.quarter, "", "", "Total", money(q.totalUsd), money(q.range.lowUsd), money(q.range.highUsd), money(q.fixedUsd), "", "", "", "", ""]);
  rows.push(["horizon", `1-${p.months.length}`, "", "", "", "", "Total", money(p.totalUsd), money(p.range.lowUsd), money(p.range.highUsd), money(p.fixedUsd), "", p.viewerHours, p.viewerHours === null ? "" : "viewer-hours", "", p.costPerDauMonthUsd === null ? "" : `${p.costPerDauMonthUsd} USD per DAU-month`]);
  for (const a of p.assumptions) rows.push(["assumption", "", a.id, "", "", "", a.label, "", "", "", "", "", "", "", a.basis, [a.value, a.low ? `low ${a.low}` : "", a.high ? `high ${a.high}` : ""].filter(Boolean).join("; ")]);
  for (const [key, v] of Object.entries(p.prices)) {
    rows.push(["price", "", key, "", "", "", key, v.usd ?? v.tiers?.[0].usd, "", "", "", "", v.quantity ?? 1, v.unit, v.label, v.url ?? v.source]);
  }
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
