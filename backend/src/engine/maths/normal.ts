/**
 * The standard normal distribution: tails that stay accurate far out (down to about 1e-300),
 * their logarithms, and the quantile function.
 */

/**
 * log(erfc(x)) for x >= 0 by a Chebyshev fit of erfc(x)·exp(x²) (fractional error < 1.2e-7 everywhere),
 * written in log form so that it does not underflow for large x.
 */
function logErfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** erfc(x) for any real x. */
export function erfc(x: number): number {
  if (x >= 0) return Math.exp(logErfcNonNegative(x));
  return 2 - Math.exp(logErfcNonNegative(-x));
}

/** log P(Z >= z) for a standard normal Z. */
export function logNormalUpperTail(z: number): number {
  if (z >= 0) return logErfcNonNegative(z * Math.SQRT1_2) - Math.LN2;
  return Math.log1p(-0.5 * Math.exp(logErfcNonNegative(-z * Math.SQRT1_2)));
}

/** P(Z >= z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return Math.exp(logNormalUpperTail(z));
}

/** P(Z <= z) for a standard normal Z. */
export function normalLowerTail(z: number): number {
  return Math.exp(logNormalUpperTail(-z));
}

/** log of the standard normal density. */
export function logNormalDensity(z: number): number {
  return -0.5 * z * z - 0.9189385332046727;
}

/**
 * Quantile of the standard normal (inverse CDF), by a rational approximation with relative error
 * about 1e-9 after one Newton step (P. J. Acklam's coefficients).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return -Infinity;
  if (!(p < 1)) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
    -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}
