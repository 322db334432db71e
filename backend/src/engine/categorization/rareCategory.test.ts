/** `rare(mlcategory)`: a category never seen before is flagged once the learning period is over. */
import { AnomalyJob } from '../job/anomalyJob';
import type { RecordResult } from '../job/resultTypes';
import type { EventRecord } from '../types';
import { RARE_MIN_BUCKETS } from '../models/rareModel';

const SPAN = 300_000;
const T0 = Date.UTC(2024, 2, 1);

/** Three usual message kinds in every bucket; a new kind in `newAt` (and an early one in bucket 3). */
function log(buckets: number, newAt: number): EventRecord[] {
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = T0 + b * SPAN;
    out.push({ time: t + 1, fields: { message: `session opened for user u${b % 7} by (uid=${b})` } });
    out.push({ time: t + 2, fields: { message: `connection from 10.0.${b % 250}.9 port ${1000 + b}` } });
    out.push({ time: t + 3, fields: { message: `disk /dev/sda${b % 4} at ${50 + (b % 40)}% capacity` } });
    if (b === 3) out.push({ time: t + 4, fields: { message: 'fan speed low on tray 2' } });
    if (b === newAt) out.push({ time: t + 5, fields: { message: 'kernel panic: fatal machine check on cpu 3' } });
  }
  return out;
}

function run(records: EventRecord[]): RecordResult[] {
  const job = new AnomalyJob('rare', {
    job_id: 'rare',
    analysis_config: { bucket_span: '5m', categorization_field_name: 'message', detectors: [{ function: 'rare', by_field_name: 'mlcategory' }] },
  });
  for (const r of records) job.push(r);
  job.flush();
  return job.takeResults().filter((d): d is RecordResult => d.result_type === 'record');
}

describe('rare(mlcategory)', () => {
  it('flags a never-seen category after the learning period, as the only record, with its terms', () => {
    const newAt = 60;
    expect(newAt).toBeGreaterThan(RARE_MIN_BUCKETS);
    const recs = run(log(80, newAt));
    const late = recs.filter((r) => r.timestamp >= T0 + RARE_MIN_BUCKETS * SPAN);
    expect(late).toHaveLength(1);
    const r = late[0];
    expect(r.timestamp).toBe(T0 + newAt * SPAN);
    expect(r.function).toBe('rare');
    expect(r.by_field_name).toBe('mlcategory');
    expect(r.by_field_value).toBe('5');
    expect((r as RecordResult & { mlcategory_terms: string }).mlcategory_terms).toBe('kernel panic fatal machine check on cpu');
    expect(r.probability).toBeLessThan(0.035);
  });

  it('does not flag a category first seen during the learning period', () => {
    const recs = run(log(80, 60));
    expect(recs.some((r) => r.timestamp === T0 + 3 * SPAN)).toBe(false);
  });
});
