/**
 * The residual model of a series: one set of decayed moments (mean, variance) shared by the candidates
 * normal, log-normal, gamma and (for counts) Poisson, weighted by their posterior probabilities
 * (softmax of their decayed predictive log-likelihoods). Log-normal and gamma use an offset so that
 * the smallest value seen stays inside their support.
 */
import { gammaTails, logNormalTails, newTailResult, normalTails, poissonTails } from '../maths/tails';
import { CANDIDATES, F, GAMMA, LOG_NORMAL, NORMAL, POISSON } from './seriesLayout';

/** Predictive variance: the moments' variance inflated for few samples, floored against zero. */
export function predictiveVariance(slab: Float64Array, base: number): number {
  const n = slab[base + F.N];
  const mean = slab[base + F.MEAN];
  const v = slab[base + F.VAR];
  const floor = 1e-12 + (1e-4 * mean) * (1e-4 * mean);
  return Math.max(v, floor) * (1 + 2 / Math.max(n, 1));
}

/** Offset added to values before log-normal and gamma see them. */
export function positiveOffset(slab: Float64Array, base: number, variance: number): number {
  return Math.max(0, 0.1 * Math.sqrt(variance) - slab[base + F.MIN]);
}

/** Scratch results of one evaluation (reused, no allocation per call). */
export class MixtureEvaluation {
  readonly logLik = new Float64Array(CANDIDATES);
  readonly available = new Uint8Array(CANDIDATES);
  readonly weight = new Float64Array(CANDIDATES);
  pLower = 1;
  pUpper = 1;
  private readonly tail = newTailResult();

  /**
   * Evaluate value `y` against the residual model of the series at `base` centred at `mean` (the level,
   * or the trend's prediction), with variance scaled by `varScale`.
   */
  evaluate(slab: Float64Array, base: number, y: number, mean: number, varScale: number, isCount: boolean): void {
    const variance = predictiveVariance(slab, base) * varScale;
    const offset = positiveOffset(slab, base, variance);
    const shifted = mean + offset;
    const t = this.tail;
    this.available.fill(0);
    let maxLog = -Infinity;
    for (let c = 0; c < CANDIDATES; c++) {
      const ok = c === NORMAL || ((c === LOG_NORMAL || c === GAMMA) && shifted > 0) ||
        (c === POISSON && isCount && slab[base + F.MIN] >= 0 && mean > 0);
      if (!ok) continue;
      this.available[c] = 1;
      const lw = slab[base + F.LOGW + c];
      if (lw > maxLog) maxLog = lw;
    }
    let wSum = 0;
    for (let c = 0; c < CANDIDATES; c++) {
      const w = this.available[c] ? Math.exp(slab[base + F.LOGW + c] - maxLog) : 0;
      this.weight[c] = w;
      wSum += w;
    }
    let pl = 0;
    let pu = 0;
    for (let c = 0; c < CANDIDATES; c++) {
      if (!this.available[c]) { this.logLik[c] = 0; continue; }
      const w = this.weight[c] / wSum;
      this.weight[c] = w;
      // A candidate whose weight is negligible still needs its likelihood (to keep its weight honest).
      const tails = w > 1e-30;
      if (c === NORMAL) normalTails(y, mean, variance, t, tails);
      else if (c === LOG_NORMAL) logNormalTails(y + offset, shifted, variance, t, tails);
      else if (c === GAMMA) gammaTails(y + offset, shifted, variance, t, tails);
      else poissonTails(y, mean, t, tails);
      this.logLik[c] = t.logDensity;
      if (tails) {
        pl += w * t.lower;
        pu += w * t.upper;
      }
    }
    this.pLower = Math.min(1, Math.max(pl, Number.MIN_VALUE));
    this.pUpper = Math.min(1, Math.max(pu, Number.MIN_VALUE));
  }
}

/** The 95 % interval [lower, upper] of the most probable candidate; written into `out` (length 2). */
export function interval95(
  slab: Float64Array, base: number, mean: number, varScale: number, best: number, out: Float64Array,
): void {
  const variance = predictiveVariance(slab, base) * varScale;
  const z = 1.959963984540054;
  if (best === LOG_NORMAL || best === GAMMA) {
    const offset = positiveOffset(slab, base, variance);
    const m = mean + offset;
    if (best === LOG_NORMAL) {
      const s2 = Math.log1p(variance / (m * m));
      const mu = Math.log(m) - 0.5 * s2;
      out[0] = Math.exp(mu - z * Math.sqrt(s2)) - offset;
      out[1] = Math.exp(mu + z * Math.sqrt(s2)) - offset;
    } else {
      const v = variance / (9 * m * m);
      const sv = Math.sqrt(v);
      out[0] = m * Math.pow(Math.max(0, 1 - v - z * sv), 3) - offset;
      out[1] = m * Math.pow(1 - v + z * sv, 3) - offset;
    }
    return;
  }
  if (best === POISSON) {
    const sd = Math.sqrt(mean);
    out[0] = Math.max(0, Math.floor(mean - z * sd));
    out[1] = Math.ceil(mean + z * sd);
    return;
  }
  const sd = Math.sqrt(variance);
  out[0] = mean - z * sd;
  out[1] = mean + z * sd;
}
