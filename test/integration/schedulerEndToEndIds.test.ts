/**
 * End to end on a real Argus binetflow capture (one infected host, 10.8.0.69) and a real Suricata
 * eve.json (an Internet-exposed host): ingested into the real node, the brief's netflow and IDS
 * pipelines run as jobs through the scheduler (lookback, then real time on an injected clock); the
 * result documents read back hold exactly the anomalies the same pipelines find reading the files.
 */
import type { Client } from '@opensearch-project/opensearch';
import { sharedPath } from '../../backend/src/support/sharedData';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';
import { fileRun, IDS, ingestCapture, lastEventTime, NETFLOW, recordLines, runAsJob, topEntities } from './schedulerRealData';

jest.setTimeout(60_000);

describe('scheduler end to end: binetflow and Suricata', () => {
  let client: Client;
  const base = testIndexName('e2e');
  const jobs = { argus: `it-e2e-an-${process.pid}`, ids: `it-e2e-ids-${process.pid}` };

  beforeAll(() => {
    client = testClient(openSearchUrl());
  });
  afterAll(async () => {
    if (client) for (const i of [`${base}-argus`, `${base}-ids`, ...Object.values(jobs).map((j) => `vigil-results-${j}`)]) await deleteIndices(client, i);
  });

  it('the netflow pipeline on the infected host\'s day flags 10.8.0.69', async () => {
    const file = sharedPath('datasets', 'ctu-binetflow', 'test2-malicious.binetflow');
    expect(await ingestCapture(client, `${base}-argus`, file)).toBe(6751);
    const run = await runAsJob(client, jobs.argus, NETFLOW(`${base}-argus`), await lastEventTime(file));
    expect(run.final).toMatchObject({ last_error: null, lookback_progress: 1 });
    const expected = await fileRun(file, NETFLOW(`${base}-argus`), jobs.argus);
    expect(recordLines(run.docs)).toEqual(recordLines(expected));
    expect(topEntities(run.docs, 1)[0]).toMatch(/src=10\.8\.0\.69$/);
  });

  it('the IDS pipeline (three population detectors over src) gives the file\'s records, every one naming a source', async () => {
    const file = sharedPath('datasets', 'stratosphere-suricata', 'eve.json');
    expect(await ingestCapture(client, `${base}-ids`, file)).toBe(4515);
    const run = await runAsJob(client, jobs.ids, IDS(`${base}-ids`), await lastEventTime(file));
    expect(run.afterLookback.read_path).toEqual({ path: 'raw', reason: 'a detector (rare, distinct_count, rare_count) needs the individual documents' });
    const expected = await fileRun(file, IDS(`${base}-ids`), jobs.ids);
    const lines = recordLines(run.docs);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toEqual(recordLines(expected));
    expect(lines.every((l) => /src=\d+\.\d+\.\d+\.\d+/.test(l))).toBe(true);
    const buckets = run.docs.filter((d) => d.result_type === 'bucket');
    expect(buckets.reduce((n, b) => n + Number(b.event_count), 0)).toBe(4515);
  });
});
