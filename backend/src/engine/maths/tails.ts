/**
 * Tail probabilities and log densities of the residual candidates (normal, log-normal, gamma, Poisson),
 * each parametrised by its mean and variance so all candidates share one pair of moments.
 * Results are written into a small reusable object to avoid allocation per call.
 */
import { logNormalDensity, normalLowerTail, normalUpperTail } from './normal';
import { gammaP, gammaQ, logGamma } from './gamma';

export interface TailResult {
  /** P(X <= x). */
  lower: number;
  /** P(X >= x). */
  upper: number;
  /** log density (or log mass for Poisson) at x. */
  logDensity: number;
}

export function newTailResult(): TailResult {
  return { lower: 1, upper: 1, logDensity: 0 };
}

export function normalTails(x: number, mean: number, variance: number, out: TailResult): void {
  const sd = Math.sqrt(variance);
  const z = (x - mean) / sd;
  out.lower = normalLowerTail(z);
  out.upper = normalUpperTail(z);
  out.logDensity = logNormalDensity(z) - Math.log(sd);
}

/** Log-normal with the given mean (> 0) and variance, for x > 0. */
export function logNormalTails(x: number, mean: number, variance: number, out: TailResult): void {
  if (!(x > 0)) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const s2 = Math.log1p(variance / (mean * mean));
  const s = Math.sqrt(s2);
  const mu = Math.log(mean) - 0.5 * s2;
  const lx = Math.log(x);
  const z = (lx - mu) / s;
  out.lower = normalLowerTail(z);
  out.upper = normalUpperTail(z);
  out.logDensity = logNormalDensity(z) - Math.log(s) - lx;
}

/** Gamma with the given mean (> 0) and variance; tails by the Wilson–Hilferty cube-root transform. */
export function gammaTails(x: number, mean: number, variance: number, out: TailResult): void {
  if (!(x > 0)) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const shape = (mean * mean) / variance;
  const scale = variance / mean;
  const v = 1 / (9 * shape);
  const z = (Math.cbrt(x / mean) - (1 - v)) / Math.sqrt(v);
  out.lower = normalLowerTail(z);
  out.upper = normalUpperTail(z);
  out.logDensity = (shape - 1) * Math.log(x) - x / scale - logGamma(shape) - shape * Math.log(scale);
}

/** Wilson–Hilferty z of Gamma(shape, 1) at x: P(G <= x) ≈ Φ(z) (used for large Poisson means). */
function gammaUnitZ(shape: number, x: number): number {
  const v = 1 / (9 * shape);
  return (Math.cbrt(x / shape) - (1 - v)) / Math.sqrt(v);
}

/**
 * Poisson with mean `lambda` (> 0) at a count x >= 0 (non-integers are rounded to the nearest count).
 * P(X >= k) = P(k, λ) and P(X <= k) = Q(k + 1, λ) in terms of regularised incomplete gamma functions.
 */
export function poissonTails(x: number, lambda: number, out: TailResult): void {
  if (x < -0.5) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const k = Math.max(0, Math.round(x));
  const exact = lambda < 50;
  out.upper = k === 0 ? 1 : exact ? gammaP(k, lambda) : normalLowerTail(gammaUnitZ(k, lambda));
  out.lower = exact ? gammaQ(k + 1, lambda) : normalUpperTail(gammaUnitZ(k + 1, lambda));
  if (!(out.lower > 0)) out.lower = Number.MIN_VALUE;
  if (!(out.upper > 0)) out.upper = Number.MIN_VALUE;
  out.logDensity = k * Math.log(lambda) - lambda - logGamma(k + 1);
}
