/**
 * Building a record candidate from a scored value: the influencer test on its bucket's records.
 */
import type { SeriesBucket } from '../detectors/bucketGatherer';
import type { FeatureName, Side } from '../detectors/functionCatalog';
import { influencingValues } from '../detectors/influence';
import type { SidedProbability } from '../detectors/tailProbability';
import type { SplitValues } from '../bucketing/seriesSplit';
import type { InfluenceHit, RecordCandidate } from './detectorTypes';

export interface ScoredValue {
  detectorIndex: number;
  seriesOrder: number;
  functionDescription: string;
  split: SplitValues;
  partitionKey: string;
  feature: FeatureName;
  side: Side;
  emptyIsZero: boolean;
  actual: number;
  typical: number;
  lower: number;
  upper: number;
  probs: SidedProbability;
}

/** The candidate with the influencers of `sb` whose removal would (partly) remove the anomaly. */
export function recordCandidate(v: ScoredValue, sb: SeriesBucket | undefined, influencers: string[]): RecordCandidate {
  const influences: InfluenceHit[] = [];
  if (sb?.infl) {
    const band = { typical: v.typical, lower: v.lower, upper: v.upper };
    for (const field of influencers) {
      const groups = sb.infl.get(field);
      if (!groups) continue;
      for (const hit of influencingValues(groups, sb.acc, v.actual, band, { feature: v.feature, side: v.side, emptyIsZero: v.emptyIsZero })) {
        influences.push({ field, value: hit.value, influence: hit.influence });
      }
    }
  }
  return {
    detectorIndex: v.detectorIndex, seriesOrder: v.seriesOrder, functionDescription: v.functionDescription,
    split: v.split, partitionKey: v.partitionKey, actual: v.actual, typical: v.typical, lower: v.lower,
    upper: v.upper, probs: v.probs, influences,
  };
}
