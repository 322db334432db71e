/** Job-level robustness to absurd values and to the support of non-negative data (model plot and records). */
import { AnomalyJob } from './anomalyJob';
import type { ModelPlotResult, RecordResult, ResultDocument } from './resultTypes';
import { hostEvents, SPAN_MS, T0 } from './testing/synthetic';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

function run(detectors: JobConfig['analysis_config']['detectors'], ev: EventRecord[]): ResultDocument[] {
  const j = new AnomalyJob('j', {
    job_id: 'j', analysis_config: { bucket_span: '5m', detectors }, model_plot_config: { enabled: true },
  } as JobConfig);
  for (const r of ev) j.push(r);
  j.flush();
  return j.takeResults();
}
const of = <T extends ResultDocument>(docs: ResultDocument[], t: T['result_type']): T[] => docs.filter((d) => d.result_type === t) as T[];

describe('AnomalyJob: value robustness', () => {
  it('mean(value) with one value of 1e200: one critical record, typical stays a number, later buckets not anomalous', () => {
    const ev = hostEvents([{ host: 'a', rate: 4, bytes: { mean: 1000, sd: 50, overrides: { 200: 1e200 } } }], 400, 11);
    const docs = run([{ function: 'mean', field_name: 'bytes' }], ev);
    const recs = of<RecordResult>(docs, 'record');
    const spike = recs.find((r) => r.timestamp === T0 + 200 * SPAN_MS)!;
    expect(spike.actual[0]).toBeGreaterThan(1e199);
    expect(spike.record_score).toBeGreaterThan(75);
    const later = recs.filter((r) => r.timestamp > T0 + 200 * SPAN_MS);
    // Before the fix: typical NaN (null on the wire) and every later bucket a critical record.
    for (const r of later) expect(Number.isFinite(r.typical[0])).toBe(true);
    expect(later.filter((r) => r.record_score >= 50)).toHaveLength(0);
    const plots = of<ModelPlotResult>(docs, 'model_plot').filter((p) => p.timestamp > T0 + 200 * SPAN_MS);
    expect(plots.length).toBeGreaterThan(150);
    for (const p of plots) expect(Math.abs(p.model_median - 1000)).toBeLessThan(100);
  });

  it('count by host of a sparse host: typical and model bounds never below 0', () => {
    const overrides: Record<number, number> = {};
    for (let b = 0; b < 600; b++) overrides[b] = b % 30 < 2 ? 15 : 0;
    const ev = hostEvents([{ host: 'a', rate: 0, overrides }, { host: 'b', rate: 3 }], 600, 12);
    const docs = run([{ function: 'count', by_field_name: 'host' }], ev);
    const plots = of<ModelPlotResult>(docs, 'model_plot');
    expect(plots.filter((p) => p.by_field_value === 'a').length).toBeGreaterThan(400);
    expect(Math.min(...plots.map((p) => p.model_median))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...plots.map((p) => p.model_lower))).toBeGreaterThanOrEqual(0);
    for (const r of of<RecordResult>(docs, 'record')) expect(r.typical[0]).toBeGreaterThanOrEqual(0);
  });
});
