/** The scheduler's metrics in the Prometheus text exposition format (version 0.0.4). */
import type { SchedulerMetrics } from '../scheduler/types';

/** A label value with `\`, `"` and newlines escaped. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  value: (m: SchedulerMetrics['jobs'][string]) => number | null;
}

const FAMILIES: Family[] = [
  { name: 'vigil_buckets_processed_total', help: 'Buckets the job has processed.', type: 'counter', value: (m) => m.buckets_processed },
  { name: 'vigil_documents_read_total', help: 'Documents the datafeed has read from OpenSearch.', type: 'counter', value: (m) => m.documents_read },
  { name: 'vigil_results_written_total', help: 'Result documents written to the results index.', type: 'counter', value: (m) => m.results_written },
  { name: 'vigil_errors_total', help: 'Errors of the job (failed ticks, failed writes).', type: 'counter', value: (m) => m.errors },
  { name: 'vigil_lag_seconds', help: 'How far the processed time is behind real time, seconds.', type: 'gauge', value: (m) => (m.lag_ms === null ? null : m.lag_ms / 1000) },
];

const num = (v: number): string => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

export function prometheusText(m: SchedulerMetrics): string {
  const lines: string[] = [];
  const ids = Object.keys(m.jobs).sort();
  lines.push('# HELP vigil_jobs Jobs with metrics on this instance.', '# TYPE vigil_jobs gauge', `vigil_jobs ${ids.length}`);
  for (const f of FAMILIES) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const id of ids) {
      const v = f.value(m.jobs[id]);
      if (v !== null) lines.push(`${f.name}{job_id="${escapeLabel(id)}"} ${num(v)}`);
    }
  }
  return lines.join('\n') + '\n';
}
