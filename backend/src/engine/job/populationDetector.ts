/**
 * Population ("over") analysis for count, metric and distinct_count functions: each member (over
 * value) present in a bucket is compared with the population of all members of its partition and by
 * value. Members that are absent in a bucket are not scored (a member is not expected to appear in
 * every bucket). The memory per member is its interned name and a bucket counter (for exclude_frequent).
 *
 * All members of a bucket are scored against the population as it was before the bucket, then learned,
 * so the order of members does not matter.
 */
import type { EventRecord } from '../types';
import type { DetectorPlan } from '../config/analysisPlan';
import { emptyObservation } from '../models/types';
import { PopulationModelSet, emptyPopulationScore } from '../models/populationModel';
import { rawScore } from '../scoring/rawScore';
import { functionSpec, type FunctionSpec } from '../detectors/functionCatalog';
import { BucketGatherer, type DetectorBucket, type SeriesBucket } from '../detectors/bucketGatherer';
import { sidedProbability } from '../detectors/tailProbability';
import { evaluateRules } from '../detectors/customRules';
import { parseSeriesKey, partitionKey, seriesKey, type SplitFields, type SplitValues } from '../bucketing/seriesSplit';
import { SeriesTable, type SeriesTableState } from './seriesTable';
import { seriesOverheadBytes } from './memoryBudget';
import { recordCandidate } from './recordCandidate';
import { aggregateByMember } from './memberAggregation';
import { featureDescription, fieldValuesOf, inPlotTerms, splitFieldsOf } from './seriesDetector';
import { FrequencyTracker, type FrequencyTrackerState } from './frequencyTracker';
import {
  RECORD_PROBABILITY_THRESHOLD, type Detector, type DetectorOutcome, type FinaliseContext, type SplitCounts,
} from './detectorTypes';

export interface PopulationDetectorState {
  version: 1;
  populations: SeriesTableState;
  models: unknown[];
  members: FrequencyTrackerState;
  byValues: FrequencyTrackerState;
}

interface Member {
  split: SplitValues;
  sb: SeriesBucket;
}

export class PopulationDetector implements Detector {
  readonly spec: FunctionSpec;
  readonly split: SplitFields;
  private readonly descriptions: string[];
  private readonly populationSplit: SplitFields;
  private readonly gatherer: BucketGatherer;
  private readonly populations: SeriesTable;
  private readonly models: PopulationModelSet[];
  private readonly members: FrequencyTracker;
  private readonly byValues: FrequencyTracker;

  constructor(readonly plan: DetectorPlan, bucketSpanMs: number, private readonly influencers: string[],
    state?: PopulationDetectorState) {
    this.spec = functionSpec(plan.function);
    this.descriptions = this.spec.features.map((_, i) => featureDescription(this.spec, i));
    this.split = splitFieldsOf(plan);
    this.populationSplit = { ...this.split, overFieldName: undefined };
    this.gatherer = new BucketGatherer({
      split: this.split, fieldName: plan.fieldName, features: this.spec.features.map((f) => f.feature), influencers,
    });
    if (state) {
      this.populations = SeriesTable.restore(this.populationSplit, state.populations);
      this.models = state.models.map((m) => PopulationModelSet.restore(m));
      this.members = FrequencyTracker.restore(state.members);
      this.byValues = FrequencyTracker.restore(state.byValues);
    } else {
      this.populations = new SeriesTable(this.populationSplit);
      this.models = this.spec.features.map(() => new PopulationModelSet({ bucketSpanMs, kind: this.spec.kind }));
      this.members = new FrequencyTracker();
      this.byValues = new FrequencyTracker();
    }
  }

  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean {
    return this.gatherer.gather(record, bucket, weight);
  }

  finalise(startMs: number, bucket: DetectorBucket | undefined, ctx: FinaliseContext): DetectorOutcome {
    const out: DetectorOutcome = { records: [], plots: [], partitionMaxRaw: new Map(), minProbability: 1 };
    if (!bucket || bucket.size === 0) return out;
    // Group the bucket's members by population (partition and by value); refuse new ones at the hard limit.
    const groups = new Map<number, Member[]>();
    for (const [key, sb] of bucket) {
      const split = parseSeriesKey(key, this.split);
      const member = split.over ?? '';
      const popKey = seriesKey({ ...split, over: null });
      let id = this.populations.idOf(popKey);
      if (ctx.dryRun) {
        if (id === undefined) continue;
      } else if (!this.members.has(member) && !ctx.memory.tryReserve(seriesOverheadBytes(member) + 16)) continue;
      if (id === undefined) {
        let bytes = seriesOverheadBytes(popKey);
        for (const m of this.models) bytes += m.bytesPerSeries();
        if (!ctx.memory.tryReserve(bytes)) continue;
        id = this.populations.add(popKey, startMs);
        for (const m of this.models) m.add();
      }
      if (!ctx.dryRun) {
        this.members.see(member);
        if (split.by !== null) this.byValues.see(split.by);
      }
      let g = groups.get(id);
      if (!g) { g = []; groups.set(id, g); }
      g.push({ split, sb });
    }
    if (!ctx.dryRun) {
      this.members.endBucket();
      this.byValues.endBucket();
    }
    const features = this.spec.features;
    const obs = emptyObservation();
    const score = emptyPopulationScore();
    const timeSec = Math.floor(startMs / 1000);
    let order = 0;
    for (const [id, members] of groups) {
      if (!ctx.dryRun) this.populations.lastSeen[id] = startMs;
      for (let fi = 0; fi < features.length; fi++) {
        const { feature, side } = features[fi];
        const model = this.models[fi];
        const learnValues: Array<[number, number]> = [];
        for (const m of members) {
          order++;
          const value = m.sb.acc.feature(feature);
          if (value === null) continue;
          model.score(id, value, score);
          Object.assign(obs, score);
          const probs = sidedProbability(side, value, obs);
          const p2 = score.scored ? Math.min(1, 2 * Math.min(score.pLower, score.pUpper)) : 1;
          const fieldValues = this.plan.customRules.length > 0 ? fieldValuesOf(this.plan, m.split) : {};
          const rules = this.plan.customRules.length > 0
            ? evaluateRules(this.plan.customRules, { actual: value, typical: score.typical, timeSec, fieldValues })
            : null;
          if (!rules?.skipModelUpdate) learnValues.push([value, p2]);
          const pk = partitionKey(m.split);
          const raw = rawScore(probs.p);
          if (!((out.partitionMaxRaw.get(pk) ?? -1) >= raw)) out.partitionMaxRaw.set(pk, raw);
          if (probs.p < out.minProbability) out.minProbability = probs.p;
          const description = this.descriptions[fi];
          if (ctx.modelPlotEnabled && score.scored && inPlotTerms(ctx.modelPlotTerms, m.split)) {
            out.plots.push({
              detectorIndex: this.plan.index, feature: description, split: m.split, actual: value,
              typical: score.typical, lower: score.lowerBound, upper: score.upperBound,
            });
          }
          if (!(probs.p < RECORD_PROBABILITY_THRESHOLD) || rules?.skipResult || this.isExcluded(m.split)) continue;
          out.records.push(recordCandidate({
            detectorIndex: this.plan.index, seriesOrder: order, functionDescription: description, split: m.split,
            partitionKey: pk, feature, side, emptyIsZero: this.spec.emptyIsZero, actual: value,
            typical: score.typical, lower: score.lowerBound, upper: score.upperBound, probs,
          }, m.sb, this.influencers));
        }
        if (ctx.dryRun) continue;
        for (const [v, p2] of learnValues) model.learn(id, v, p2);
        model.endBucket(id);
      }
    }
    if (this.plan.byFieldName) out.records = aggregateByMember(out.records);
    return out;
  }

  /** exclude_frequent: members (over) and/or attributes (by) seen in most buckets get no records. */
  private isExcluded(s: SplitValues): boolean {
    const ef = this.plan.excludeFrequent;
    if (ef === 'none' || ef === undefined) return false;
    if ((ef === 'all' || ef === 'over') && this.members.isFrequent(s.over ?? '')) return true;
    if ((ef === 'all' || ef === 'by') && s.by !== null && this.byValues.isFrequent(s.by)) return true;
    return false;
  }

  modelBytes(): number {
    let b = this.populations.overheadBytes + this.members.bytes() + this.byValues.bytes();
    for (const m of this.models) b += m.totalBytes();
    return b;
  }

  splitCounts(): SplitCounts {
    const c = this.populations.counts();
    return { by: c.by, over: this.members.size, partition: c.partition };
  }

  snapshot(): PopulationDetectorState {
    return {
      version: 1, populations: this.populations.snapshot(), models: this.models.map((m) => m.snapshot()),
      members: this.members.snapshot(), byValues: this.byValues.snapshot(),
    };
  }
}
