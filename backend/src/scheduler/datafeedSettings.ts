/**
 * A job's datafeed settings with Elastic's defaults filled in (engine-anchors §2): frequency from
 * the bucket span, query_delay, scroll_size, chunking, the delayed-data check window, and the read
 * path (aggregated only when every detector allows it and no eval or categorisation needs the
 * documents; `aggregations_mode` overrides).
 */
import { parseDuration, toAnalysisPlan, type JobConfig } from '../engine/config';
import { aggregationPlan, chooseReadPath, type AggregationPlan, type ReadPath } from '../sources/readPath';

export interface DatafeedSettings {
  bucketSpanMs: number;
  latencyMs: number;
  timeField: string;
  frequencyMs: number;
  queryDelayMs: number;
  scrollSize: number;
  /** Length of one lookback chunk, a whole number of buckets. */
  chunkSpanMs: number;
  start: number | null;
  end: number | null;
  delayedDataCheck: { enabled: boolean; windowMs: number };
  readPath: ReadPath;
  readPathReason: string;
  /** Split fields and metrics of the aggregated path (null on the raw path). */
  aggregation: AggregationPlan | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Elastic's default frequency: ≤ 2 min span → 1 min; ≤ 20 min → span / 2; ≤ 12 h → 10 min; else 1 h. */
export function defaultFrequencyMs(bucketSpanMs: number): number {
  if (bucketSpanMs <= 2 * MINUTE) return MINUTE;
  if (bucketSpanMs <= 20 * MINUTE) return bucketSpanMs / 2;
  if (bucketSpanMs <= 12 * HOUR) return 10 * MINUTE;
  return HOUR;
}

/** Epoch ms from a number or an ISO date-time; throws naming the field. */
export function parseTimeValue(value: string | number, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${field}: not a finite time`);
    return value;
  }
  if (/^-?\d+$/.test(value.trim())) return Number(value.trim());
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new Error(`${field}: "${value}" is neither epoch ms nor an ISO date-time`);
  return t;
}

/** Largest multiple of `unit` that is <= `ms`, at least `unit`. */
const wholeUnits = (ms: number, unit: number): number => Math.max(unit, Math.floor(ms / unit) * unit);

export function datafeedSettings(config: JobConfig, opts: { hasEvals?: boolean } = {}): DatafeedSettings {
  const plan = toAnalysisPlan(config);
  const feed = config.datafeed_config ?? {};
  const span = plan.bucketSpanMs;
  // the frequency divides the bucket span so ticks fall on bucket ends
  let frequencyMs = feed.frequency !== undefined ? parseDuration(feed.frequency) : defaultFrequencyMs(span);
  if (frequencyMs <= 0) frequencyMs = defaultFrequencyMs(span);
  if (frequencyMs >= span) frequencyMs = wholeUnits(frequencyMs, span);
  else while (span % frequencyMs !== 0) frequencyMs--;
  const chunking = feed.chunking_config ?? {};
  let chunkSpanMs: number;
  if (chunking.mode === 'off') chunkSpanMs = wholeUnits(30 * 24 * HOUR, span);
  else if (chunking.mode === 'manual' && chunking.time_span !== undefined) chunkSpanMs = wholeUnits(parseDuration(chunking.time_span), span);
  else chunkSpanMs = wholeUnits(Math.min(3 * HOUR, 100 * span), span);
  const check = feed.delayed_data_check_config ?? {};
  const windowMs = check.check_window !== undefined ? parseDuration(check.check_window) : Math.max(2 * HOUR, 8 * span);
  const detectors = plan.detectors.map((d) => ({
    function: d.function, field_name: d.fieldName, by_field_name: d.byFieldName, over_field_name: d.overFieldName, partition_field_name: d.partitionFieldName,
  }));
  const mode = feed.aggregations_mode ?? 'auto';
  let { path, reason } = chooseReadPath(detectors, mode === 'auto' ? undefined : mode);
  if (path === 'aggregated' && opts.hasEvals) ({ path, reason } = { path: 'raw', reason: 'the pipeline\'s eval needs the individual documents' });
  if (path === 'aggregated' && config.analysis_config.categorization_field_name) ({ path, reason } = { path: 'raw', reason: 'categorisation needs the individual documents' });
  if (path === 'aggregated' && config.analysis_config.summary_count_field_name) ({ path, reason } = { path: 'raw', reason: 'the input is already summarised' });
  let aggregation: AggregationPlan | null = null;
  if (path === 'aggregated') {
    const p = aggregationPlan(detectors)!;
    const splits = new Set(p.splitFields);
    for (const f of config.analysis_config.influencers ?? []) splits.add(f);
    aggregation = { splitFields: [...splits], metrics: p.metrics };
  }
  return {
    bucketSpanMs: span,
    latencyMs: plan.latencyMs,
    timeField: config.data_description?.time_field ?? '@timestamp',
    frequencyMs,
    queryDelayMs: feed.query_delay !== undefined ? parseDuration(feed.query_delay) : MINUTE,
    scrollSize: Math.min(10_000, Math.max(1, feed.scroll_size ?? 1000)),
    chunkSpanMs,
    start: feed.start !== undefined ? parseTimeValue(feed.start, 'datafeed_config.start') : null,
    end: feed.end !== undefined ? parseTimeValue(feed.end, 'datafeed_config.end') : null,
    delayedDataCheck: { enabled: check.enabled !== false, windowMs },
    readPath: path,
    readPathReason: reason,
    aggregation,
  };
}
