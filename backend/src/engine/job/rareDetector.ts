/**
 * The rare family: `rare`, `rare_count`, `freq_rare`, `freq_rare_count`. The rare values are the by
 * field's values (conventions §3); each partition has its own history of them.
 *
 * - Individual (`rare(x) by F` → by x, partition F): an occurrence is a bucket in which the value
 *   appeared; every value present in a bucket is scored by how rare it has been.
 * - Population (`rare(x) over F`): an occurrence is a member (over value) that has used the value;
 *   a member is scored when it uses a value for the first time, by how few members have used it
 *   (and, for a value never seen, by how seldom new values turn up among all member-bucket uses).
 * - `freq_rare`: as population, but each bucket a member uses a value it is scored again, so a member
 *   that keeps using a value few others use stands out.
 * - `*_count`: also scores the number of events the value brings to the bucket against its usual
 *   number per occurrence.
 * exclude_frequent over/all: members seen in most buckets get no records (population variants).
 * Record values: actual = occurrences of the value including this bucket, typical = mean occurrences
 * per value in the partition; when a count variant flags the number of events, actual = the events
 * of the value this bucket and typical = its mean events per occurrence.
 */
import type { EventRecord } from '../types';
import type { DetectorPlan } from '../config/analysisPlan';
import { CategoryCounts, type CategoryCountsState } from '../models/rareModel';
import { rawScore } from '../scoring/rawScore';
import { functionSpec } from '../detectors/functionCatalog';
import { BucketGatherer, MISSING_INFLUENCER, type DetectorBucket, type SeriesBucket } from '../detectors/bucketGatherer';
import { INFLUENCE_CUTOFF } from '../detectors/influence';
import { evaluateRules } from '../detectors/customRules';
import { parseSeriesKey, partitionKey, type SplitFields, type SplitValues } from '../bucketing/seriesSplit';
import { seriesOverheadBytes } from './memoryBudget';
import { fieldValuesOf, splitFieldsOf } from './seriesDetector';
import { FrequencyTracker, type FrequencyTrackerState } from './frequencyTracker';
import { aggregateByMember } from './memberAggregation';
import {
  RECORD_PROBABILITY_THRESHOLD, type Detector, type DetectorOutcome, type FinaliseContext, type InfluenceHit,
  type SplitCounts,
} from './detectorTypes';

export interface RareDetectorState {
  version: 1;
  partitions: Array<[string, CategoryCountsState]>;
  pairs: string[];
  members: FrequencyTrackerState;
}

interface Entry {
  split: SplitValues;
  sb: SeriesBucket;
}

const SEP = '\u0001';

/** Influence of each influencer value on a rare value's records: its share of them. */
export function shareInfluences(sb: SeriesBucket, influencers: string[]): InfluenceHit[] {
  const out: InfluenceHit[] = [];
  if (!sb.infl || sb.acc.count <= 0) return out;
  for (const field of influencers) {
    const groups = sb.infl.get(field);
    if (!groups) continue;
    const hits: InfluenceHit[] = [];
    for (const [value, acc] of groups) {
      if (value === MISSING_INFLUENCER) continue;
      const influence = acc.count / sb.acc.count;
      if (influence >= INFLUENCE_CUTOFF) hits.push({ field, value, influence });
    }
    hits.sort((a, b) => b.influence - a.influence || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out.push(...hits);
  }
  return out;
}

export class RareDetector implements Detector {
  readonly split: SplitFields;
  private readonly gatherer: BucketGatherer;
  private readonly population: boolean;
  private readonly frequent: boolean;
  private readonly countVariant: boolean;
  private readonly partitions = new Map<string, CategoryCounts>();
  private readonly pairs = new Set<string>();
  private readonly members: FrequencyTracker;
  private pairBytes = 0;

  constructor(readonly plan: DetectorPlan, private readonly influencers: string[], state?: RareDetectorState) {
    const spec = functionSpec(plan.function);
    if (!plan.byFieldName) throw new Error(`analysis_config.detectors[${plan.index}]: ${plan.function} needs by_field_name`);
    this.split = splitFieldsOf(plan);
    this.population = plan.overFieldName !== undefined;
    this.frequent = spec.rareByFrequency === true;
    this.countVariant = spec.name.endsWith('_count');
    this.gatherer = new BucketGatherer({ split: this.split, features: ['count'], influencers });
    this.members = state ? FrequencyTracker.restore(state.members) : new FrequencyTracker();
    if (state) {
      for (const [k, s] of state.partitions) this.partitions.set(k, CategoryCounts.restore(s));
      for (const p of state.pairs) { this.pairs.add(p); this.pairBytes += seriesOverheadBytes(p); }
    }
  }

  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean {
    return this.gatherer.gather(record, bucket, weight);
  }

  finalise(startMs: number, bucket: DetectorBucket | undefined, ctx: FinaliseContext): DetectorOutcome {
    const out: DetectorOutcome = { records: [], plots: [], partitionMaxRaw: new Map(), minProbability: 1 };
    if (!bucket || bucket.size === 0) return out;
    const groups = new Map<string, Entry[]>();
    for (const [key, sb] of bucket) {
      const split = parseSeriesKey(key, this.split);
      const pk = partitionKey(split);
      let g = groups.get(pk);
      if (!g) { g = []; groups.set(pk, g); }
      g.push({ split, sb });
    }
    const timeSec = Math.floor(startMs / 1000);
    let order = 0;
    for (const [pk, entries] of groups) {
      let model = this.partitions.get(pk);
      if (!model && ctx.dryRun) continue;
      if (!model) {
        if (!ctx.memory.tryReserve(seriesOverheadBytes(pk) + 64)) continue;
        model = new CategoryCounts();
        this.partitions.set(pk, model);
      }
      model.prepare();
      const typical = model.distinct > 0 ? model.total / model.distinct : 0;
      const learn: Array<{ value: string; units: number; events: number; pair?: string }> = [];
      for (const { split, sb } of entries) {
        order++;
        const value = split.by ?? '';
        const events = sb.acc.count;
        const pair = this.population ? (split.over ?? '') + SEP + value : undefined;
        const newPair = pair !== undefined && !this.pairs.has(pair);
        if (this.population && !ctx.dryRun) this.members.see(split.over ?? '');
        const c = model.countOf(value);
        const units = this.population ? (newPair ? 1 : 0) : 1;
        let p = 1;
        if (!this.population || newPair || this.frequent) p = model.rarity(c);
        // Rare by occurrences (actual = occurrences so far, typical = mean per value), or, for the count
        // variants, by events this bucket (actual = events, typical = the value's mean per occurrence).
        let actual = c + units;
        let typicalHere = typical;
        if (this.countVariant) {
          const pCount = model.eventCountProbability(value, events);
          if (pCount < p) {
            p = pCount;
            actual = events;
            typicalHere = model.eventMeanOf(value);
          }
        }
        const rules = this.plan.customRules.length > 0
          ? evaluateRules(this.plan.customRules, { actual, typical: typicalHere, timeSec, fieldValues: fieldValuesOf(this.plan, split) })
          : null;
        if (!rules?.skipModelUpdate) learn.push({ value, units, events, pair: newPair ? pair : undefined });
        const raw = rawScore(p);
        if (!((out.partitionMaxRaw.get(pk) ?? -1) >= raw)) out.partitionMaxRaw.set(pk, raw);
        if (p < out.minProbability) out.minProbability = p;
        if (!(p < RECORD_PROBABILITY_THRESHOLD) || rules?.skipResult) continue;
        if (this.population && (this.plan.excludeFrequent === 'over' || this.plan.excludeFrequent === 'all') &&
          this.members.isFrequent(split.over ?? '')) continue;
        out.records.push({
          detectorIndex: this.plan.index, seriesOrder: order, functionDescription: this.plan.function, split,
          partitionKey: pk, actual, typical: typicalHere, lower: typicalHere, upper: typicalHere,
          probs: { single: p, multi: 1, p }, influences: shareInfluences(sb, this.influencers),
        });
      }
      if (ctx.dryRun) continue;
      for (const l of learn) {
        if (model.countOf(l.value) === 0 && !ctx.memory.tryReserve(2 * l.value.length + 48)) continue;
        if (l.pair !== undefined) {
          if (!ctx.memory.tryReserve(seriesOverheadBytes(l.pair))) continue;
          this.pairs.add(l.pair);
          this.pairBytes += seriesOverheadBytes(l.pair);
        }
        model.add(l.value, l.units, l.events, 1);
      }
      model.endBucket();
    }
    if (this.population && !ctx.dryRun) this.members.endBucket();
    if (this.population) out.records = aggregateByMember(out.records);
    return out;
  }

  modelBytes(): number {
    let b = this.pairBytes + this.members.bytes();
    for (const [k, m] of this.partitions) b += seriesOverheadBytes(k) + m.bytes();
    return b;
  }

  splitCounts(): SplitCounts {
    let by = 0;
    for (const m of this.partitions.values()) by += m.distinct;
    return { by, over: this.members.size, partition: this.plan.partitionFieldName ? this.partitions.size : 0 };
  }

  snapshot(): RareDetectorState {
    return {
      version: 1,
      partitions: [...this.partitions.entries()].map(([k, m]) => [k, m.snapshot()]),
      pairs: [...this.pairs],
      members: this.members.snapshot(),
    };
  }
}
