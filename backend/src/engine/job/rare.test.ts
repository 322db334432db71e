import { AnomalyJob } from './anomalyJob';
import type { InfluencerResult, RecordResult, ResultDocument } from './resultTypes';
import { seededRandom, SPAN_MS, T0 } from './testing/synthetic';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';

function run(ac: Partial<JobConfig['analysis_config']>, ev: EventRecord[]): { job: AnomalyJob; docs: ResultDocument[] } {
  const job = new AnomalyJob('r', { job_id: 'r', analysis_config: { bucket_span: '5m', detectors: [], ...ac } } as JobConfig);
  for (const r of ev) job.push(r);
  job.flush();
  return { job, docs: job.takeResults() };
}
const records = (docs: ResultDocument[]): RecordResult[] => docs.filter((d): d is RecordResult => d.result_type === 'record');

/** Hosts h0, h1, … each run processes from a fixed set each bucket; extra events injected by `extra`. */
function processes(buckets: number, extra: (b: number) => EventRecord['fields'][], hosts = 5): EventRecord[] {
  const r = seededRandom(21);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = T0 + b * SPAN_MS;
    const fields: EventRecord['fields'][] = [];
    for (let h = 0; h < hosts; h++) {
      for (const app of ['sshd', 'cron', 'nginx']) if (r() < 0.8) fields.push({ host: `h${h}`, app, user: `u${h}` });
    }
    fields.push(...extra(b));
    fields.forEach((f, i) => out.push({ time: t + i, fields: f }));
  }
  return out;
}

describe('rare family', () => {
  it('rare(app) by host (by app, partition host): an app never seen on h2 is flagged there only', () => {
    const ev = processes(60, (b) => (b === 40 ? [{ host: 'h2', app: 'ftp', user: 'mallory' }] : []));
    const { docs, job } = run({ influencers: ['user'], detectors: [{ function: 'rare', by_field_name: 'app', partition_field_name: 'host' }] }, ev);
    const recs = records(docs);
    expect(recs).toHaveLength(1);
    const r = recs[0];
    expect(r.timestamp).toBe(T0 + 40 * SPAN_MS);
    expect(r.by_field_value).toBe('ftp');
    expect(r.partition_field_value).toBe('h2');
    expect(r.entity_key).toBe('app=ftp,host=h2');
    expect(r.function).toBe('rare');
    expect(r.actual).toEqual([1]);
    expect(r.probability).toBeLessThan(0.035);
    expect(r.influencers).toEqual([{ influencer_field_name: 'user', influencer_field_values: ['mallory'] }]);
    const infl = docs.filter((d): d is InfluencerResult => d.result_type === 'influencer');
    expect(infl.map((d) => d.influencer_field_value)).toEqual(['mallory']);
    expect(job.stats().model_size_stats.total_partition_field_count).toBe(5);
  });

  it('nothing is flagged during the 20-bucket learning period', () => {
    const ev = processes(30, (b) => (b === 10 ? [{ host: 'h2', app: 'ftp' }] : []));
    expect(records(run({ detectors: [{ function: 'rare', by_field_name: 'app', partition_field_name: 'host' }] }, ev).docs)).toHaveLength(0);
  });

  it('population rare (by app over host): a host using an app no other host uses is flagged on first use', () => {
    const ev = processes(60, (b) => (b >= 40 ? [{ host: 'h4', app: 'miner' }] : []), 30);
    const recs = records(run({ detectors: [{ function: 'rare', by_field_name: 'app', over_field_name: 'host' }] }, ev).docs);
    expect(recs.map((r) => [r.timestamp, r.over_field_value, r.by_field_value])).toEqual([[T0 + 40 * SPAN_MS, 'h4', 'miner']]);
    expect(recs[0].entity_key).toBe('app=miner,host=h4');
  });

  it('population rare: a member using three new values at once gets one record with three causes', () => {
    const ev = processes(60, (b) => (b === 45 ? ['tool1', 'tool2', 'tool3'].map((app) => ({ host: 'h7', app })) : []), 30);
    const recs = records(run({ detectors: [{ function: 'rare', by_field_name: 'app', over_field_name: 'host' }] }, ev).docs);
    expect(recs).toHaveLength(1);
    const r = recs[0];
    expect(r.over_field_value).toBe('h7');
    expect(r.causes!.map((c) => c.by_field_value).sort()).toEqual(['tool1', 'tool2', 'tool3']);
    expect(r.by_field_value).toBe(r.causes![0].by_field_value);
    expect(r.causes!.every((c) => c.over_field_value === 'h7' && c.function === 'rare' && c.actual[0] === 1)).toBe(true);
    // Three rare attributes together are more anomalous than any one of them.
    expect(r.probability).toBeLessThan(Math.min(...r.causes!.map((c) => c.probability)));
  });

  it('exclude_frequent=over: a member present in every bucket is not reported', () => {
    const ev = processes(60, (b) => (b >= 40 ? [{ host: 'h4', app: 'miner' }] : []), 30);
    const recs = records(run({ detectors: [{ function: 'rare', by_field_name: 'app', over_field_name: 'host', exclude_frequent: 'over' }] }, ev).docs);
    expect(recs).toEqual([]);
  });

  it('freq_rare keeps flagging a member that keeps using a value nobody else uses', () => {
    const ev = processes(60, (b) => (b >= 40 ? [{ host: 'h4', app: 'miner' }] : []), 30);
    const recs = records(run({ detectors: [{ function: 'freq_rare', by_field_name: 'app', over_field_name: 'host' }] }, ev).docs);
    expect(recs.length).toBeGreaterThan(5);
    expect(recs.every((r) => r.over_field_value === 'h4' && r.by_field_value === 'miner')).toBe(true);
  });

  it('rare_count also flags a known value bringing far more events than usual', () => {
    const ev = processes(60, (b) => (b === 50 ? Array.from({ length: 60 }, () => ({ host: 'h1', app: 'sshd' })) : []));
    const rare = records(run({ detectors: [{ function: 'rare', by_field_name: 'app', partition_field_name: 'host' }] }, ev).docs);
    expect(rare).toHaveLength(0);
    const rc = records(run({ detectors: [{ function: 'rare_count', by_field_name: 'app', partition_field_name: 'host' }] }, ev).docs);
    expect(rc.map((r) => [r.timestamp, r.partition_field_value, r.by_field_value])).toEqual([[T0 + 50 * SPAN_MS, 'h1', 'sshd']]);
    expect(rc[0].actual).toEqual([61]);
    expect(rc[0].typical[0]).toBeCloseTo(1, 6);
    expect(rc[0].anomaly_score_explanation.anomaly_type).toBe('spike');
  });

  it('snapshot/restore mid-stream gives identical results for rare jobs', () => {
    const ev = processes(60, (b) => (b % 13 === 0 ? [{ host: `h${b % 5}`, app: `x${b}` }] : []));
    const ac = { latency: '10m', detectors: [{ function: 'rare', by_field_name: 'app', partition_field_name: 'host' },
      { function: 'rare', by_field_name: 'app', over_field_name: 'host' }] } as Partial<JobConfig['analysis_config']>;
    const whole = run(ac, ev).docs;
    const a = new AnomalyJob('r', { job_id: 'r', analysis_config: { bucket_span: '5m', ...ac } } as JobConfig);
    const k = Math.floor(ev.length / 2);
    for (const r of ev.slice(0, k)) a.push(r);
    const first = a.takeResults();
    const b = AnomalyJob.restore(JSON.parse(JSON.stringify(a.snapshot())));
    for (const r of ev.slice(k)) b.push(r);
    b.flush();
    expect(JSON.stringify([...first, ...b.takeResults()])).toBe(JSON.stringify(whole));
  });
});

describe('time_of_day / time_of_week', () => {
  /** A user active 09:00-17:00 UTC every day for 10 days, a few events per active bucket. */
  function office(extra: EventRecord[]): EventRecord[] {
    const r = seededRandom(5);
    const out: EventRecord[] = [];
    for (let d = 0; d < 10; d++) {
      for (let b = 9 * 12; b < 17 * 12; b++) {
        if (r() < 0.5) out.push({ time: T0 + d * 86_400_000 + b * SPAN_MS + Math.floor(r() * SPAN_MS), fields: { user: 'alice' } });
      }
    }
    return [...out, ...extra].sort((a, b) => a.time - b.time);
  }

  it('time_of_day by user flags a login at 03:10 after days of office hours, nothing else', () => {
    const odd = T0 + 8 * 86_400_000 + (3 * 3600 + 600) * 1000;
    const recs = records(run({ detectors: [{ function: 'time_of_day', by_field_name: 'user' }] }, office([{ time: odd, fields: { user: 'alice' } }])).docs);
    expect(recs.map((r) => r.timestamp)).toEqual([odd - (odd % SPAN_MS)]);
    expect(recs[0].actual).toEqual([3 * 3600 + 600]);
    expect(recs[0].typical[0]).toBeGreaterThanOrEqual(9 * 3600);
    expect(recs[0].typical[0]).toBeLessThan(17 * 3600);
    expect(recs[0].entity_key).toBe('user=alice');
  });

  it('time_of_week flags weekday office hours on a Sunday night', () => {
    const odd = T0 + 6 * 86_400_000 + 23 * 3_600_000; // 2024-01-07 is a Sunday
    const recs = records(run({ detectors: [{ function: 'time_of_week', by_field_name: 'user' }] }, office([{ time: odd, fields: { user: 'alice' } }])).docs);
    expect(recs.some((r) => r.timestamp === odd)).toBe(true);
    expect(recs.find((r) => r.timestamp === odd)!.actual).toEqual([6 * 86400 + 23 * 3600]);
  });
});
