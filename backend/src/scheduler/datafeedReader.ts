/**
 * One read of a datafeed: the documents of `[start, end)` as engine records, through the raw path
 * (point in time + search_after) or the aggregated path (composite aggregation → summarised records
 * with `doc_count`), with the pipeline's filter and evals applied in Vigil, plus the number of
 * documents per bucket (what the delayed-data check compares later). A read is whole or fails:
 * nothing is pushed into a job until its chunk has been read completely.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { EventRecord } from '../engine/types';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { readAggregated } from '../sources/aggregatedSource';
import { readDocuments } from '../sources/openSearchSource';
import { timeRangeQuery, type QueryDsl } from '../sources/query';
import type { DatafeedSettings } from './datafeedSettings';

export interface DatafeedSource {
  indices: string[];
  query: QueryDsl;
  settings: DatafeedSettings;
  /** Search terms kept in Vigil (when the datafeed has its own query); null when the query does it all. */
  filter: ((r: EventRecord) => boolean) | null;
  /** The pipeline's evals (in place); null without. */
  evaluate: ((r: EventRecord) => void) | null;
}

export interface ChunkRead {
  records: EventRecord[];
  /** Documents OpenSearch returned (on the aggregated path: the documents summarised). */
  documents: number;
  /** Documents per bucket start. */
  bucketCounts: Map<number, number>;
  /** Server time spent (sum of `took`), ms. */
  tookMs: number;
}

export const SUMMARY_COUNT_FIELD = 'doc_count';

export async function readChunk(client: Client, source: DatafeedSource, start: number, end: number, retry: RetryOptions = {}): Promise<ChunkRead> {
  const s = source.settings;
  const bucketCounts = new Map<number, number>();
  const bucketOf = (t: number): number => Math.floor(t / s.bucketSpanMs) * s.bucketSpanMs;
  const records: EventRecord[] = [];
  if (s.readPath === 'aggregated' && s.aggregation) {
    const stats = { buckets: 0, pages: 0, documents: 0, tookMs: 0 };
    const it = readAggregated(client, {
      ...retry, indices: source.indices, start, end, timeField: s.timeField, query: source.query,
      intervalMs: s.bucketSpanMs, ...s.aggregation, pageSize: s.scrollSize, countField: SUMMARY_COUNT_FIELD,
    }, stats);
    for await (const r of it) {
      // sums travel as the bucket average: the job multiplies a value by its summary count (readPath.ts)
      const n = Number(r.fields[SUMMARY_COUNT_FIELD]);
      bucketCounts.set(bucketOf(r.time), (bucketCounts.get(bucketOf(r.time)) ?? 0) + n);
      records.push(r);
    }
    return { records, documents: stats.documents, bucketCounts, tookMs: stats.tookMs };
  }
  const stats = { documents: 0, pages: 0, tookMs: 0 };
  for await (const r of readDocuments(client, { ...retry, indices: source.indices, start, end, timeField: s.timeField, query: source.query, pageSize: s.scrollSize }, stats)) {
    bucketCounts.set(bucketOf(r.time), (bucketCounts.get(bucketOf(r.time)) ?? 0) + 1);
    if (source.filter && !source.filter(r)) continue;
    source.evaluate?.(r);
    records.push(r);
  }
  return { records, documents: stats.documents, bucketCounts, tookMs: stats.tookMs };
}

/** Documents per bucket of `[start, end)` as OpenSearch counts them now (the delayed-data check). */
export async function countPerBucket(client: Client, source: DatafeedSource, start: number, end: number, retry: RetryOptions = {}): Promise<Map<number, number>> {
  const s = source.settings;
  const body = {
    size: 0,
    track_total_hits: false,
    query: timeRangeQuery(s.timeField, start, end, source.query),
    aggs: { per_bucket: { date_histogram: { field: s.timeField, fixed_interval: `${s.bucketSpanMs}ms`, min_doc_count: 1 } } },
  };
  const path = `/${source.indices.map(encodeURIComponent).join(',')}/_search`;
  const res = await withRetry(
    () => osRequest<{ aggregations?: { per_bucket: { buckets: { key: number; doc_count: number }[] } } }>(client, 'POST', path, body, {
      querystring: { ignore_unavailable: true, allow_no_indices: true },
    }),
    retry,
  );
  return new Map((res.body.aggregations?.per_bucket.buckets ?? []).map((b) => [Number(b.key), b.doc_count]));
}
