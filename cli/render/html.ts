/**
 * One self-contained HTML report: inline CSS and SVG only (no scripts, fonts or images), so it can be
 * attached to a ticket or opened offline. Charts: monthly cost stacked by service, and DAU.
 */
import type { Projection } from "../../cost-model/projection";
import { deploymentLine, factor, int, itemNames, linesThatMatter, provenanceOfItem, quantity, serviceTotals, servicesByCost, sumUsd, title, unitUsd, usd } from "./summary";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Seven hues that stay apart for common colour-vision deficiencies, then neutral grey for "Other". */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];
const OTHER_COLOR = "#9ca3af";
const FLOOR_COLOR = "#111827";

/** A round axis maximum and step for values up to `max`. */
function niceScale(max: number, ticks = 5): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

const compact = (v: number) => (v >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(1)}`);
const money = (v: number) => `$${compact(v)}`;
/** Bar labels keep a fixed precision so neighbouring figures line up ($41.0k, not $41k). */
const moneyLabel = (v: number) => (v >= 1e6 ? `$${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `$${(v / 1e3).toFixed(1)}k` : `$${v.toFixed(0)}`);
const pct = (part: number, whole: number) => (whole <= 0 ? "-" : part > 0 && part / whole < 0.0005 ? "< 0.1 %" : `${((part / whole) * 100).toFixed(1)} %`);

/** One stacked series of the cost chart: a service, or the small services folded into "Other". */
export interface CostSeries {
  readonly name: string;
  readonly services: readonly string[];
  readonly color: string;
}

/**
 * Series for the cost chart, largest first. Beyond seven distinguishable colours the smallest services
 * share one grey "Other" band: thirteen hues cannot be told apart, and those services are slivers anyway.
 */
export function costSeries(p: Projection): CostSeries[] {
  const services = servicesByCost(p);
  const own = services.length > PALETTE.length ? services.slice(0, PALETTE.length - 1) : services;
  const series: CostSeries[] = own.map((s, i) => ({ name: s, services: [s], color: PALETTE[i] }));
  const rest = services.slice(own.length);
  if (rest.length) series.push({ name: "Other", services: rest, color: OTHER_COLOR });
  return series;
}

interface Frame {
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function axes(f: Frame, top: number, step: number, labels: string[], yLabel: string, tick: (v: number) => string): string {
  const plotH = f.h - f.top - f.bottom;
  const plotW = f.w - f.left - f.right;
  const parts: string[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = f.top + plotH - (v / top) * plotH;
    parts.push(`<line x1="${f.left}" x2="${f.w - f.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${f.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="tick">${tick(v)}</text>`);
  }
  const slot = plotW / labels.length;
  // Roughly 28 px per label keeps two-digit month numbers apart at any horizon.
  const every = Math.max(1, Math.ceil(labels.length / Math.floor(plotW / 28)));
  // Count back from the last month so the horizon's end (and each year end) is always labelled.
  labels.forEach((l, i) => {
    if ((labels.length - 1 - i) % every === 0) parts.push(`<text x="${(f.left + slot * (i + 0.5)).toFixed(1)}" y="${f.h - f.bottom + 16}" text-anchor="middle" class="tick">${esc(l)}</text>`);
  });
  // Year boundaries, so a 36-month horizon reads as three years.
  if (labels.length > 12) {
    for (let i = 12; i < labels.length; i += 12) {
      const x = (f.left + slot * i).toFixed(1);
      parts.push(`<line x1="${x}" x2="${x}" y1="${f.top}" y2="${f.top + plotH}" stroke="#9ca3af" stroke-dasharray="2 3"/>`);
    }
    for (let i = 0; i < labels.length; i += 12) parts.push(`<text x="${(f.left + slot * i + 4).toFixed(1)}" y="${f.top + 12}" class="tick year">Year ${i / 12 + 1}</text>`);
  }
  parts.push(`<text x="14" y="${f.top + plotH / 2}" transform="rotate(-90 14 ${f.top + plotH / 2})" text-anchor="middle" class="axis-title">${esc(yLabel)}</text>`);
  parts.push(`<text x="${f.left + plotW / 2}" y="${f.h - 6}" text-anchor="middle" class="axis-title">Month</text>`);
  parts.push(`<line x1="${f.left}" x2="${f.w - f.right}" y1="${f.top + plotH}" y2="${f.top + plotH}" stroke="#6b7280"/>`);
  parts.push(`<line x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.top + plotH}" stroke="#6b7280"/>`);
  return parts.join("");
}

function costChart(p: Projection): string {
  const f: Frame = { w: 860, h: 380, left: 78, right: 20, top: 24, bottom: 48 };
  const series = costSeries(p);
  // The seed's floor (viewer egress at CDN prices) can exceed its bill: draw it as a reference line.
  // The architecture model's egress is a bar of its own; its uncertainty shows as a low-high whisker.
  const hasFloor = p.scenario.model === "seed" && p.months.some((m) => m.egressFloorUsd > 0);
  const hasRange = p.months.some((m) => m.range.highUsd !== m.range.lowUsd);
  const { top, step } = niceScale(Math.max(...p.months.map((m) => Math.max(m.totalUsd, hasFloor ? m.egressFloorUsd : 0, m.range.highUsd)), 0) * 1.06);
  const plotH = f.h - f.top - f.bottom;
  const slot = (f.w - f.left - f.right) / Math.max(p.months.length, 1);
  const yOf = (v: number) => f.top + plotH - (v / top) * plotH;
  const bars: string[] = [];
  const labels: string[] = [];
  const labelEvery = p.months.length <= 12 ? 1 : 12;
  p.months.forEach((m, i) => {
    const totals = serviceTotals(m);
    let y = f.top + plotH;
    for (const s of series) {
      const v = s.services.reduce((a, name) => a + (totals.get(name) ?? 0), 0);
      if (v <= 0) continue;
      const h = (v / top) * plotH;
      y -= h;
      const what = s.services.length > 1 ? `Other (${s.services.join(", ")})` : s.name;
      bars.push(`<rect x="${(f.left + slot * i + slot * 0.15).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${s.color}" stroke="#fff" stroke-width="0.5"><title>${esc(m.label)} · ${esc(what)}: ${usd(v)} USD</title></rect>`);
    }
    const cx = f.left + slot * (i + 0.5);
    if (hasRange) {
      const cap = Math.min(slot * 0.18, 6);
      bars.push(
        `<g class="range"><line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${yOf(m.range.lowUsd).toFixed(1)}" y2="${yOf(m.range.highUsd).toFixed(1)}" stroke="${FLOOR_COLOR}" stroke-width="1.5"/>` +
          `<line x1="${(cx - cap).toFixed(1)}" x2="${(cx + cap).toFixed(1)}" y1="${yOf(m.range.highUsd).toFixed(1)}" y2="${yOf(m.range.highUsd).toFixed(1)}" stroke="${FLOOR_COLOR}" stroke-width="1.5"/>` +
          `<line x1="${(cx - cap).toFixed(1)}" x2="${(cx + cap).toFixed(1)}" y1="${yOf(m.range.lowUsd).toFixed(1)}" y2="${yOf(m.range.lowUsd).toFixed(1)}" stroke="${FLOOR_COLOR}" stroke-width="1.5"/>` +
          `<title>${esc(m.label)} range: ${usd(m.range.lowUsd)} - ${usd(m.range.highUsd)} USD</title></g>`,
      );
    }
    if ((i + 1) % labelEvery === 0 || i === p.months.length - 1) {
      const labelY = hasRange ? Math.min(yOf(m.totalUsd), yOf(m.range.highUsd)) - 6 : yOf(m.totalUsd) - 5;
      labels.push(`<text x="${cx.toFixed(1)}" y="${labelY.toFixed(1)}" text-anchor="middle" class="total">${moneyLabel(m.totalUsd)}</text>`);
    }
  });
  let floor = "";
  if (hasFloor) {
    // One step line across all months, haloed in white so it shows on dark bars too.
    const d = p.months.map((m, i) => `${i === 0 ? "M" : "L"}${(f.left + slot * i).toFixed(1)},${yOf(m.egressFloorUsd).toFixed(1)}H${(f.left + slot * (i + 1)).toFixed(1)}`).join("");
    const tips = p.months.map((m, i) => `<rect x="${(f.left + slot * i).toFixed(1)}" y="${(yOf(m.egressFloorUsd) - 4).toFixed(1)}" width="${slot.toFixed(1)}" height="8" fill="transparent"><title>Month ${m.month} egress floor: ${usd(m.egressFloorUsd)} USD</title></rect>`).join("");
    floor = `<g class="floor"><path d="${d}" fill="none" stroke="#fff" stroke-width="3.5"/><path d="${d}" fill="none" stroke="${FLOOR_COLOR}" stroke-width="2" stroke-dasharray="6 3"/>${tips}</g>`;
  }
  return `<figure><svg role="img" aria-label="Monthly cost stacked by service" viewBox="0 0 ${f.w} ${f.h}" width="100%">${axes(f, top, step, axisLabels(p), "USD per month", money)}${bars.join("")}${floor}${labels.join("")}</svg><figcaption>Monthly cost in USD (expected case), stacked by service (largest at the bottom)${hasRange ? "; whiskers: the low and high case" : ""}${hasFloor ? "; dashed line: the egress floor (the design's viewing at CDN prices)" : ""}. Figures above the bars are month totals.</figcaption>${costLegend(p, series, hasFloor)}</figure>`;
}

/** The legend is a table: every service with its colour, its total over the horizon and its share. */
function costLegend(p: Projection, series: readonly CostSeries[], hasFloor: boolean): string {
  const totals = new Map<string, number>();
  for (const m of p.months) for (const [s, v] of serviceTotals(m)) totals.set(s, Math.round(((totals.get(s) ?? 0) + v) * 100) / 100);
  const rows = series.flatMap((s) =>
    s.services.map((name) => `<tr class="legend-entry"><td><span class="swatch" style="background:${s.color}"></span>${esc(name)}${s.services.length > 1 ? ' <span class="muted">(in Other)</span>' : ""}</td><td>${usd(totals.get(name) ?? 0)}</td><td>${pct(totals.get(name) ?? 0, p.totalUsd)}</td></tr>`),
  );
  const floorRow = hasFloor ? `<tr><td><span class="dash"></span>Egress floor (reference, not added)</td><td>${usd(p.egressFloorTotalUsd)}</td><td></td></tr>` : "";
  return `<table class="legend"><thead><tr><th>Service</th><th>Total USD, ${p.months.length} months</th><th>Share</th></tr></thead><tbody>${rows.join("")}</tbody><tfoot><tr><th>Total</th><th>${usd(p.totalUsd)}</th><th>100.0 %</th></tr>${floorRow}</tfoot></table>`;
}

/** Month axis labels: month numbers, or short month names for calendar months. */
function axisLabels(p: Projection): string[] {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return p.months.map((m) => (/^\d{4}-\d{2}$/.test(m.label) ? names[Number(m.label.slice(5)) - 1] : String(m.month)));
}

function dauChart(p: Projection): string {
  const f: Frame = { w: 860, h: 260, left: 78, right: 20, top: 24, bottom: 48 };
  const { top, step } = niceScale(Math.max(...p.months.map((m) => m.dau), 0));
  const plotH = f.h - f.top - f.bottom;
  const slot = (f.w - f.left - f.right) / Math.max(p.months.length, 1);
  const pts = p.months.map((m, i) => [f.left + slot * (i + 0.5), f.top + plotH - (m.dau / top) * plotH] as const);
  const line = `<polyline fill="none" stroke="#1f77b4" stroke-width="2.5" points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")}"/>`;
  const r = p.months.length > 24 ? 2.5 : 3.5;
  const dots = pts.map(([x, y], i) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="#1f77b4"><title>${esc(p.months[i].label)}: ${int(p.months[i].dau)} DAU</title></circle>`).join("");
  return `<figure><svg role="img" aria-label="Daily active users per month" viewBox="0 0 ${f.w} ${f.h}" width="100%">${axes(f, top, step, axisLabels(p), "Daily active users", compact)}${line}${dots}</svg><figcaption>Daily active users (DAU) per month: ${int(p.months[0]?.dau ?? 0)} in ${esc(p.months[0]?.label ?? "month 1")}, ${int(p.months[p.months.length - 1]?.dau ?? 0)} in ${esc(p.months[p.months.length - 1]?.label ?? "")}.</figcaption></figure>`;
}

const cell = (v: string) => `<td>${v}</td>`;

function lineItems(p: Projection): string {
  const m1 = p.months[0];
  if (!m1) return "";
  const { lines, rest } = linesThatMatter(p);
  const row = (name: string, service: string, usage: string, e: number, lo: number, hi: number, fixed: number | null, prov: string) =>
    `<tr><td>${name}</td><td>${service}</td><td>${usage}</td><td>${usd(e)}</td><td class="muted">${usd(lo)} - ${usd(hi)}</td><td>${fixed === null ? "-" : usd(fixed)}</td><td class="prov">${esc(prov)}</td></tr>`;
  const rows = lines.map((it) => row(esc(it.item) + (it.detail ? `<div class="detail">${esc(it.detail)}</div>` : ""), esc(it.service), it.usage ? `${esc(quantity(it.usage.quantity))} ${esc(it.usage.unit)}` : "-", it.usd, it.range.lowUsd, it.range.highUsd, it.fixedUsd, provenanceOfItem(p, it)));
  if (rest.length) rows.push(row(`${rest.length} smaller lines <div class="detail">each under 0.5 % of the month; listed below</div>`, "", "", sumUsd(rest.map((i) => i.usd)), sumUsd(rest.map((i) => i.range.lowUsd)), sumUsd(rest.map((i) => i.range.highUsd)), rest.some((i) => i.fixedUsd === null) ? null : sumUsd(rest.map((i) => i.fixedUsd ?? 0)), ""));
  const head = "<thead><tr><th>Item</th><th>Service</th><th>Usage</th><th>Expected USD</th><th>Low - high</th><th>Fixed</th><th>Prices</th></tr></thead>";
  const foot = `<tfoot><tr><th>Total, ${esc(m1.label)}</th><th></th><th></th><th>${usd(m1.totalUsd)}</th><th>${usd(m1.range.lowUsd)} - ${usd(m1.range.highUsd)}</th><th>${m1.fixedUsd === null ? "-" : usd(m1.fixedUsd)}</th><th></th></tr></tfoot>`;
  const restRows = rest.map((it) => row(esc(it.item) + (it.detail ? `<div class="detail">${esc(it.detail)}</div>` : ""), esc(it.service), it.usage ? `${esc(quantity(it.usage.quantity))} ${esc(it.usage.unit)}` : "-", it.usd, it.range.lowUsd, it.range.highUsd, it.fixedUsd, provenanceOfItem(p, it)));
  const smaller = rest.length ? `<details><summary>The ${rest.length} smaller lines</summary><table class="items">${head}<tbody>${restRows.join("")}</tbody></table></details>` : "";
  return `<table class="items">${head}<tbody>${rows.join("")}</tbody>${foot}</table>${smaller}`;
}

export function renderHtml(p: Projection): string {
  const names = itemNames(p);
  let cumulativeCents = 0;
  const monthRows = p.months
    .map((m) => {
      cumulativeCents += Math.round(m.totalUsd * 100);
      return `<tr><td>${esc(m.label)}</td><td>Q${m.quarter}</td><td>${int(m.dau)}</td><td>${usd(m.totalUsd)}</td><td class="muted">${usd(m.range.lowUsd)} - ${usd(m.range.highUsd)}</td><td>${m.fixedUsd === null ? "-" : usd(m.fixedUsd)}</td><td>${usd(cumulativeCents / 100)}</td><td>${unitUsd(m.costPerViewerHourUsd)}</td><td>${unitUsd(m.costPerDauUsd)}</td></tr>`;
    })
    .join("");
  const monthTotal = `<tr><th>Total</th><th></th><th></th><th>${usd(p.totalUsd)}</th><th>${usd(p.range.lowUsd)} - ${usd(p.range.highUsd)}</th><th>${p.fixedUsd === null ? "-" : usd(p.fixedUsd)}</th><th></th><th>${unitUsd(p.costPerViewerHourUsd)}</th><th>${unitUsd(p.costPerDauMonthUsd)}</th></tr>`;
  const quarterRows = p.quarters.map((q) => `<tr><td>${esc(q.label)}</td><td>${q.firstMonth}-${q.lastMonth}</td><td>${usd(q.totalUsd)}</td><td class="muted">${usd(q.range.lowUsd)} - ${usd(q.range.highUsd)}</td><td>${q.fixedUsd === null ? "-" : usd(q.fixedUsd)}</td></tr>`).join("");
  const factorRows = names.map((n) => `<tr><td>${esc(n)}</td>${p.quarters.map((q) => `<td>${factor(q.scaleFactors[n] ?? null)}</td>`).join("")}</tr>`).join("");
  const first = p.months[0];
  const last = p.months[p.months.length - 1];
  const findings = p.findings.map((f) => `<li class="${f.severity}"><strong>${f.severity}</strong> ${esc(f.message)}</li>`).join("");
  const assumptions = p.assumptions.map((a) => `<tr>${cell(esc(a.label))}${cell(esc(a.value))}${cell(esc(a.low ?? ""))}${cell(esc(a.high ?? ""))}<td class="basis">${esc(a.basis)}</td></tr>`).join("");
  const prices = Object.entries(p.prices)
    .map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td>${v.tiers ? `${v.tiers[0].usd} <span class="muted">(tiered)</span>` : v.usd}</td><td>${esc(`${v.quantity && v.quantity !== 1 ? `${int(v.quantity)} ` : ""}${v.unit}`)}${v.freePerMonth ? ` <span class="muted">(${int(v.freePerMonth)} free)</span>` : ""}</td><td class="prov">${esc(v.label)}</td><td class="basis">${esc(v.source)}${v.url ? ` <span class="muted">${esc(v.url)}</span>` : ""}</td></tr>`)
    .join("");
  const source = deploymentLine(p);
  const card = (label: string, value: string, sub?: string) => `<div class="card"><span class="muted">${label}</span><b>${value}</b>${sub ? `<small>${sub}</small>` : ""}</div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title(p))}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;max-width:1040px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11.5rem,1fr));gap:.8rem;margin:1rem 0}.card{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem .9rem}
.card b{display:block;font-size:1.15rem;font-variant-numeric:tabular-nums;white-space:nowrap}.card small{display:block;color:#6b7280;font-variant-numeric:tabular-nums}.muted{color:#6b7280}
table{border-collapse:collapse;width:100%;font-size:.88rem}td,th{padding:.25rem .5rem;border-bottom:1px solid #f3f4f6;text-align:right;vertical-align:top}
td:first-child,th:first-child{text-align:left}th{background:#f9fafb}td{font-variant-numeric:tabular-nums}
td.prov,td.basis{text-align:left;color:#374151}td.basis{font-size:.82rem}.detail{color:#6b7280;font-size:.78rem}
table.items td:not(:first-child),table.items th:not(:first-child){white-space:nowrap}table.items td.prov{white-space:normal;min-width:9rem}table.items td:first-child{min-width:14rem}
table.notes td,table.notes th{text-align:left}table.notes td.prov,table.notes td:first-child code{white-space:nowrap}details{margin:.6rem 0}summary{cursor:pointer;color:#374151}
tfoot th{border-top:2px solid #9ca3af;background:#fff}
figure{margin:1rem 0}figcaption{color:#6b7280;font-size:.85rem}.tick{font-size:12px;fill:#4b5563}.year{font-weight:600}.axis-title{font-size:12px;fill:#374151;font-weight:600}.total{font-size:11px;fill:#111827;font-weight:600;stroke:#fff;stroke-width:3px;paint-order:stroke}
table.legend{width:auto;min-width:60%;margin-top:.6rem}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.dash{display:inline-block;width:1.2rem;border-top:2px dashed #111827;margin-right:.3rem;vertical-align:middle}
li.warning strong{color:#b45309}li.info strong{color:#2563eb}li{margin:.4rem 0}
</style></head><body>
<h1>${esc(title(p))}</h1>
<p class="muted">Generated by <code>ops forecast</code>. Currency ${p.currency}. Catalog ${esc(p.pricing.catalog)} version ${esc(p.pricing.version)}.${source ? ` ${esc(source)}` : ""}</p>
<div class="cards">
${card(`Month 1 (${esc(first?.label ?? "")}), expected`, `${usd(first?.totalUsd ?? 0)} USD`, first ? `range ${usd(first.range.lowUsd)} - ${usd(first.range.highUsd)}` : undefined)}
${card(`${p.months.length} months, expected`, `${usd(p.totalUsd)} USD`, `range ${usd(p.range.lowUsd)} - ${usd(p.range.highUsd)}`)}
${card(`Month ${p.months.length} (${esc(last?.label ?? "")})`, `${usd(last?.totalUsd ?? 0)} USD`, last ? `range ${usd(last.range.lowUsd)} - ${usd(last.range.highUsd)}` : undefined)}
${p.viewerHours !== null ? card("Per viewer-hour / per DAU-month", `${unitUsd(p.costPerViewerHourUsd)} / ${unitUsd(p.costPerDauMonthUsd)} USD`, `month 1: ${unitUsd(first?.costPerViewerHourUsd ?? null)} / ${unitUsd(first?.costPerDauUsd ?? null)}`) : card("Egress floor, all months", `${usd(p.egressFloorTotalUsd)} USD`)}
${p.fixedUsd !== null ? card(`Fixed part, ${p.months.length} months`, `${usd(p.fixedUsd)} USD`, `${((p.fixedUsd / Math.max(p.totalUsd, 0.01)) * 100).toFixed(1)} % of the total; variable ${usd(p.variableUsd ?? 0)}`) : ""}
</div>
${findings ? `<h2>Findings</h2><ul>${findings}</ul>` : ""}
<h2>Monthly cost by service</h2>
${costChart(p)}
<h2>${first ? `Month 1 (${esc(first.label)}) by line item` : "Line items"}</h2>
${lineItems(p)}
<h2>Monthly totals</h2>
<table><thead><tr><th>Month</th><th>Quarter</th><th>DAU</th><th>Expected USD</th><th>Low - high</th><th>Fixed</th><th>Cumulative</th><th>Per viewer-hour</th><th>Per DAU</th></tr></thead><tbody>${monthRows}</tbody><tfoot>${monthTotal}</tfoot></table>
<h2>Quarters</h2>
<table><thead><tr><th>Quarter</th><th>Months</th><th>Expected USD</th><th>Low - high</th><th>Fixed</th></tr></thead><tbody>${quarterRows}</tbody></table>
<h2>Daily active users</h2>
${dauChart(p)}
${assumptions ? `<h2>Assumptions</h2><table class="notes"><thead><tr><th>Assumption</th><th>Expected</th><th>Low</th><th>High</th><th>Basis</th></tr></thead><tbody>${assumptions}</tbody></table>` : ""}
${prices ? `<h2>Prices and their provenance</h2><table class="notes"><thead><tr><th>Price</th><th>USD</th><th>Per</th><th>Provenance</th><th>Source</th></tr></thead><tbody>${prices}</tbody></table>` : ""}
<h2>Scale factors by quarter</h2>
<table><thead><tr><th>Item</th>${p.quarters.map((q) => `<th>Q${q.quarter}</th>`).join("")}</tr></thead><tbody>${factorRows}</tbody></table>
</body></html>
`;
}
