/**
 * `time_of_day` and `time_of_week`: does an entity do things at an unusual time? Each series keeps how
 * often it has been active in each time bin (half hours of the UTC day; hours of the UTC week, Monday
 * first), and a bucket is scored by its rarest active bin with the rarity of CategoryCounts (bins are
 * the categories, an occurrence is a bucket with events in that bin; a bin counts its own occurrences
 * plus half of its two neighbours', so activity just beside the usual hours is not rare). Nothing is scored in the first
 * 20 active buckets of a series.
 * Record values: actual = seconds into the day (week) of the first event in the rarest bin,
 * typical = the middle of the series' most used bin.
 */
import type { EventRecord } from '../types';
import type { DetectorPlan } from '../config/analysisPlan';
import { CategoryCounts, type CategoryCountsState } from '../models/rareModel';
import { rawScore } from '../scoring/rawScore';
import { BucketGatherer, type DetectorBucket } from '../detectors/bucketGatherer';
import { evaluateRules } from '../detectors/customRules';
import { parseSeriesKey, partitionKey, type SplitFields } from '../bucketing/seriesSplit';
import { seriesOverheadBytes } from './memoryBudget';
import { fieldValuesOf, splitFieldsOf } from './seriesDetector';
import { shareInfluences } from './rareDetector';
import {
  RECORD_PROBABILITY_THRESHOLD, type Detector, type DetectorOutcome, type FinaliseContext, type SplitCounts,
} from './detectorTypes';

export interface TimeOfDetectorState {
  version: 1;
  series: Array<[string, CategoryCountsState]>;
}

export class TimeOfDetector implements Detector {
  readonly split: SplitFields;
  private readonly gatherer: BucketGatherer;
  private readonly binSeconds: number;
  private readonly bins: number;
  private readonly series = new Map<string, CategoryCounts>();

  constructor(readonly plan: DetectorPlan, private readonly influencers: string[], state?: TimeOfDetectorState) {
    this.split = splitFieldsOf(plan);
    const week = plan.function === 'time_of_week';
    this.binSeconds = week ? 3600 : 1800;
    this.bins = week ? 168 : 48;
    this.gatherer = new BucketGatherer({
      split: this.split, features: [week ? 'time_of_week' : 'time_of_day'], influencers,
    });
    if (state) for (const [k, s] of state.series) this.series.set(k, CategoryCounts.restore(s));
  }

  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean {
    return this.gatherer.gather(record, bucket, weight);
  }

  finalise(startMs: number, bucket: DetectorBucket | undefined, ctx: FinaliseContext): DetectorOutcome {
    const out: DetectorOutcome = { records: [], plots: [], partitionMaxRaw: new Map(), minProbability: 1 };
    if (!bucket) return out;
    const timeSec = Math.floor(startMs / 1000);
    let order = 0;
    for (const [key, sb] of bucket) {
      order++;
      let model = this.series.get(key);
      if (!model && ctx.dryRun) continue;
      if (!model) {
        if (!ctx.memory.tryReserve(seriesOverheadBytes(key) + 64 + 8 * this.bins)) continue;
        model = new CategoryCounts();
        this.series.set(key, model);
      }
      const values = sb.acc.values ?? [];
      const weights = sb.acc.weights ?? [];
      // Events per bin, and the first time seen in each bin.
      const events = new Map<number, number>();
      const first = new Map<number, number>();
      values.forEach((sec, i) => {
        const bin = Math.min(this.bins - 1, Math.floor(sec / this.binSeconds));
        events.set(bin, (events.get(bin) ?? 0) + weights[i]);
        if (!first.has(bin)) first.set(bin, sec);
      });
      model.prepare();
      let p = 1;
      let rarestBin = -1;
      for (const bin of [...events.keys()].sort((a, b) => a - b)) {
        const pb = model.rarity(this.smoothedCount(model, bin));
        if (rarestBin < 0 || pb < p) { p = pb; rarestBin = bin; }
      }
      const actual = first.get(rarestBin) ?? 0;
      const typical = this.typicalTime(model);
      const split = parseSeriesKey(key, this.split);
      const rules = this.plan.customRules.length > 0
        ? evaluateRules(this.plan.customRules, { actual, typical, timeSec, fieldValues: fieldValuesOf(this.plan, split) })
        : null;
      if (!rules?.skipModelUpdate && !ctx.dryRun) {
        for (const [bin, n] of events) model.add(String(bin), 1, n);
        model.endBucket();
      }
      const pk = partitionKey(split);
      const raw = rawScore(p);
      if (!((out.partitionMaxRaw.get(pk) ?? -1) >= raw)) out.partitionMaxRaw.set(pk, raw);
      if (p < out.minProbability) out.minProbability = p;
      if (!(p < RECORD_PROBABILITY_THRESHOLD) || rules?.skipResult) continue;
      out.records.push({
        detectorIndex: this.plan.index, seriesOrder: order, functionDescription: this.plan.function, split,
        partitionKey: pk, actual, typical, lower: typical, upper: typical, probs: { single: p, multi: 1, p },
        influences: shareInfluences(sb, this.influencers),
      });
    }
    return out;
  }

  /** A bin's occurrences plus half its neighbours' (circular): activity just beside usual hours is not rare. */
  private smoothedCount(model: CategoryCounts, bin: number): number {
    const prev = (bin + this.bins - 1) % this.bins;
    const next = (bin + 1) % this.bins;
    return model.countOf(String(bin)) + 0.5 * (model.countOf(String(prev)) + model.countOf(String(next)));
  }

  /** Middle of the most used bin (seconds), NaN before any activity. */
  private typicalTime(model: CategoryCounts): number {
    let best = -1;
    let bestCount = 0;
    for (let bin = 0; bin < this.bins; bin++) {
      const c = model.countOf(String(bin));
      if (c > bestCount) { bestCount = c; best = bin; }
    }
    return best < 0 ? NaN : (best + 0.5) * this.binSeconds;
  }

  modelBytes(): number {
    let b = 0;
    for (const [k, m] of this.series) b += seriesOverheadBytes(k) + m.bytes();
    return b;
  }

  splitCounts(): SplitCounts {
    const by = new Set<string>();
    const over = new Set<string>();
    const part = new Set<string>();
    for (const k of this.series.keys()) {
      const s = parseSeriesKey(k, this.split);
      if (s.by !== null) by.add(s.by);
      if (s.over !== null) over.add(s.over);
      if (s.partition !== null) part.add(s.partition);
    }
    return { by: by.size, over: over.size, partition: part.size };
  }

  snapshot(): TimeOfDetectorState {
    return { version: 1, series: [...this.series.entries()].map(([k, m]) => [k, m.snapshot()]) };
  }
}
