/**
 * Which read path a job's detectors allow: the aggregated path (OpenSearch summarises each bucket ×
 * series) when every detector's function can be computed from per-bucket counts, sums, means,
 * minima and maxima; the raw path otherwise (rare, distinct counts, info content, time of day,
 * lat/long, categorisation need the individual documents). An explicit choice overrides.
 */
import type { MetricSpec } from './aggregatedSource';

export interface DetectorLike {
  function: string;
  field_name?: string;
  by_field_name?: string;
  over_field_name?: string;
  partition_field_name?: string;
}

export type ReadPath = 'raw' | 'aggregated';

const COUNTS = new Set(['count', 'high_count', 'low_count', 'non_zero_count', 'high_non_zero_count', 'low_non_zero_count']);
/**
 * What OpenSearch computes per bucket × series for each function. The engine weighs a summarised
 * value by its record's summary count (`doc_count`): a sum is rebuilt as mean × count and a mean
 * as the count-weighted mean, so both take the bucket's average. Exact when every document of the
 * bucket has the field (filter on `exists` in the datafeed query otherwise).
 */
const METRIC_AGG: Record<string, MetricSpec['agg']> = {
  sum: 'avg', high_sum: 'avg', low_sum: 'avg', non_null_sum: 'avg', high_non_null_sum: 'avg', low_non_null_sum: 'avg',
  mean: 'avg', high_mean: 'avg', low_mean: 'avg', avg: 'avg', high_avg: 'avg', low_avg: 'avg',
  min: 'min', max: 'max',
};

export interface AggregationPlan {
  splitFields: string[];
  metrics: MetricSpec[];
}

/** The aggregation plan for these detectors, or null when one of them needs raw documents. */
export function aggregationPlan(detectors: readonly DetectorLike[]): AggregationPlan | null {
  if (detectors.length === 0) return null;
  const splits = new Set<string>();
  const metrics = new Map<string, MetricSpec>();
  for (const d of detectors) {
    const fn = d.function;
    if (!COUNTS.has(fn)) {
      const agg = METRIC_AGG[fn];
      if (!agg || !d.field_name) return null;
      const seen = metrics.get(d.field_name);
      if (seen && seen.agg !== agg) return null; // one value per field in a summarised record
      metrics.set(d.field_name, { name: d.field_name, field: d.field_name, agg });
    }
    for (const f of [d.by_field_name, d.over_field_name, d.partition_field_name]) if (f) splits.add(f);
  }
  return { splitFields: [...splits], metrics: [...metrics.values()] };
}

/** The path to use: the override when given (aggregated only when allowed), else aggregated when allowed. */
export function chooseReadPath(detectors: readonly DetectorLike[], override?: ReadPath): { path: ReadPath; reason: string } {
  const plan = aggregationPlan(detectors);
  if (override === 'raw') return { path: 'raw', reason: 'raw path requested' };
  if (!plan) return { path: 'raw', reason: `a detector (${detectors.map((d) => d.function).join(', ')}) needs the individual documents` };
  return { path: 'aggregated', reason: override === 'aggregated' ? 'aggregated path requested' : 'every detector can use per-bucket aggregations' };
}
