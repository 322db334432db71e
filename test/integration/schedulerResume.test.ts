/**
 * Resume and read paths on the real node: a job stopped in real time, closed, reopened (snapshot
 * restored) and run on ends with the same final results as one that never stopped; the aggregated
 * path finds the same anomalies as the raw path; a pipeline job (search compiled to the query,
 * eval in Vigil) reads only what its search selects.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../../backend/src/engine/config';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobManager } from '../../backend/src/scheduler/jobManager';
import { openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import {
  allResults, burst, cleanUp, createFlowIndex, DAY0, HOUR, indexFlows, managerIndices, MINUTE, newManager, steadyFlows, type ResultHit,
} from './schedulerFixtures';

jest.setTimeout(60_000);

const HOSTS = ['10.2.0.1', '10.2.0.2', '10.2.0.3', '192.168.7.7'];
const MID = DAY0 + 12 * HOUR;
const END = DAY0 + 18 * HOUR;
const DELAY = 60_000;

describe('scheduler: resume and read paths', () => {
  let client: Client;
  let manager: JobManager;
  let clock: ManualClock;
  const index = testIndexName('resume-flows');
  const indices = managerIndices('resume');
  const ids = { whole: `it-res-whole-${process.pid}`, stopped: `it-res-stop-${process.pid}`, agg: `it-res-agg-${process.pid}`, pipe: `it-res-pipe-${process.pid}` };
  const job = (jobId: string, mode: 'raw' | 'aggregated'): JobConfig => ({
    job_id: jobId,
    analysis_config: { bucket_span: '15m', detectors: [{ function: 'count', by_field_name: 'src' }, { function: 'high_mean', field_name: 'src_app_bytes', by_field_name: 'src' }], influencers: ['src'] },
    datafeed_config: { indices: [index], query_delay: '60s', frequency: '15m', aggregations_mode: mode, start: DAY0 },
  });
  const finals = (hits: ResultHit[], jobId: string): Array<[string, string]> =>
    hits.filter((h) => h._source.is_interim === false && h._source.result_type !== 'annotation').map((h) => [h._id.replace(jobId, 'J'), JSON.stringify({ ...h._source, job_id: 'J' })]);
  const advanceTo = (t: number): Promise<void> => clock.advanceTo(t, () => manager.idle());

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, [
      ...steadyFlows(DAY0, END + HOUR, HOSTS, 2),
      ...burst(DAY0 + 8 * HOUR, '10.2.0.2', 200),
      ...burst(DAY0 + 15 * HOUR, '10.2.0.3', 20, 400_000),
    ]);
    clock = new ManualClock(MID + DELAY);
    manager = newManager(client, clock, indices, { logger: (l) => process.env.VIGIL_TEST_LOG && console.log(new Date().toISOString(), new Date(clock.now()).toISOString(), l) });
    await manager.init();
  });
  afterAll(async () => {
    if (manager) await manager.shutdown();
    if (client) await cleanUp(client, indices, [index, ...Object.values(ids).map((id) => `vigil-results-${id}`)]);
  });

  it('stop, close, reopen, start: the same final results as a run that never stopped', async () => {
    await manager.putJob(job(ids.stopped, 'raw'));
    await manager.startDatafeed(ids.stopped);
    await advanceTo(MID + DELAY);
    expect((await manager.status(ids.stopped))).toMatchObject({ bucket_count: 48, lookback_progress: 1 });
    await manager.stopDatafeed(ids.stopped);
    await manager.closeJob(ids.stopped);
    expect(await manager.status(ids.stopped)).toMatchObject({ state: 'closed', bucket_count: 48, latest_bucket_timestamp: MID - 15 * MINUTE });
    await advanceTo(DAY0 + 14 * HOUR);
    const reopened = await manager.openJob(ids.stopped);
    expect(reopened).toMatchObject({ state: 'opened', datafeed_state: 'stopped', bucket_count: 48 });
    await manager.startDatafeed(ids.stopped);
    await advanceTo(END + DELAY);
    expect(await manager.status(ids.stopped)).toMatchObject({ bucket_count: 72, latest_bucket_timestamp: END - 15 * MINUTE, last_error: null });

    await manager.putJob(job(ids.whole, 'raw'));
    await manager.startDatafeed(ids.whole);
    await advanceTo(END + DELAY);
    expect(await manager.status(ids.whole)).toMatchObject({ bucket_count: 72 });
    // stopping renormalises with the normalisers as they are at the end: the same for both
    await manager.stopDatafeed(ids.whole);
    await manager.stopDatafeed(ids.stopped);
    const whole = finals(await allResults(client, ids.whole), ids.whole);
    const resumed = finals(await allResults(client, ids.stopped), ids.stopped);
    expect(whole.length).toBeGreaterThan(72);
    expect(resumed).toEqual(whole);
    // renormalisation rescored some early records in place; initial scores stay as first written
    const records = (await allResults(client, ids.whole)).map((h) => h._source).filter((d) => d.result_type === 'record');
    expect(records.some((d) => d.record_score !== d.initial_record_score)).toBe(true);
  });

  it('the aggregated path finds the anomalies of the raw path, with the same counts', async () => {
    await manager.putJob(job(ids.agg, 'aggregated'));
    const started = await manager.startDatafeed(ids.agg);
    expect(started.read_path).toEqual({ path: 'aggregated', reason: 'aggregated path requested' });
    await advanceTo(END + DELAY);
    const top = (hits: ResultHit[]): string[] => hits.map((h) => h._source)
      .filter((d) => d.result_type === 'record' && Number(d.record_score) >= 50)
      .map((d) => `${d.timestamp - DAY0} ${d.function} ${d.entity_key}`).sort();
    const raw = await allResults(client, ids.whole);
    const agg = await allResults(client, ids.agg);
    expect(top(agg)).toEqual(top(raw));
    expect(top(raw)).toEqual(expect.arrayContaining([`${8 * HOUR} count src=10.2.0.2`, `${15 * HOUR} high_mean src=10.2.0.3`]));
    // the count detector's actual values agree bucket by bucket
    const counts = (hits: ResultHit[]): Map<string, unknown> => new Map(hits.map((h) => h._source).filter((d) => d.result_type === 'record' && d.function === 'count').map((d) => [`${d.timestamp}|${d.entity_key}`, d.actual]));
    const rawCounts = counts(raw);
    for (const [k, v] of counts(agg)) if (rawCounts.has(k)) expect([k, v]).toEqual([k, rawCounts.get(k)]);
  });

  it('a pipeline job: the search becomes the query (src=10.2.*), the eval runs in Vigil on the raw path', async () => {
    const config = await manager.putJob({
      job_id: ids.pipe,
      search: `index=${index} src=10.2.* | eval kb = src_app_bytes / 1000 | autodetect high_mean(kb) by src bucketspan=15m`,
      datafeed_config: { query_delay: '60s', start: DAY0, end: END },
    } as JobConfig);
    expect(config.datafeed_config?.indices).toEqual([index]);
    const s = await manager.startDatafeed(ids.pipe);
    expect(s.read_path).toEqual({ path: 'raw', reason: 'the pipeline\'s eval needs the individual documents' });
    await advanceTo(END + DELAY + MINUTE);
    const done = await manager.status(ids.pipe);
    expect(done).toMatchObject({ datafeed_state: 'stopped', state: 'opened', bucket_count: 72, processed_record_count: 18 * 60 * 3 * 2 + 200 + 20, lookback_progress: 1 });
    const records = (await allResults(client, ids.pipe)).map((h) => h._source).filter((d) => d.result_type === 'record');
    expect(records.some((d) => d.entity_key === 'src=192.168.7.7')).toBe(false);
    const high = records.filter((d) => Number(d.record_score) >= 50);
    expect(high.map((d) => `${d.timestamp - DAY0} ${d.function}(${d.field_name}) ${d.entity_key}`).sort()).toEqual([`${15 * HOUR} high_mean(kb) src=10.2.0.3`, `${8 * HOUR} high_mean(kb) src=10.2.0.2`].sort());
    // kb = src_app_bytes / 1000, computed by the eval: 20 flows of 400 kB among 30 of about 1 kB in that bucket
    const spike = high.find((d) => d.entity_key === 'src=10.2.0.3')!;
    expect((spike.actual as number[])[0]).toBeCloseTo((20 * 400 + 30 * 1.0245) / 50, 0);
  });
});
