import { AnomalyJob } from './anomalyJob';
import type { ResultDocument } from './resultTypes';
import type { JobConfig } from '../config/jobConfigTypes';
import type { EventRecord } from '../types';
import { nabRecords } from './testing/nabFile';
import { zeekRecords } from './testing/zeekFile';

/** Run all records; and run k, snapshot → JSON → restore, run the rest: both must give identical output. */
function equivalence(config: JobConfig, records: EventRecord[], k: number): { whole: ResultDocument[]; split: ResultDocument[] } {
  const a = new AnomalyJob('j', config);
  for (const r of records) a.push(r);
  a.flush();
  const whole = a.takeResults();

  const b1 = new AnomalyJob('j', config);
  for (const r of records.slice(0, k)) b1.push(r);
  const first = b1.takeResults();
  const json = JSON.stringify(b1.snapshot());
  const b2 = AnomalyJob.restore(JSON.parse(json));
  for (const r of records.slice(k)) b2.push(r);
  b2.flush();
  const split = [...first, ...b2.takeResults()];
  expect(JSON.stringify(b2.stats())).toBe(JSON.stringify(a.stats()));
  expect(JSON.stringify(b2.snapshot())).toBe(JSON.stringify(a.snapshot()));
  return { whole, split };
}

describe('snapshot/restore equivalence', () => {
  it('NAB ec2_network_in_257a54: mean and count, snapshot in the middle (latency keeps buckets open)', () => {
    const records = nabRecords('realAWSCloudwatch/ec2_network_in_257a54.csv');
    const config = {
      job_id: 'j', analysis_config: {
        bucket_span: '5m', latency: '10m',
        detectors: [{ function: 'mean', field_name: 'value' }, { function: 'high_count' }],
      }, model_plot_config: { enabled: true },
    } as JobConfig;
    const { whole, split } = equivalence(config, records, 2017);
    expect(whole.filter((d) => d.result_type === 'bucket').length).toBeGreaterThan(4000);
    expect(whole.filter((d) => d.result_type === 'record').length).toBeGreaterThan(0);
    expect(whole.filter((d) => d.result_type === 'model_plot').length).toBeGreaterThan(3000);
    expect(JSON.stringify(split)).toBe(JSON.stringify(whole));
  });

  it('Zeek 008 conn.log: count by conn_state, max by proto, distinct_count over id.orig_h, influencers, snapshot mid-day', () => {
    const records = zeekRecords('008-zeek-mixed', 'conn.log.labeled');
    expect(records.length).toBe(5663);
    const config = {
      job_id: 'j', analysis_config: {
        bucket_span: '5m', latency: '5m', influencers: ['id.orig_h', 'id.resp_p'],
        detectors: [{ function: 'count', by_field_name: 'conn_state' }, { function: 'max', field_name: 'orig_bytes', by_field_name: 'proto' },
          { function: 'distinct_count', field_name: 'id.resp_p', over_field_name: 'id.orig_h' }],
      },
    } as JobConfig;
    const { whole, split } = equivalence(config, records, 3001);
    expect(whole.filter((d) => d.result_type === 'bucket').length).toBe(289);
    expect(whole.some((d) => d.result_type === 'influencer')).toBe(true);
    expect(JSON.stringify(split)).toBe(JSON.stringify(whole));
  });

  it('rejects a snapshot of another version', () => {
    const job = new AnomalyJob('j', { job_id: 'j', analysis_config: { detectors: [{ function: 'count' }] } } as JobConfig);
    expect(() => AnomalyJob.restore({ ...job.snapshot(), version: 99 })).toThrow('unsupported job snapshot version: 99');
  });
});
