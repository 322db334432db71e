/**
 * A self-contained HTML report of one analysis: the overall swimlane, lanes for the top entities, and for the
 * top entities a chart of the actual value against the model's typical value and 95 % band.
 * Fed result documents one at a time (bounded memory), rendered once at the end. Inline SVG, no scripts.
 */
import { severityOf, type Severity } from '../engine/types';

/** The fields of a result document the report reads (Elastic names, as written to NDJSON). */
export interface ReportDoc {
  result_type: string;
  timestamp: number;
  anomaly_score?: number;
  record_score?: number;
  entity_key?: string;
  function?: string;
  field_name?: string;
  detector_index?: number;
  actual?: number[];
  typical?: number[];
  probability?: number;
  model_lower?: number;
  model_upper?: number;
  model_median?: number;
  event_count?: number;
}

export interface ReportMeta {
  title: string;
  inputs: string[];
  analysis: string;
  bucketSpanSeconds: number;
}

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#fe5050',
  major: '#fba740',
  minor: '#fdec25',
  warning: '#8bc8fb',
  low: '#d2e9f7',
};

interface PlotPoint { t: number; actual: number; lower: number; median: number; upper: number }

const MAX_PLOT_POINTS = 1_500_000;
const MAX_RECORDS_KEPT = 2_000;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function fmt(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return n.toExponential(3);
  return String(Math.round(n * 1000) / 1000);
}

export class HtmlReportBuilder {
  private readonly buckets = new Map<number, number>();
  private readonly lanes = new Map<string, Map<number, number>>();
  private records: ReportDoc[] = [];
  private readonly plots = new Map<string, PlotPoint[]>();
  private plotPoints = 0;

  add(doc: ReportDoc): void {
    switch (doc.result_type) {
      case 'bucket':
        this.buckets.set(doc.timestamp, Math.max(this.buckets.get(doc.timestamp) ?? 0, doc.anomaly_score ?? 0));
        break;
      case 'record': {
        const key = `${doc.detector_index ?? 0}|${doc.entity_key ?? ''}`;
        let lane = this.lanes.get(key);
        if (!lane) this.lanes.set(key, (lane = new Map()));
        lane.set(doc.timestamp, Math.max(lane.get(doc.timestamp) ?? 0, doc.record_score ?? 0));
        this.records.push(doc);
        if (this.records.length > MAX_RECORDS_KEPT * 2) this.trimRecords();
        break;
      }
      case 'model_plot': {
        if (this.plotPoints >= MAX_PLOT_POINTS || doc.actual === undefined) break;
        const key = `${doc.detector_index ?? 0}|${doc.entity_key ?? ''}`;
        let pts = this.plots.get(key);
        if (!pts) this.plots.set(key, (pts = []));
        const actual = Array.isArray(doc.actual) ? doc.actual[0] : (doc.actual as unknown as number);
        pts.push({ t: doc.timestamp, actual, lower: doc.model_lower ?? NaN, median: doc.model_median ?? NaN, upper: doc.model_upper ?? NaN });
        this.plotPoints++;
        break;
      }
      default:
        break;
    }
  }

  private trimRecords(): void {
    this.records.sort((a, b) => (b.record_score ?? 0) - (a.record_score ?? 0) || a.timestamp - b.timestamp);
    this.records = this.records.slice(0, MAX_RECORDS_KEPT);
  }

  render(meta: ReportMeta): string {
    this.trimRecords();
    const times = [...this.buckets.keys()].sort((a, b) => a - b);
    const laneOrder = [...this.lanes.entries()]
      .map(([key, cells]) => ({ key, max: Math.max(...cells.values()) }))
      .sort((a, b) => b.max - a.max || a.key.localeCompare(b.key))
      .slice(0, 15);
    const counts: Record<Severity, number> = { critical: 0, major: 0, minor: 0, warning: 0, low: 0 };
    for (const r of this.records) counts[severityOf(r.record_score ?? 0)]++;
    const top = this.records.slice(0, 25);
    const chartKeys = laneOrder.filter((l) => this.plots.has(l.key)).slice(0, 5);

    const parts: string[] = [];
    parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(meta.title)}</title>`);
    parts.push(`<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;font-size:12px}.muted{color:#666;font-size:12px}</style></head><body>`);
    parts.push(`<h1>${esc(meta.title)}</h1>`);
    parts.push(`<p class="muted">Input: ${meta.inputs.map(esc).join(', ')}<br>Analysis: <code>${esc(meta.analysis)}</code><br>`);
    if (times.length) parts.push(`Buckets: ${times.length} × ${meta.bucketSpanSeconds} s, ${iso(times[0])} → ${iso(times[times.length - 1] + meta.bucketSpanSeconds * 1000)}<br>`);
    parts.push(`Records kept: ${this.records.length} (critical ${counts.critical}, major ${counts.major}, minor ${counts.minor}, warning ${counts.warning})</p>`);
    parts.push('<div class="legend">' + (Object.keys(SEVERITY_COLOURS) as Severity[])
      .map((s) => `<span style="background:${SEVERITY_COLOURS[s]}">${s}</span>`).join('') + '</div>');
    parts.push('<h2>Swimlane</h2>');
    parts.push(this.swimlaneSvg(times, laneOrder.map((l) => l.key), meta.bucketSpanSeconds));
    for (const { key } of chartKeys) {
      parts.push(`<h2>${esc(laneLabel(key))}</h2>`);
      parts.push(this.chartSvg(key));
    }
    parts.push('<h2>Top anomalies</h2><table><tr><th>time</th><th>severity</th><th>score</th><th>detector</th><th>entity</th><th>actual</th><th>typical</th><th>probability</th></tr>');
    for (const r of top) {
      const sev = severityOf(r.record_score ?? 0);
      parts.push(`<tr><td>${iso(r.timestamp)}</td><td><span style="background:${SEVERITY_COLOURS[sev]};padding:0 6px">${sev}</span></td>` +
        `<td>${fmt(r.record_score)}</td><td>${esc(`${r.function ?? ''}(${r.field_name ?? ''})`)}</td><td>${esc(r.entity_key ?? '')}</td>` +
        `<td>${fmt(r.actual?.[0])}</td><td>${fmt(r.typical?.[0])}</td><td>${r.probability !== undefined ? r.probability.toExponential(2) : '–'}</td></tr>`);
    }
    parts.push('</table>');
    if (top.length === 0) parts.push('<p>No anomalies: no bucket of any series had a probability below 0.035.</p>');
    parts.push('</body></html>');
    return parts.join('\n');
  }

  private swimlaneSvg(times: number[], laneKeys: string[], spanS: number): string {
    if (!times.length) return '<p>No buckets were analysed.</p>';
    const labelW = 260;
    const width = 1100;
    const rowH = 18;
    const t0 = times[0];
    const t1 = times[times.length - 1] + spanS * 1000;
    const x = (t: number) => labelW + ((t - t0) / (t1 - t0)) * (width - labelW);
    const cellW = Math.max(1, ((spanS * 1000) / (t1 - t0)) * (width - labelW));
    const rows: { label: string; cells: Map<number, number> }[] = [{ label: 'Overall', cells: this.buckets }];
    for (const k of laneKeys) rows.push({ label: laneLabel(k), cells: this.lanes.get(k) as Map<number, number> });
    const h = rows.length * rowH + 24;
    const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" font-size="11">`];
    rows.forEach((row, i) => {
      const y = i * rowH;
      out.push(`<text x="4" y="${y + 13}">${esc(truncate(row.label, 40))}</text>`);
      out.push(`<rect x="${labelW}" y="${y + 1}" width="${width - labelW}" height="${rowH - 2}" fill="#f4f4f4"/>`);
      for (const [t, score] of row.cells) {
        if (score < 3) continue;
        out.push(`<rect x="${x(t).toFixed(1)}" y="${y + 1}" width="${cellW.toFixed(1)}" height="${rowH - 2}" fill="${SEVERITY_COLOURS[severityOf(score)]}"><title>${iso(t)} score ${fmt(score)}</title></rect>`);
      }
    });
    out.push(`<text x="${labelW}" y="${h - 6}">${iso(t0)}</text><text x="${width}" y="${h - 6}" text-anchor="end">${iso(t1)}</text></svg>`);
    return out.join('');
  }

  private chartSvg(key: string): string {
    const pts = (this.plots.get(key) as PlotPoint[]).slice().sort((a, b) => a.t - b.t);
    const width = 1100;
    const height = 220;
    const pad = 40;
    // Robust y range: the model's band and the actual values up to their 99th percentile; larger values are
    // drawn at the top edge so one huge spike does not flatten the chart.
    const actuals = pts.map((p) => p.actual).filter(Number.isFinite).sort((a, b) => a - b);
    const bandVals = pts.flatMap((p) => [p.lower, p.upper]).filter(Number.isFinite);
    const p99 = actuals.length ? actuals[Math.min(actuals.length - 1, Math.floor(actuals.length * 0.99))] : 0;
    const vals = [...bandVals, ...actuals.filter((v) => v <= p99)];
    if (vals.length === 0) vals.push(0);
    let lo = vals.reduce((a, b) => Math.min(a, b), Infinity);
    let hi = vals.reduce((a, b) => Math.max(a, b), -Infinity);
    if (hi === lo) { hi += 1; lo -= 1; }
    const t0 = pts[0].t;
    const t1 = Math.max(pts[pts.length - 1].t, t0 + 1);
    const x = (t: number) => pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad);
    const y = (v: number) => height - pad / 2 - ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * (height - pad);
    const band = pts.filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper));
    const bandPath = band.length
      ? 'M' + band.map((p) => `${x(p.t).toFixed(1)},${y(p.upper).toFixed(1)}`).join('L') + 'L' +
        band.slice().reverse().map((p) => `${x(p.t).toFixed(1)},${y(p.lower).toFixed(1)}`).join('L') + 'Z'
      : '';
    const line = (sel: (p: PlotPoint) => number) => 'M' + pts.filter((p) => Number.isFinite(sel(p)))
      .map((p) => `${x(p.t).toFixed(1)},${y(sel(p)).toFixed(1)}`).join('L');
    const marks = this.records
      .filter((r) => `${r.detector_index ?? 0}|${r.entity_key ?? ''}` === key && r.actual?.length && (r.record_score ?? 0) >= 25)
      .map((r) => `<circle cx="${x(r.timestamp).toFixed(1)}" cy="${y(r.actual?.[0] as number).toFixed(1)}" r="4" fill="${SEVERITY_COLOURS[severityOf(r.record_score ?? 0)]}" stroke="#333"><title>${iso(r.timestamp)} score ${fmt(r.record_score)}</title></circle>`);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-size="11">` +
      `<path d="${bandPath}" fill="#cfe3f7" stroke="none"/>` +
      `<path d="${line((p) => p.median)}" fill="none" stroke="#7aa7d6" stroke-dasharray="3,2"/>` +
      `<path d="${line((p) => p.actual)}" fill="none" stroke="#333" stroke-width="1"/>` + marks.join('') +
      `<text x="2" y="12">${esc(fmt(hi))}</text><text x="2" y="${height - 8}">${esc(fmt(lo))}</text>` +
      `<text x="${width - 4}" y="12" text-anchor="end">actual (line), typical (dashed), 95 % band (shaded)</text></svg>`;
  }
}

function laneLabel(key: string): string {
  const [det, entity] = key.split('|');
  return `${entity || '(all)'} · detector ${det}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
