/** The OpenSearch results sink against the real node: idempotent writes, mappings, retries through injected faults. */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { OpenSearchResultsSink, ResultsSinkError } from '../../backend/src/sinks/openSearchResultsSink';
import { deleteAllResults, deleteResultsFrom } from '../../backend/src/sinks/resultsMaintenance';
import type { ResultDocLike } from '../../backend/src/sinks/types';
import { FaultProxy } from './faultProxy';
import { countDocs, deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(60_000);

const BUCKET_MS = 300_000;
const T0 = Date.UTC(2022, 5, 13, 0, 0, 0);

/** 40 buckets with one bucket doc and two records each (entities src=10.0.0.1 / 10.0.0.2). */
function resultDocs(jobId: string): ResultDocLike[] {
  const docs: ResultDocLike[] = [];
  for (let b = 0; b < 40; b++) {
    const timestamp = T0 + b * BUCKET_MS;
    const score = b === 30 ? 91.5 : b % 7;
    docs.push({ job_id: jobId, result_type: 'bucket', timestamp, bucket_span: 300, anomaly_score: score, initial_anomaly_score: score, event_count: 100 + b, is_interim: false, severity: score >= 75 ? 'critical' : score >= 3 ? 'warning' : 'low', bucket_influencers: [] });
    for (const src of ['10.0.0.1', '10.0.0.2']) {
      docs.push({
        job_id: jobId, result_type: 'record', timestamp, bucket_span: 300, detector_index: 0, function: 'count', function_description: 'count',
        by_field_name: 'src', by_field_value: src, entity_key: `src=${src}`, actual: [b], typical: [3], probability: 0.01, record_score: score,
        initial_record_score: score, multi_bucket_impact: 0, is_interim: false, severity: 'warning', influencers: [{ influencer_field_name: 'src', influencer_field_values: [src] }],
        anomaly_score_explanation: { anomaly_type: 'spike', lower_confidence_bound: 1, typical_value: 3, upper_confidence_bound: 5, single_bucket_impact: 1, multi_bucket_impact: 0 },
      });
    }
  }
  return docs;
}

describe('OpenSearch results sink', () => {
  let client: Client;
  const jobId = testIndexName('sink').replace(/^vigil-it-/, 'it-');
  const index = `vigil-results-${jobId}`;

  beforeAll(() => {
    client = testClient(openSearchUrl());
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, index);
  });

  it('writes each result once: a replay overwrites instead of duplicating', async () => {
    const docs = resultDocs(jobId);
    const sink = new OpenSearchResultsSink(client, { replicas: 0, refresh: true });
    await sink.write(docs);
    expect(await countDocs(client, index)).toBe(120);
    await sink.write(docs);
    await sink.write(docs.slice(0, 30));
    expect(await countDocs(client, index)).toBe(120);
    expect(await countDocs(client, index, { term: { result_type: 'record' } })).toBe(80);
    expect(await countDocs(client, index, { term: { entity_key: 'src=10.0.0.2' } })).toBe(40);
    expect(await countDocs(client, index, { range: { anomaly_score: { gte: 75 } } })).toBe(1);
    expect(sink.stats.written).toBe(270);
  });

  it('maps timestamp as epoch_millis date and the result fields with their types', async () => {
    const res = await osRequest<Record<string, { mappings: { properties: Record<string, { type?: string; format?: string; properties?: Record<string, { type: string }> }> } }>>(client, 'GET', `/${index}/_mapping`);
    const p = res.body[index].mappings.properties;
    expect(p.timestamp).toEqual({ type: 'date', format: 'epoch_millis' });
    expect(p.record_score.type).toBe('float');
    expect(p.anomaly_score.type).toBe('float');
    expect(p.severity.type).toBe('keyword');
    expect(p.entity_key.type).toBe('keyword');
    expect(p.result_type.type).toBe('keyword');
    expect(p.by_field_value.type).toBe('keyword');
    expect(p.is_interim.type).toBe('boolean');
    expect(p.influencers.properties!.influencer_field_values.type).toBe('keyword');
    // a range on the time field works with epoch ms, as Grafana queries it
    expect(await countDocs(client, index, { range: { timestamp: { gte: T0 + 10 * BUCKET_MS, lt: T0 + 20 * BUCKET_MS, format: 'epoch_millis' } } })).toBe(30);
  });

  it('retries through 429, 503 and dropped connections and loses nothing', async () => {
    const proxy = new FaultProxy(openSearchUrl());
    const proxyUrl = await proxy.start();
    try {
      const viaProxy = testClient(proxyUrl, 0);
      const otherJob = `${jobId}-faults`;
      const docs = resultDocs(otherJob);
      const retries: string[] = [];
      const sink = new OpenSearchResultsSink(viaProxy, { replicas: 0, batchSize: 50, baseDelayMs: 10, maxDelayMs: 40, onRetry: (r) => retries.push(r.reason) });
      proxy.inject({ kind: 'status', status: 429 }, 2, /_bulk/);
      proxy.inject({ kind: 'drop' }, 1, /_bulk/);
      proxy.inject({ kind: 'status', status: 503 }, 1, /_bulk/);
      await sink.write(docs);
      expect(proxy.counts.injected).toBe(4);
      expect(sink.stats.retries).toBe(4);
      expect(retries[0]).toMatch(/HTTP 429/);
      expect(retries.some((r) => /HTTP 503/.test(r))).toBe(true);
      expect(retries[2]).toMatch(/^ConnectionError: /);
      expect(sink.stats.lastProblem).toBeNull();
      expect(sink.stats.written).toBe(120);
      expect(await countDocs(client, `vigil-results-${otherJob}`)).toBe(120);
      await deleteIndices(client, `vigil-results-${otherJob}`);
    } finally {
      await proxy.stop();
    }
  });

  it('deletes the results from a time on (resume from a snapshot), then all of a job', async () => {
    const job = `${jobId}-resume`;
    const sink = new OpenSearchResultsSink(client, { replicas: 0, refresh: true });
    await sink.write(resultDocs(job));
    expect(await deleteResultsFrom(client, job, T0 + 25 * BUCKET_MS)).toBe(15 * 3);
    expect(await countDocs(client, `vigil-results-${job}`)).toBe(25 * 3);
    expect(await countDocs(client, `vigil-results-${job}`, { range: { timestamp: { gte: T0 + 25 * BUCKET_MS } } })).toBe(0);
    expect(await deleteAllResults(client, job)).toBe(true);
    expect(await deleteAllResults(client, job)).toBe(false);
    expect(await deleteResultsFrom(client, job, 0)).toBe(0);
  });

  it('gives up after its attempts with a clear status, and refuses bad documents with their reason', async () => {
    const proxy = new FaultProxy(openSearchUrl());
    const proxyUrl = await proxy.start();
    try {
      const sink = new OpenSearchResultsSink(testClient(proxyUrl, 0), { replicas: 0, index, maxAttempts: 3, baseDelayMs: 5 });
      proxy.inject({ kind: 'status', status: 500 }, 3, /_bulk/);
      const err = await sink.write(resultDocs(jobId).slice(0, 5)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResultsSinkError);
      expect((err as ResultsSinkError).failures).toHaveLength(5);
      expect((err as Error).message).toMatch(/5 of 5 result documents not written: .*gave up after 3 attempts: HTTP 500/);
      expect(sink.stats.lastProblem).toMatch(/HTTP 500/);
    } finally {
      await proxy.stop();
    }
    const sink = new OpenSearchResultsSink(client, { replicas: 0, index });
    const bad = { job_id: jobId, result_type: 'record', timestamp: T0, record_score: 'not a number', entity_key: 'src=bad' };
    const err = await sink.write([bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResultsSinkError);
    expect((err as ResultsSinkError).failures[0].status).toBe(400);
    expect((err as Error).message).toMatch(/mapper_parsing_exception/);
  });
});
