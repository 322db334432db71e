/**
 * Tail probabilities and log densities of the residual candidates (normal, log-normal, gamma, Poisson),
 * each parametrised by its mean and variance so all candidates share one pair of moments.
 * Results are written into a small reusable object to avoid allocation per call.
 */
import { logNormalDensity, normalLowerTail, normalUpperTail } from './normal';
import { logGamma } from './gamma';

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

export function normalTails(x: number, mean: number, variance: number, out: TailResult, tails = true): void {
  const sd = Math.sqrt(variance);
  const z = (x - mean) / sd;
  if (tails) {
    out.lower = normalLowerTail(z);
    out.upper = normalUpperTail(z);
  }
  out.logDensity = logNormalDensity(z) - 0.5 * Math.log(variance);
}

/** Log-normal with the given mean (> 0) and variance, for x > 0. */
export function logNormalTails(x: number, mean: number, variance: number, out: TailResult, tails = true): void {
  if (!(x > 0)) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const s2 = Math.log1p(variance / (mean * mean));
  const s = Math.sqrt(s2);
  const mu = Math.log(mean) - 0.5 * s2;
  const lx = Math.log(x);
  const z = (lx - mu) / s;
  if (tails) {
    out.lower = normalLowerTail(z);
    out.upper = normalUpperTail(z);
  }
  out.logDensity = logNormalDensity(z) - 0.5 * Math.log(s2) - lx;
}

/**
 * Gamma with the given mean (> 0) and variance, by the Wilson–Hilferty cube-root transform: (x/mean)^(1/3)
 * is close to normal with mean 1 − v and variance v, v = 1 / (9 · shape). The density is that normal's
 * density times the derivative of the transform.
 */
export function gammaTails(x: number, mean: number, variance: number, out: TailResult, tails = true): void {
  if (!(x > 0)) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const v = variance / (9 * mean * mean);
  const sv = Math.sqrt(v);
  const c = Math.cbrt(x / mean);
  const z = (c - (1 - v)) / sv;
  if (tails) {
    out.lower = normalLowerTail(z);
    out.upper = normalUpperTail(z);
  }
  // dz/dx = c / (3 x sv)
  out.logDensity = logNormalDensity(z) + Math.log(c / (3 * x * sv));
}

/** Wilson–Hilferty z of Gamma(shape, 1) at x: P(G <= x) ≈ Φ(z) (used for large Poisson means). */
function gammaUnitZ(shape: number, x: number): number {
  const v = 1 / (9 * shape);
  return (Math.cbrt(x / shape) - (1 - v)) / Math.sqrt(v);
}

/**
 * Poisson with mean `lambda` (> 0) at a count x >= 0 (non-integers are rounded to the nearest count).
 * For means below 50 the smaller tail is summed term by term from the mass at k (exact, and accurate far
 * out), the other is 1 − that + P(k); above 50 both use P(X >= k) = P(Gamma(k) <= λ) by Wilson–Hilferty.
 */
export function poissonTails(x: number, lambda: number, out: TailResult, tails = true): void {
  if (x < -0.5) {
    out.lower = Number.MIN_VALUE; out.upper = 1; out.logDensity = -745;
    return;
  }
  const k = Math.max(0, Math.round(x));
  const logMass = k * Math.log(lambda) - lambda - logGamma(k + 1);
  out.logDensity = logMass;
  if (!tails) return;
  if (lambda >= 50) {
    out.upper = k === 0 ? 1 : normalLowerTail(gammaUnitZ(k, lambda));
    out.lower = normalUpperTail(gammaUnitZ(k + 1, lambda));
  } else {
    const mass = Math.exp(logMass);
    let sum = mass;
    let term = mass;
    if (k >= lambda) {
      for (let i = k + 1; i < k + 1000; i++) {
        term *= lambda / i;
        sum += term;
        if (term < sum * 1e-17) break;
      }
      out.upper = sum;
      out.lower = 1 - sum + mass;
    } else {
      for (let i = k; i > 0; i--) {
        term *= i / lambda;
        sum += term;
        if (term < sum * 1e-17) break;
      }
      out.lower = sum;
      out.upper = 1 - sum + mass;
    }
  }
  out.lower = Math.min(1, Math.max(out.lower, Number.MIN_VALUE));
  out.upper = Math.min(1, Math.max(out.upper, Number.MIN_VALUE));
}
