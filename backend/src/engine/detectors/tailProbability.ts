/**
 * Which tail a function scores. One-sided functions never flag the other tail
 * (engine-anchors §5 row 16): a high_* result needs actual > typical, a low_* result actual < typical.
 */
import type { SeriesObservation } from '../models/types';
import type { Side } from './functionCatalog';

export interface SidedProbability {
  /** Probability of the single-bucket value on the scored tail(s). */
  single: number;
  /** Same for the multi-bucket feature. */
  multi: number;
  /** The probability the record carries: the smaller of the two. */
  p: number;
}

function clamp01(p: number): number {
  return p > 1 ? 1 : p > 0 ? p : Number.MIN_VALUE;
}

/** Sided probabilities of an observation of `actual`. Unscored observations give 1. */
export function sidedProbability(side: Side, actual: number, obs: SeriesObservation): SidedProbability {
  if (!obs.scored) return { single: 1, multi: 1, p: 1 };
  let single: number;
  let multi: number;
  if (side === 'high') {
    single = actual > obs.typical ? obs.pUpper : 1;
    multi = obs.multiBucketPUpper;
  } else if (side === 'low') {
    single = actual < obs.typical ? obs.pLower : 1;
    multi = obs.multiBucketPLower;
  } else {
    single = 2 * Math.min(obs.pLower, obs.pUpper);
    multi = 2 * Math.min(obs.multiBucketPLower, obs.multiBucketPUpper);
  }
  // The multi-bucket feature only supports a record on the function's side of typical.
  if ((side === 'high' && !(actual > obs.typical)) || (side === 'low' && !(actual < obs.typical))) multi = 1;
  single = clamp01(single);
  multi = clamp01(multi);
  return { single, multi, p: Math.min(single, multi) };
}

/** spike when the actual value is above typical, else dip. */
export function anomalyType(actual: number, typical: number): 'spike' | 'dip' {
  return actual > typical ? 'spike' : 'dip';
}
