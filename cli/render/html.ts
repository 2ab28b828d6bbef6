/**
 * One self-contained HTML report: inline CSS and SVG only (no scripts, fonts or images), so it can be
 * attached to a ticket or opened offline. Charts: monthly cost stacked by service, and DAU.
 */
import type { Projection } from "../../cost-model/projection";
import { factor, int, itemNames, serviceTotals, servicesByCost, title, usd } from "./summary";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const PALETTE = ["#2563eb", "#f97316", "#16a34a", "#dc2626", "#9333ea", "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d", "#7c3aed", "#0d9488", "#b45309"];

/** A round axis maximum and step for values up to `max`. */
function niceScale(max: number, ticks = 5): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

const compact = (v: number) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(1)}`);

interface Frame {
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function axes(f: Frame, top: number, step: number, labels: string[], yLabel: string): string {
  const plotH = f.h - f.top - f.bottom;
  const parts: string[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = f.top + plotH - (v / top) * plotH;
    parts.push(`<line x1="${f.left}" x2="${f.w - f.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${f.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="tick">${compact(v)}</text>`);
  }
  const slot = (f.w - f.left - f.right) / labels.length;
  const every = Math.ceil(labels.length / 24);
  labels.forEach((l, i) => {
    if (i % every === 0) parts.push(`<text x="${(f.left + slot * (i + 0.5)).toFixed(1)}" y="${f.h - f.bottom + 16}" text-anchor="middle" class="tick">${esc(l)}</text>`);
  });
  parts.push(`<text x="14" y="${f.top + plotH / 2}" transform="rotate(-90 14 ${f.top + plotH / 2})" text-anchor="middle" class="tick">${esc(yLabel)}</text>`);
  parts.push(`<line x1="${f.left}" x2="${f.w - f.right}" y1="${f.top + plotH}" y2="${f.top + plotH}" stroke="#9ca3af"/>`);
  return parts.join("");
}

function costChart(p: Projection): string {
  const f: Frame = { w: 860, h: 360, left: 70, right: 20, top: 16, bottom: 40 };
  const services = servicesByCost(p);
  const color = new Map(services.map((s, i) => [s, PALETTE[i % PALETTE.length]]));
  const { top, step } = niceScale(Math.max(...p.months.map((m) => m.totalUsd), 0));
  const plotH = f.h - f.top - f.bottom;
  const slot = (f.w - f.left - f.right) / Math.max(p.months.length, 1);
  const bars: string[] = [];
  p.months.forEach((m, i) => {
    const totals = serviceTotals(m);
    let y = f.top + plotH;
    for (const s of services) {
      const v = totals.get(s) ?? 0;
      if (v <= 0) continue;
      const h = (v / top) * plotH;
      y -= h;
      bars.push(`<rect x="${(f.left + slot * i + slot * 0.15).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${color.get(s)}"><title>Month ${m.month} · ${esc(s)}: ${usd(v)} USD</title></rect>`);
    }
    const fy = f.top + plotH - (m.egressFloorUsd / top) * plotH;
    if (m.egressFloorUsd > 0) bars.push(`<line x1="${(f.left + slot * i + slot * 0.05).toFixed(1)}" x2="${(f.left + slot * (i + 1) - slot * 0.05).toFixed(1)}" y1="${fy.toFixed(1)}" y2="${fy.toFixed(1)}" stroke="#111827" stroke-width="2" stroke-dasharray="4 2"><title>Month ${m.month} egress floor: ${usd(m.egressFloorUsd)} USD</title></line>`);
  });
  const legend = services
    .map((s) => `<span class="key"><span class="swatch" style="background:${color.get(s)}"></span>${esc(s)}</span>`)
    .concat(p.months.some((m) => m.egressFloorUsd > 0) ? [`<span class="key"><span class="dash"></span>egress floor</span>`] : [])
    .join("");
  return `<figure><svg role="img" aria-label="Monthly cost stacked by service" viewBox="0 0 ${f.w} ${f.h}" width="100%">${axes(f, top, step, p.months.map((m) => String(m.month)), "USD per month")}${bars.join("")}</svg><figcaption>Monthly cost by service (USD); dashed: the egress floor. Month on the x axis.</figcaption><div class="legend">${legend}</div></figure>`;
}

function dauChart(p: Projection): string {
  const f: Frame = { w: 860, h: 240, left: 70, right: 20, top: 16, bottom: 40 };
  const { top, step } = niceScale(Math.max(...p.months.map((m) => m.dau), 0));
  const plotH = f.h - f.top - f.bottom;
  const slot = (f.w - f.left - f.right) / Math.max(p.months.length, 1);
  const pts = p.months.map((m, i) => [f.left + slot * (i + 0.5), f.top + plotH - (m.dau / top) * plotH] as const);
  const line = `<polyline fill="none" stroke="#2563eb" stroke-width="2.5" points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")}"/>`;
  const dots = pts.map(([x, y], i) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="#2563eb"><title>Month ${p.months[i].month}: ${int(p.months[i].dau)} DAU</title></circle>`).join("");
  return `<figure><svg role="img" aria-label="Daily active users per month" viewBox="0 0 ${f.w} ${f.h}" width="100%">${axes(f, top, step, p.months.map((m) => String(m.month)), "DAU")}${line}${dots}</svg><figcaption>Daily active users per month.</figcaption></figure>`;
}

export function renderHtml(p: Projection): string {
  const names = itemNames(p);
  const monthRows = p.months
    .map((m) => `<tr><td>${m.month}</td><td>Q${m.quarter}</td><td>${int(m.dau)}</td><td>${usd(m.totalUsd)}</td><td>${usd(m.egressFloorUsd)}</td><td>${m.totalOverEgressFloor === null ? "-" : m.totalOverEgressFloor.toFixed(2)}</td></tr>`)
    .join("");
  const factorRows = names.map((n) => `<tr><td>${esc(n)}</td>${p.quarters.map((q) => `<td>${factor(q.scaleFactors[n] ?? null)}</td>`).join("")}</tr>`).join("");
  const first = p.months[0];
  const firstItems = first ? [...first.items].sort((a, b) => b.usd - a.usd).map((it) => `<tr><td>${esc(it.item)}</td><td>${esc(it.service)}</td><td>${it.usage ? `${int(it.usage.quantity)} ${esc(it.usage.unit)}` : "-"}</td><td>${usd(it.usd)}</td></tr>`).join("") : "";
  const findings = p.findings.map((f) => `<li class="${f.severity}"><strong>${f.severity}</strong> ${esc(f.message)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title(p))}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;min-width:12rem}
.card b{display:block;font-size:1.3rem}.muted{color:#6b7280}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{padding:.25rem .5rem;border-bottom:1px solid #f3f4f6;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f9fafb}
figure{margin:1rem 0}figcaption{color:#6b7280;font-size:.85rem}.tick{font-size:11px;fill:#6b7280}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85rem;margin-top:.4rem}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.dash{display:inline-block;width:1.2rem;border-top:2px dashed #111827;margin-right:.3rem;vertical-align:middle}
li.warning strong{color:#b45309}li.info strong{color:#2563eb}li{margin:.4rem 0}
</style></head><body>
<h1>${esc(title(p))}</h1>
<p class="muted">Generated by <code>ops forecast</code>. Currency ${p.currency}. Catalog ${esc(p.pricing.catalog)} version ${esc(p.pricing.version)}.</p>
<div class="cards">
<div class="card"><span class="muted">Total, ${p.months.length} months</span><b>${usd(p.totalUsd)} USD</b></div>
<div class="card"><span class="muted">Month 1</span><b>${usd(first?.totalUsd ?? 0)} USD</b></div>
<div class="card"><span class="muted">Month ${p.months.length}</span><b>${usd(p.months[p.months.length - 1]?.totalUsd ?? 0)} USD</b></div>
<div class="card"><span class="muted">Egress floor, ${p.months.length} months</span><b>${usd(p.egressFloorTotalUsd)} USD</b></div>
</div>
${findings ? `<h2>Findings</h2><ul>${findings}</ul>` : ""}
<h2>Monthly cost by service</h2>
${costChart(p)}
<h2>Daily active users</h2>
${dauChart(p)}
<h2>Month 1 by line item</h2>
<table><thead><tr><th>Item</th><th>Service</th><th>Usage</th><th>USD</th></tr></thead><tbody>${firstItems}</tbody></table>
<h2>Monthly totals</h2>
<table><thead><tr><th>Month</th><th>Quarter</th><th>DAU</th><th>Total USD</th><th>Egress floor USD</th><th>× floor</th></tr></thead><tbody>${monthRows}</tbody></table>
<h2>Scale factors by quarter</h2>
<table><thead><tr><th>Item</th>${p.quarters.map((q) => `<th>Q${q.quarter}</th>`).join("")}</tr></thead><tbody>${factorRows}</tbody></table>
</body></html>
`;
}
