/**
 * `vigil serve` as a real process against the real node: a Zeek day (008) ingested into an index,
 * a job created over HTTP from the brief's netflow pipeline, opened, its lookback run, and the
 * swimlane and records read back over HTTP. The records equal those of `vigil analyze` on the same
 * file with the same pipeline. SIGTERM stops the process cleanly (exit 0, job snapshot saved).
 * Needs the built CLI (`npx tsc -b backend`, which `npm test` runs first).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from '@opensearch-project/opensearch';
import { deleteWhere } from '../../backend/src/opensearch/deleteWhere';
import { ingestFiles } from '../../backend/src/opensearch/ingest';
import { osRequest } from '../../backend/src/opensearch/request';
import { resultsIndexOf } from '../../backend/src/opensearch/templates';
import { openRecords } from '../../backend/src/readers';
import { sharedPath } from '../../backend/src/support/sharedData';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'backend', 'bin', 'vigil.js');
const PIPELINE = 'sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp';
const TOKEN = 'serve-it-token-51c2';
const SPAN = 300_000;

interface RecordDoc {
  timestamp: number;
  detector_index: number;
  entity_key: string;
  record_score: number;
  function: string;
  function_description: string;
}

/** A record's identity: bucket, detector, entity and the metric's feature (min, mean or max). */
const key = (r: RecordDoc): string => `${r.timestamp}|${r.detector_index}|${r.function_description}|${r.entity_key}`;

describe('vigil serve (a real process) on a Zeek day', () => {
  let client: Client;
  let proc: ChildProcess;
  let stderr = '';
  let base = '';
  const index = `${testIndexName('serve')}-flows`;
  const jobId = `it-serve-${process.pid}-${Date.now().toString(36)}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-serve-'));
  const file = (): string => sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');

  const call = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await fetch(base + p, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as T };
  };

  beforeAll(async () => {
    const url = openSearchUrl();
    if (!fs.existsSync(path.join(root, 'backend', 'dist', 'cli', 'main.js'))) throw new Error('backend/dist is missing: run `npx tsc -b backend` first');
    client = testClient(url);
    const report = await ingestFiles(client, { index, files: [file()], replicas: 0, refresh: true, open: (f) => openRecords(f) });
    expect(report.indexed).toBe(5663);
    proc = spawn(process.execPath, [bin, 'serve', '--bind', '127.0.0.1:0', '--replicas', '0', '--instance-id', `it-serve-${process.pid}`], {
      env: { ...process.env, VIGIL_OPENSEARCH_URL: url, VIGIL_API_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vigil serve did not listen within 20 s:\n${stderr}`)), 20_000);
      proc.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on('exit', (code) => reject(new Error(`vigil serve exited with ${code}:\n${stderr}`)));
    });
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${base}/api/ready`, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (r.status === 200) break;
      await new Promise((r2) => setTimeout(r2, 200));
    }
  });

  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    if (client) {
      await deleteIndices(client, index);
      await deleteIndices(client, resultsIndexOf(jobId));
      await osRequest(client, 'DELETE', `/vigil-config/_doc/${jobId}`, undefined, { ignore: [404], querystring: { refresh: 'true' } });
      await deleteWhere(client, 'vigil-state', { term: { job_id: jobId } });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the job from the pipeline, runs the lookback, and serves its swimlane and records', async () => {
    const put = await call<{ job: { analysis_config: { detectors: unknown[] } } }>('PUT', `/api/jobs/${jobId}`, { search: PIPELINE, datafeed_config: { indices: [index] } });
    expect(put.status).toBe(200);
    expect(put.json.job.analysis_config.detectors).toEqual([{ function: 'metric', field_name: 'app_byte_ratio', by_field_name: 'dp', partition_field_name: 'src' }]);
    expect((await call<{ status: { state: string } }>('POST', `/api/jobs/${jobId}/_open`)).json.status.state).toBe('opened');

    // the day's span: first and last flow time
    const range = await osRequest<{ aggregations: { a: { value: number }; b: { value: number } } }>(client, 'POST', `/${index}/_search`, {
      size: 0, aggs: { a: { min: { field: '@timestamp' } }, b: { max: { field: '@timestamp' } } },
    });
    const start = Math.floor(range.body.aggregations.a.value / SPAN) * SPAN;
    const end = Math.ceil((range.body.aggregations.b.value + 1) / SPAN) * SPAN; // through the last (whole) bucket
    const started = await call<{ status: { datafeed_state: string } }>('POST', `/api/jobs/${jobId}/_start`, { start: new Date(start).toISOString(), end });
    expect(started.status).toBe(200);

    let status: { datafeed_state: string; bucket_count: number; processed_record_count: number; lookback_progress: number | null; last_error: string | null } | null = null;
    for (let i = 0; i < 300; i++) {
      status = (await call<{ status: typeof status }>('GET', `/api/jobs/${jobId}`)).json.status;
      if (status!.datafeed_state === 'stopped') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toMatchObject({ datafeed_state: 'stopped', last_error: null, lookback_progress: 1 });

    // the same pipeline straight from the file; the datafeed reads in time order, so the file run
    // accepts the file's out-of-order flows (some are 4 h early) with a day of latency
    const out = path.join(tmp, 'file-run.ndjson');
    const run = spawnSync(process.execPath, [bin, 'analyze', '--input', file(), '--search', PIPELINE, '--latency', '24h', '--out', out, '--no-progress'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const fileDocs = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RecordDoc & { result_type: string; anomaly_score?: number });
    const fileRecords = fileDocs.filter((d) => d.result_type === 'record');
    const fileBuckets = fileDocs.filter((d) => d.result_type === 'bucket');
    expect(fileBuckets).toHaveLength(338); // 2022-06-12T17:50Z to 2022-06-13T21:55Z in 5-minute buckets
    expect(fileRecords.length).toBeGreaterThan(50);
    expect(status!.bucket_count).toBe(fileBuckets.length);

    // records over HTTP: the file run's records (same buckets, detectors and entities); scores agree
    // within 1 point (12 of 114 differ by up to 0.9: the scheduler's chunked lookback scores a few
    // buckets slightly differently from the single-pass file run, also on a time-sorted copy)
    const recs = await call<{ count: number; records: RecordDoc[] }>('GET', `/api/jobs/${jobId}/results/records?size=10000&sort=record_score`);
    expect(recs.json.count).toBe(fileRecords.length);
    const byKey = new Map(fileRecords.map((r) => [key(r), r.record_score]));
    expect(recs.json.records.map((r) => key(r)).sort()).toEqual([...byKey.keys()].sort());
    for (const r of recs.json.records) expect(Math.abs(r.record_score - byKey.get(key(r))!)).toBeLessThan(1);
    const scores = recs.json.records.map((r) => r.record_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(75); // the day's critical anomaly

    // swimlane: the top 5 entities by max record score, with their record counts; overall = bucket scores
    const sw = await call<{ interval_ms: number; overall: { cells: Array<{ timestamp: number; score: number }> }; lanes: Array<{ lane: string; max_score: number; occurrence: number }> }>(
      'GET', `/api/jobs/${jobId}/results/swimlane?start=${start}&end=${end}&limit=5`,
    );
    expect(sw.json.interval_ms).toBe(SPAN);
    const maxByEntity = new Map<string, { max: number; n: number }>();
    for (const r of recs.json.records) {
      const m = maxByEntity.get(r.entity_key) ?? { max: 0, n: 0 };
      maxByEntity.set(r.entity_key, { max: Math.max(m.max, r.record_score), n: m.n + 1 });
    }
    const expectedLanes = [...maxByEntity.entries()].sort((a, b) => b[1].max - a[1].max || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    expect(sw.json.lanes.map((l) => [l.lane, l.occurrence])).toEqual(expectedLanes.map(([k, v]) => [k, v.n]));
    sw.json.lanes.forEach((l, i) => expect(l.max_score).toBeCloseTo(expectedLanes[i][1].max, 4));
    const buckets = await call<{ count: number; buckets: Array<{ timestamp: number; anomaly_score: number }> }>('GET', `/api/jobs/${jobId}/results/buckets?size=10000`);
    expect(buckets.json.count).toBe(338);
    const scored = buckets.json.buckets.filter((b) => b.anomaly_score > 0);
    expect(sw.json.overall.cells.map((c) => c.timestamp)).toEqual(buckets.json.buckets.map((b) => b.timestamp));
    expect(Math.max(...sw.json.overall.cells.map((c) => c.score))).toBeCloseTo(Math.max(...scored.map((b) => b.anomaly_score)), 4);

    const tr = await call<{ earliest: number; latest: number }>('GET', `/api/jobs/${jobId}/results/time_range`);
    expect(tr.json.earliest).toBe(Math.min(...fileBuckets.map((b) => b.timestamp)));
    expect(tr.json.latest).toBe(Math.max(...fileBuckets.map((b) => b.timestamp)));

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`vigil_buckets_processed_total{job_id="${jobId}"} ${fileBuckets.length}`);
    expect(metrics).toMatch(new RegExp(`vigil_documents_read_total\\{job_id="${jobId}"\\} \\d+`));

    // lifecycle: the finished lookback leaves the job opened with a stopped datafeed; stop is a no-op, close closes
    expect((await call<{ status: { state: string; datafeed_state: string } }>('POST', `/api/jobs/${jobId}/_stop`)).json.status).toMatchObject({ state: 'opened', datafeed_state: 'stopped' });
    const closed = await call<{ status: { state: string; bucket_count: number } }>('POST', `/api/jobs/${jobId}/_close`);
    expect(closed.json.status).toMatchObject({ state: 'closed', bucket_count: 338 });
    const stats = await call<{ state: string; model_size_stats: { memory_status: string; total_by_field_count: number } }>('GET', `/api/jobs/${jobId}/stats`);
    expect(stats.json.state).toBe('closed');
    expect(stats.json.model_size_stats.memory_status).toBe('ok');
    expect(stats.json.model_size_stats.total_by_field_count).toBeGreaterThan(0);
  });

  it('SIGTERM: shuts down cleanly, one log line per lifecycle event, no secret in the log', async () => {
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/vigil serve: starting: OpenSearch http/);
    expect(stderr).toMatch(/vigil serve: job manager ready/);
    expect(stderr).toMatch(/vigil serve: SIGTERM: shutting down/);
    expect(stderr).toMatch(/vigil serve: stopped\n$/);
    expect(stderr).not.toContain(TOKEN);
  });
});
