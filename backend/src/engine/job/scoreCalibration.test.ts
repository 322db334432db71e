/**
 * Score calibration at job level (scoring/normaliser.ts header): rare and population detectors are scored on
 * the `occurrence` scale (a first p ≈ 1e-6 in a quiet job is critical), series detectors on the `series` scale.
 */
import { AnomalyJob } from './anomalyJob';
import { calibrationOf } from './resultBuilder';
import type { RecordResult, ResultDocument } from './resultTypes';
import { seededRandom, SPAN_MS, T0 } from './testing/synthetic';
import { zeekRecords } from './testing/zeekFile';
import { toAnalysisPlan } from '../config/analysisPlan';
import { QuantileScoreNormaliser } from '../scoring/normaliser';
import { rawScore } from '../scoring/rawScore';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

function config(detectors: JobConfig['analysis_config']['detectors']): JobConfig {
  return { job_id: 'c', analysis_config: { bucket_span: '5m', detectors } } as JobConfig;
}
function run(cfg: JobConfig, ev: EventRecord[]): RecordResult[] {
  const job = new AnomalyJob('c', cfg);
  for (const r of ev) job.push(r);
  job.flush();
  return job.takeResults().filter((d: ResultDocument): d is RecordResult => d.result_type === 'record');
}

/** 20 hosts each connecting to a few usual ports every bucket; `extra` adds events to bucket b. */
function traffic(buckets: number, extra: (b: number) => EventRecord['fields'][]): EventRecord[] {
  const r = seededRandom(5);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const fields: EventRecord['fields'][] = [];
    for (let h = 0; h < 20; h++) for (const port of ['443', '80', '53']) if (r() < 0.7) fields.push({ src: `h${h}`, dp: port });
    fields.push(...extra(b));
    fields.forEach((f, i) => out.push({ time: T0 + b * SPAN_MS + i, fields: f }));
  }
  return out;
}

describe('score calibration per detector kind', () => {
  it('calibrationOf: the rare family and population detectors count occurrences; series detectors do not', () => {
    const plan = toAnalysisPlan(config([
      { function: 'rare', by_field_name: 'dp' },
      { function: 'freq_rare', by_field_name: 'dp', over_field_name: 'src' },
      { function: 'distinct_count', field_name: 'dp', over_field_name: 'src' },
      { function: 'high_count', by_field_name: 'src' },
      { function: 'mean', field_name: 'bytes' },
    ]));
    expect(plan.detectors.map(calibrationOf)).toEqual(['occurrence', 'occurrence', 'occurrence', 'series', 'series']);
  });

  it('rare(dp) by src after 80 buckets of quiet traffic: the first new port (p ≈ 6e-9) is critical, and the only record', () => {
    const at = 80;
    const recs = run(config([{ function: 'rare', by_field_name: 'dp', partition_field_name: 'src' }]),
      traffic(at + 100, (b) => (b === at ? [{ src: 'h7', dp: '21' }] : [])));
    const critical = recs.filter((r) => r.record_score >= 75);
    expect(critical).toHaveLength(1);
    expect(critical[0]).toMatchObject({ timestamp: T0 + at * SPAN_MS, by_field_value: '21', partition_field_value: 'h7' });
    expect(critical[0].probability).toBeGreaterThan(1e-10);
    expect(critical[0].probability).toBeLessThan(1e-7);
    expect(critical[0].record_score).toBeGreaterThan(85);
    // the series scale (fitted-model tails) would call the same probability only major
    const series = new QuantileScoreNormaliser({ bucketSpanMs: SPAN_MS, calibration: 'series' });
    expect(series.normalise(rawScore(critical[0].probability))).toBeLessThan(75);
    expect(critical[0].initial_record_score).toBe(critical[0].record_score);
    expect(recs.filter((r) => r.record_score >= 50)).toHaveLength(1);
  });

  it('real capture (Stratosphere NjRAT, 50 minutes): high_distinct_count(dp) over src flags only the infected host, critical as its C&C starts', () => {
    const ev = zeekRecords('001-zeek-scenario-malicious', 'labeled-conn.log')
      .map((r) => ({ time: r.time, fields: { src: r.fields['id.orig_h'], dp: `${String(r.fields['id.resp_h'])}:${String(r.fields['id.resp_p'])}` } }))
      .filter((r) => !String(r.fields.dp).startsWith('10.'))
      .sort((a, b) => a.time - b.time);
    const cfg = { job_id: 'njrat', analysis_config: { bucket_span: '1m', detectors: [
      { function: 'high_distinct_count', field_name: 'dp', over_field_name: 'src' }] } } as JobConfig;
    const recs = run(cfg, ev);
    const major = recs.filter((r) => r.record_score >= 50);
    expect(major.length).toBeGreaterThan(0);
    expect(new Set(major.map((r) => r.over_field_value))).toEqual(new Set(['192.168.1.115']));
    const firstCritical = recs.find((r) => r.record_score >= 75);
    expect(firstCritical?.over_field_value).toBe('192.168.1.115');
    // C&C beacons start in the capture's 5th minute (ts 273 s)
    expect(firstCritical!.timestamp).toBeLessThanOrEqual(6 * 60_000);
  });
});
