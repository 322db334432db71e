/**
 * The datafeed read paths against the real node, on a real Zeek day: the point-in-time reader
 * returns every document once in time order; the composite path gives the same per-bucket counts
 * and sums as the raw path.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { EventRecord } from '../../backend/src/engine/types';
import { ingestFiles } from '../../backend/src/opensearch/ingest';
import { openRecords, readAllRecords } from '../../backend/src/readers';
import { readAggregated } from '../../backend/src/sources/aggregatedSource';
import { countPerBucket, lateBuckets } from '../../backend/src/sources/bucketCounts';
import { osRequest } from '../../backend/src/opensearch/request';
import { readDocuments, type ReadStats } from '../../backend/src/sources/openSearchSource';
import { datafeedSearch } from '../../backend/src/sources/pipelineQuery';
import { aggregationPlan, chooseReadPath } from '../../backend/src/sources/readPath';
import { sharedPath } from '../../backend/src/support/sharedData';
import { FaultProxy } from './faultProxy';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(90_000);

const FIVE_MIN = 300_000;
const collect = async (it: AsyncIterable<EventRecord>): Promise<EventRecord[]> => {
  const out: EventRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
};

describe('datafeed read paths on a real Zeek day', () => {
  let client: Client;
  const index = testIndexName('feed');
  let fileRecords: EventRecord[] = [];
  let start = 0;
  let end = 0;
  /** The raw path's read of the whole day (pages of 500), shared by the tests below. */
  let docs: EventRecord[] = [];
  const stats: ReadStats = { documents: 0, pages: 0 };

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    const file = sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');
    fileRecords = (await readAllRecords(file)).records.map((r) => r.record);
    const report = await ingestFiles(client, { index, files: [file], replicas: 0, refresh: true, open: (f) => openRecords(f) });
    expect(report.indexed).toBe(fileRecords.length);
    const times = fileRecords.map((r) => Math.floor(r.time));
    start = Math.floor(Math.min(...times) / FIVE_MIN) * FIVE_MIN;
    end = Math.max(...times) + 1;
    docs = await collect(readDocuments(client, { indices: [index], start, end, pageSize: 500 }, stats));
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, index);
  });

  it('point in time + search_after returns every document once, in (time, event_id) order', async () => {
    expect(fileRecords.length).toBe(5663);
    expect(docs).toHaveLength(5663);
    expect(stats).toMatchObject({ documents: 5663, pages: Math.ceil(5663 / 500) });
    expect(new Set(docs.map((d) => d.fields.event_id)).size).toBe(5663);
    const outOfOrder = docs.filter((b, i) => {
      const a = docs[i - 1];
      return i > 0 && !(a.time < b.time || (a.time === b.time && String(a.fields.event_id) < String(b.fields.event_id)));
    });
    expect(outOfOrder).toEqual([]);
    // the records carry the fields as the engine reads them from files (flattened `id.orig_h`, brief's names)
    const uids = new Map(fileRecords.map((r) => [r.fields.uid, r]));
    for (const d of docs.slice(0, 50)) {
      const f = uids.get(d.fields.uid)!;
      expect(d.time).toBe(Math.floor(f.time));
      expect(d.fields['id.orig_h']).toBe(f.fields['id.orig_h']);
      expect(d.fields.src).toBe(f.fields.src);
      expect(d.fields.dest_port).toBe(f.fields.dest_port);
      expect(d.fields.sourcetype).toBe('netflow');
    }
  });

  it('survives a dropped connection and 503s mid-read: every document still comes exactly once', async () => {
    const proxy = new FaultProxy(openSearchUrl());
    const viaProxy = testClient(await proxy.start(), 0);
    try {
      const retries: string[] = [];
      proxy.inject({ kind: 'drop' }, 1, /^\/_search(\?|$)/);
      proxy.inject({ kind: 'status', status: 503 }, 2, /^\/_search(\?|$)/);
      const read = await collect(readDocuments(viaProxy, { indices: [index], start, end, pageSize: 2000, baseDelayMs: 10, onRetry: (r) => retries.push(r.reason) }));
      expect(proxy.counts.injected).toBe(3);
      expect(retries).toHaveLength(3);
      expect(read).toHaveLength(5663);
      expect(new Set(read.map((d) => d.fields.event_id)).size).toBe(5663);
    } finally {
      await proxy.stop();
    }
  });

  it('reads [start, end): adjacent ranges split the documents exactly, and the query filters', async () => {
    const mid = start + 12 * 3_600_000;
    const first = await collect(readDocuments(client, { indices: [index], start, end: mid, pageSize: 2000, fields: ['event_id'] }));
    const second = await collect(readDocuments(client, { indices: [index], start: mid, end, pageSize: 2000, fields: ['event_id'] }));
    expect(first.length).toBe(fileRecords.filter((r) => Math.floor(r.time) < mid).length);
    expect(first.length + second.length).toBe(5663);
    expect(first.every((d) => d.time < mid) && second.every((d) => d.time >= mid)).toBe(true);
    const tcp = await collect(readDocuments(client, { indices: [index], start, end, query: { term: { protocol: 'tcp' } }, fields: ['protocol'] }));
    expect(tcp.length).toBe(fileRecords.filter((r) => r.fields.proto === 'tcp').length);
    expect(Object.keys(tcp[0].fields)).toEqual(['protocol']);
  });

  it('composite aggregation gives the same per-bucket, per-source counts and byte sums as the raw documents', async () => {
    const expected = new Map<string, { count: number; bytes: number }>();
    for (const d of docs) {
      const key = `${Math.floor(d.time / FIVE_MIN) * FIVE_MIN}|${d.fields.src}`;
      const e = expected.get(key) ?? { count: 0, bytes: 0 };
      e.count++;
      e.bytes += typeof d.fields.src_app_bytes === 'number' ? d.fields.src_app_bytes : 0;
      expected.set(key, e);
    }
    const plan = { splitFields: ['src'], metrics: [{ name: 'src_app_bytes', field: 'src_app_bytes', agg: 'sum' as const }] };
    const aggStats = { buckets: 0, pages: 0, documents: 0 };
    const summarised = await collect(readAggregated(client, { indices: [index], start, end, intervalMs: FIVE_MIN, ...plan, pageSize: 2000 }, aggStats));
    expect(summarised.length).toBe(expected.size);
    expect(aggStats.documents).toBe(5663);
    expect(aggStats.pages).toBeGreaterThan(1);
    expect(summarised.filter((r, i) => i > 0 && r.time < summarised[i - 1].time)).toEqual([]);
    const mismatches = summarised.filter((r) => {
      const e = expected.get(`${r.time}|${r.fields.src}`);
      return !e || r.fields.doc_count !== e.count || r.fields.src_app_bytes !== e.bytes;
    });
    expect(mismatches).toEqual([]);
  });

  it('without split fields, time windows of date_histogram buckets give the raw per-bucket counts and sums', async () => {
    const expected = new Map<number, { count: number; bytes: number }>();
    for (const d of docs) {
      const b = Math.floor(d.time / FIVE_MIN) * FIVE_MIN;
      const e = expected.get(b) ?? { count: 0, bytes: 0 };
      e.count++;
      e.bytes += typeof d.fields.src_app_bytes === 'number' ? d.fields.src_app_bytes : 0;
      expected.set(b, e);
    }
    const hStats = { buckets: 0, pages: 0, documents: 0 };
    const metrics = [{ name: 'src_app_bytes', field: 'src_app_bytes', agg: 'sum' as const }];
    const rows = await collect(readAggregated(client, { indices: [index], start, end, intervalMs: FIVE_MIN, splitFields: [], metrics, pageSize: 50 }, hStats));
    expect(hStats).toMatchObject({ buckets: expected.size, documents: 5663 });
    expect(hStats.pages).toBe(Math.ceil((end - start) / (50 * FIVE_MIN)));
    expect(rows.map((r) => [r.time, r.fields.doc_count, r.fields.src_app_bytes])).toEqual(
      [...expected.entries()].sort((a, b) => a[0] - b[0]).map(([t, e]) => [t, e.count, e.bytes]),
    );
  });

  it('compiles the pipeline\'s search against the index mappings: `dest!=10.*` and `src=192.168.*` select what the file holds', async () => {
    const feed = await datafeedSearch(client, `index=${index} sourcetype="netflow" dest!=10.* proto=tcp`);
    expect(feed.indices).toEqual([index]);
    expect(feed.fieldTypes.dest).toBe('ip');
    expect(feed.fieldTypes['id.orig_h']).toBe('ip');
    const isTen = (v: unknown): boolean => typeof v === 'string' && v.startsWith('10.');
    const expected = fileRecords.filter((r) => r.fields.dest !== null && r.fields.dest !== undefined && !isTen(r.fields.dest) && r.fields.proto === 'tcp').length;
    expect(expected).toBeGreaterThan(0);
    const selected = await collect(readDocuments(client, { indices: feed.indices, start, end, query: feed.query, fields: ['dest'] }));
    expect(selected.length).toBe(expected);
    const local = await datafeedSearch(client, 'src=192.168.*', [index]);
    const locals = await collect(readDocuments(client, { indices: local.indices, start, end, query: local.query, fields: ['src'] }));
    expect(locals.length).toBe(fileRecords.filter((r) => String(r.fields.src).startsWith('192.168.')).length);
    await expect(datafeedSearch(client, 'proto=tcp')).rejects.toThrow('the search names no index');
    await expect(datafeedSearch(client, 'dest=10.1*', [index])).rejects.toThrow('ip field "dest" takes whole-octet wildcards');
  });

  it('re-counts finished buckets and names those that received late documents', async () => {
    const processed = new Map<number, number>();
    for (const d of docs) {
      const b = Math.floor(d.time / FIVE_MIN) * FIVE_MIN;
      processed.set(b, (processed.get(b) ?? 0) + 1);
    }
    const counted = await countPerBucket(client, { indices: [index], start, end, intervalMs: FIVE_MIN });
    expect([...counted.entries()].sort((a, b) => a[0] - b[0])).toEqual([...processed.entries()].sort((a, b) => a[0] - b[0]));
    expect(lateBuckets(processed, counted)).toEqual([]);
    // two documents arrive late in an already processed bucket
    const late = [...processed.keys()][10];
    for (const id of ['late-1', 'late-2']) {
      await osRequest(client, 'PUT', `/${index}/_doc/${id}`, { '@timestamp': new Date(late + 1000).toISOString(), event_id: id, sourcetype: 'netflow' }, { querystring: { refresh: 'true' } });
    }
    const recount = await countPerBucket(client, { indices: [index], start, end, intervalMs: FIVE_MIN });
    expect(lateBuckets(processed, recount)).toEqual([{ bucketStart: late, processed: processed.get(late)!, indexed: processed.get(late)! + 2 }]);
    for (const id of ['late-1', 'late-2']) await osRequest(client, 'DELETE', `/${index}/_doc/${id}`, undefined, { querystring: { refresh: 'true' } });
  });

  it('chooses the aggregated path only when every detector allows it', () => {
    expect(aggregationPlan([{ function: 'count', by_field_name: 'src' }, { function: 'high_sum', field_name: 'src_app_bytes', by_field_name: 'src' }])).toEqual({
      splitFields: ['src'],
      metrics: [{ name: 'src_app_bytes', field: 'src_app_bytes', agg: 'avg' }],
    });
    expect(chooseReadPath([{ function: 'count', over_field_name: 'src' }]).path).toBe('aggregated');
    expect(chooseReadPath([{ function: 'count', over_field_name: 'src' }], 'raw').path).toBe('raw');
    expect(chooseReadPath([{ function: 'rare', by_field_name: 'dest_port', partition_field_name: 'src' }]).path).toBe('raw');
    expect(chooseReadPath([{ function: 'mean', field_name: 'x' }, { function: 'max', field_name: 'x' }]).path).toBe('raw');
    expect(chooseReadPath([{ function: 'distinct_count', field_name: 'dest_port', over_field_name: 'src' }], 'aggregated').path).toBe('raw');
  });
});
