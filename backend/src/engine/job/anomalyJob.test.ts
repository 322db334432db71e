import { AnomalyJob } from './anomalyJob';
import type { BucketResult, RecordResult, ResultDocument } from './resultTypes';
import { hostEvents, SPAN_MS, T0 } from './testing/synthetic';
import type { JobConfig } from '../config/jobConfigTypes';
import { severityOf } from '../types';

function config(detectors: JobConfig['analysis_config']['detectors'], extra: Partial<JobConfig['analysis_config']> = {}): JobConfig {
  return { job_id: 'j', analysis_config: { bucket_span: '5m', detectors, ...extra } } as JobConfig;
}

function run(cfg: JobConfig, records: ReturnType<typeof hostEvents>): { job: AnomalyJob; docs: ResultDocument[] } {
  const job = new AnomalyJob('j', cfg);
  for (const r of records) job.push(r);
  job.flush();
  return { job, docs: job.takeResults() };
}

const recordsOf = (docs: ResultDocument[]): RecordResult[] => docs.filter((d): d is RecordResult => d.result_type === 'record');
const bucketsOf = (docs: ResultDocument[]): BucketResult[] => docs.filter((d): d is BucketResult => d.result_type === 'bucket');

describe('AnomalyJob: count and mean end to end', () => {
  const SPIKE = 150;
  const DIP = 170;
  const events = hostEvents([
    { host: 'a', rate: 20, overrides: { [SPIKE]: 90 } },
    { host: 'b', rate: 20, overrides: { [DIP]: 0 } },
  ], 200);

  it('writes one bucket document per bucket, in time order, with event counts', () => {
    const { docs, job } = run(config([{ function: 'count', by_field_name: 'host' }]), events);
    const buckets = bucketsOf(docs);
    expect(buckets).toHaveLength(200);
    expect(buckets[0].timestamp).toBe(T0);
    expect(buckets[199].timestamp).toBe(T0 + 199 * SPAN_MS);
    expect(buckets.every((b, i) => b.timestamp === T0 + i * SPAN_MS && b.bucket_span === 300)).toBe(true);
    expect(buckets.reduce((s, b) => s + b.event_count, 0)).toBe(events.length);
    for (let i = 1; i < docs.length; i++) expect(docs[i].timestamp).toBeGreaterThanOrEqual(docs[i - 1].timestamp);
    const st = job.stats();
    expect(st.processed_record_count).toBe(events.length);
    expect(st.bucket_count).toBe(200);
    expect(st.late_record_count).toBe(0);
    expect(st.model_size_stats.total_by_field_count).toBe(2);
    expect(st.model_size_stats.memory_status).toBe('ok');
    expect(st.model_size_stats.model_bytes).toBeGreaterThan(0);
    expect(st.latest_record_timestamp).toBe(events[events.length - 1].time);
  });

  it('count by host flags the spike of a and the dip of b, with entity_key, severity and explanation', () => {
    const { docs } = run(config([{ function: 'count', by_field_name: 'host' }]), events);
    const recs = recordsOf(docs);
    expect(recs.every((r) => r.probability < 0.035)).toBe(true);
    const spike = recs.find((r) => r.timestamp === T0 + SPIKE * SPAN_MS && r.by_field_value === 'a')!;
    expect(spike).toBeDefined();
    expect(spike.actual).toEqual([90]);
    expect(spike.typical[0]).toBeGreaterThan(15);
    expect(spike.typical[0]).toBeLessThan(25);
    expect(spike.entity_key).toBe('host=a');
    expect(spike.by_field_name).toBe('host');
    expect(spike.function).toBe('count');
    expect(spike.function_description).toBe('count');
    expect(spike.anomaly_score_explanation.anomaly_type).toBe('spike');
    expect(spike.probability).toBeLessThan(1e-6);
    // The spike is host a's most anomalous bucket; severity follows the score bands.
    expect(spike.record_score).toBe(Math.max(...recs.filter((r) => r.by_field_value === 'a').map((r) => r.record_score)));
    expect(spike.record_score).toBeGreaterThan(0);
    expect(spike.severity).toBe(severityOf(spike.record_score));
    expect(spike.initial_record_score).toBe(spike.record_score);
    const dip = recs.find((r) => r.timestamp === T0 + DIP * SPAN_MS && r.by_field_value === 'b')!;
    expect(dip.actual).toEqual([0]);
    expect(dip.anomaly_score_explanation.anomaly_type).toBe('dip');
    const spikeBucket = bucketsOf(docs).find((b) => b.timestamp === T0 + SPIKE * SPAN_MS)!;
    expect(spikeBucket.anomaly_score).toBeGreaterThan(0);
    expect(spikeBucket.anomaly_score).toBe(Math.max(...spikeBucket.bucket_influencers.map((b) => b.anomaly_score)));
    expect(spikeBucket.bucket_influencers[0].influencer_field_name).toBe('bucket_time');
  });

  it('high_count never reports a dip and low_count never a rise', () => {
    const high = recordsOf(run(config([{ function: 'high_count', by_field_name: 'host' }]), events).docs);
    expect(high.some((r) => r.timestamp === T0 + SPIKE * SPAN_MS)).toBe(true);
    expect(high.every((r) => r.actual[0] > r.typical[0])).toBe(true);
    expect(high.some((r) => r.timestamp === T0 + DIP * SPAN_MS)).toBe(false);
    const low = recordsOf(run(config([{ function: 'low_count', by_field_name: 'host' }]), events).docs);
    expect(low.some((r) => r.timestamp === T0 + DIP * SPAN_MS && r.by_field_value === 'b')).toBe(true);
    expect(low.every((r) => r.actual[0] < r.typical[0])).toBe(true);
    expect(low.some((r) => r.timestamp === T0 + SPIKE * SPAN_MS)).toBe(false);
  });

  it('count gives a silent series 0 (a dip), non_zero_count skips its empty bucket', () => {
    const count = recordsOf(run(config([{ function: 'count', by_field_name: 'host' }]), events).docs);
    expect(count.find((r) => r.timestamp === T0 + DIP * SPAN_MS && r.by_field_value === 'b')?.actual).toEqual([0]);
    const nzc = recordsOf(run(config([{ function: 'non_zero_count', by_field_name: 'host' }]), events).docs);
    expect(nzc.some((r) => r.timestamp === T0 + DIP * SPAN_MS && r.by_field_value === 'b')).toBe(false);
    expect(nzc.find((r) => r.timestamp === T0 + SPIKE * SPAN_MS && r.by_field_value === 'a')?.function_description).toBe('non_zero_count');
  });

  it('mean(bytes) flags a bucket whose values jump, not the count spike', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, bytes: { mean: 1000, sd: 50, overrides: { 120: 2000 } } }], 160, 3);
    const recs = recordsOf(run(config([{ function: 'mean', field_name: 'bytes' }]), ev).docs);
    const hit = recs.find((r) => r.timestamp === T0 + 120 * SPAN_MS)!;
    expect(hit).toBeDefined();
    expect(hit.actual[0]).toBeCloseTo(2000, 6);
    expect(hit.field_name).toBe('bytes');
    expect(hit.function).toBe('mean');
    expect(hit.entity_key).toBe('');
    expect(hit.probability).toBeLessThan(1e-6);
    expect(hit.record_score).toBe(Math.max(...recs.map((r) => r.record_score)));
  });

  it('metric(bytes) models mean, min and max: one extreme value gives one max record, the mean in its causes', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, bytes: { mean: 1000, sd: 50 } }], 160, 5);
    ev.push({ time: T0 + 150 * SPAN_MS + 1, fields: { host: 'a', bytes: 50_000 } });
    ev.sort((x, y) => x.time - y.time);
    const recs = recordsOf(run(config([{ function: 'metric', field_name: 'bytes' }]), ev).docs).filter((r) => r.timestamp === T0 + 150 * SPAN_MS);
    // One record per series and bucket (before: a max and a mean record for the same bucket).
    expect(recs).toHaveLength(1);
    const [rec] = recs;
    expect(rec.function).toBe('metric');
    expect(rec.function_description).toBe('max');
    expect(rec.actual).toEqual([50_000]);
    expect(rec.anomaly_score_explanation.anomaly_type).toBe('spike');
    expect(rec.causes!.map((c) => c.function_description)).toEqual(['max', 'mean']);
    expect(rec.causes![0].probability).toBe(rec.probability);
    expect(rec.causes![1].probability).toBeGreaterThanOrEqual(rec.probability);
    expect(rec.causes![1].probability).toBeLessThan(0.035);
    expect(rec.causes![1].actual[0]).toBeGreaterThan(5000);
    expect(rec.causes!.some((c) => c.function_description === 'min')).toBe(false);
  });

  it('is deterministic: two runs give identical JSON', () => {
    const cfg = config([{ function: 'count', by_field_name: 'host' }, { function: 'mean', field_name: 'bytes' }]);
    const ev = hostEvents([{ host: 'a', rate: 5, bytes: { mean: 10, sd: 2 } }, { host: 'b', rate: 3 }], 120, 9);
    expect(JSON.stringify(run(cfg, ev).docs)).toBe(JSON.stringify(run(cfg, ev).docs));
  });
});
