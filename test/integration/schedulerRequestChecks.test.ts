/**
 * Requests the job manager must refuse or qualify (found by a tester of `vigil serve`), on the real
 * node: a datafeed range whose end is not after its start (or not a date) answers 400 and changes
 * nothing; a start before the processed time continues from the processed time and says so; a job
 * with a model keeps its analysis (PUT changing analysis_config or data_description answers 409); an
 * instance not holding a job's lease refuses PUT (409) and hands _stop/_close to the holder, saying so;
 * the results index gets the manager's replicas.
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobManager } from '../../backend/src/scheduler/jobManager';
import { LeaseStore } from '../../backend/src/scheduler/leaseStore';
import { StateStore } from '../../backend/src/sinks/stateStore';
import { openSearchUrl, testClient } from './openSearchEnv';
import { cleanUp, createFlowIndex, DAY0, HOUR, indexFlows, managerIndices, MINUTE, newManager, steadyFlows } from './schedulerFixtures';

jest.setTimeout(60_000);

describe('scheduler: request checks', () => {
  let client: Client;
  let a: JobManager;
  let clock: ManualClock;
  const index = `${managerIndices('checks').config}-flows`;
  const indices = managerIndices('checks');
  const jobId = `it-checks-${process.pid}`;
  const job = {
    job_id: jobId,
    analysis_config: { bucket_span: '5m', detectors: [{ function: 'count' as const, by_field_name: 'src' }] },
    datafeed_config: { indices: [index], query_delay: '60s', frequency: '5m' },
  };
  const settle = (): Promise<void> => clock.advanceTo(clock.now() + MINUTE, () => a.idle());
  const snapshots = async (): Promise<number> => (await new StateStore(client, { replicas: 0, index: indices.state }).list(jobId)).length;

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, steadyFlows(DAY0, DAY0 + 6 * HOUR, ['10.4.0.1', '10.4.0.2']));
    clock = new ManualClock(DAY0 + 2 * 24 * HOUR);
    a = newManager(client, clock, indices, { instanceId: 'it-a' });
    await a.init();
    await a.putJob(job);
  });
  afterAll(async () => {
    await a?.shutdown();
    if (client) await cleanUp(client, indices, [index, `vigil-results-${jobId}`]);
  });

  it('a start with end <= start, or a date that is not one, answers 400 and changes nothing', async () => {
    await expect(a.startDatafeed(jobId, { start: DAY0 + 2 * HOUR, end: DAY0 + HOUR })).rejects.toMatchObject({
      status: 400, message: 'end: 2026-11-02T01:00:00.000Z is not after start 2026-11-02T02:00:00.000Z', errors: [{ path: 'end' }],
    });
    await expect(a.startDatafeed(jobId, { start: DAY0, end: DAY0 })).rejects.toMatchObject({ status: 400 });
    await expect(a.startDatafeed(jobId, { start: 'yesterday', end: DAY0 })).rejects.toMatchObject({
      status: 400, message: 'start: "yesterday" is neither epoch ms nor an ISO date-time', errors: [{ path: 'start' }],
    });
    await expect(a.startDatafeed(jobId, { start: DAY0, end: '2026-11-31T25:00:00Z' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'end' }] });
    await settle();
    expect(await a.status(jobId)).toMatchObject({ state: 'closed', datafeed_state: 'stopped', bucket_count: 0, node: null });
    expect(await snapshots()).toBe(0);
    expect((await new LeaseStore(client, 'reader', HOUR, 0, indices.leases).read(jobId)).lease).toBeNull();
  });

  it('a start before the processed time continues from it and says so; an end not after it answers 400', async () => {
    const first = await a.startDatafeed(jobId, { start: DAY0, end: DAY0 + 2 * HOUR });
    expect(first.note).toBeUndefined();
    await settle();
    expect(await a.status(jobId)).toMatchObject({ datafeed_state: 'stopped', bucket_count: 24, latest_bucket_timestamp: DAY0 + 2 * HOUR - 5 * MINUTE });
    await expect(a.startDatafeed(jobId, { end: DAY0 + HOUR })).rejects.toMatchObject({
      status: 400, message: `end: 2026-11-02T01:00:00.000Z is not after 2026-11-02T02:00:00.000Z, where job "${jobId}" has already processed to`,
    });
    const again = await a.startDatafeed(jobId, { start: DAY0, end: DAY0 + 3 * HOUR });
    expect(again.note).toBe(
      'start 2026-11-02T00:00:00.000Z is before what the job has processed: it continues from 2026-11-02T02:00:00.000Z (delete the job or create a new one to analyse earlier data)',
    );
    await settle();
    expect(await a.status(jobId)).toMatchObject({ datafeed_state: 'stopped', bucket_count: 36, latest_bucket_timestamp: DAY0 + 3 * HOUR - 5 * MINUTE });
  });

  it('creates the results index with the manager\'s replicas (serve --replicas 0: green on one node)', async () => {
    const index = `vigil-results-${jobId}`;
    const settings = await osRequest<Record<string, { settings: { index: { number_of_replicas: string } } }>>(client, 'GET', `/${index}/_settings`);
    expect(settings.body[index].settings.index.number_of_replicas).toBe('0');
    const health = await osRequest<{ status: string }>(client, 'GET', `/_cluster/health/${index}`);
    expect(health.body.status).toBe('green');
  });

  it('a job with a model refuses changes of its analysis (409); description and datafeed changes pass', async () => {
    await expect(a.putJob({ ...job, analysis_config: { ...job.analysis_config, bucket_span: '10m' } })).rejects.toMatchObject({
      status: 409, message: `job "${jobId}" has a model; delete it or create a new job to change its analysis (analysis_config changed)`, errors: [{ path: 'analysis_config' }],
    });
    await expect(a.putJob({ ...job, data_description: { time_field: 'event_time' } })).rejects.toMatchObject({ status: 409, errors: [{ path: 'data_description' }] });
    expect((await a.getJob(jobId))?.analysis_config.bucket_span).toBe('5m');
    const updated = await a.putJob({ ...job, description: 'flows per source', datafeed_config: { ...job.datafeed_config, scroll_size: 500 } });
    expect(updated).toMatchObject({ description: 'flows per source', datafeed_config: { scroll_size: 500 } });
    expect(await a.getJob(jobId)).toMatchObject({ description: 'flows per source', analysis_config: { bucket_span: '5m' } });
    // a job without a model may still change its analysis
    const fresh = { ...job, job_id: `${jobId}-fresh` };
    await a.putJob(fresh);
    expect((await a.putJob({ ...fresh, analysis_config: { ...fresh.analysis_config, bucket_span: '10m' } })).analysis_config.bucket_span).toBe('10m');
    await a.deleteJob(fresh.job_id);
  });
});

describe('scheduler: requests to an instance not holding the job', () => {
  const LEASE_MS = 5 * MINUTE;
  let client: Client;
  let a: JobManager;
  let b: JobManager;
  let clock: ManualClock;
  const indices = managerIndices('holder');
  const index = `${indices.config}-flows`;
  const jobId = `it-holder-${process.pid}`;
  const job = {
    job_id: jobId,
    analysis_config: { bucket_span: '5m', detectors: [{ function: 'count' as const, by_field_name: 'src' }] },
    datafeed_config: { indices: [index], query_delay: '60s', frequency: '5m', start: DAY0 },
  };
  const advanceTo = (t: number): Promise<void> => clock.advanceTo(t, async () => {
    await Promise.all([a.idle(), b.idle()]);
  });

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, steadyFlows(DAY0, DAY0 + 4 * HOUR, ['10.5.0.1', '10.5.0.2']));
    clock = new ManualClock(DAY0 + 3 * HOUR + MINUTE);
    a = newManager(client, clock, indices, { instanceId: 'it-a', leaseMs: LEASE_MS });
    b = newManager(client, clock, indices, { instanceId: 'it-b', leaseMs: LEASE_MS });
    await a.init();
    await b.init();
    await a.putJob(job);
    await a.startDatafeed(jobId);
    await advanceTo(DAY0 + 3 * HOUR + 2 * MINUTE);
  });
  afterAll(async () => {
    await a?.shutdown();
    await b?.shutdown();
    if (client) await cleanUp(client, indices, [index, `vigil-results-${jobId}`]);
  });

  it('PUT on the other instance answers 409 naming the holder and stores nothing', async () => {
    expect(await a.status(jobId)).toMatchObject({ node: 'it-a', datafeed_state: 'started', bucket_count: 36 });
    await expect(b.putJob({ ...job, description: 'changed elsewhere' })).rejects.toMatchObject({
      status: 409, message: `job "${jobId}" is open on instance it-a: update it there, or close it first`,
    });
    expect((await b.getJob(jobId))?.description ?? '').toBe('');
  });

  it('_stop and _close on the other instance are handed to the holder, the answer says so, and the holder carries them out', async () => {
    const stop = await b.stopDatafeed(jobId);
    expect(stop).toMatchObject({ state: 'opened', datafeed_state: 'stopping', node: 'it-a', note: 'handed to instance it-a, which holds the job and stops the datafeed at its next lease renewal (within 100 s); this is the job\'s state until then' });
    expect(await a.status(jobId)).toMatchObject({ datafeed_state: 'started' });
    await advanceTo(clock.now() + LEASE_MS / 3 + 1_000);
    expect(await a.status(jobId)).toMatchObject({ state: 'opened', datafeed_state: 'stopped', node: 'it-a' });
    expect(await b.status(jobId)).toMatchObject({ state: 'opened', datafeed_state: 'stopped', node: 'it-a' });

    const close = await b.closeJob(jobId);
    expect(close).toMatchObject({ state: 'opened', datafeed_state: 'stopped', node: 'it-a', note: expect.stringContaining('handed to instance it-a, which holds the job and closes the job') });
    await advanceTo(clock.now() + LEASE_MS / 3 + 1_000);
    expect(await b.status(jobId)).toMatchObject({ state: 'closed', node: null });
    expect((await new LeaseStore(client, 'reader', LEASE_MS, 0, indices.leases).read(jobId)).lease).toBeNull();
    // nobody holds it now: b's answers are its own
    expect((await b.putJob({ ...job, description: 'changed on b' })).description).toBe('changed on b');
    expect((await b.closeJob(jobId)).note).toBeUndefined();
  });
});
