/**
 * The table of top anomalies printed at the end of `vigil analyze` (and `vigil demo`):
 * time, severity, score, detector, entity, actual vs typical.
 */
import { severityOf } from '../engine/types';

export interface TableRecord {
  timestamp: number;
  record_score?: number;
  function?: string;
  /** For `metric`, which of mean/min/max this record is about. */
  function_description?: string;
  field_name?: string;
  by_field_name?: string;
  over_field_name?: string;
  partition_field_name?: string;
  entity_key?: string;
  actual?: number[];
  typical?: number[];
  probability?: number;
}

/** Keeps the N highest-scoring records seen (bounded memory), ties broken by earlier time. */
export class TopRecords<T extends TableRecord = TableRecord> {
  private items: T[] = [];
  constructor(private readonly limit: number) {}
  add(r: T): void {
    this.items.push(r);
    if (this.items.length >= this.limit * 4) this.compact();
  }
  private compact(): void {
    this.items.sort((a, b) => (b.record_score ?? 0) - (a.record_score ?? 0) || a.timestamp - b.timestamp);
    this.items.length = Math.min(this.items.length, this.limit);
  }
  list(): T[] {
    this.compact();
    return this.items.slice();
  }
}

function num(n: number | undefined): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return '-';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return n.toExponential(2);
  return String(Math.round(n * 1000) / 1000);
}

export function detectorLabel(r: TableRecord): string {
  const fn = r.function === 'metric' && r.function_description ? `metric/${r.function_description}` : r.function ?? '?';
  let s = `${fn}(${r.field_name ?? ''})`;
  if (r.by_field_name) s += ` by ${r.by_field_name}`;
  if (r.over_field_name) s += ` over ${r.over_field_name}`;
  if (r.partition_field_name) s += ` partition ${r.partition_field_name}`;
  return s;
}

/** Renders the records as an aligned text table; an explicit line when there are none. */
export function formatAnomalyTable(records: TableRecord[], opts: { minScore?: number } = {}): string {
  const minScore = opts.minScore ?? 0;
  const rows = records.filter((r) => (r.record_score ?? 0) >= minScore);
  if (rows.length === 0) {
    return minScore > 0 ? `No anomalies with a score of ${minScore} or more.` : 'No anomalies: no bucket of any series had a probability below 0.035.';
  }
  const header = ['time (UTC)', 'severity', 'score', 'detector', 'entity', 'actual', 'typical'];
  const body = rows.map((r) => [
    new Date(r.timestamp).toISOString().replace('.000Z', 'Z'),
    severityOf(r.record_score ?? 0),
    (r.record_score ?? 0).toFixed(1),
    detectorLabel(r),
    r.entity_key || '(all)',
    (r.actual ?? []).map(num).join(',') || '-',
    (r.typical ?? []).map(num).join(',') || '-',
  ]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((row) => row[i].length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (c.length > widths[i] ? c.slice(0, widths[i] - 1) + '…' : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
