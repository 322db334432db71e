/**
 * `count by mlcategory` is scored on the occurrence scale (job/resultBuilder.ts calibrationOf): a message
 * category's count series is mostly empty, so its tail probabilities are counted frequencies of a sparse event.
 * The same counts split by an ordinary field keep the series scale.
 */
import { AnomalyJob } from '../job/anomalyJob';
import { calibrationOf } from '../job/resultBuilder';
import type { RecordResult, ResultDocument } from '../job/resultTypes';
import { toAnalysisPlan } from '../config/analysisPlan';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

const SPAN = 300_000;
const T0 = Date.UTC(2024, 0, 1);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One host: sessions every bucket, an authentication failure in about a third of them, 26 at `burstAt`. */
function log(buckets: number, burstAt: number): EventRecord[] {
  const rnd = lcg(11);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = T0 + b * SPAN;
    const n = 6 + Math.floor(rnd() * 4);
    for (let k = 0; k < n; k++) {
      out.push({ time: t + k, fields: { kind: 'session', message: `session opened for user u${Math.floor(rnd() * 9)} by (uid=${Math.floor(rnd() * 600)})` } });
    }
    const fails = b === burstAt ? 26 : rnd() < 0.3 ? 1 : 0;
    for (let k = 0; k < fails; k++) {
      out.push({ time: t + 100 + k, fields: { kind: 'auth', message: `authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=61.${k}.3.4 user=root` } });
    }
  }
  return out;
}

function config(byField: string): JobConfig {
  return {
    job_id: 'cal',
    analysis_config: { bucket_span: '5m', categorization_field_name: 'message', detectors: [{ function: 'high_count', by_field_name: byField }] },
  };
}

function burstRecord(byField: string, records: EventRecord[], at: number): RecordResult {
  const job = new AnomalyJob('cal', config(byField));
  for (const r of records) job.push(r);
  job.flush();
  const recs = job.takeResults().filter((d: ResultDocument): d is RecordResult => d.result_type === 'record');
  const hit = recs.filter((r) => r.timestamp === T0 + at * SPAN).sort((a, b) => b.record_score - a.record_score)[0];
  if (!hit) throw new Error(`no record at bucket ${at} for by ${byField}`);
  return hit;
}

describe('count by mlcategory: occurrence calibration', () => {
  it('calibrationOf: the count functions by mlcategory count occurrences; by another field, and metrics by mlcategory, do not', () => {
    const plan = toAnalysisPlan({
      job_id: 'c',
      analysis_config: {
        bucket_span: '5m', categorization_field_name: 'message',
        detectors: [
          { function: 'count', by_field_name: 'mlcategory' },
          { function: 'high_count', by_field_name: 'mlcategory', partition_field_name: 'host' },
          { function: 'high_count', by_field_name: 'host' },
          { function: 'mean', field_name: 'bytes', by_field_name: 'mlcategory' },
          { function: 'rare', by_field_name: 'mlcategory' },
        ],
      },
    });
    expect(plan.detectors.map(calibrationOf)).toEqual(['occurrence', 'occurrence', 'series', 'series', 'occurrence']);
  });

  it('a burst of 26 authentication failures (about 0.3 a bucket before) is critical by mlcategory, only major by a plain field', () => {
    const at = 150;
    const records = log(200, at);
    const byCategory = burstRecord('mlcategory', records, at);
    const byKind = burstRecord('kind', records, at);
    expect(byCategory.actual).toEqual([26]);
    expect(byKind.actual).toEqual([26]);
    // Same counts, same model, same probability: only the score scale differs.
    expect(byCategory.probability).toBeCloseTo(byKind.probability, 12);
    expect(byCategory.probability).toBeLessThan(1e-12);
    expect(byCategory.probability).toBeGreaterThan(1e-16);
    // p ≈ 3e-14: critical (100) on the occurrence scale, major (≈ 68) on the series scale.
    expect(byCategory.record_score).toBeGreaterThan(99);
    expect(byKind.record_score).toBeGreaterThan(60);
    expect(byKind.record_score).toBeLessThan(75);
  });
});
