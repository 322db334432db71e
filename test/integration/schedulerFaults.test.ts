/**
 * OpenSearch rejecting writes (429), failing searches (503) and unreachable (connections dropped),
 * injected by the fault proxy in front of the real node: the job keeps its state, its status says
 * what is wrong, and when OpenSearch is back it catches up to the same final results as a job that
 * saw no fault.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../../backend/src/engine/config';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobManager } from '../../backend/src/scheduler/jobManager';
import { FaultProxy } from './faultProxy';
import { openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import { allResults, burst, cleanUp, createFlowIndex, DAY0, FIVE_MIN, HOUR, indexFlows, managerIndices, MINUTE, newManager, steadyFlows, type ResultHit } from './schedulerFixtures';

jest.setTimeout(60_000);

const LIVE = DAY0 + 6 * HOUR;

describe('scheduler: OpenSearch failing and coming back', () => {
  let client: Client;
  let proxy: FaultProxy;
  let direct: JobManager;
  let faulty: JobManager;
  let clock: ManualClock;
  const index = testIndexName('fault-flows');
  const directIndices = managerIndices('faults-d');
  const faultyIndices = managerIndices('faults-f');
  const refJob = `it-fault-ref-${process.pid}`;
  const jobId = `it-fault-job-${process.pid}`;
  const config = (id: string): JobConfig => ({
    job_id: id,
    analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }, { function: 'high_mean', field_name: 'src_app_bytes', by_field_name: 'src' }] },
    datafeed_config: { indices: [index], query_delay: '60s', frequency: '5m', start: DAY0, aggregations_mode: 'raw' },
  });
  const advanceTo = (t: number): Promise<void> => clock.advanceTo(t, async () => {
    await Promise.all([direct.idle(), faulty.idle()]);
  });
  const finals = (hits: ResultHit[], id: string): Array<[string, string]> =>
    hits.filter((h) => h._source.is_interim === false).map((h) => [h._id.replace(id, 'J'), JSON.stringify({ ...h._source, job_id: 'J' })]);

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, [...steadyFlows(DAY0, LIVE + HOUR, ['10.4.0.1', '10.4.0.2']), ...burst(LIVE + 10 * MINUTE, '10.4.0.1', 100)]);
    proxy = new FaultProxy(openSearchUrl());
    const viaProxy = testClient(await proxy.start(), 0);
    clock = new ManualClock(LIVE + MINUTE);
    direct = newManager(client, clock, directIndices, { instanceId: 'direct' });
    faulty = newManager(viaProxy, clock, faultyIndices, { instanceId: 'faulty', retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    await direct.init();
    await faulty.init();
    await direct.putJob(config(refJob));
    await faulty.putJob(config(jobId));
    await direct.startDatafeed(refJob);
    await faulty.startDatafeed(jobId);
    await advanceTo(LIVE + MINUTE);
  });
  afterAll(async () => {
    await direct?.shutdown();
    await faulty?.shutdown();
    await proxy?.stop();
    if (client) await cleanUp(client, directIndices, [index, `vigil-results-${refJob}`, `vigil-results-${jobId}`]);
    if (client) await cleanUp(client, faultyIndices, []);
  });

  it('keeps state and says so while bulk writes are rejected with 429', async () => {
    expect(await faulty.status(jobId)).toMatchObject({ bucket_count: 72, last_error: null });
    proxy.inject({ kind: 'status', status: 429 }, 10_000, /_bulk/);
    await advanceTo(LIVE + FIVE_MIN + MINUTE);
    const s = await faulty.status(jobId);
    expect(s.datafeed_state).toBe('started');
    expect(s.last_error).toMatch(/HTTP 429 injected_fault/);
    expect(s.last_error).toContain('state kept, retrying');
    expect(faulty.metrics().jobs[jobId].errors).toBeGreaterThanOrEqual(1);
    expect(proxy.counts.injected).toBeGreaterThanOrEqual(2);
  });

  it('says so while OpenSearch is unreachable and while searches fail with 503', async () => {
    proxy.clear();
    proxy.inject({ kind: 'drop' }, 10_000);
    await advanceTo(LIVE + 2 * FIVE_MIN + MINUTE);
    expect((await faulty.status(jobId)).last_error).toMatch(/socket hang up|ECONNRESET|ConnectionError/);
    proxy.clear();
    proxy.inject({ kind: 'status', status: 503 }, 10_000, /_search/);
    await advanceTo(LIVE + 3 * FIVE_MIN + MINUTE);
    expect((await faulty.status(jobId)).last_error).toMatch(/HTTP 503/);
    expect((await faulty.status(jobId)).latest_bucket_timestamp).toBeLessThanOrEqual(LIVE + FIVE_MIN);
  });

  it('catches up when OpenSearch is back: the same final results as the job that saw no fault', async () => {
    proxy.clear();
    await advanceTo(LIVE + 5 * FIVE_MIN + MINUTE);
    const s = await faulty.status(jobId);
    expect(s).toMatchObject({ last_error: null, latest_bucket_timestamp: LIVE + 4 * FIVE_MIN, bucket_count: 77, datafeed_state: 'started' });
    expect(await direct.status(refJob)).toMatchObject({ latest_bucket_timestamp: LIVE + 4 * FIVE_MIN, bucket_count: 77 });
    const expected = finals(await allResults(client, refJob), refJob);
    const actual = finals(await allResults(client, jobId), jobId);
    expect(actual).toEqual(expected);
    const burstRecord = (await allResults(client, jobId)).map((h) => h._source).find((d) => d.result_type === 'record' && d.timestamp === LIVE + 10 * MINUTE && d.function === 'count');
    expect(burstRecord).toMatchObject({ entity_key: 'src=10.4.0.1', actual: [110] });
  });

  it('a job whose index does not exist is failed, saying why, and recovers once the index appears', async () => {
    const late = `${index}-late`;
    const id = `it-fault-late-${process.pid}`;
    await direct.putJob({ ...config(id), datafeed_config: { indices: [late], query_delay: '60s', frequency: '5m', start: LIVE } });
    await direct.startDatafeed(id);
    await advanceTo(clock.now() + 1_000);
    const failed = await direct.status(id);
    expect(failed).toMatchObject({ state: 'failed', datafeed_state: 'started', bucket_count: 0 });
    expect(failed.last_error).toMatch(/HTTP 404 index_not_found_exception/);
    await createFlowIndex(client, late);
    await indexFlows(client, late, steadyFlows(LIVE, LIVE + HOUR, ['10.4.0.9']));
    await advanceTo(clock.now() + FIVE_MIN);
    expect(await direct.status(id)).toMatchObject({ state: 'opened', last_error: null, latest_bucket_timestamp: Math.floor((clock.now() - MINUTE) / FIVE_MIN) * FIVE_MIN - FIVE_MIN });
    await direct.deleteJob(id);
    await cleanUp(client, { config: late, state: late, leases: late }, []);
  });
});
