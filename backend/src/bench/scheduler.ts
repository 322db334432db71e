/**
 * Scheduler benchmark (`OPENSEARCH_URL=… node backend/dist/bench/scheduler.js [--hosts 400]
 * [--runs 3] [--keep]`): simulates a day of flows (`vigil simulate`), ingests them into
 * `vigil-bench-sched-flows`, and prints JSON lines `{"bench","metric","value","unit","n","median","min","max"}`:
 * - lookback time of the day through the JobManager, per read path: `count by src` (aggregated
 *   path), `high_sum(src_app_bytes) by src` (raw path), and the brief's netflow pipeline (raw, eval);
 * - the floor: the same reads timed in OpenSearch alone (sum of `took` of the composite
 *   aggregation, and of the point-in-time pages);
 * - real time: wall time from a bucket's due time (bucket end + query_delay, on an injected clock)
 *   to its results indexed and searchable, over 12 buckets (add query_delay for the delay a user sees).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../engine/config';
import { createClient } from '../opensearch/client';
import { ingestFiles } from '../opensearch/ingest';
import { osRequest } from '../opensearch/request';
import { openRecords } from '../readers';
import { ManualClock } from '../scheduler/clock';
import { JobManager } from '../scheduler/jobManager';
import { readAggregated, type AggregatedReadStats } from '../sources/aggregatedSource';
import { readDocuments, type ReadStats } from '../sources/openSearchSource';
import { simulate } from '../simulator/simulate';

const BENCH = 'scheduler';
const SPAN = 300_000;
const DELAY = 60_000;
const INDICES = { config: 'vigil-bench-sched-config', state: 'vigil-bench-sched-state', leases: 'vigil-bench-sched-leases' };

function emit(metric: string, values: number[], unit: string, n: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  process.stdout.write(JSON.stringify({ bench: BENCH, metric, value: round(median), unit, n, median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) }) + '\n');
}

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

interface JobSpec {
  name: string;
  config: (id: string, index: string) => JobConfig;
}

const JOBS: JobSpec[] = [
  {
    name: 'aggregated_count_by_src',
    config: (id, index) => ({ job_id: id, analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }] }, datafeed_config: { indices: [index] } }),
  },
  {
    name: 'raw_high_sum_by_src',
    config: (id, index) => ({
      job_id: id, analysis_config: { bucket_span: '5m', detectors: [{ function: 'high_sum', field_name: 'src_app_bytes', by_field_name: 'src' }] },
      datafeed_config: { indices: [index], aggregations_mode: 'raw' },
    }),
  },
  {
    name: 'raw_netflow_pipeline',
    config: (id, index) => ({
      job_id: id,
      search: `index=${index} sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp`,
      datafeed_config: {},
    } as JobConfig),
  },
];

async function dropJob(client: Client, manager: JobManager, id: string): Promise<void> {
  if (await manager.getJob(id)) await manager.deleteJob(id);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { hosts: { type: 'string' }, runs: { type: 'string' }, keep: { type: 'boolean' }, url: { type: 'string' } } });
  const url = values.url ?? process.env.OPENSEARCH_URL;
  if (!url) {
    process.stderr.write('bench scheduler: OPENSEARCH_URL is not set (start a node with backend/scripts/opensearch.sh start)\n');
    return 1;
  }
  const hosts = Number(values.hosts ?? 400);
  const runs = Number(values.runs ?? 3);
  const client = createClient({ url, maxRetries: 3 });
  const index = 'vigil-bench-sched-flows';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-sched-'));
  try {
    const sim = await simulate({ seed: 1, days: 1, hosts, start: '2026-01-05', outDir: dir, alerts: false });
    await osRequest(client, 'DELETE', `/${index}`, undefined, { ignore: [404] });
    const report = await ingestFiles(client, { index, files: [sim.files.flows], sourcetype: 'netflow', replicas: 0, refresh: true, open: (f) => openRecords(f) });
    if (report.failed > 0) throw new Error(`${report.failed} documents failed to index`);
    const docs = report.indexed;
    const dayStart = Date.UTC(2026, 0, 5);
    const dayEnd = dayStart + 86_400_000;

    // lookback of the day, per job, through the JobManager (system of record: the results index)
    for (const spec of JOBS) {
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const clock = new ManualClock(dayEnd + DELAY);
        const manager = new JobManager({ client, clock, replicas: 0, indices: INDICES, leaseMs: 86_400_000, refreshResults: false });
        await manager.init();
        const id = `bench-sched-${spec.name.replace(/_/g, '-')}`;
        await dropJob(client, manager, id);
        await manager.putJob(spec.config(id, index));
        const t0 = process.hrtime.bigint();
        await manager.startDatafeed(id, { start: dayStart });
        await clock.advanceTo(dayEnd + DELAY, () => manager.idle());
        const s = await manager.status(id);
        times.push(seconds(t0));
        if (s.bucket_count !== 288 || s.last_error) throw new Error(`${spec.name}: ${s.bucket_count} buckets, ${s.last_error}`);
        await manager.stopDatafeed(id);
        if (!values.keep) await dropJob(client, manager, id);
        await manager.shutdown();
      }
      emit(`lookback_day_${spec.name}_s`, times, 's', docs);
      emit(`lookback_day_${spec.name}_docs_per_s`, times.map((t) => docs / t), 'docs/s', docs);
    }

    // the floor: the same reads in OpenSearch alone
    const aggFloor: number[] = [];
    const rawFloor: number[] = [];
    for (let r = 0; r < runs; r++) {
      const as: AggregatedReadStats = { buckets: 0, pages: 0, documents: 0, tookMs: 0 };
      for await (const _rec of readAggregated(client, { indices: [index], start: dayStart, end: dayEnd, timeField: '@timestamp', intervalMs: SPAN, splitFields: ['src'], pageSize: 1000 }, as)) void _rec;
      aggFloor.push((as.tookMs ?? 0) / 1000);
      const rs: ReadStats = { documents: 0, pages: 0, tookMs: 0 };
      for await (const _doc of readDocuments(client, { indices: [index], start: dayStart, end: dayEnd, pageSize: 1000 }, rs)) void _doc;
      rawFloor.push((rs.tookMs ?? 0) / 1000);
    }
    emit('opensearch_floor_day_composite_count_by_src_s', aggFloor, 's', docs);
    emit('opensearch_floor_day_raw_pages_s', rawFloor, 's', docs);

    // real time: from bucket end + query_delay to results searchable, over 12 buckets
    const clock = new ManualClock(dayEnd - 2 * 3_600_000 + DELAY);
    const manager = new JobManager({ client, clock, replicas: 0, indices: INDICES, leaseMs: 86_400_000 });
    await manager.init();
    const id = 'bench-sched-realtime';
    await dropJob(client, manager, id);
    await manager.putJob({ job_id: id, analysis_config: { bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }] }, datafeed_config: { indices: [index], query_delay: '60s', frequency: '5m', start: dayStart } });
    await manager.startDatafeed(id);
    await clock.advanceTo(clock.now(), () => manager.idle());
    const latencies: number[] = [];
    for (let b = 1; b <= 12; b++) {
      const due = dayEnd - 2 * 3_600_000 + b * SPAN + DELAY;
      const t0 = process.hrtime.bigint();
      await clock.advanceTo(due, () => manager.idle());
      const bucketStart = due - DELAY - SPAN;
      const found = await osRequest<{ count: number }>(client, 'POST', `/vigil-results-${id}/_count`, { query: { bool: { filter: [{ term: { result_type: 'bucket' } }, { term: { timestamp: bucketStart } }] } } });
      latencies.push(seconds(t0) * 1000);
      if (found.body.count !== 1) throw new Error(`bucket ${new Date(bucketStart).toISOString()} not searchable after its tick`);
    }
    emit('realtime_bucket_due_to_indexed_ms', latencies, 'ms', latencies.length);
    await manager.stopDatafeed(id);
    if (!values.keep) await dropJob(client, manager, id);
    await manager.shutdown();
    if (!values.keep) {
      for (const i of [index, ...Object.values(INDICES)]) await osRequest(client, 'DELETE', `/${i}`, undefined, { ignore: [404] });
    }
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await client.close();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err) => {
    process.stderr.write(`bench scheduler: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
