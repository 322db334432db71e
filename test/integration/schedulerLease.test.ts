/**
 * Leases on the real node: two job managers (two `vigil serve` instances) share one OpenSearch and an
 * injected clock. The job runs on the instance holding its lease; the other refuses to open it; of
 * two instances racing for a free lease exactly one wins (optimistic concurrency); when the holder
 * dies its lease expires after `leaseMs` and the other instance takes the job up from the latest
 * snapshot, so the results stay complete and unduplicated.
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobManager } from '../../backend/src/scheduler/jobManager';
import { LeaseStore } from '../../backend/src/scheduler/leaseStore';
import { openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import { allResults, burst, cleanUp, createFlowIndex, DAY0, FIVE_MIN, HOUR, indexFlows, managerIndices, MINUTE, newManager, steadyFlows } from './schedulerFixtures';

jest.setTimeout(60_000);

const LEASE_MS = 5 * MINUTE;
const LIVE = DAY0 + 6 * HOUR;

describe('scheduler: leases between two instances', () => {
  let client: Client;
  let a: JobManager;
  let b: JobManager;
  let c: JobManager | undefined;
  let clock: ManualClock;
  const index = testIndexName('lease-flows');
  const indices = managerIndices('lease');
  const jobId = `it-lease-${process.pid}`;
  const both = async (): Promise<void> => {
    await Promise.all([a.idle(), b.idle(), c?.idle()]);
  };
  const advanceTo = (t: number): Promise<void> => clock.advanceTo(t, both);

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await createFlowIndex(client, index);
    await indexFlows(client, index, [...steadyFlows(DAY0, LIVE + 2 * HOUR, ['10.3.0.1', '10.3.0.2']), ...burst(LIVE + 50 * MINUTE, '10.3.0.2', 150)]);
    clock = new ManualClock(LIVE + MINUTE);
    a = newManager(client, clock, indices, { instanceId: 'it-a', leaseMs: LEASE_MS });
    b = newManager(client, clock, indices, { instanceId: 'it-b', leaseMs: LEASE_MS });
    await a.init();
    await b.init();
  });
  afterAll(async () => {
    await a?.shutdown();
    await b?.shutdown();
    await c?.shutdown();
    if (client) await cleanUp(client, indices, [index, `vigil-results-${jobId}`]);
  });

  it('of two instances racing for a free lease exactly one wins', async () => {
    const p = new LeaseStore(client, 'racer-p', LEASE_MS, 0, indices.leases);
    const q = new LeaseStore(client, 'racer-q', LEASE_MS, 0, indices.leases);
    for (let round = 0; round < 5; round++) {
      const id = `race-${round}`;
      const outcomes = await Promise.all([p.acquire(id, 1000), q.acquire(id, 1000)]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const loser = outcomes.find((o) => !o.ok)!;
      expect(loser.ok ? null : loser.holder?.owner).toBe(outcomes.find((o) => o.ok) === outcomes[0] ? 'racer-p' : 'racer-q');
    }
    // an expired lease passes; a live one does not
    expect((await q.acquire('race-0', 1000 + LEASE_MS - 1)).ok).toBe((await q.read('race-0')).lease?.owner === 'racer-q');
    expect((await p.acquire('race-1', 1000 + LEASE_MS + 1)).ok).toBe(true);
    expect((await p.read('race-1')).lease).toMatchObject({ owner: 'racer-p', expires_at: 1000 + 2 * LEASE_MS + 1 });
  });

  it('runs the job on the instance holding the lease; the other refuses to open it', async () => {
    await a.putJob({
      job_id: jobId,
      analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }] },
      background_persist_interval: '30m',
      datafeed_config: { indices: [index], query_delay: '60s', frequency: '5m', start: DAY0 },
    });
    await a.startDatafeed(jobId);
    await advanceTo(LIVE + 41 * MINUTE);
    expect(await a.status(jobId)).toMatchObject({ node: 'it-a', datafeed_state: 'started', bucket_count: 72 + 8 });
    await expect(b.openJob(jobId)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('is open on instance it-a') });
    expect(await b.status(jobId)).toMatchObject({ node: 'it-a', state: 'opened', datafeed_state: 'started' });
    const lease = await new LeaseStore(client, 'reader', LEASE_MS, 0, indices.leases).read(jobId);
    expect(lease.lease?.owner).toBe('it-a');
    expect(lease.lease!.expires_at).toBeGreaterThan(clock.now());
  });

  it('passes the job to the other instance when the holder stops renewing; results stay complete', async () => {
    await a.abandon(); // the process dies: no snapshot, no release
    const diedAt = clock.now();
    await advanceTo(diedAt + LEASE_MS - 2 * MINUTE);
    expect(await b.status(jobId)).toMatchObject({ node: 'it-a' });
    await advanceTo(LIVE + 1 * HOUR + 31 * MINUTE);
    const s = await b.status(jobId);
    expect(s).toMatchObject({ node: 'it-b', state: 'opened', datafeed_state: 'started', last_error: null, latest_bucket_timestamp: LIVE + 85 * MINUTE });
    // the old holder cannot renew any more
    const renew = await new LeaseStore(client, 'it-a', LEASE_MS, 0, indices.leases).renew(jobId, clock.now());
    expect(renew.ok ? null : renew.holder?.owner).toBe('it-b');
    const buckets = (await allResults(client, jobId)).map((h) => h._source).filter((d) => d.result_type === 'bucket' && d.is_interim === false);
    const times = buckets.map((d) => d.timestamp).sort((x, y) => x - y);
    expect(times).toEqual(Array.from({ length: 72 + 18 }, (_, i) => DAY0 + i * FIVE_MIN));
    expect(buckets.find((d) => d.timestamp === LIVE + 50 * MINUTE)?.event_count).toBe(150 + 20);
    const records = (await allResults(client, jobId)).map((h) => h._source).filter((d) => d.result_type === 'record' && Number(d.record_score) >= 75);
    expect(records.map((d) => `${d.timestamp - LIVE} ${d.entity_key}`)).toContain(`${50 * MINUTE} src=10.3.0.2`);
    const stored = await osRequest<{ _source: { run: { datafeed_state: string } } }>(client, 'GET', `/${indices.config}/_doc/${jobId}`);
    expect(stored.body._source.run.datafeed_state).toBe('started');
  });

  it('a stop or close asked on another instance is carried out by the holder at its next renewal', async () => {
    c = newManager(client, clock, indices, { instanceId: 'it-c', leaseMs: LEASE_MS });
    await c.init();
    expect(await c.stopDatafeed(jobId)).toMatchObject({ datafeed_state: 'stopping', node: 'it-b' });
    await advanceTo(clock.now() + LEASE_MS / 3 + 1_000);
    expect(await b.status(jobId)).toMatchObject({ datafeed_state: 'stopped', state: 'opened', node: 'it-b' });
    expect(await c.status(jobId)).toMatchObject({ datafeed_state: 'stopped', node: 'it-b' });
    await c.closeJob(jobId);
    await advanceTo(clock.now() + LEASE_MS / 3 + 1_000);
    expect(await b.status(jobId)).toMatchObject({ state: 'closed', node: null });
    expect((await new LeaseStore(client, 'reader', LEASE_MS, 0, indices.leases).read(jobId)).lease).toBeNull();
  });
});
