/**
 * Documents per bucket in `[start, end)` as OpenSearch counts them now (a `date_histogram`): the
 * delayed-data check re-counts finished buckets and compares with what the job processed, so late
 * documents are reported instead of missed silently (engine-anchors §5 row 11).
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { timeRangeQuery, type QueryDsl } from './query';

export interface BucketCountOptions extends RetryOptions {
  indices: string[];
  start: number;
  end: number;
  intervalMs: number;
  timeField?: string;
  query?: QueryDsl;
}

/** Bucket start (epoch ms) → documents, for every bucket of the range that has documents. */
export async function countPerBucket(client: Client, opts: BucketCountOptions): Promise<Map<number, number>> {
  const timeField = opts.timeField ?? '@timestamp';
  const body = {
    size: 0,
    track_total_hits: false,
    query: timeRangeQuery(timeField, opts.start, opts.end, opts.query),
    aggs: { buckets: { date_histogram: { field: timeField, fixed_interval: `${opts.intervalMs}ms`, min_doc_count: 1 } } },
  };
  const path = `/${opts.indices.map(encodeURIComponent).join(',')}/_search`;
  const res = await withRetry(() => osRequest<{ aggregations?: { buckets: { buckets: { key: number; doc_count: number }[] } } }>(client, 'POST', path, body), opts);
  const out = new Map<number, number>();
  for (const b of res.body.aggregations?.buckets.buckets ?? []) out.set(b.key, b.doc_count);
  return out;
}

export interface LateBucket {
  bucketStart: number;
  processed: number;
  indexed: number;
}

/** Buckets where OpenSearch now holds more documents than the job processed (sorted by time). */
export function lateBuckets(processed: ReadonlyMap<number, number>, indexed: ReadonlyMap<number, number>): LateBucket[] {
  const out: LateBucket[] = [];
  for (const [bucketStart, count] of indexed) {
    const seen = processed.get(bucketStart) ?? 0;
    if (count > seen) out.push({ bucketStart, processed: seen, indexed: count });
  }
  return out.sort((a, b) => a.bucketStart - b.bucketStart);
}
