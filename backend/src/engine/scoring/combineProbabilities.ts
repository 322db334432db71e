/**
 * Aggregation of several probabilities into one (engine-anchors §1.4(3)): the geometric mean, with
 * weights, of the joint probability of the set (Fisher's method: P(χ²_{2n} >= -2 Σ log p)) and the
 * probability of the most extreme member among n (1 − (1 − p_min)^n).
 */

export interface AggregationStyle {
  jointWeight: number;
  extremeWeight: number;
}

/** The detector-level style: half joint, half extreme. */
export const DETECTOR_STYLE: AggregationStyle = { jointWeight: 0.5, extremeWeight: 0.5 };

/** log P(χ²_{2n} >= 2x) = log(e^{-x} Σ_{k<n} x^k / k!), computed stably in log space. */
export function logJointProbability(sumLogP: number, n: number): number {
  const x = -sumLogP;
  if (n <= 0 || x <= 0) return 0;
  // log of Σ_{k<n} x^k/k! by log-sum-exp over the terms.
  let logTerm = 0;
  let maxLog = 0;
  const terms: number[] = [0];
  for (let k = 1; k < n; k++) {
    logTerm += Math.log(x / k);
    terms.push(logTerm);
    if (logTerm > maxLog) maxLog = logTerm;
  }
  let s = 0;
  for (const t of terms) s += Math.exp(t - maxLog);
  return Math.min(0, -x + maxLog + Math.log(s));
}

/** log(1 − (1 − p)^n), stable for small p. */
export function logExtremeProbability(pMin: number, n: number): number {
  if (n <= 1) return Math.log(pMin);
  const logQ = n * Math.log1p(-Math.min(pMin, 1 - 1e-16));
  return Math.log(-Math.expm1(logQ));
}

export function combineProbabilities(ps: number[], style: AggregationStyle = DETECTOR_STYLE): number {
  if (ps.length === 0) return 1;
  let sumLog = 0;
  let pMin = 1;
  for (const p0 of ps) {
    const p = Math.min(1, Math.max(p0, Number.MIN_VALUE));
    sumLog += Math.log(p);
    if (p < pMin) pMin = p;
  }
  const n = ps.length;
  if (n === 1) return Math.min(1, Math.max(pMin, Number.MIN_VALUE));
  const total = style.jointWeight + style.extremeWeight;
  const logP = (style.jointWeight * logJointProbability(sumLog, n) +
    style.extremeWeight * logExtremeProbability(pMin, n)) / total;
  return Math.min(1, Math.max(Math.exp(logP), Number.MIN_VALUE));
}
