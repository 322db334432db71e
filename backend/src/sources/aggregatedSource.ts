/**
 * The aggregated read path of a datafeed: OpenSearch summarises `[start, end)` with a composite
 * aggregation (a `date_histogram` source at the bucket span, a `terms` source per split field) and
 * metric sub-aggregations; each composite bucket becomes one summarised record whose `doc_count`
 * is the summary count (Elastic's `summary_count_field_name: doc_count`). Pages follow `after_key`;
 * records come in time order because the date source is first.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { EventRecord, FieldValue } from '../engine/types';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { timeRangeQuery, type QueryDsl } from './query';

export type MetricAgg = 'sum' | 'avg' | 'min' | 'max' | 'value_count';

export interface MetricSpec {
  /** Name of the field in the summarised record. */
  name: string;
  field: string;
  agg: MetricAgg;
}

export interface AggregatedReadOptions extends RetryOptions {
  indices: string[];
  start: number;
  end: number;
  timeField?: string;
  query?: QueryDsl;
  /** Histogram interval in ms (the job's bucket span, or a divisor of it). */
  intervalMs: number;
  /** Split fields (by / over / partition); documents missing one come with null. */
  splitFields: string[];
  metrics?: MetricSpec[];
  /** Composite buckets per page (default 1000). */
  pageSize?: number;
  /** Name of the count field in the records (default `doc_count`). */
  countField?: string;
  /** false bypasses OpenSearch's shard request cache (benchmarks of repeated reads). */
  requestCache?: boolean;
}

interface CompositeBucket {
  key: Record<string, string | number | null>;
  doc_count: number;
  [metric: string]: unknown;
}
interface CompositeBody {
  took?: number;
  aggregations?: { series?: { after_key?: Record<string, unknown>; buckets: CompositeBucket[] } };
}

const TIME_KEY = '__time';
const splitKey = (i: number): string => `__s${i}`;

/** The search body of one page (exported for inspection and tests of the request shape). */
export function compositeRequest(opts: AggregatedReadOptions, after?: Record<string, unknown>): Record<string, unknown> {
  const timeField = opts.timeField ?? '@timestamp';
  const sources: Record<string, unknown>[] = [{ [TIME_KEY]: { date_histogram: { field: timeField, fixed_interval: `${opts.intervalMs}ms` } } }];
  opts.splitFields.forEach((f, i) => sources.push({ [splitKey(i)]: { terms: { field: f, missing_bucket: true } } }));
  const aggs: Record<string, unknown> = {};
  for (const m of opts.metrics ?? []) aggs[m.name] = { [m.agg]: { field: m.field } };
  const composite: Record<string, unknown> = { size: opts.pageSize ?? 1000, sources };
  if (after) composite.after = after;
  return {
    size: 0,
    track_total_hits: false,
    query: timeRangeQuery(timeField, opts.start, opts.end, opts.query),
    aggs: { series: { composite, ...(Object.keys(aggs).length ? { aggs } : {}) } },
  };
}

/**
 * The search body of one time window when there is no split field: a plain `date_histogram`.
 * (OpenSearch 2.19 fails a time-only composite whose `after` key is its last bucket with
 * `array_index_out_of_bounds_exception`, so that shape is never sent.)
 */
export function histogramRequest(opts: AggregatedReadOptions, windowStart: number, windowEnd: number): Record<string, unknown> {
  const timeField = opts.timeField ?? '@timestamp';
  const aggs: Record<string, unknown> = {};
  for (const m of opts.metrics ?? []) aggs[m.name] = { [m.agg]: { field: m.field } };
  return {
    size: 0,
    track_total_hits: false,
    query: timeRangeQuery(timeField, windowStart, windowEnd, opts.query),
    aggs: {
      series: {
        date_histogram: { field: timeField, fixed_interval: `${opts.intervalMs}ms`, min_doc_count: 1 },
        ...(Object.keys(aggs).length ? { aggs } : {}),
      },
    },
  };
}

interface HistogramBody {
  took?: number;
  aggregations?: { series?: { buckets: ({ key: number; doc_count: number } & Record<string, unknown>)[] } };
}

export interface AggregatedReadStats {
  /** Summarised records (composite buckets), pages, and the documents they summarise. */
  buckets: number;
  pages: number;
  documents: number;
  /** Sum of OpenSearch's own `took` over the pages, ms. */
  tookMs?: number;
}

/**
 * One summarised record per (time bucket, split values) with documents, in time order: composite
 * pages with split fields, windows of `pageSize` date_histogram buckets without.
 */
export async function* readAggregated(client: Client, opts: AggregatedReadOptions, stats: AggregatedReadStats = { buckets: 0, pages: 0, documents: 0 }): AsyncGenerator<EventRecord> {
  const countField = opts.countField ?? 'doc_count';
  const path = `/${opts.indices.map(encodeURIComponent).join(',')}/_search`;
  const qs = opts.requestCache === undefined ? {} : { querystring: { request_cache: opts.requestCache } };
  const metricsOf = (b: Record<string, unknown>, fields: Record<string, FieldValue>): void => {
    for (const m of opts.metrics ?? []) {
      const v = (b[m.name] as { value?: number | null } | undefined)?.value;
      fields[m.name] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
  };
  if (opts.splitFields.length === 0) {
    // windows of `pageSize` buckets, aligned to the interval
    const window = (opts.pageSize ?? 1000) * opts.intervalMs;
    for (let from = opts.start; from < opts.end; ) {
      const to = Math.min(opts.end, Math.floor(from / opts.intervalMs) * opts.intervalMs + window);
      const res = await withRetry(() => osRequest<HistogramBody>(client, 'POST', path, histogramRequest(opts, from, to), qs), opts);
      stats.pages++;
      stats.tookMs = (stats.tookMs ?? 0) + (res.body.took ?? 0);
      for (const b of res.body.aggregations?.series?.buckets ?? []) {
        const fields: Record<string, FieldValue> = {};
        metricsOf(b, fields);
        fields[countField] = b.doc_count;
        stats.buckets++;
        stats.documents += b.doc_count;
        yield { time: Number(b.key), fields };
      }
      from = to;
    }
    return;
  }
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const res = await withRetry(() => osRequest<CompositeBody>(client, 'POST', path, compositeRequest(opts, after), qs), opts);
    const series = res.body.aggregations?.series;
    stats.pages++;
    stats.tookMs = (stats.tookMs ?? 0) + (res.body.took ?? 0);
    if (!series) return;
    for (const b of series.buckets) {
      const fields: Record<string, FieldValue> = {};
      opts.splitFields.forEach((f, i) => {
        const v = b.key[splitKey(i)];
        fields[f] = v === null || v === undefined ? null : v;
      });
      metricsOf(b, fields);
      fields[countField] = b.doc_count;
      stats.buckets++;
      stats.documents += b.doc_count;
      yield { time: Number(b.key[TIME_KEY]), fields };
    }
    if (!series.after_key || series.buckets.length === 0) return;
    after = series.after_key;
  }
}
