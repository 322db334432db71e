/**
 * A detector whose entities each have their own series models (count, metric, distinct_count,
 * info_content functions; split by by/partition values).
 *
 * Empty buckets: a series once seen gets 0 in every bucket for count/sum/distinct_count (until it
 * is pruned after the prune window without events); for non_zero_* and metric functions an empty
 * bucket is no value: nothing is scored or learned (the model measures the gap at the next value).
 * A series gives at most one record per bucket (oneRecordPerSeries).
 */
import type { EventRecord } from '../types';
import type { DetectorPlan } from '../config/analysisPlan';
import type { SeriesModels } from '../models/types';
import { emptyObservation } from '../models/types';
import { SeriesModelSet } from '../models/seriesModel';
import { rawScore } from '../scoring/rawScore';
import { functionSpec, type FunctionSpec } from '../detectors/functionCatalog';
import { BucketGatherer, type DetectorBucket } from '../detectors/bucketGatherer';
import { sidedProbability } from '../detectors/tailProbability';
import { evaluateRules, type RuleOutcome } from '../detectors/customRules';
import { type SplitFields, type SplitValues } from '../bucketing/seriesSplit';
import { SeriesTable, type SeriesTableState } from './seriesTable';
import { FrequencyTracker, type FrequencyTrackerState } from './frequencyTracker';
import { seriesOverheadBytes } from './memoryBudget';
import { recordCandidate } from './recordCandidate';
import {
  RECORD_PROBABILITY_THRESHOLD, type Detector, type RecordCandidate, type DetectorOutcome, type FinaliseContext, type SplitCounts,
} from './detectorTypes';

export interface SeriesDetectorState {
  version: 1;
  table: SeriesTableState;
  models: unknown[];
  /** Buckets each by value appeared in (only with exclude_frequent by/all). */
  byFrequency?: FrequencyTrackerState;
}

/** Features whose bucket value is a statistic of several values: the model weighs them by how many. */
const WEIGHTED_FEATURES = new Set<string>(['mean', 'median', 'varp', 'time_of_day', 'time_of_week']);

export function splitFieldsOf(plan: DetectorPlan): SplitFields {
  return {
    byFieldName: plan.byFieldName, overFieldName: plan.overFieldName,
    partitionFieldName: plan.partitionFieldName, useNull: plan.useNull,
  };
}

/** The value of one split field of a series, by field name (for rule scopes). */
export function fieldValuesOf(plan: DetectorPlan, s: SplitValues): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (plan.partitionFieldName) out[plan.partitionFieldName] = s.partition;
  if (plan.overFieldName) out[plan.overFieldName] = s.over;
  if (plan.byFieldName) out[plan.byFieldName] = s.by;
  return out;
}

/** function_description of a feature: the feature for `metric`, else the function without its side. */
export function featureDescription(spec: FunctionSpec, featureIndex: number): string {
  const f = spec.features[featureIndex].feature;
  if (spec.features.length > 1) return f;
  if (spec.name.includes('non_zero_count')) return 'non_zero_count';
  if (spec.name.includes('non_null_sum')) return 'non_null_sum';
  return f;
}

export function inPlotTerms(terms: string[], s: SplitValues): boolean {
  if (terms.length === 0) return true;
  return [s.by, s.over, s.partition].some((v) => v !== null && terms.includes(v));
}

/**
 * One record per series and bucket: when several features of a `metric` detector (mean, min, max) are
 * anomalous in the same bucket, the most anomalous one is the record (its function_description names
 * it) and every anomalous feature, most anomalous first, is listed in its `causes` with its probability.
 * (Elastic writes one record per feature; three records for one series and bucket read as duplicates.)
 */
export function oneRecordPerSeries(candidates: RecordCandidate[]): RecordCandidate {
  if (candidates.length === 1) return candidates[0];
  const sorted = [...candidates].sort((a, b) => a.probs.p - b.probs.p || a.seriesOrder - b.seriesOrder);
  return { ...sorted[0], causes: sorted };
}

export class SeriesDetector implements Detector {
  readonly spec: FunctionSpec;
  readonly split: SplitFields;
  private readonly descriptions: string[];
  private readonly gatherer: BucketGatherer;
  private table: SeriesTable;
  private models: SeriesModels[];
  private readonly obs = emptyObservation();
  private readonly byFrequency: FrequencyTracker | null;

  constructor(readonly plan: DetectorPlan, private readonly bucketSpanMs: number,
    private readonly influencers: string[], state?: SeriesDetectorState) {
    this.spec = functionSpec(plan.function);
    this.descriptions = this.spec.features.map((_, i) => featureDescription(this.spec, i));
    this.split = splitFieldsOf(plan);
    this.gatherer = new BucketGatherer({
      split: this.split, fieldName: plan.fieldName, features: this.spec.features.map((f) => f.feature), influencers,
    });
    const tracksFrequency = plan.byFieldName !== undefined && (plan.excludeFrequent === 'by' || plan.excludeFrequent === 'all');
    this.byFrequency = tracksFrequency ? (state?.byFrequency ? FrequencyTracker.restore(state.byFrequency) : new FrequencyTracker()) : null;
    if (state) {
      this.table = SeriesTable.restore(this.split, state.table);
      this.models = state.models.map((m) => SeriesModelSet.restore(m));
    } else {
      this.table = new SeriesTable(this.split);
      this.models = this.spec.features.map(() => new SeriesModelSet({ bucketSpanMs, kind: this.spec.kind }));
    }
  }

  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean {
    return this.gatherer.gather(record, bucket, weight);
  }

  private bytesPerNewSeries(key: string): number {
    let b = seriesOverheadBytes(key);
    for (const m of this.models) b += m.bytesPerSeries();
    return b;
  }

  finalise(startMs: number, bucket: DetectorBucket | undefined, ctx: FinaliseContext): DetectorOutcome {
    const out: DetectorOutcome = { records: [], plots: [], partitionMaxRaw: new Map(), minProbability: 1 };
    if (bucket && !ctx.dryRun) {
      for (const key of bucket.keys()) {
        if (this.table.idOf(key) !== undefined) continue;
        if (!ctx.memory.tryReserve(this.bytesPerNewSeries(key))) continue;
        this.table.add(key, startMs);
        for (const m of this.models) m.add();
      }
    }
    if (this.byFrequency && bucket && bucket.size > 0 && !ctx.dryRun) {
      for (const key of bucket.keys()) {
        const id = this.table.idOf(key);
        const by = id === undefined ? null : this.table.splitOf(id).by;
        if (by !== null) this.byFrequency.see(by);
      }
      this.byFrequency.endBucket();
    }
    const n = this.table.size;
    const features = this.spec.features;
    const timeSec = Math.floor(startMs / 1000);
    for (let id = 0; id < n; id++) {
      const key = this.table.keys[id];
      const sb = bucket?.get(key);
      if (sb) { if (!ctx.dryRun) this.table.lastSeen[id] = startMs; }
      // Without events: count-like series get a 0 until pruned; others have no value (the model
      // measures the gap at their next value).
      else if (!this.spec.emptyIsZero || startMs - this.table.lastSeen[id] > ctx.pruneWindowMs) continue;
      let splitValues: SplitValues | null = null;
      const split = (): SplitValues => (splitValues ??= this.table.splitOf(id));
      const fieldValues = this.plan.customRules.length > 0 ? fieldValuesOf(this.plan, split()) : {};
      const candidates: RecordCandidate[] = [];
      for (let fi = 0; fi < features.length; fi++) {
        const { feature, side } = features[fi];
        let value: number | null = sb ? sb.acc.feature(feature) : null;
        if (value === null && this.spec.emptyIsZero) value = 0;
        const weight = sb && WEIGHTED_FEATURES.has(feature) ? Math.max(1, sb.acc.n) : 1;
        const model = this.models[fi];
        let rules: RuleOutcome | null = null;
        if (value !== null && this.plan.customRules.length > 0) {
          // Scoring without learning leaves the model unchanged: it gives the typical value the rules test.
          model.observe(id, startMs, value, false, this.obs, weight);
          rules = evaluateRules(this.plan.customRules, { actual: value, typical: this.obs.typical, timeSec, fieldValues });
        }
        model.observe(id, startMs, value, !ctx.dryRun && !rules?.skipModelUpdate, this.obs, weight);
        if (value === null) continue;
        const obs = this.obs;
        const probs = sidedProbability(side, value, obs);
        const pk = this.table.partitionOf(id);
        const raw = rawScore(probs.p);
        if (!((out.partitionMaxRaw.get(pk) ?? -1) >= raw)) out.partitionMaxRaw.set(pk, raw);
        if (probs.p < out.minProbability) out.minProbability = probs.p;
        const description = this.descriptions[fi];
        if (ctx.modelPlotEnabled && obs.scored && inPlotTerms(ctx.modelPlotTerms, split())) {
          out.plots.push({
            detectorIndex: this.plan.index, feature: description, split: split(), actual: value,
            typical: obs.typical, lower: obs.lowerBound, upper: obs.upperBound,
          });
        }
        if (!(probs.p < RECORD_PROBABILITY_THRESHOLD)) continue;
        const by = split().by;
        if (this.byFrequency && by !== null && this.byFrequency.isFrequent(by)) continue;
        if (rules?.skipResult) continue;
        candidates.push(recordCandidate({
          detectorIndex: this.plan.index, seriesOrder: id * features.length + fi, functionDescription: description,
          split: split(), partitionKey: pk, feature, side, emptyIsZero: this.spec.emptyIsZero, actual: value,
          typical: obs.typical, lower: obs.lowerBound, upper: obs.upperBound, probs,
        }, sb, this.influencers));
      }
      if (candidates.length > 0) out.records.push(oneRecordPerSeries(candidates));
    }
    return out;
  }

  modelBytes(): number {
    let b = this.table.overheadBytes;
    for (const m of this.models) b += m.size * m.bytesPerSeries();
    return b;
  }

  splitCounts(): SplitCounts {
    return this.table.counts();
  }

  snapshot(): SeriesDetectorState {
    return {
      version: 1,
      table: this.table.snapshot(),
      models: this.models.map((m) => m.snapshot()),
      ...(this.byFrequency ? { byFrequency: this.byFrequency.snapshot() } : {}),
    };
  }
}
