/**
 * The REST API's results queries against the real node: known result documents
 * (`backend/src/api/queries/__golden__/sample-results.json`) are written to a results index, then
 * 1. every golden query, sent to the node as is, parses to its golden output (so the recorded
 *    responses the unit tests parse are what OpenSearch 2.19 answers; `RECORD_GOLDEN=1` re-records);
 * 2. an API server on 127.0.0.1 (real JobManager, real ResultsRepository) answers the HTTP routes
 *    of the contract with the expected values: auth, errors, jobs, swimlane, records, buckets, ….
 */
import * as fs from 'fs';
import type * as http from 'http';
import * as path from 'path';
import type { Client } from '@opensearch-project/opensearch';
import { ResultsRepository } from '../../backend/src/api/resultsRepository';
import { createApiServer, listen } from '../../backend/src/api/server';
import { goldenCases, GOLDEN_JOB, SPAN_MS, stableResponse, T0 } from '../../backend/src/api/queries/goldenCases';
import { osRequest } from '../../backend/src/opensearch/request';
import { installTemplates, resultsIndexOf } from '../../backend/src/opensearch/templates';
import { JobManager } from '../../backend/src/scheduler/jobManager';
import { deleteIndices, openSearchUrl, testClient } from './openSearchEnv';

jest.setTimeout(60_000);

const goldenDir = path.join(__dirname, '../../backend/src/api/queries/__golden__');
const samples = JSON.parse(fs.readFileSync(path.join(goldenDir, 'sample-results.json'), 'utf8')) as Array<Record<string, unknown>>;
const TOKEN = 'it-token-7f3a';

/** A parsed JSON answer, read field by field in the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
type Json = any;

async function writeDocs(client: Client, index: string, docs: Array<Record<string, unknown>>): Promise<void> {
  const lines = docs.flatMap((d, i) => [JSON.stringify({ index: { _index: index, _id: `doc-${i}` } }), JSON.stringify(d)]);
  const res = await osRequest<{ errors: boolean }>(client, 'POST', '/_bulk', lines.join('\n') + '\n', { querystring: { refresh: 'true' } });
  expect(res.body.errors).toBe(false);
}

describe('results queries on a real node', () => {
  let client: Client;
  let manager: JobManager;
  let server: http.Server;
  let base = '';
  const jobId = `it-api-${process.pid}-${Date.now().toString(36)}`;
  const call = async (method: string, p: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: Json; text: string }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: Json = null as unknown as Json;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = null as unknown as Json;
    }
    return { status: res.status, json, text };
  };

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    await installTemplates(client, { replicas: 0 });
    await deleteIndices(client, resultsIndexOf(GOLDEN_JOB));
    await writeDocs(client, resultsIndexOf(GOLDEN_JOB), samples);
    manager = new JobManager({ client, replicas: 0, instanceId: `it-api-${process.pid}` });
    await manager.init();
    server = createApiServer({
      context: { jobs: manager, results: new ResultsRepository(client), readiness: async () => ({ ready: true }) },
      token: TOKEN,
    });
    const addr = await listen(server, '127.0.0.1', 0);
    base = `http://127.0.0.1:${addr.port}`;
  });

  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    if (manager) await manager.shutdown();
    if (client) {
      await deleteIndices(client, resultsIndexOf(GOLDEN_JOB));
      await deleteIndices(client, resultsIndexOf(jobId));
      await osRequest(client, 'DELETE', `/vigil-config/_doc/${jobId}`, undefined, { ignore: [404], querystring: { refresh: 'true' } });
    }
  });

  it.each(goldenCases.map((c) => [c.name, c] as const))('golden %s: the node answers what the recorded response says', async (name, c) => {
    const res = await osRequest<Record<string, unknown>>(client, 'POST', `/${resultsIndexOf(GOLDEN_JOB)}/_search`, c.request);
    const live = stableResponse(res.body);
    if (process.env.RECORD_GOLDEN === '1') fs.writeFileSync(path.join(goldenDir, `${name}.response.json`), JSON.stringify(live, null, 2) + '\n');
    const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, `${name}.parsed.json`), 'utf8'));
    expect(c.parse(live as never)).toEqual(golden);
  });

  it('jobs: PUT validates (400 with path), creates, lists, gets; auth is required except on health', async () => {
    expect((await call('GET', '/api/health', undefined, null)).json).toEqual({ status: 'ok' });
    const unauth = await call('GET', '/api/jobs', undefined, null);
    expect(unauth.status).toBe(401);
    expect(unauth.json.error).toMatch(/bearer token/);
    expect((await call('GET', '/api/jobs', undefined, 'wrong')).status).toBe(401);

    const bad = await call('PUT', `/api/jobs/${jobId}`, { analysis_config: { bucket_span: '15m', detectors: [{ function: 'meen', field_name: 'x' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('analysis_config.detectors[0].function');
    expect(bad.json.error).toMatch(/did you mean "mean"/);
    const badPipe = await call('PUT', `/api/jobs/${jobId}`, { search: 'index=flows | autodetect count by', datafeed_config: {} });
    expect(badPipe.status).toBe(400);
    expect(typeof badPipe.json.errors[0].column).toBe('number');

    const put = await call('PUT', `/api/jobs/${jobId}`, {
      description: 'API test job',
      analysis_config: { bucket_span: '15m', detectors: [{ function: 'high_count', over_field_name: 'src' }], influencers: ['src', 'dest_port'] },
      data_description: { time_field: '@timestamp' },
      datafeed_config: { indices: ['vigil-it-api-none'] },
    });
    expect(put.status).toBe(200);
    expect(put.json.job.job_id).toBe(jobId);
    const list = await call('GET', '/api/jobs');
    const mine = list.json.jobs.find((j: Json) => j.job_id === jobId);
    expect(mine).toMatchObject({ description: 'API test job', state: 'closed', datafeed_state: 'stopped', indices: ['vigil-it-api-none'], time_field: '@timestamp' });
    expect(list.json.count).toBe(list.json.jobs.length);
    const got = await call('GET', `/api/jobs/${jobId}`);
    expect(got.json.job.analysis_config.bucket_span).toBe('15m');
    expect(got.json.status.job_id).toBe(jobId);
    expect((await call('GET', '/api/jobs/no-such-job')).status).toBe(404);
    expect((await call('GET', '/api/jobs/Bad%20Id')).status).toBe(400);
    expect((await call('PATCH', `/api/jobs/${jobId}`)).status).toBe(405);
    expect((await call('GET', '/api/nothing')).status).toBe(404);
  });

  it('results over HTTP: swimlane, records with entity filters, buckets, influencers, model plot, time range', async () => {
    const r = `/api/jobs/${jobId}/results`;
    // no results index yet: empty answers, not errors
    expect((await call('GET', `${r}/records`)).json).toEqual({ count: 0, records: [] });
    expect((await call('GET', `${r}/time_range`)).json).toEqual({ earliest: null, latest: null });
    expect((await call('GET', `${r}/swimlane`)).json).toMatchObject({ start: null, end: null, overall: { cells: [] }, lanes: [] });
    await writeDocs(client, resultsIndexOf(jobId), samples.map((d) => ({ ...d, job_id: jobId })));
    const sw = await call('GET', `${r}/swimlane?start=${T0}&end=${T0 + 7 * SPAN_MS}&view_by=entity&limit=3&sort=max_score`);
    expect(sw.status).toBe(200);
    expect(sw.json).toMatchObject({ job_id: jobId, bucket_span: 900, interval_ms: SPAN_MS, start: T0, end: T0 + 7 * SPAN_MS });
    expect(sw.json.lanes.map((l: Json) => [l.lane, l.max_score, l.occurrence])).toEqual([
      ['src=10.0.0.5', 80, 2],
      ['dest_port=443,src=10.0.0.7', 40, 1],
      ['src=10.0.0.7', 30, 2],
    ]);
    expect(sw.json.overall.cells).toHaveLength(6); // the interim bucket (99) is left out
    const withInterim = await call('GET', `${r}/swimlane?include_interim=true&limit=1`);
    expect(withInterim.json.lanes[0]).toMatchObject({ lane: 'src=10.0.0.9', max_score: 99 });
    const notInfluencer = await call('GET', `${r}/swimlane?view_by=dest`);
    expect([notInfluencer.status, notInfluencer.json.error]).toEqual([400, `view_by: "dest" is not an influencer of job "${jobId}" (view_by: entity, src, dest_port)`]);
    const bySrc = await call('GET', `${r}/swimlane?view_by=src&interval_ms=3600000&min_score=20`);
    expect(bySrc.json.lanes.map((l: Json) => [l.lane, l.max_score])).toEqual([['src=10.0.0.5', 78], ['src=10.0.0.7', 39]]);

    const recs = await call('GET', `${r}/records?entity=src%3D10.0.0.7&sort=timestamp&start=${new Date(T0).toISOString()}`);
    expect(recs.json.count).toBe(3);
    expect(recs.json.records.map((d: Json) => d.record_score)).toEqual([30, 5, 40]);
    const paged = await call('GET', `${r}/records?size=2&from=1&min_score=4`);
    expect(paged.json.count).toBe(5);
    expect(paged.json.records.map((d: Json) => d.record_score)).toEqual([40, 30]);
    const buckets = await call('GET', `${r}/buckets?min_score=10`);
    expect(buckets.json.buckets.map((b: Json) => b.anomaly_score)).toEqual([12.5, 80, 40]);
    const infl = await call('GET', `${r}/influencers?influencer_field_name=dest_port`);
    expect(infl.json.influencers.map((d: Json) => [d.influencer_field_value, d.influencer_score])).toEqual([['443', 35]]);
    const mp = await call('GET', `${r}/model_plot?detector_index=1&entity_key=${encodeURIComponent('dest_port=443,src=10.0.0.7')}`);
    expect(mp.json.points.map((p: Json) => [p.actual, p.model_median])).toEqual([[1400, 1500], [9000, 1480]]);
    expect((await call('GET', `${r}/time_range`)).json).toEqual({ earliest: T0, latest: T0 + 5 * SPAN_MS });
    expect((await call('GET', `${r}/categories`)).json.count).toBe(2);

    const badScore = await call('GET', `${r}/records?min_score=high`);
    expect(badScore.status).toBe(400);
    expect(badScore.json.errors[0]).toEqual({ message: '"high" is not a number', path: 'min_score' });
    expect((await call('GET', `${r}/records?entity=nofield`)).status).toBe(400);
    expect((await call('GET', `${r}/records?size=20000`)).status).toBe(400);
    expect((await call('GET', '/api/jobs/no-such-job/results/records')).status).toBe(404);
  });

  it('stats, validate, metrics, ready; DELETE removes the job and its results', async () => {
    const stats = await call('GET', `/api/jobs/${jobId}/stats`);
    expect(stats.json).toMatchObject({ job_id: jobId, memory_status: 'ok' });
    expect(stats.json.model_size_stats.memory_status).toBe('ok');
    const v = await call('POST', '/api/_validate/pipeline', { search: 'index=flows | autodetect meen(bytes) by src' });
    expect(v.json).toMatchObject({ valid: false, job_config: null });
    expect(v.json.errors[0].column).toBe(26); // the "m" of meen
    const v2 = await call('POST', '/api/_validate/pipeline', { search: 'index=flows | autodetect sum(bytes) by src bucketspan=10m' });
    expect(v2.json.valid).toBe(true);
    expect(v2.json.job_config.analysis_config.detectors).toEqual([{ function: 'sum', field_name: 'bytes', by_field_name: 'src' }]);
    expect((await call('GET', '/api/ready')).json).toEqual({ status: 'ready' });
    const metrics = await call('GET', '/metrics', undefined, null);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^# TYPE vigil_buckets_processed_total counter$/m);

    expect((await call('DELETE', `/api/jobs/${jobId}`)).json).toEqual({ deleted: true, job_id: jobId });
    expect((await call('GET', `/api/jobs/${jobId}`)).status).toBe(404);
    const exists = await osRequest(client, 'HEAD', `/${resultsIndexOf(jobId)}`, undefined, { ignore: [404] });
    expect(exists.statusCode).toBe(404);
  });
});
