import { AnomalyJob } from './anomalyJob';
import type { RecordResult, ResultDocument } from './resultTypes';
import { poisson, seededRandom, SPAN_MS, T0 } from './testing/synthetic';
import { zeekRecords } from './testing/zeekFile';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

function run(ac: Partial<JobConfig['analysis_config']>, ev: EventRecord[]): { job: AnomalyJob; docs: ResultDocument[] } {
  const job = new AnomalyJob('p', { job_id: 'p', analysis_config: { bucket_span: '5m', detectors: [], ...ac } } as JobConfig);
  for (const r of ev) job.push(r);
  job.flush();
  return { job, docs: job.takeResults() };
}
const records = (docs: ResultDocument[]): RecordResult[] => docs.filter((d): d is RecordResult => d.result_type === 'record');

/** 60 sources, each present in a bucket with probability 0.5 making ~2 connections to random ports. */
function sources(buckets: number, special: (b: number, push: (src: string, port: number) => void) => void): EventRecord[] {
  const r = seededRandom(11);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = T0 + b * SPAN_MS;
    const push = (src: string, port: number): void => { out.push({ time: t + out.length % SPAN_MS, fields: { src, dest_port: port } }); };
    for (let s = 0; s < 60; s++) {
      if (r() < 0.5) continue;
      const n = 1 + poisson(r, 1);
      for (let i = 0; i < n; i++) push(`10.0.0.${s}`, [80, 443, 53][Math.floor(r() * 3)]);
    }
    special(b, push);
  }
  return out.sort((a, b) => a.time - b.time);
}

describe('population analysis (over)', () => {
  it('count over src: the member making 80 connections in one bucket is flagged, by name', () => {
    const ev = sources(60, (b, push) => { if (b === 45) for (let i = 0; i < 80; i++) push('10.0.0.7', 443); });
    const { docs, job } = run({ detectors: [{ function: 'high_count', over_field_name: 'src' }] }, ev);
    const recs = records(docs);
    const hit = recs.find((r) => r.timestamp === T0 + 45 * SPAN_MS && r.over_field_value === '10.0.0.7')!;
    expect(hit).toBeDefined();
    expect(hit.over_field_name).toBe('src');
    expect(hit.entity_key).toBe('src=10.0.0.7');
    expect(hit.actual[0]).toBeGreaterThanOrEqual(80);
    expect(hit.typical[0]).toBeLessThan(4);
    expect(hit.probability).toBeLessThan(1e-6);
    // Only the spike: a few records at most elsewhere.
    expect(recs.filter((r) => r.timestamp !== T0 + 45 * SPAN_MS).length).toBeLessThan(6);
    expect(job.stats().model_size_stats.total_over_field_count).toBe(60);
  });

  it('distinct_count(dest_port) over src: a port scanner stands out from the population', () => {
    const ev = sources(60, (b, push) => { if (b === 50) for (let p = 1; p <= 300; p++) push('10.0.0.9', 1000 + p); });
    const recs = records(run({ detectors: [{ function: 'high_distinct_count', field_name: 'dest_port', over_field_name: 'src' }] }, ev).docs);
    const hit = recs.find((r) => r.timestamp === T0 + 50 * SPAN_MS && r.over_field_value === '10.0.0.9')!;
    expect(hit.actual[0]).toBeGreaterThanOrEqual(300);
    expect(hit.function_description).toBe('distinct_count');
    expect(recs.every((r) => r.actual[0] > r.typical[0])).toBe(true);
  });

  it('exclude_frequent=over keeps members seen in most buckets out of the results', () => {
    const ev = sources(60, (b, push) => { for (let i = 0; i < (b === 45 ? 80 : 1); i++) push('10.9.9.9', 80); });
    const on = records(run({ detectors: [{ function: 'high_count', over_field_name: 'src', exclude_frequent: 'over' }] }, ev).docs);
    expect(on.some((r) => r.over_field_value === '10.9.9.9')).toBe(false);
    const off = records(run({ detectors: [{ function: 'high_count', over_field_name: 'src' }] }, ev).docs);
    expect(off.some((r) => r.over_field_value === '10.9.9.9' && r.timestamp === T0 + 45 * SPAN_MS)).toBe(true);
  });

  it('Zeek 008: count over id.orig_h flags the heaviest scanners, with by-field partitions independent', () => {
    const ev = zeekRecords('008-zeek-mixed', 'conn.log.labeled');
    const { docs, job } = run({ latency: '10m', detectors: [{ function: 'high_count', over_field_name: 'id.orig_h' }] }, ev);
    const recs = records(docs);
    expect(recs.length).toBeGreaterThan(0);
    const st = job.stats();
    expect(st.model_size_stats.total_over_field_count).toBeGreaterThan(1000);
    // Every flagged member made more connections in its bucket than the population's typical member.
    expect(recs.every((r) => r.actual[0] > r.typical[0])).toBe(true);
    const biggest = [...recs].sort((a, b) => b.actual[0] - a.actual[0])[0];
    expect(biggest.actual[0]).toBeGreaterThan(30);
    expect(biggest.probability).toBeLessThan(1e-6);
    // The source with 816 flows over the day (README: a heavy hitter) is among the flagged members.
    expect(recs.some((r) => r.over_field_value === '104.156.155.13')).toBe(true);
  });
});
