/**
 * OpenSearch read-path benchmark (`OPENSEARCH_URL=… node backend/dist/bench/opensearchRead.js
 * [--runs 5] [--keep]`): ingests the three labelled Zeek days into `vigil-bench-flows`, then reads
 * them back through both datafeed paths and prints JSON lines
 * `{"bench","metric","value","unit","n","median","min","max"}` (median over `--runs` runs):
 * - ingest documents/s (bulk helper, first run creates, later runs overwrite the same `_id`s);
 * - raw path (point in time + search_after, pages of 1000): documents/s end to end, and the
 *   documents/s OpenSearch alone accounts for (sum of `took`) as the floor;
 * - aggregated path (composite, 5-minute date_histogram × src, sum of src_app_bytes): documents
 *   summarised/s end to end and from `took` alone, and summarised records/s; and the same with the
 *   date_histogram source alone (one series: `count`). The shard request cache is bypassed, as a
 *   datafeed's ever-new time ranges would miss it.
 */
import { parseArgs } from 'node:util';
import { createClient } from '../opensearch/client';
import { ingestFiles } from '../opensearch/ingest';
import { osRequest } from '../opensearch/request';
import { openRecords } from '../readers';
import { readAggregated, type AggregatedReadStats } from '../sources/aggregatedSource';
import { readDocuments, type ReadStats } from '../sources/openSearchSource';
import { sharedPath } from '../support/sharedData';

function emit(bench: string, metric: string, values: number[], unit: string, n: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x: number): number => Math.round(x * 10) / 10;
  process.stdout.write(JSON.stringify({ bench, metric, value: round(median), unit, n, median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) }) + '\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, keep: { type: 'boolean' }, url: { type: 'string' } } });
  const url = values.url ?? process.env.OPENSEARCH_URL;
  if (!url) {
    process.stderr.write('bench opensearch-read: OPENSEARCH_URL is not set (start a node with backend/scripts/opensearch.sh start)\n');
    return 1;
  }
  const runs = Number(values.runs ?? 5);
  const client = createClient({ url, maxRetries: 3 });
  const index = 'vigil-bench-flows';
  const files = ['008-zeek-mixed', '010-zeek-mixed', '012-zeek-mixed'].map((d) => sharedPath('datasets', 'stratosphere-zeek', d, 'conn.log.labeled'));
  try {
    await osRequest(client, 'DELETE', `/${index}`, undefined, { ignore: [404] });
    const ingestRates: number[] = [];
    let docs = 0;
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const t0 = process.hrtime.bigint();
      const report = await ingestFiles(client, { index, files, replicas: 0, refresh: true, open: (f) => openRecords(f) });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (report.failed > 0) throw new Error(`${report.failed} documents failed: ${report.firstFailures[0]?.reason}`);
      docs = report.indexed;
      ingestRates.push(docs / s);
    }
    emit('opensearch-read', 'ingest_docs_per_s', ingestRates, 'docs/s', docs);

    const times = await osRequest<{ aggregations: { lo: { value: number }; hi: { value: number } } }>(client, 'POST', `/${index}/_search`, {
      size: 0,
      aggs: { lo: { min: { field: '@timestamp' } }, hi: { max: { field: '@timestamp' } } },
    });
    const start = times.body.aggregations.lo.value;
    const end = times.body.aggregations.hi.value + 1;

    const raw: number[] = [];
    const rawFloor: number[] = [];
    const agg: number[] = [];
    const aggFloor: number[] = [];
    const aggRecords: number[] = [];
    const histogram: number[] = [];
    for (let r = 0; r < runs; r++) {
      const rs: ReadStats = { documents: 0, pages: 0, tookMs: 0 };
      let t0 = process.hrtime.bigint();
      for await (const _doc of readDocuments(client, { indices: [index], start, end, pageSize: 1000 }, rs)) void _doc;
      let s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (rs.documents !== docs) throw new Error(`raw path read ${rs.documents} of ${docs} documents`);
      raw.push(rs.documents / s);
      rawFloor.push(rs.documents / Math.max(1e-3, (rs.tookMs ?? 0) / 1000));

      const as: AggregatedReadStats = { buckets: 0, pages: 0, documents: 0, tookMs: 0 };
      t0 = process.hrtime.bigint();
      const opts = { indices: [index], start, end, intervalMs: 300_000, splitFields: ['src'], metrics: [{ name: 'src_app_bytes', field: 'src_app_bytes', agg: 'sum' as const }], pageSize: 1000, requestCache: false };
      for await (const _rec of readAggregated(client, opts, as)) void _rec;
      s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (as.documents !== docs) throw new Error(`aggregated path covered ${as.documents} of ${docs} documents`);
      agg.push(as.documents / s);
      aggFloor.push(as.documents / Math.max(1e-3, (as.tookMs ?? 0) / 1000));
      aggRecords.push(as.buckets / s);

      const hs: AggregatedReadStats = { buckets: 0, pages: 0, documents: 0 };
      t0 = process.hrtime.bigint();
      for await (const _rec of readAggregated(client, { indices: [index], start, end, intervalMs: 300_000, splitFields: [], pageSize: 1000, requestCache: false }, hs)) void _rec;
      s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (hs.documents !== docs) throw new Error(`histogram path covered ${hs.documents} of ${docs} documents`);
      histogram.push(hs.documents / s);
    }
    emit('opensearch-read', 'raw_pit_docs_per_s', raw, 'docs/s', docs);
    emit('opensearch-read', 'raw_pit_opensearch_only_docs_per_s', rawFloor, 'docs/s', docs);
    emit('opensearch-read', 'composite_docs_per_s', agg, 'docs/s', docs);
    emit('opensearch-read', 'composite_opensearch_only_docs_per_s', aggFloor, 'docs/s', docs);
    emit('opensearch-read', 'composite_records_per_s', aggRecords, 'records/s', docs);
    emit('opensearch-read', 'histogram_only_docs_per_s', histogram, 'docs/s', docs);
    return 0;
  } finally {
    if (!values.keep) await osRequest(client, 'DELETE', `/${index}`, undefined, { ignore: [404] }).catch(() => undefined);
    await client.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench opensearch-read: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
