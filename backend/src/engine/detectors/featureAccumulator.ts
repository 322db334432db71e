/**
 * What one series gathers in one bucket, and the feature values read from it.
 * Weighted (summary_count_field_name gives each record a count weight), mergeable
 * (influence asks "the bucket without these records"), serialisable (open buckets are
 * part of a job snapshot).
 */
import type { FeatureName } from './functionCatalog';

export interface AccumulatorNeeds {
  /** Keep the values themselves (median). */
  values: boolean;
  /** Keep the distinct string values (distinct_count, info_content). */
  distinct: boolean;
}

export interface AccumulatorState {
  c: number; n: number; mean: number; m2: number; sum: number; min: number | null; max: number | null;
  v?: number[]; w?: number[]; d?: string[];
}

const SECONDS_PER_DAY = 86400;
const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

export class FeatureAccumulator {
  /** Events (weighted by their summary count). */
  count = 0;
  /** Weight of the numeric values seen. */
  n = 0;
  /** Weighted running mean and sum of squared deviations (Welford), for mean and varp. */
  mean = 0;
  m2 = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  values: number[] | null;
  weights: number[] | null;
  distinct: Set<string> | null;

  constructor(needs: AccumulatorNeeds) {
    this.values = needs.values ? [] : null;
    this.weights = needs.values ? [] : null;
    this.distinct = needs.distinct ? new Set() : null;
  }

  /** One event (or `weight` pre-aggregated events). */
  addEvent(weight = 1): void {
    this.count += weight;
  }

  /** One numeric value carrying `weight` events (a pre-aggregated value when weight > 1). */
  addValue(value: number, weight = 1): void {
    this.n += weight;
    const delta = value - this.mean;
    this.mean += (weight * delta) / this.n;
    this.m2 += weight * delta * (value - this.mean);
    this.sum += value * weight;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.values) {
      this.values.push(value);
      this.weights!.push(weight);
    }
  }

  addDistinct(value: string): void {
    this.distinct?.add(value);
  }

  /** Merge another accumulator into this one (parallel Welford for mean/m2). */
  merge(o: FeatureAccumulator): void {
    this.count += o.count;
    if (o.n > 0) {
      const n = this.n + o.n;
      const delta = o.mean - this.mean;
      this.m2 += o.m2 + (delta * delta * this.n * o.n) / n;
      this.mean += (delta * o.n) / n;
      this.n = n;
      this.sum += o.sum;
      if (o.min < this.min) this.min = o.min;
      if (o.max > this.max) this.max = o.max;
    }
    if (this.values && o.values) {
      for (let i = 0; i < o.values.length; i++) {
        this.values.push(o.values[i]);
        this.weights!.push(o.weights![i]);
      }
    }
    if (this.distinct && o.distinct) for (const d of o.distinct) this.distinct.add(d);
  }

  /** Scale the additive features (count, sum) by f: an incomplete bucket's estimate of its final value. */
  scaleAdditive(f: number): void {
    this.count *= f;
    this.sum *= f;
  }

  /** True when the series had no event in the bucket. */
  isEmpty(): boolean {
    return this.count === 0;
  }

  /**
   * The value of a feature, or null when the bucket has no value for it
   * (no numeric values for a metric feature). Empty-bucket zeros are decided by the caller.
   */
  feature(name: FeatureName): number | null {
    switch (name) {
      case 'count': return this.count;
      case 'distinct_count': return this.distinct ? this.distinct.size : 0;
      case 'info_content': return this.count > 0 ? infoContent(this.distinct) : null;
      case 'mean': return this.n > 0 ? this.mean : null;
      case 'sum': return this.n > 0 ? this.sum : null;
      case 'min': return this.n > 0 ? this.min : null;
      case 'max': return this.n > 0 ? this.max : null;
      case 'varp': return this.n > 0 ? Math.max(0, this.m2 / this.n) : null;
      case 'median': return this.n > 0 && this.values ? weightedMedian(this.values, this.weights!) : null;
      // time_of_day / time_of_week keep the seconds-into-period of each event as values.
      case 'time_of_day':
      case 'time_of_week': return this.n > 0 ? this.mean : null;
    }
  }

  toState(): AccumulatorState {
    const s: AccumulatorState = {
      c: this.count, n: this.n, mean: this.mean, m2: this.m2, sum: this.sum,
      min: this.n > 0 ? this.min : null, max: this.n > 0 ? this.max : null,
    };
    if (this.values) { s.v = [...this.values]; s.w = [...this.weights!]; }
    if (this.distinct) s.d = [...this.distinct];
    return s;
  }

  static fromState(s: AccumulatorState): FeatureAccumulator {
    const a = new FeatureAccumulator({ values: s.v !== undefined, distinct: s.d !== undefined });
    a.count = s.c; a.n = s.n; a.mean = s.mean; a.m2 = s.m2; a.sum = s.sum;
    a.min = s.min ?? Infinity; a.max = s.max ?? -Infinity;
    if (s.v) { a.values = [...s.v]; a.weights = [...s.w!]; }
    if (s.d) a.distinct = new Set(s.d);
    return a;
  }
}

/** Median of weighted values: the smallest value whose cumulative weight reaches half (mid-point on a tie). */
export function weightedMedian(values: number[], weights: number[]): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (const w of weights) total += w;
  const half = total / 2;
  let cum = 0;
  for (let k = 0; k < idx.length; k++) {
    cum += weights[idx[k]];
    if (cum > half) return values[idx[k]];
    if (cum === half) return k + 1 < idx.length ? (values[idx[k]] + values[idx[k + 1]]) / 2 : values[idx[k]];
  }
  return values[idx[idx.length - 1]];
}

/**
 * Information content of a bucket's distinct strings: the number of bytes needed to write them,
 * approximated as sum over distinct values of (UTF-8 length + 1). Grows with both how many and how
 * long the distinct strings are, which is what the function is for (e.g. DNS tunnelling subdomains).
 */
export function infoContent(distinct: Set<string> | null): number {
  if (!distinct) return 0;
  let bytes = 0;
  for (const d of distinct) bytes += utf8Length(d) + 1;
  return bytes;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** Seconds into the UTC day / week (weeks start Monday 00:00 UTC) of an epoch-ms time. */
export function secondsIntoDay(timeMs: number): number {
  const s = Math.floor(timeMs / 1000);
  return ((s % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

export function secondsIntoWeek(timeMs: number): number {
  // 1970-01-01 was a Thursday: shift by 3 days so that 0 is Monday 00:00.
  const s = Math.floor(timeMs / 1000) + 3 * SECONDS_PER_DAY;
  return ((s % SECONDS_PER_WEEK) + SECONDS_PER_WEEK) % SECONDS_PER_WEEK;
}
