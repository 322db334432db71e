/**
 * The scheduler on the real node with an injected clock: a job's datafeed reads a day of history
 * (lookback, in chunks), then runs in real time on ticks aligned to bucket ends +
 * query_delay: interim results for the open bucket (own ids, deleted when the bucket is final), the
 * delayed-data check annotating a bucket that received late documents, a snapshot on stop.
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { StateStore } from '../../backend/src/sinks/stateStore';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobManager } from '../../backend/src/scheduler/jobManager';
import { openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import {
  allResults, burst, cleanUp, createFlowIndex, DAY0, FIVE_MIN, HOUR, indexFlows, managerIndices, MINUTE, newManager, steadyFlows,
} from './schedulerFixtures';

jest.setTimeout(60_000);

const HOSTS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
const LIVE = DAY0 + 24 * HOUR;

describe('scheduler: lookback, then real time', () => {
  let client: Client;
  let manager: JobManager;
  let clock: ManualClock;
  const index = testIndexName('sched-flows');
  const indices = managerIndices('sched');
  const jobId = `it-sched-${process.pid}`;

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, [...steadyFlows(DAY0, LIVE + 30 * MINUTE, HOSTS), ...burst(DAY0 + 20 * HOUR, '10.0.0.2', 300)]);
    clock = new ManualClock(LIVE + 90_000);
    manager = newManager(client, clock, indices, { logger: (l) => process.env.VIGIL_TEST_LOG && console.log(new Date().toISOString(), l) });
    await manager.init();
  });
  afterAll(async () => {
    if (manager) await manager.shutdown();
    if (client) await cleanUp(client, indices, [index, `vigil-results-${jobId}`]);
  });
  const advanceTo = (t: number): Promise<void> => clock.advanceTo(t, () => manager.idle());

  it('creates the job (validated, persisted) and refuses a bad one with the path of the error', async () => {
    const config = await manager.putJob({
      job_id: jobId,
      description: 'flows per source',
      analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }], influencers: ['src'] },
      data_description: { time_field: '@timestamp' },
      datafeed_config: { indices: [index], query_delay: '60s', frequency: '150s', aggregations_mode: 'raw' },
    });
    expect(config.job_id).toBe(jobId);
    expect((await manager.getJob(jobId))?.datafeed_config?.frequency).toBe('150s');
    await expect(manager.putJob({ job_id: 'bad-job', analysis_config: { detectors: [{ function: 'meen', field_name: 'x' }] } })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ message: expect.stringContaining('did you mean "mean"') })],
    });
    expect((await manager.listJobs()).map((j) => [j.job_id, j.state, j.datafeed_state])).toEqual([[jobId, 'closed', 'stopped']]);
  });

  it('looks back over the day in chunks (raw path, as configured) and finds the burst', async () => {
    await manager.openJob(jobId);
    const started = await manager.startDatafeed(jobId);
    expect(started.datafeed_state).toBe('started');
    expect(started.lookback_progress).toBe(0);
    await advanceTo(LIVE + 90_000);
    const s = await manager.status(jobId);
    expect(s).toMatchObject({ state: 'opened', datafeed_state: 'started', bucket_count: 288, lookback_progress: 1, last_error: null, memory_status: 'ok', time_field: '@timestamp', indices: [index] });
    expect(s.read_path).toEqual({ path: 'raw', reason: 'raw path requested' });
    expect(s.latest_bucket_timestamp).toBe(LIVE - FIVE_MIN);
    expect(s.lag_ms).toBe(90_000);
    expect(s.processed_record_count).toBeGreaterThan(0);
    expect(s.model_bytes).toBeGreaterThan(0);
    const docs = await allResults(client, jobId);
    const buckets = docs.filter((d) => d._source.result_type === 'bucket' && d._source.is_interim === false);
    expect(buckets).toHaveLength(288);
    expect(buckets.find((b) => b._source.timestamp === DAY0 + 20 * HOUR)?._source.event_count).toBe(300 + 3 * 2 * 5);
    const records = docs.filter((d) => d._source.result_type === 'record').map((d) => d._source).sort((a, b) => Number(b.record_score) - Number(a.record_score));
    expect(records[0]).toMatchObject({ timestamp: DAY0 + 20 * HOUR, by_field_value: '10.0.0.2', entity_key: 'src=10.0.0.2', severity: 'critical' });
    const metrics = manager.metrics();
    expect(metrics.jobs[jobId]).toMatchObject({ buckets_processed: 288, documents_read: 288 * 30 + 300, errors: 0 });
    // the final results are counted as written; the interim ones of the open bucket are not
    expect(metrics.jobs[jobId].results_written).toBe(docs.filter((d) => d._source.is_interim === false).length);
  });

  it('writes interim results for the open bucket and replaces them when the bucket is final', async () => {
    const interim = (await allResults(client, jobId)).filter((d) => d._source.is_interim === true);
    expect(interim.length).toBeGreaterThan(0);
    expect(interim.every((d) => d._source.timestamp === LIVE && d._id.endsWith('_interim'))).toBe(true);
    const interimBucket = interim.find((d) => d._source.result_type === 'bucket');
    // 30 s of a 5 min bucket: 3 hosts x 2 events, scaled to a whole bucket (at most 4x)
    expect(interimBucket?._source.event_count).toBe(6);
    await advanceTo(LIVE + 150_000 + 60_000);
    expect((await manager.status(jobId)).bucket_count).toBe(288);
    await advanceTo(LIVE + FIVE_MIN + 60_000);
    const docs = await allResults(client, jobId);
    expect(docs.filter((d) => d._source.is_interim === true && d._source.timestamp === LIVE)).toEqual([]);
    expect(docs.find((d) => d._source.result_type === 'bucket' && d._source.timestamp === LIVE)?._source).toMatchObject({ is_interim: false, event_count: 30 });
    const s = await manager.status(jobId);
    expect(s).toMatchObject({ bucket_count: 289, latest_bucket_timestamp: LIVE, lag_ms: 60_000 });
  });

  it('annotates a finished bucket that received late documents (delayed-data check)', async () => {
    expect((await allResults(client, jobId)).filter((d) => d._source.result_type === 'annotation')).toEqual([]);
    await indexFlows(client, index, burst(LIVE + 2 * MINUTE, '10.0.0.3', 40), 10_000_000);
    await advanceTo(LIVE + 2 * FIVE_MIN + 60_000);
    const notes = (await allResults(client, jobId)).filter((d) => d._source.result_type === 'annotation').map((d) => d._source);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ timestamp: LIVE, end_timestamp: LIVE + FIVE_MIN, event_count: 40, annotation_type: 'delayed_data' });
    expect(String(notes[0].annotation)).toContain('missed 40 documents');
  });

  it('stops with a snapshot at the last processed bucket end, then closes', async () => {
    const stopped = await manager.stopDatafeed(jobId);
    expect(stopped.datafeed_state).toBe('stopped');
    const snap = await new StateStore(client, { index: indices.state }).loadLatest(jobId);
    expect(snap?.latestRecordTime).toBe(LIVE + 2 * FIVE_MIN);
    expect((await allResults(client, jobId)).filter((d) => d._source.is_interim === true)).toEqual([]);
    const closed = await manager.closeJob(jobId);
    expect(closed).toMatchObject({ state: 'closed', datafeed_state: 'stopped', bucket_count: 290, latest_bucket_timestamp: LIVE + FIVE_MIN });
    const lease = await osRequest(client, 'GET', `/${indices.leases}/_doc/${jobId}`, undefined, { ignore: [404] });
    expect(lease.statusCode).toBe(404);
    expect(clock.now()).toBe(LIVE + 2 * FIVE_MIN + 60_000);
  });

  it('on the aggregated path, interim and final buckets count documents, not summarised records', async () => {
    const aggId = `${jobId}-agg`;
    await manager.putJob({
      job_id: aggId,
      analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }] },
      datafeed_config: { indices: [index], query_delay: '60s', frequency: '150s', start: LIVE },
    });
    expect((await manager.startDatafeed(aggId)).read_path?.path).toBe('aggregated');
    await advanceTo(LIVE + 3 * FIVE_MIN + 3 * MINUTE + 30_000);
    const docs = await allResults(client, aggId);
    const final = docs.find((d) => d._source.result_type === 'bucket' && d._source.timestamp === LIVE + FIVE_MIN && d._source.is_interim === false);
    expect(final?._source.event_count).toBe(30);
    const interim = docs.find((d) => d._source.result_type === 'bucket' && d._source.is_interim === true);
    // the open bucket [LIVE+15m, +20m) read up to the tick's now - query_delay = LIVE+17m30s: 3 hosts x 2 events x 3 minutes
    expect(interim?._source).toMatchObject({ timestamp: LIVE + 3 * FIVE_MIN, event_count: 18 });
    expect((await manager.status(aggId)).processed_record_count).toBe(3 * 30 + 40);
    await manager.deleteJob(aggId);
    expect(await allResults(client, aggId)).toEqual([]);
  });
});
