/**
 * A runner process (`backend/dist/scheduler/lookbackRunner.js`, built by `tsc -b backend`) killed
 * with SIGKILL in the middle of a lookback, then run again: it takes the job up from its stored run
 * state, resumes from the latest snapshot (results after it deleted) and finishes; the final results
 * index is identical, document for document, to an uninterrupted run's (engine-anchors §5 row 9).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../../backend/src/engine/config';
import { osRequest } from '../../backend/src/opensearch/request';
import { StateStore } from '../../backend/src/sinks/stateStore';
import { openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import { allResults, burst, cleanUp, createFlowIndex, DAY0, HOUR, indexFlows, managerIndices, MINUTE, steadyFlows, type ResultHit } from './schedulerFixtures';

jest.setTimeout(90_000);

const root = path.resolve(__dirname, '..', '..');
const runner = path.join(root, 'backend', 'dist', 'scheduler', 'lookbackRunner.js');
const END = DAY0 + 24 * HOUR;

describe('SIGKILL mid-lookback, then resume', () => {
  let client: Client;
  const index = testIndexName('kill-flows');
  const indices = managerIndices('kill');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-kill-'));
  const refJob = `it-kill-ref-${process.pid}`;
  const killJob = `it-kill-run-${process.pid}`;

  const jobFile = (jobId: string): string => {
    const config: JobConfig = {
      job_id: jobId,
      analysis_config: {
        bucket_span: '10m',
        detectors: [{ function: 'count', by_field_name: 'src' }, { function: 'high_mean', field_name: 'src_app_bytes', by_field_name: 'src' }],
        influencers: ['src'],
      },
      background_persist_interval: '3h',
      datafeed_config: { indices: [index], chunking_config: { mode: 'manual', time_span: '1h' }, scroll_size: 500, aggregations_mode: 'raw' },
    };
    const file = path.join(tmp, `${jobId}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const args = (jobId: string): string[] => [
    runner, '--job', jobFile(jobId), '--start', String(DAY0), '--end', String(END), '--instance', `runner-${jobId}`,
    '--config-index', indices.config, '--state-index', indices.state, '--leases-index', indices.leases, '--replicas', '0',
  ];
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, OPENSEARCH_URL: openSearchUrl() });

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    if (!fs.existsSync(runner)) throw new Error(`${runner} is missing: build with \`npx tsc -b backend\` first`);
    await createFlowIndex(client, index);
    const hosts = ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4'];
    await indexFlows(client, index, [
      ...steadyFlows(DAY0, END, hosts, 1),
      ...burst(DAY0 + 9 * HOUR, '10.1.0.3', 120),
      ...burst(DAY0 + 20 * HOUR + 5 * MINUTE, '10.1.0.1', 80, 90_000),
      ...burst(DAY0 + 18 * HOUR, '10.1.0.4', 150),
    ]);
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (client) await cleanUp(client, indices, [index, `vigil-results-${refJob}`, `vigil-results-${killJob}`]);
  });

  it('ends with the same results as an uninterrupted run', async () => {
    const ref = spawnSync(process.execPath, args(refJob), { env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(ref.stderr).toBe('');
    expect(ref.status).toBe(0);
    expect(ref.stdout).toContain(`${refJob}: done, 144 buckets, last error none`);

    // the same job under another id, killed after its third periodic snapshot
    const child = spawn(process.execPath, args(killJob), { env: env() });
    let out = '';
    const killed = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if ((out.match(/\(periodic\)/g) ?? []).length >= 3 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(out).not.toContain('done');
    const snap = await new StateStore(client, { index: indices.state }).loadLatest(killJob);
    expect(snap).not.toBeNull();
    expect(snap!.latestRecordTime).toBeGreaterThanOrEqual(DAY0 + 9 * HOUR);
    expect(snap!.latestRecordTime).toBeLessThan(END);
    const stored = await osRequest<{ _source: { run: { datafeed_state: string } } }>(client, 'GET', `/${indices.config}/_doc/${killJob}`);
    expect(stored.body._source.run.datafeed_state).toBe('started');

    const again = spawnSync(process.execPath, args(killJob), { env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`restored the snapshot at ${new Date(snap!.latestRecordTime).toISOString()}`);
    expect(again.stdout).toContain(`${killJob}: resumed from the stored run state`);
    expect(again.stdout).toContain(`${killJob}: done, 144 buckets, last error none`);

    const strip = (hits: ResultHit[], jobId: string): Array<[string, string]> =>
      hits.map((h) => [h._id.replace(jobId, 'JOB'), JSON.stringify({ ...h._source, job_id: 'JOB' })]);
    const expected = strip(await allResults(client, refJob), refJob);
    const actual = strip(await allResults(client, killJob), killJob);
    expect(expected.length).toBeGreaterThan(144);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    // a bounded run (datafeed with an end) is not renormalised: scores stay as first written
    const records = (await allResults(client, killJob)).map((h) => h._source).filter((d) => d.result_type === 'record');
    expect(records.filter((d) => d.record_score !== d.initial_record_score)).toEqual([]);
    const top = records.filter((d) => Number(d.record_score) >= 75);
    expect(top.map((d) => d.entity_key)).toEqual(expect.arrayContaining(['src=10.1.0.3', 'src=10.1.0.4']));
  });
});
