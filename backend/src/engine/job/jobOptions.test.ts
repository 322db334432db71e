import { AnomalyJob } from './anomalyJob';
import { resultId, fnv1a64 } from './resultId';
import type { BucketResult, InfluencerResult, ModelPlotResult, RecordResult, ResultDocument } from './resultTypes';
import { hostEvents, SPAN_MS, T0 } from './testing/synthetic';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';
import { severityOf } from '../types';

function job(ac: Partial<JobConfig['analysis_config']>, extra: Partial<JobConfig> = {}): AnomalyJob {
  return new AnomalyJob('j', { job_id: 'j', ...extra, analysis_config: { bucket_span: '5m', detectors: [], ...ac } } as JobConfig);
}
function runAll(j: AnomalyJob, ev: EventRecord[]): ResultDocument[] {
  for (const r of ev) j.push(r);
  j.flush();
  return j.takeResults();
}
const of = <T extends ResultDocument>(docs: ResultDocument[], t: T['result_type']): T[] => docs.filter((d) => d.result_type === t) as T[];

describe('AnomalyJob options', () => {
  it('influencers: the host behind a count spike is named on the record and gets an influencer result', () => {
    const ev = hostEvents([{ host: 'a', rate: 4, overrides: { 100: 60 } }, { host: 'b', rate: 4 }, { host: 'c', rate: 4 }], 130, 5);
    const docs = runAll(job({ influencers: ['host'], detectors: [{ function: 'high_count' }] }), ev);
    const rec = of<RecordResult>(docs, 'record').find((r) => r.timestamp === T0 + 100 * SPAN_MS)!;
    expect(rec.influencers).toEqual([{ influencer_field_name: 'host', influencer_field_values: ['a'] }]);
    const infl = of<InfluencerResult>(docs, 'influencer').filter((d) => d.timestamp === T0 + 100 * SPAN_MS);
    expect(infl.map((d) => d.influencer_field_value)).toEqual(['a']);
    expect(infl[0].entity_key).toBe('host=a');
    expect(infl[0].host).toBe('a');
    expect(infl[0].influencer_score).toBeGreaterThan(0);
    expect(infl[0].probability).toBeCloseTo(rec.probability, 6);
    const bucket = of<BucketResult>(docs, 'bucket').find((b) => b.timestamp === T0 + 100 * SPAN_MS)!;
    expect(bucket.bucket_influencers.map((b) => b.influencer_field_name)).toEqual(['bucket_time', 'host']);
    expect(bucket.anomaly_score).toBe(Math.max(...bucket.bucket_influencers.map((b) => b.anomaly_score)));
  });

  it('hard memory limit: new series are refused and counted, memory_status hard_limit', () => {
    const hosts = Array.from({ length: 40 }, (_, i) => ({ host: `h${i}`, rate: 1 }));
    const j = job({ detectors: [{ function: 'count', by_field_name: 'host' }] }, { analysis_limits: { model_memory_limit: '20kb' } });
    runAll(j, hostEvents(hosts, 5, 2));
    const st = j.stats();
    expect(st.model_size_stats.memory_status).toBe('hard_limit');
    expect(st.model_size_stats.bucket_allocation_failures_count).toBeGreaterThan(0);
    expect(st.model_size_stats.total_by_field_count).toBeLessThan(40);
    expect(st.model_size_stats.model_bytes).toBeLessThanOrEqual(20 * 1024);
  });

  it('late records are counted, not silently dropped, and do not change finished buckets', () => {
    const j = job({ detectors: [{ function: 'count' }] });
    j.push({ time: T0 + 10, fields: {} });
    j.push({ time: T0 + SPAN_MS + 10, fields: {} });
    j.push({ time: T0 + 20, fields: {} });
    j.flush();
    expect(j.stats().late_record_count).toBe(1);
    expect(j.stats().processed_record_count).toBe(2);
    expect(of<BucketResult>(j.takeResults(), 'bucket').map((b) => b.event_count)).toEqual([1, 1]);
  });

  it('a bad timestamp (not a number, or a million buckets ahead) is counted and does not open buckets', () => {
    const j = job({ detectors: [{ function: 'count' }] });
    j.push({ time: T0, fields: {} });
    j.push({ time: NaN, fields: {} });
    j.push({ time: T0 + 2_000_000 * SPAN_MS, fields: {} });
    j.push({ time: T0 + SPAN_MS, fields: {} });
    j.flush();
    expect(j.stats().invalid_time_count).toBe(2);
    expect(j.stats().processed_record_count).toBe(2);
    expect(of<BucketResult>(j.takeResults(), 'bucket')).toHaveLength(2);
  });

  it('use_null: records missing the by field form the "" series only with use_null, else are counted', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 3; b++) ev.push({ time: T0 + b * SPAN_MS, fields: { host: 'a' } }, { time: T0 + b * SPAN_MS + 1, fields: {} });
    const off = job({ detectors: [{ function: 'count', by_field_name: 'host' }] });
    runAll(off, ev);
    expect(off.stats().missing_field_count).toBe(3);
    expect(off.stats().model_size_stats.total_by_field_count).toBe(1);
    const on = job({ detectors: [{ function: 'count', by_field_name: 'host', use_null: true }] });
    runAll(on, ev);
    expect(on.stats().missing_field_count).toBe(0);
    expect(on.stats().model_size_stats.total_by_field_count).toBe(2);
  });

  it('summary_count_field_name weights each pre-aggregated record', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 60; b++) ev.push({ time: T0 + b * SPAN_MS, fields: { doc_count: b === 50 ? 400 : 20 + (b % 3) } });
    const docs = runAll(job({ summary_count_field_name: 'doc_count', detectors: [{ function: 'count' }] }), ev);
    const rec = of<RecordResult>(docs, 'record').find((r) => r.timestamp === T0 + 50 * SPAN_MS)!;
    expect(rec.actual).toEqual([400]);
    expect(of<BucketResult>(docs, 'bucket')[50].event_count).toBe(1);
  });

  it('sum gives empty buckets 0, non_null_sum skips them', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 80; b++) if (b !== 70) ev.push({ time: T0 + b * SPAN_MS, fields: { bytes: 100 + (b % 5) } });
    const sum = of<RecordResult>(runAll(job({ detectors: [{ function: 'sum', field_name: 'bytes' }] }), ev), 'record');
    expect(sum.find((r) => r.timestamp === T0 + 70 * SPAN_MS)?.actual).toEqual([0]);
    const nns = of<RecordResult>(runAll(job({ detectors: [{ function: 'non_null_sum', field_name: 'bytes' }] }), ev), 'record');
    expect(nns.some((r) => r.timestamp === T0 + 70 * SPAN_MS)).toBe(false);
  });

  it('custom rules: skip_result hides the record; skip_model_update keeps the model from learning a new level', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, overrides: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [100 + i, 60])) }], 140, 8);
    const plain = of<RecordResult>(runAll(job({ detectors: [{ function: 'count' }] }), ev), 'record');
    expect(plain.some((r) => r.timestamp === T0 + 100 * SPAN_MS)).toBe(true);
    const skipResult = of<RecordResult>(runAll(job({ detectors: [{ function: 'count', custom_rules: [
      { actions: ['skip_result'], conditions: [{ applies_to: 'actual', operator: 'gt', value: 50 }] }] }] }), ev), 'record');
    expect(skipResult.some((r) => r.actual[0] > 50)).toBe(false);
    // Learning the new level makes later buckets normal; with skip_model_update they stay anomalous.
    const skipUpdate = of<RecordResult>(runAll(job({ detectors: [{ function: 'count', custom_rules: [
      { actions: ['skip_model_update'], conditions: [{ applies_to: 'actual', operator: 'gt', value: 50 }] }] }] }), ev), 'record');
    const typicalAt = (rs: RecordResult[], b: number): number => rs.find((r) => r.timestamp === T0 + b * SPAN_MS)!.typical[0];
    expect(typicalAt(plain, 139)).toBeGreaterThan(typicalAt(plain, 100) + 3);
    expect(Math.abs(typicalAt(skipUpdate, 139) - typicalAt(skipUpdate, 100))).toBeLessThan(0.5);
  });

  it('model plot documents carry the model band and the actual value per series', () => {
    const ev = hostEvents([{ host: 'a', rate: 10 }, { host: 'b', rate: 10 }], 60, 4);
    const docs = runAll(job({ detectors: [{ function: 'count', by_field_name: 'host' }] }, { model_plot_config: { enabled: true, terms: 'b' } }), ev);
    const plots = of<ModelPlotResult>(docs, 'model_plot');
    expect(plots.length).toBeGreaterThan(30);
    expect(plots.every((p) => p.by_field_value === 'b' && p.entity_key === 'host=b' && p.model_feature === 'count')).toBe(true);
    expect(plots.every((p) => p.model_lower <= p.model_median && p.model_median <= p.model_upper)).toBe(true);
  });

  it('interim results for the open bucket leave the job unchanged', () => {
    const ev = hostEvents([{ host: 'a', rate: 10 }], 30, 6);
    const j = job({ latency: '10m', detectors: [{ function: 'count' }] });
    for (const r of ev) j.push(r);
    const before = JSON.stringify(j.snapshot());
    const interim = j.interimResults();
    expect(JSON.stringify(j.snapshot())).toBe(before);
    const buckets = of<BucketResult>(interim, 'bucket');
    expect(buckets.map((b) => b.timestamp)).toEqual([T0 + 27 * SPAN_MS, T0 + 28 * SPAN_MS, T0 + 29 * SPAN_MS]);
    expect(interim.every((d) => d.is_interim)).toBe(true);
    j.flush();
    expect(of<BucketResult>(j.takeResults(), 'bucket').every((b) => !b.is_interim)).toBe(true);
  });

  it('flush(until) finalises buckets whose end + latency has passed, with 0s for a silent count', () => {
    const j = job({ detectors: [{ function: 'count' }] });
    j.push({ time: T0, fields: {} });
    j.flush(T0 + 3 * SPAN_MS);
    expect(of<BucketResult>(j.takeResults(), 'bucket').map((b) => b.event_count)).toEqual([1, 0, 0]);
  });

  it('resultId is deterministic and distinguishes entities', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, overrides: { 50: 80 } }, { host: 'b', rate: 10, overrides: { 50: 80 } }], 60, 4);
    const docs = runAll(job({ detectors: [{ function: 'count', by_field_name: 'host' }] }), ev);
    const ids = docs.map(resultId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(`j_bucket_${T0}_300`);
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
  });
});

describe('series details', () => {
  it('exclude_frequent=by: by values present in most buckets give no records, occasional ones do', () => {
    const ev = hostEvents([
      { host: 'busy', rate: 10, overrides: { 150: 80 } },
      { host: 'rare', rate: 0.4, overrides: { 150: 40 } },
    ], 160, 12);
    const plain = of<RecordResult>(runAll(job({ detectors: [{ function: 'high_non_zero_count', by_field_name: 'host' }] }), ev), 'record');
    expect(plain.some((r) => r.by_field_value === 'busy' && r.timestamp === T0 + 150 * SPAN_MS)).toBe(true);
    const ex = of<RecordResult>(runAll(job({ detectors: [{ function: 'high_non_zero_count', by_field_name: 'host', exclude_frequent: 'by' }] }), ev), 'record');
    expect(ex.some((r) => r.by_field_value === 'busy')).toBe(false);
    expect(ex.some((r) => r.by_field_value === 'rare' && r.timestamp === T0 + 150 * SPAN_MS)).toBe(true);
  });

  it('a count series that goes silent gets 0s until the prune window has passed', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 100; b++) {
      ev.push({ time: T0 + b * SPAN_MS, fields: { host: 'keep' } });
      if (b < 40) for (let i = 0; i < 5; i++) ev.push({ time: T0 + b * SPAN_MS + i, fields: { host: 'gone' } });
    }
    const docs = runAll(job({ model_prune_window: '2h', detectors: [{ function: 'count', by_field_name: 'host' }] }), ev);
    const gone = of<RecordResult>(docs, 'record').filter((r) => r.by_field_value === 'gone');
    // First silent bucket is a dip to 0; nothing is scored for it after the 2 h (24 bucket) prune window.
    expect(gone.some((r) => r.timestamp === T0 + 40 * SPAN_MS && r.actual[0] === 0)).toBe(true);
    expect(gone.every((r) => r.timestamp <= T0 + (39 + 24) * SPAN_MS)).toBe(true);
  });
});

describe('interim results', () => {
  it('score the open bucket as the final result will, without changing the job', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, overrides: { 59: 70 } }, { host: 'b', rate: 10 }], 60, 16);
    const j = job({ influencers: ['host'], detectors: [{ function: 'count', by_field_name: 'host' }, { function: 'high_count', over_field_name: 'host' }] });
    for (const r of ev) j.push(r);
    j.push({ time: T0 + 59 * SPAN_MS + 2, fields: { host: 'newcomer' } });
    const before = JSON.stringify(j.snapshot());
    const interim = of<RecordResult>(j.interimResults(T0 + 60 * SPAN_MS), 'record');
    expect(JSON.stringify(j.snapshot())).toBe(before);
    expect(interim.every((r) => r.is_interim && r.by_field_value !== 'newcomer')).toBe(true);
    j.flush();
    const final = of<RecordResult>(j.takeResults(), 'record').filter((r) => r.timestamp === T0 + 59 * SPAN_MS);
    const spike = (rs: RecordResult[]): RecordResult => rs.find((r) => r.detector_index === 0 && r.by_field_value === 'a')!;
    expect(spike(interim).probability).toBe(spike(final).probability);
    expect(spike(interim).actual).toEqual([70]);
    expect(spike(final).is_interim).toBe(false);
  });
});

describe('interim completeness', () => {
  it('a half-filled open bucket is scaled to a whole bucket, so a steady count does not read as a drop', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 60; b++) for (let i = 0; i < 20; i++) ev.push({ time: T0 + b * SPAN_MS + i * (SPAN_MS / 20), fields: {} });
    const j = job({ detectors: [{ function: 'low_count' }] });
    // The last bucket (59) holds its first 10 events only: half of it has passed.
    for (const r of ev.filter((e) => e.time < T0 + 59 * SPAN_MS + SPAN_MS / 2)) j.push(r);
    const last = T0 + 59 * SPAN_MS + SPAN_MS / 2 - 1;
    const interim = j.interimResults(last);
    expect(interim.every((d) => d.is_interim)).toBe(true);
    expect(of<RecordResult>(interim, 'record')).toEqual([]);
    // Without correction (as if the bucket were complete) the 10 events are a drop.
    const uncorrected = of<RecordResult>(j.interimResults(T0 + 60 * SPAN_MS), 'record');
    expect(uncorrected.map((r) => r.actual[0])).toEqual([10]);
    expect(of<BucketResult>(interim, 'bucket').map((b) => b.event_count)).toEqual([10]);
  });
});

describe('more functions and rule scopes end to end', () => {
  it('high_info_content(query) by host: long random subdomains (DNS tunnelling) stand out', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 80; b++) {
      for (let i = 0; i < 6; i++) ev.push({ time: T0 + b * SPAN_MS + i, fields: { host: 'pc1', query: ['www.example.com', 'mail.example.com', 'cdn.example.net'][i % 3] } });
      if (b === 70) for (let i = 0; i < 30; i++) ev.push({ time: T0 + b * SPAN_MS + 100 + i, fields: { host: 'pc1', query: `x${(i * 7919).toString(36)}q${i}zz0a9b8c7d6e5f4.t.evil.io` } });
    }
    ev.sort((a, b) => a.time - b.time);
    const recs = of<RecordResult>(runAll(job({ detectors: [{ function: 'high_info_content', field_name: 'query', by_field_name: 'host' }] }), ev), 'record');
    const hit = recs.find((r) => r.timestamp === T0 + 70 * SPAN_MS)!;
    expect(hit.function_description).toBe('info_content');
    expect(hit.actual[0]).toBeGreaterThan(1000);
    expect(hit.typical[0]).toBeLessThan(60);
  });

  it('distinct_count(dest_port) by host flags a host touching many ports', () => {
    const ev: EventRecord[] = [];
    for (let b = 0; b < 80; b++) {
      for (let i = 0; i < 5; i++) ev.push({ time: T0 + b * SPAN_MS + i, fields: { host: 'h', dest_port: [80, 443][i % 2] } });
      if (b === 75) for (let p = 0; p < 50; p++) ev.push({ time: T0 + b * SPAN_MS + 10 + p, fields: { host: 'h', dest_port: 2000 + p } });
    }
    ev.sort((a, b) => a.time - b.time);
    const recs = of<RecordResult>(runAll(job({ detectors: [{ function: 'distinct_count', field_name: 'dest_port', by_field_name: 'host' }] }), ev), 'record');
    expect(recs.find((r) => r.timestamp === T0 + 75 * SPAN_MS)?.actual).toEqual([52]);
  });

  it('a rule scoped through a named filter skips results for the listed hosts only', () => {
    const ev = hostEvents([{ host: 'scanner-ok', rate: 10, overrides: { 60: 90 } }, { host: 'web', rate: 10, overrides: { 60: 90 } }], 70, 14);
    const docs = runAll(job({ detectors: [{ function: 'high_count', by_field_name: 'host', custom_rules: [
      { actions: ['skip_result'], scope: { host: { filter_id: 'known_scanners', filter_type: 'include' } } }] }] },
    { filters: { known_scanners: ['scanner-ok'] } }), ev);
    const at60 = of<RecordResult>(docs, 'record').filter((r) => r.timestamp === T0 + 60 * SPAN_MS);
    expect(at60.map((r) => r.by_field_value)).toEqual(['web']);
  });
});

describe('renormalisation', () => {
  it('rescores stored documents with the current normalisers, keeping initial scores', () => {
    const ev = hostEvents([{ host: 'a', rate: 10, overrides: { 40: 60, 80: 90, 120: 200 } }], 130, 15);
    const j = job({ influencers: ['host'], detectors: [{ function: 'count', by_field_name: 'host' }] });
    const docs = runAll(j, ev);
    const again = j.renormalise(docs);
    expect(again).toHaveLength(docs.length);
    again.forEach((d, i) => {
      const o = docs[i];
      expect(d.result_type).toBe(o.result_type);
      if (d.result_type === 'record' && o.result_type === 'record') expect(d.initial_record_score).toBe(o.initial_record_score);
      if (d.result_type === 'bucket' && o.result_type === 'bucket') {
        expect(d.initial_anomaly_score).toBe(o.initial_anomaly_score);
        expect(d.anomaly_score).toBe(Math.max(...d.bucket_influencers.map((b) => b.anomaly_score)));
      }
    });
    const rec40 = (ds: ResultDocument[]): RecordResult => of<RecordResult>(ds, 'record').find((r) => r.timestamp === T0 + 40 * SPAN_MS)!;
    // The first spike was scored when it was the largest seen; after bigger ones it scores lower.
    expect(rec40(again).record_score).toBeLessThan(rec40(docs).record_score);
    expect(rec40(again).severity).toBe(severityOf(rec40(again).record_score));
    // The last bucket was scored with the normalisers as they are now: unchanged.
    const lastTs = T0 + 129 * SPAN_MS;
    expect(again.filter((d) => d.timestamp === lastTs)).toEqual(docs.filter((d) => d.timestamp === lastTs));
  });
});
