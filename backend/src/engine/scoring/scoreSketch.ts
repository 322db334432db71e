/**
 * A decayed histogram sketch of raw scores (0..100) on a log scale: one bin for zero, then BINS bins
 * per the range 1e-6 .. 100 (25 per decade). Gives the percentile of a score and quantiles.
 */

export const SKETCH_BINS = 200;
const LOG_MIN = -6;
const LOG_MAX = 2;
const PER_UNIT = SKETCH_BINS / (LOG_MAX - LOG_MIN);

/** Bin of a raw score: 0 for zero (or below 1e-6), 1..SKETCH_BINS otherwise. */
export function binOf(score: number): number {
  if (!(score > 1e-6)) return 0;
  const u = (Math.log10(Math.min(score, 100)) - LOG_MIN) * PER_UNIT;
  return Math.min(SKETCH_BINS, 1 + Math.floor(u));
}

/** Lower edge of a bin (>= 1) in raw-score units. */
function binLow(bin: number): number {
  return Math.pow(10, LOG_MIN + (bin - 1) / PER_UNIT);
}

/** Fraction (0..1) of a score's way through its bin. */
function withinBin(score: number, bin: number): number {
  const lo = binLow(bin);
  const hi = binLow(bin + 1);
  return Math.max(0, Math.min(1, (Math.min(score, 100) - lo) / (hi - lo)));
}

/** Percentile (0..100) of `score` among the weighted samples in `counts` (length SKETCH_BINS + 1). */
export function percentileOf(counts: Float64Array, total: number, score: number): number {
  if (!(total > 0)) return 100;
  const bin = binOf(score);
  if (bin === 0) return 0;
  let below = 0;
  for (let i = 0; i < bin; i++) below += counts[i];
  below += counts[bin] * withinBin(score, bin);
  return 100 * Math.min(1, below / total);
}

/** The raw score at percentile q (0..100). */
export function quantileOf(counts: Float64Array, total: number, q: number): number {
  if (!(total > 0)) return 0;
  const target = (q / 100) * total;
  let acc = 0;
  for (let i = 0; i <= SKETCH_BINS; i++) {
    const next = acc + counts[i];
    if (next >= target && counts[i] > 0) {
      if (i === 0) return 0;
      const f = (target - acc) / counts[i];
      return binLow(i) + f * (binLow(i + 1) - binLow(i));
    }
    acc = next;
  }
  return 100;
}
