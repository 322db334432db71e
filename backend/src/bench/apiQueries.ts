/**
 * REST API query benchmark (`OPENSEARCH_URL=… node backend/dist/bench/apiQueries.js [--runs 20] [--keep]`):
 * writes two weeks of synthetic results for one job (15-minute buckets, 500 entities, about 20 records
 * and 20 influencers per bucket; seeded, so every run writes the same documents) to
 * `vigil-results-vigil-bench-api`, starts the API in-process on 127.0.0.1 (real JobManager, real
 * ResultsRepository), and times each results route end to end over HTTP. Prints JSON lines
 * `{"bench","metric","value","unit","n","median","min","max"}` (ms per request over `--runs` requests),
 * plus the `took` OpenSearch reports for the same swimlane search as the floor.
 */
import type * as http from 'http';
import { parseArgs } from 'node:util';
import { ResultsRepository } from '../api/resultsRepository';
import { createApiServer, listen } from '../api/server';
import { swimlaneQuery } from '../api/queries/swimlane';
import { createClient } from '../opensearch/client';
import { osRequest } from '../opensearch/request';
import { resultsIndexOf } from '../opensearch/templates';
import { JobManager } from '../scheduler/jobManager';

const JOB = 'vigil-bench-api';
const SPAN = 900_000;
const BUCKETS = 14 * 96;
const ENTITIES = 500;
const T0 = Date.UTC(2022, 5, 1);

function emit(metric: string, values: number[], unit: string, n: number): void {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const r = (x: number): number => Math.round(x * 10) / 10;
  process.stdout.write(JSON.stringify({ bench: 'api-queries', metric, value: r(median), unit, n, median: r(median), min: r(s[0]), max: r(s[s.length - 1]) }) + '\n');
}

/** Park-Miller generator: the same documents on every run. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

function* documents(): Generator<Record<string, unknown>> {
  const next = rng(42);
  const sev = (s: number): string => (s >= 75 ? 'critical' : s >= 50 ? 'major' : s >= 25 ? 'minor' : s >= 3 ? 'warning' : 'low');
  for (let b = 0; b < BUCKETS; b++) {
    const timestamp = T0 + b * SPAN;
    let top = 0;
    for (let k = 0; k < 20; k++) {
      const src = `10.0.${Math.floor(next() * ENTITIES) >> 8}.${Math.floor(next() * ENTITIES) & 255}`;
      const score = Math.round(next() ** 6 * 1000) / 10;
      top = Math.max(top, score);
      const base = { job_id: JOB, timestamp, bucket_span: 900, is_interim: false, severity: sev(score) };
      yield { ...base, result_type: 'record', detector_index: 0, function: 'high_count', over_field_name: 'src', over_field_value: src, entity_key: `src=${src}`, record_score: score, initial_record_score: score, probability: 0.01, actual: [10], typical: [2], influencers: [{ influencer_field_name: 'src', influencer_field_values: [src] }] };
      yield { ...base, result_type: 'influencer', influencer_field_name: 'src', influencer_field_value: src, src, entity_key: `src=${src}`, influencer_score: score, initial_influencer_score: score, probability: 0.01 };
    }
    yield { job_id: JOB, timestamp, bucket_span: 900, is_interim: false, severity: sev(top), result_type: 'bucket', anomaly_score: top, initial_anomaly_score: top, event_count: 100 };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, keep: { type: 'boolean' }, url: { type: 'string' } } });
  const url = values.url ?? process.env.OPENSEARCH_URL;
  if (!url) {
    process.stderr.write('bench api-queries: OPENSEARCH_URL is not set (start a node with backend/scripts/opensearch.sh start)\n');
    return 1;
  }
  const runs = Number(values.runs ?? 20);
  const client = createClient({ url, maxRetries: 3 });
  const index = resultsIndexOf(JOB);
  const manager = new JobManager({ client, replicas: 0, instanceId: `bench-${process.pid}` });
  let server: http.Server | null = null;
  try {
    await manager.init();
    await manager.putJob({ job_id: JOB, analysis_config: { bucket_span: '15m', detectors: [{ function: 'high_count', over_field_name: 'src' }], influencers: ['src'] }, datafeed_config: { indices: ['vigil-bench-none'] } } as never);
    await osRequest(client, 'DELETE', `/${index}`, undefined, { ignore: [404] });
    let lines: string[] = [];
    let n = 0;
    const flush = async (): Promise<void> => {
      if (!lines.length) return;
      const res = await osRequest<{ errors: boolean }>(client, 'POST', '/_bulk', lines.join('\n') + '\n');
      if (res.body.errors) throw new Error('bulk indexing of the bench documents reported errors');
      lines = [];
    };
    for (const doc of documents()) {
      lines.push(JSON.stringify({ index: { _index: index, _id: `d${n++}` } }), JSON.stringify(doc));
      if (lines.length >= 10_000) await flush();
    }
    await flush();
    await osRequest(client, 'POST', `/${index}/_refresh`);
    server = createApiServer({ context: { jobs: manager, results: new ResultsRepository(client), readiness: async () => ({ ready: true }) } });
    const addr = await listen(server, '127.0.0.1', 0);
    const base = `http://127.0.0.1:${addr.port}/api/jobs/${JOB}/results`;
    const routes: Array<[string, string]> = [
      ['swimlane entity top 10, 2 weeks', '/swimlane?limit=10'],
      ['swimlane src top 50, 2 weeks, hourly cells', '/swimlane?view_by=src&limit=50&interval_ms=3600000'],
      ['records top 100 by score', '/records?size=100'],
      ['records of one entity', '/records?entity=src%3D10.0.1.7&size=1000'],
      ['buckets 2 weeks (1344)', '/buckets?size=10000'],
    ];
    for (const [label, path] of routes) {
      await fetch(base + path); // warm up
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        const res = await fetch(base + path);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      emit(`${label}: ms per request over HTTP`, ms, 'ms', n);
    }
    const took: number[] = [];
    const q = swimlaneQuery(JOB, { from: 0, size: 100, entities: [], includeInterim: false }, { viewBy: 'entity', limit: 10, sort: 'max_score', intervalMs: SPAN, bucketSpan: 900 });
    for (let i = 0; i < runs; i++) took.push((await osRequest<{ took: number }>(client, 'POST', `/${index}/_search`, q)).body.took);
    emit('swimlane entity top 10, 2 weeks: OpenSearch took (floor)', took, 'ms', n);
    return 0;
  } finally {
    if (server) await new Promise((r) => server!.close(r));
    if (!values.keep) {
      await manager.deleteJob(JOB).catch(() => undefined);
      await osRequest(client, 'DELETE', `/${index}`, undefined, { ignore: [404] }).catch(() => undefined);
    }
    await manager.shutdown();
    await client.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`bench api-queries: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
