/**
 * Gathers the records of one bucket for one detector: per series (by/over/partition values) a
 * feature accumulator, and per influencer field value a sub-accumulator so influence can ask
 * "would the anomaly remain without these records".
 */
import { fieldOf, type EventRecord } from '../types';
import { FeatureAccumulator, secondsIntoDay, secondsIntoWeek, type AccumulatorNeeds, type AccumulatorState } from './featureAccumulator';
import type { FeatureName } from './functionCatalog';
import { fieldNumber, fieldString, seriesKey, splitValues, type SplitFields } from '../bucketing/seriesSplit';

/** Group of records that lack an influencer field: part of "the others", never reported as a value. */
export const MISSING_INFLUENCER = '\u0000';

export interface SeriesBucket {
  acc: FeatureAccumulator;
  /** Influencer field → value → accumulator of that value's records; null without influencers. */
  infl: Map<string, Map<string, FeatureAccumulator>> | null;
}

/** One detector's part of one bucket: series key → gathered data. */
export type DetectorBucket = Map<string, SeriesBucket>;

export interface SeriesBucketState {
  a: AccumulatorState;
  i?: Array<[string, Array<[string, AccumulatorState]>]>;
}

/** What a detector reads from a record. */
export type ValueSource = 'none' | 'number' | 'string' | 'time_of_day' | 'time_of_week';

export function valueSourceOf(features: FeatureName[]): ValueSource {
  if (features.includes('time_of_day')) return 'time_of_day';
  if (features.includes('time_of_week')) return 'time_of_week';
  if (features.includes('distinct_count') || features.includes('info_content')) return 'string';
  if (features.some((f) => f !== 'count')) return 'number';
  return 'none';
}

export function needsOf(features: FeatureName[]): AccumulatorNeeds {
  return {
    values: features.includes('median') || features.includes('time_of_day') || features.includes('time_of_week'),
    distinct: features.includes('distinct_count') || features.includes('info_content'),
  };
}

export interface GathererOptions {
  split: SplitFields;
  fieldName?: string;
  features: FeatureName[];
  influencers: string[];
}

export class BucketGatherer {
  readonly source: ValueSource;
  readonly needs: AccumulatorNeeds;

  constructor(private readonly opts: GathererOptions) {
    this.source = valueSourceOf(opts.features);
    this.needs = needsOf(opts.features);
  }

  /**
   * Add one record (weight = its summary count, 1 for raw events). Returns false when the record
   * lacks a split field (use_null off) or the detector's field has no usable value: the caller counts it.
   */
  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean {
    const split = splitValues(record, this.opts.split);
    if (!split) return false;
    let num: number | null = null;
    let str: string | null = null;
    switch (this.source) {
      case 'number':
        num = fieldNumber(fieldOf(record.fields, this.opts.fieldName ?? ''));
        if (num === null) return false;
        break;
      case 'string':
        str = fieldString(fieldOf(record.fields, this.opts.fieldName ?? ''));
        if (str === null) return false;
        break;
      case 'time_of_day':
        num = secondsIntoDay(record.time);
        break;
      case 'time_of_week':
        num = secondsIntoWeek(record.time);
        break;
      case 'none':
        break;
    }
    const key = seriesKey(split);
    let sb = bucket.get(key);
    if (!sb) {
      sb = { acc: new FeatureAccumulator(this.needs), infl: this.opts.influencers.length > 0 ? new Map() : null };
      bucket.set(key, sb);
    }
    this.addTo(sb.acc, weight, num, str);
    if (sb.infl) {
      for (const field of this.opts.influencers) {
        const value = fieldString(fieldOf(record.fields, field)) ?? MISSING_INFLUENCER;
        let byValue = sb.infl.get(field);
        if (!byValue) { byValue = new Map(); sb.infl.set(field, byValue); }
        let acc = byValue.get(value);
        if (!acc) { acc = new FeatureAccumulator(this.needs); byValue.set(value, acc); }
        this.addTo(acc, weight, num, str);
      }
    }
    return true;
  }

  private addTo(acc: FeatureAccumulator, weight: number, num: number | null, str: string | null): void {
    acc.addEvent(weight);
    if (num !== null) acc.addValue(num, weight);
    if (str !== null) acc.addDistinct(str);
  }
}

export function seriesBucketState(sb: SeriesBucket): SeriesBucketState {
  const s: SeriesBucketState = { a: sb.acc.toState() };
  if (sb.infl) {
    s.i = [...sb.infl.entries()].map(([f, m]) => [f, [...m.entries()].map(([v, a]) => [v, a.toState()])]);
  }
  return s;
}

export function restoreSeriesBucket(s: SeriesBucketState): SeriesBucket {
  return {
    acc: FeatureAccumulator.fromState(s.a),
    infl: s.i ? new Map(s.i.map(([f, vs]) => [f, new Map(vs.map(([v, a]) => [v, FeatureAccumulator.fromState(a)]))])) : null,
  };
}
