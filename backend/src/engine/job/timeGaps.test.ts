import { AnomalyJob, MAX_RESULT_BUCKETS, maxGapBuckets } from './anomalyJob';
import type { BucketResult, RecordResult, ResultDocument } from './resultTypes';
import { SPAN_MS, T0 } from './testing/synthetic';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

function job(detectors: JobConfig['analysis_config']['detectors']): AnomalyJob {
  return new AnomalyJob('j', { job_id: 'j', analysis_config: { bucket_span: '5m', detectors } } as JobConfig);
}
const of = <T extends ResultDocument>(docs: ResultDocument[], t: T['result_type']): T[] => docs.filter((d) => d.result_type === t) as T[];
/** `n` buckets from bucket `from` on, `perBucket` events each, field `v` = value(bucket). */
function events(from: number, n: number, perBucket: number, value: (b: number) => number): EventRecord[] {
  const out: EventRecord[] = [];
  for (let b = from; b < from + n; b++) {
    for (let e = 0; e < perBucket; e++) out.push({ time: T0 + b * SPAN_MS + e * 1000, fields: { v: value(b) } });
  }
  return out;
}
function withoutSkips(j: AnomalyJob): AnomalyJob {
  (j as unknown as { bucketer: { maxGapBuckets: number } }).bucketer.maxGapBuckets = Infinity;
  return j;
}

describe('AnomalyJob: long gaps in time (skip_time)', () => {
  it('a record read in the wrong unit (ms as s, year 55970) opens no millions of buckets: the gap is skipped and counted', () => {
    const j = job([{ function: 'count' }]);
    const far = 1_704_067_200_000 * 1000;
    j.push({ time: far, fields: {} });
    j.push({ time: Date.UTC(2024, 0, 1, 0, 10), fields: {} });
    j.flush();
    const buckets = of<BucketResult>(j.takeResults(), 'bucket');
    expect(buckets.map((b) => b.timestamp)).toEqual([Date.UTC(2024, 0, 1, 0, 10), far]);
    const st = j.stats();
    expect(st.bucket_count).toBe(2);
    expect(st.skipped_bucket_count).toBe((far - Date.UTC(2024, 0, 1, 0, 15)) / SPAN_MS);
    expect(st.skipped_spans).toEqual([{ start: Date.UTC(2024, 0, 1, 0, 15), end: far }]);
  });

  it('gaps up to max(prune window, 5000 buckets) are materialised (count needs its 0s), longer ones skipped', () => {
    expect(maxGapBuckets(SPAN_MS, 30 * 86_400_000)).toBe(8640);
    expect(maxGapBuckets(3_600_000, 30 * 86_400_000)).toBe(5000);
    expect(maxGapBuckets(1000, 30 * 86_400_000)).toBe(100_000);
    const j = job([{ function: 'count' }]);
    for (const r of [...events(0, 3, 1, () => 0), ...events(3 + 8640, 1, 1, () => 0), ...events(4 + 8640 + 8641, 1, 1, () => 0)]) j.push(r);
    j.flush();
    const st = j.stats();
    expect(st.bucket_count).toBe(3 + 8640 + 1 + 1);
    expect(st.skipped_bucket_count).toBe(8641);
    expect(st.skipped_spans).toEqual([{ start: T0 + (4 + 8640) * SPAN_MS, end: T0 + (4 + 8640 + 8641) * SPAN_MS }]);
  });

  it('a mean series after a skipped gap is scored exactly as if the empty buckets had been materialised', () => {
    const ev = [...events(0, 300, 3, (b) => 50 + (b % 7)), ...events(300 + 20_000, 100, 3, (b) => (b === 20_350 ? 90 : 50 + (b % 7)))];
    const run = (j: AnomalyJob): RecordResult[] => {
      for (const r of ev) j.push(r);
      j.flush();
      return of<RecordResult>(j.takeResults(), 'record');
    };
    const skipped = job([{ function: 'mean', field_name: 'v' }]);
    const full = withoutSkips(job([{ function: 'mean', field_name: 'v' }]));
    const a = run(skipped);
    const b = run(full);
    expect(skipped.stats().skipped_bucket_count).toBe(20_000);
    expect(full.stats().skipped_bucket_count).toBe(0);
    expect(a.map((r) => [r.timestamp, r.probability])).toEqual(b.map((r) => [r.timestamp, r.probability]));
    expect(a.some((r) => r.timestamp === T0 + 20_350 * SPAN_MS && r.actual[0] === 90)).toBe(true);
  });

  it('refuses (and counts) records past 1,000,000 buckets of results, computed without materialising them', () => {
    const j = job([{ function: 'count' }]);
    j.push({ time: T0, fields: {} });
    const snap = j.snapshot();
    snap.counters.buckets = MAX_RESULT_BUCKETS - 3;
    const r = AnomalyJob.restore(snap);
    r.push({ time: T0 + SPAN_MS, fields: {} }); // finalises bucket 0 (999,998 buckets)
    r.push({ time: T0 + 2 * SPAN_MS, fields: {} }); // finalises bucket 1 (999,999)
    r.push({ time: T0 + 4 * SPAN_MS, fields: {} }); // would need buckets 2, 3, 4: refused
    r.push({ time: T0 + 1e9 * SPAN_MS, fields: {} }); // a skipped gap: only its own bucket; refused at the limit too
    r.flush();
    const st = r.stats();
    expect(st.over_bucket_limit_count).toBe(1);
    expect(st.invalid_time_count).toBe(1);
    expect(st.bucket_count).toBe(MAX_RESULT_BUCKETS);
    expect(st.processed_record_count).toBe(3);
  });
});
