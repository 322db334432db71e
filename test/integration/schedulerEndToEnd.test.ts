/**
 * End to end on a real Zeek capture (Stratosphere 008: a Windows host attacked from the Internet):
 * the file ingested into the real node, the brief's netflow pipeline and a population count run as
 * jobs through the scheduler (lookback, then real time on an injected clock), the anomalies read
 * back from the results index: exactly those the same pipelines find reading the file, naming the
 * hosts the capture is known for.
 */
import type { Client } from '@opensearch-project/opensearch';
import { sharedPath } from '../../backend/src/support/sharedData';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import { fileRun, ingestCapture, lastEventTime, NETFLOW, POPULATION, recordLines, runAsJob, topEntities } from './schedulerRealData';

jest.setTimeout(60_000);

describe('scheduler end to end: Zeek conn.log', () => {
  let client: Client;
  let last = 0;
  const index = testIndexName('e2e-zeek');
  const file = sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');
  const jobs = { netflow: `it-e2e-zn-${process.pid}`, population: `it-e2e-zp-${process.pid}`, small: `it-e2e-zs-${process.pid}` };

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    expect(await ingestCapture(client, index, file)).toBe(5663);
    last = await lastEventTime(file);
  });
  afterAll(async () => {
    if (client) for (const i of [index, ...Object.values(jobs).map((j) => `vigil-results-${j}`)]) await deleteIndices(client, i);
  });

  it('the netflow pipeline (dest!=10.*, eval dp, app_byte_ratio by dp per src) flags the capture\'s host 147.32.81.167', async () => {
    const run = await runAsJob(client, jobs.netflow, NETFLOW(index), last);
    expect(run.afterLookback).toMatchObject({ lookback_progress: 1, last_error: null, datafeed_state: 'started' });
    expect(run.afterLookback.read_path?.path).toBe('raw');
    expect(run.final).toMatchObject({ datafeed_state: 'stopped', last_error: null });
    const expected = await fileRun(file, NETFLOW(index), jobs.netflow);
    expect(recordLines(run.docs)).toEqual(recordLines(expected));
    expect(recordLines(run.docs, 50).length).toBeGreaterThan(0);
    // the capture's own host, 147.32.81.167, talking to an unusual mix of destinations
    expect(topEntities(run.docs, 1)[0]).toMatch(/^dp=[\d.]+:\d+,src=147\.32\.81\.167$/);
    // model size from AnomalyJob.stats(): the same as the file run's
    expect(run.final.model_size_stats).toEqual(expected.stats!.model_size_stats);
    expect(run.final.memory_status).toBe('ok');
  });

  it('at a 1 MB model memory limit the status says hard_limit and counts the series refused', async () => {
    const limits = { analysis_limits: { model_memory_limit: '1mb' } };
    const run = await runAsJob(client, jobs.small, NETFLOW(index), last, limits);
    const expected = await fileRun(file, NETFLOW(index), jobs.small, limits);
    expect(run.final.memory_status).toBe('hard_limit');
    expect(run.final.model_size_stats?.bucket_allocation_failures_count).toBeGreaterThan(0);
    expect(run.final.model_size_stats).toEqual(expected.stats!.model_size_stats);
    expect(recordLines(run.docs)).toEqual(recordLines(expected));
  });

  it('a population count over src flags the heavy hitters', async () => {
    const run = await runAsJob(client, jobs.population, POPULATION(index), last);
    expect(run.afterLookback.read_path?.path).toBe('aggregated');
    const expected = await fileRun(file, POPULATION(index), jobs.population);
    expect(recordLines(run.docs)).toEqual(recordLines(expected));
    expect(topEntities(run.docs, 5)).toEqual(expect.arrayContaining(['src=147.32.81.167', 'src=45.140.140.75']));
  });
});
