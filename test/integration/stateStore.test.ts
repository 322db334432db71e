/** Model snapshots in vigil-state against the real node: round trip, chunking, latest per job, pruning, half-written snapshots. */
import type { Client } from '@opensearch-project/opensearch';
import { stateMappings } from '../../backend/src/opensearch/mappings';
import { osRequest } from '../../backend/src/opensearch/request';
import { StateStore } from '../../backend/src/sinks/stateStore';
import { countDocs, deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(60_000);

describe('state store (vigil-state)', () => {
  let client: Client;
  const index = testIndexName('state');
  let clock = 1_700_000_000_000;
  const now = (): number => (clock += 1000);

  beforeAll(() => {
    client = testClient(openSearchUrl());
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, index);
  });

  it('returns null for a job without snapshots, then the saved state exactly', async () => {
    const store = new StateStore(client, { index, replicas: 0, now });
    expect(await store.loadLatest('job-a')).toBeNull();
    const state = { models: [{ key: 'src=10.0.0.1', mean: 3.25, quantiles: [0.1, 0.5, 0.99] }], normaliser: { hwm: [12, 40.5] }, text: 'ünïcødé ✓ 😀' };
    const saved = await store.save({ jobId: 'job-a', state, latestRecordTime: 1_655_164_800_000, description: 'after lookback' });
    expect(saved.snapshotId).toBe('1655164800000');
    const loaded = await store.loadLatest('job-a');
    expect(loaded).not.toBeNull();
    expect(loaded!.state).toEqual(state);
    expect(loaded!.latestRecordTime).toBe(1_655_164_800_000);
    expect(loaded!.description).toBe('after lookback');
    expect(loaded!.chunkCount).toBe(1);
  });

  it('chunks big states (split never inside a surrogate pair) and reassembles them', async () => {
    const store = new StateStore(client, { index, replicas: 0, now, chunkChars: 1000 });
    const big = { series: Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, v: i * 1.5, tag: i % 3 === 0 ? '😀😀' : 'x' })) };
    const saved = await store.save({ jobId: 'job-big', state: big, latestRecordTime: 5000 });
    expect(saved.chunkCount).toBe(Math.ceil(JSON.stringify(big).length / 1000));
    expect(saved.byteSize).toBe(Buffer.byteLength(JSON.stringify(big)));
    expect((await store.loadLatest('job-big'))!.state).toEqual(big);
    expect(await countDocs(client, index, { bool: { filter: [{ term: { job_id: 'job-big' } }, { term: { doc_type: 'model_state_chunk' } }] } })).toBe(saved.chunkCount);
  });

  it('keeps the latest snapshot per job (by last processed time) and prunes to `keep`', async () => {
    const store = new StateStore(client, { index, replicas: 0, now, keep: 2 });
    for (const t of [1000, 3000, 2000, 4000]) await store.save({ jobId: 'job-b', state: { at: t }, latestRecordTime: t });
    await store.save({ jobId: 'job-c', state: { at: 9999 }, latestRecordTime: 9999 });
    const latest = await store.loadLatest('job-b');
    expect(latest!.state).toEqual({ at: 4000 });
    expect((await store.list('job-b')).map((h) => h.snapshot_id)).toEqual(['4000', '3000']);
    expect((await store.loadLatest('job-c'))!.state).toEqual({ at: 9999 });
    // saving the same point again overwrites: still two snapshots
    await store.save({ jobId: 'job-b', state: { at: 4000, again: true }, latestRecordTime: 4000 });
    expect((await store.list('job-b')).map((h) => h.snapshot_id)).toEqual(['4000', '3000']);
    expect((await store.loadLatest('job-b'))!.state).toEqual({ at: 4000, again: true });
  });

  it('skips a snapshot whose chunks are missing (crash while saving) and loads the one before', async () => {
    const store = new StateStore(client, { index, replicas: 0, now, keep: 5 });
    await store.save({ jobId: 'job-d', state: { good: 1 }, latestRecordTime: 100 });
    await store.save({ jobId: 'job-d', state: { good: 2 }, latestRecordTime: 200 });
    await osRequest(client, 'DELETE', `/${index}/_doc/${encodeURIComponent('job-d_state_200#0')}`, undefined, { querystring: { refresh: 'true' } });
    expect((await store.loadLatest('job-d'))!.state).toEqual({ good: 1 });
    expect(await store.deleteJob('job-d')).toBe(3);
    expect(await store.loadLatest('job-d')).toBeNull();
  });

  it('keeps the blob out of the index (enabled: false) and the header fields searchable', async () => {
    const res = await osRequest<Record<string, { mappings: { properties: Record<string, Record<string, unknown>> } }>>(client, 'GET', `/${index}/_mapping`);
    const p = res.body[index].mappings.properties;
    expect(p.state).toEqual({ type: 'object', enabled: false });
    expect(p.latest_record_time_stamp).toEqual({ type: 'date', format: 'epoch_millis' });
    expect(Object.keys(p).sort()).toEqual(Object.keys(stateMappings.properties).sort());
  });
});
