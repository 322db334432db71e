/**
 * The probability of one bucket of one series from its single-bucket and multi-bucket features, for the
 * side(s) a detector scores: `both` (two-sided, 2·min of the tails), `high` (upper tail) or `low`.
 * The two features are aggregated by taking the more significant one (a sustained deviation is as
 * anomalous as its multi-bucket probability says, a spike as its single-bucket one).
 */
import type { SeriesObservation } from '../models/types';

export type ScoredSide = 'both' | 'high' | 'low';

function sideProbability(lower: number, upper: number, side: ScoredSide): number {
  if (side === 'high') return upper;
  if (side === 'low') return lower;
  return Math.min(1, 2 * Math.min(lower, upper));
}

export function singleBucketProbability(o: SeriesObservation, side: ScoredSide): number {
  return o.scored ? sideProbability(o.pLower, o.pUpper, side) : 1;
}

export function multiBucketProbability(o: SeriesObservation, side: ScoredSide): number {
  return o.scored ? sideProbability(o.multiBucketPLower, o.multiBucketPUpper, side) : 1;
}

export function seriesProbability(o: SeriesObservation, side: ScoredSide): number {
  return Math.min(singleBucketProbability(o, side), multiBucketProbability(o, side));
}
