/**
 * Probability -> raw anomaly score (engine-anchors §1.4(2)): 0 for p >= 0.05, linear in 1/p up to 1 at
 * p = 1e-4, linear in -log p up to 50 at p = 1e-50, then up to 100 at the smallest normal double.
 */

const P_LARGEST_SCORED = 0.05;
const P_SCORE_ONE = 1e-4;
const P_SCORE_FIFTY = 1e-50;
const P_SMALLEST = 2.2250738585072014e-308;

const LOG_ONE = Math.log(P_SCORE_ONE);
const LOG_FIFTY = Math.log(P_SCORE_FIFTY);
const LOG_SMALLEST = Math.log(P_SMALLEST);

export function rawScore(probability: number): number {
  if (!(probability < P_LARGEST_SCORED)) return 0;
  const p = Math.max(probability, P_SMALLEST);
  if (p >= P_SCORE_ONE) return (1 / p - 1 / P_LARGEST_SCORED) / (1 / P_SCORE_ONE - 1 / P_LARGEST_SCORED);
  const lp = Math.log(p);
  if (p >= P_SCORE_FIFTY) return 1 + 49 * (LOG_ONE - lp) / (LOG_ONE - LOG_FIFTY);
  return Math.min(100, 50 + 50 * (LOG_FIFTY - lp) / (LOG_FIFTY - LOG_SMALLEST));
}

/** The probability whose raw score is `score` (inverse of rawScore on (0, 100]); 1 for a score of 0. */
export function probabilityOfRawScore(score: number): number {
  if (!(score > 0)) return 1;
  if (score <= 1) return 1 / (1 / P_LARGEST_SCORED + score * (1 / P_SCORE_ONE - 1 / P_LARGEST_SCORED));
  if (score <= 50) return Math.exp(LOG_ONE - (score - 1) * (LOG_ONE - LOG_FIFTY) / 49);
  return Math.exp(LOG_FIFTY - Math.min(score - 50, 50) * (LOG_FIFTY - LOG_SMALLEST) / 50);
}
