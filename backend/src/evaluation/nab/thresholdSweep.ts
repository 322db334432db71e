/**
 * NAB's threshold optimisation (nab-scoring.md §5): one θ per profile over all files together. Pure.
 * Sweeps the pooled scored rows from the highest anomaly score down; each distinct score is a
 * candidate θ, valued at Σ per-window best S(t) (or −fnW when undetected) + Σ S(t) of FPs.
 */
import type { PreparedNabFile } from './fileScore';
import type { NabProfile } from './types';

export interface ThresholdCandidate {
  threshold: number;
  score: number;
}

/** The best threshold; ties keep the higher θ. `1.1` with score −fnW·N means "detect nothing". */
export function optimiseThreshold(files: readonly PreparedNabFile[], profile: NabProfile): ThresholdCandidate {
  const candidates = thresholdCandidates(files, profile);
  let best = candidates[0];
  for (const c of candidates) if (c.score > best.score) best = c;
  return best;
}

/** Every candidate threshold with the raw corpus score it gives, from 1.1 down to the lowest score. */
export function thresholdCandidates(files: readonly PreparedNabFile[], profile: NabProfile): ThresholdCandidate[] {
  // Pool scored rows: (anomaly score, S(t), global window id or −1).
  let total = 0;
  for (const f of files) total += Math.max(0, f.weights.length - f.firstScored);
  const score = new Float64Array(total);
  const weight = new Float64Array(total);
  const window = new Int32Array(total);
  const windowBase: number[] = [];
  let windowIds = 0;
  let r = 0;
  for (const f of files) {
    windowBase.push(windowIds);
    let maxK = -1;
    for (let i = f.firstScored; i < f.weights.length; i++) {
      const k = f.windowOf[i];
      score[r] = f.scores[i];
      weight[r] = f.weights[i];
      window[r] = k >= 0 ? windowIds + k : -1;
      if (k > maxK) maxK = k;
      r++;
    }
    windowIds += maxK + 1; // windows with no scored row never appear in the pool
  }
  // parts: fp sum plus, per window seen in the pool, its best S(t) so far (starting at −fnW).
  const parts = new Float64Array(windowIds).fill(-profile.fnWeight);
  const inPool = new Uint8Array(windowIds);
  for (let j = 0; j < total; j++) if (window[j] >= 0) inPool[window[j]] = 1;

  const order = Array.from({ length: total }, (_, j) => j);
  order.sort((a, b) => score[b] - score[a] || a - b);

  // Sum the parts afresh for each candidate, fp first then windows in file order, as upstream
  // does (sum of a dict's values), so near-ties resolve the same way.
  const sumParts = (fp: number): number => {
    let s = 0 + fp;
    for (let k = 0; k < windowIds; k++) if (inPool[k]) s += parts[k];
    return s;
  };
  let fpSum = 0;
  const out: ThresholdCandidate[] = [];
  let cur = 1.1;
  for (const j of order) {
    if (score[j] !== cur) {
      out.push({ threshold: cur, score: sumParts(fpSum) });
      cur = score[j];
    }
    const k = window[j];
    if (k < 0) fpSum += weight[j];
    else if (weight[j] > parts[k]) parts[k] = weight[j];
  }
  out.push({ threshold: cur, score: sumParts(fpSum) });
  return out;
}
