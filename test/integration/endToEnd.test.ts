/**
 * The OpenSearch parts end to end on a real Zeek day: ingest → datafeed (point in time, in two
 * time chunks) → engine job, with its snapshot saved to and restored from vigil-state between the
 * chunks → results sink → results index. The results equal those of the same job run straight
 * from the file, and reading the index back gives the same documents.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../../backend/src/engine/config/jobConfigTypes';
import { AnomalyJob, type AnomalyJobSnapshot } from '../../backend/src/engine/job/anomalyJob';
import { resultId } from '../../backend/src/engine/job/resultId';
import type { ResultDocument } from '../../backend/src/engine/job/resultTypes';
import type { EventRecord } from '../../backend/src/engine/types';
import { eventId, fileLabel } from '../../backend/src/opensearch/eventDocument';
import { ingestFiles } from '../../backend/src/opensearch/ingest';
import { osRequest } from '../../backend/src/opensearch/request';
import { openRecords, readAllRecords } from '../../backend/src/readers';
import { OpenSearchResultsSink } from '../../backend/src/sinks/openSearchResultsSink';
import { StateStore } from '../../backend/src/sinks/stateStore';
import type { ResultDocLike } from '../../backend/src/sinks/types';
import { readAggregated } from '../../backend/src/sources/aggregatedSource';
import { readDocuments } from '../../backend/src/sources/openSearchSource';
import { aggregationPlan } from '../../backend/src/sources/readPath';
import { sharedPath } from '../../backend/src/support/sharedData';
import { countDocs, deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(90_000);

const HOUR = 3_600_000;

/** Deep equality with numbers equal to 1e-9 (relative, or absolute near zero). */
function sameResult(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameResult(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.join() === kb.join() && ka.every((k) => sameResult((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

describe('ingest → datafeed → job with snapshot in vigil-state → results index', () => {
  let client: Client;
  const stem = testIndexName('e2e');
  const index = `${stem}-flows`;
  const stateIndex = `${stem}-state`;
  const jobId = `${stem.replace(/^vigil-it-/, 'it-')}-job`;
  const config = {
    job_id: jobId,
    analysis_config: {
      bucket_span: '5m',
      latency: '5m',
      influencers: ['src'],
      detectors: [{ function: 'max', field_name: 'orig_bytes', by_field_name: 'proto' }],
    },
  } as JobConfig;

  const file = (): string => sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    const report = await ingestFiles(client, { index, files: [file()], replicas: 0, refresh: true, open: (f) => openRecords(f) });
    expect(report.indexed).toBe(5663);
  });
  afterAll(async () => {
    if (!client) return;
    await deleteIndices(client, `${stem}-*`);
    await deleteIndices(client, `vigil-results-${jobId}`);
  });

  it('gives the results of the file run, written once each to vigil-results-<job>', async () => {
    // reference: the job straight from the file, in the datafeed's order (time to the ms as the
    // index keeps it, then event_id)
    const label = fileLabel(file());
    const fileRecords = (await readAllRecords(file())).records
      .map((r) => ({ id: eventId(label, r.line, r.record), record: { time: Math.floor(r.record.time), fields: r.record.fields } as EventRecord }))
      .sort((a, b) => a.record.time - b.record.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => r.record);
    const reference = new AnomalyJob(jobId, config);
    for (const r of fileRecords) reference.push(r);
    reference.flush();
    const expected = reference.takeResults();
    const firstBucket = Math.floor(fileRecords[0].time / 300_000);
    const lastBucket = Math.floor(fileRecords[fileRecords.length - 1].time / 300_000);
    const bucketCount = lastBucket - firstBucket + 1;
    expect(expected.filter((d) => d.result_type === 'bucket')).toHaveLength(bucketCount);
    expect(expected.filter((d) => d.result_type === 'record').length).toBeGreaterThan(0);

    // the datafeed: two chunks, the job's state saved and restored between them
    const times = fileRecords.map((r) => r.time);
    const start = Math.floor(Math.min(...times) / 300_000) * 300_000;
    const end = Math.max(...times) + 1;
    const mid = start + 12 * HOUR;
    const sink = new OpenSearchResultsSink(client, { replicas: 0, idOf: (d) => resultId(d as unknown as ResultDocument) });
    const store = new StateStore(client, { index: stateIndex, replicas: 0 });
    const written: ResultDocument[] = [];
    const write = async (docs: ResultDocument[]): Promise<void> => {
      written.push(...docs);
      await sink.write(docs as unknown as ResultDocLike[]);
    };

    const first = new AnomalyJob(jobId, config);
    for await (const r of readDocuments(client, { indices: [index], start, end: mid, pageSize: 1000 })) first.push(r);
    await write(first.takeResults());
    await store.save({ jobId, state: first.snapshot(), latestRecordTime: mid });

    const saved = await store.loadLatest(jobId);
    expect(saved!.latestRecordTime).toBe(mid);
    const second = AnomalyJob.restore(saved!.state as AnomalyJobSnapshot);
    for await (const r of readDocuments(client, { indices: [index], start: saved!.latestRecordTime, end, pageSize: 1000 })) second.push(r);
    second.flush();
    await write(second.takeResults());

    expect(written.length).toBe(expected.length);
    const differing = written.map((d, i) => [i, JSON.stringify(d), JSON.stringify(expected[i])] as const).filter(([, a, b]) => a !== b);
    expect(differing.slice(0, 2)).toEqual([]);
    const ids = new Set(expected.map((d) => resultId(d)));
    const resultsIndex = `vigil-results-${jobId}`;
    expect(await countDocs(client, resultsIndex)).toBe(ids.size);
    expect(await countDocs(client, resultsIndex, { term: { result_type: 'bucket' } })).toBe(bucketCount);

    // the top record read back from the index is the file run's top record
    const top = await osRequest<{ hits: { hits: { _id: string; _source: ResultDocument }[] } }>(client, 'POST', `/${resultsIndex}/_search`, {
      size: 1,
      query: { term: { result_type: 'record' } },
      sort: [{ record_score: 'desc' }, { timestamp: 'asc' }],
    });
    const records = expected.filter((d) => d.result_type === 'record') as Extract<ResultDocument, { result_type: 'record' }>[];
    const best = Math.max(...records.map((r) => r.record_score));
    const hit = top.body.hits.hits[0];
    expect(hit._source.result_type).toBe('record');
    expect((hit._source as { record_score: number }).record_score).toBeCloseTo(best, 4);
    expect(records.some((r) => resultId(r) === hit._id && r.record_score === best)).toBe(true);
  });

  it('the aggregated path (composite, doc_count as summary count) gives the raw path\'s results', async () => {
    const countConfig = {
      job_id: jobId,
      analysis_config: {
        bucket_span: '5m',
        latency: '5m',
        detectors: [
          { function: 'count', by_field_name: 'conn_state' },
          { function: 'high_sum', field_name: 'orig_ip_bytes', by_field_name: 'proto' },
          { function: 'mean', field_name: 'resp_ip_bytes', by_field_name: 'proto' },
          { function: 'max', field_name: 'orig_pkts', by_field_name: 'proto' },
        ],
      },
    } as JobConfig;
    const summarised = { ...countConfig, analysis_config: { ...countConfig.analysis_config, summary_count_field_name: 'doc_count' } } as JobConfig;
    const range = { indices: [index], start: Date.UTC(2022, 5, 12), end: Date.UTC(2022, 5, 15) };
    const raw = new AnomalyJob(jobId, countConfig);
    for await (const r of readDocuments(client, { ...range, fields: ['conn_state', 'proto', 'orig_ip_bytes', 'resp_ip_bytes', 'orig_pkts'] })) raw.push(r);
    raw.flush();
    const plan = aggregationPlan(countConfig.analysis_config.detectors)!;
    expect(plan).toEqual({
      splitFields: ['conn_state', 'proto'],
      metrics: [
        { name: 'orig_ip_bytes', field: 'orig_ip_bytes', agg: 'avg' },
        { name: 'resp_ip_bytes', field: 'resp_ip_bytes', agg: 'avg' },
        { name: 'orig_pkts', field: 'orig_pkts', agg: 'max' },
      ],
    });
    const agg = new AnomalyJob(jobId, summarised);
    for await (const r of readAggregated(client, { ...range, intervalMs: 300_000, ...plan })) agg.push(r);
    agg.flush();
    const rawDocs = raw.takeResults();
    const aggDocs = agg.takeResults();
    expect(rawDocs.filter((d) => d.result_type === 'record').length).toBeGreaterThan(0);
    expect(aggDocs.length).toBe(rawDocs.length);
    // Bucket `event_count` is left out: the engine counts summarised records there, not their
    // summary counts (reported to the engine's owner). Every other field is compared; numbers to
    // 1e-9 relative, as a sum rebuilt from mean × count differs from the raw sum in the last bits.
    const differing = aggDocs
      .map((d, i) => [i, d, rawDocs[i]] as const)
      .filter(([, a, b]) => !sameResult(a.result_type === 'bucket' ? { ...a, event_count: 0 } : a, b.result_type === 'bucket' ? { ...b, event_count: 0 } : b));
    expect(differing.slice(0, 1)).toEqual([]);
    expect(aggDocs.filter((d) => d.result_type === 'record').length).toBe(rawDocs.filter((d) => d.result_type === 'record').length);
  });
});
