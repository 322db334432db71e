/** The time grid of a swimlane: aligned start, cell width and cell count. */
export interface TimeGrid {
  start: number;
  intervalMs: number;
  bucketCount: number;
}

const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;

/** Smallest positive gap between distinct timestamps (bucket starts are multiples of the bucket span). */
export function inferInterval(times: number[]): number {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let best = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    best = Math.min(best, sorted[i] - sorted[i - 1]);
  }
  return Number.isFinite(best) && best > 0 ? best : DEFAULT_INTERVAL_MS;
}

/**
 * Cells of `baseInterval` aligned to epoch multiples, covering the time range (or the data when there is none);
 * widened to a whole multiple of the base so that at most `maxBuckets` cells remain.
 */
export function planBuckets(
  times: number[],
  baseInterval: number,
  maxBuckets: number,
  range?: { from: number; to: number }
): TimeGrid {
  let lo = range?.from;
  let hi = range?.to;
  if (lo === undefined || hi === undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (const t of times) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (!Number.isFinite(min)) {
      return { start: 0, intervalMs: baseInterval, bucketCount: 0 };
    }
    lo = min;
    hi = max + baseInterval;
  }
  const span = Math.max(hi - lo, 1);
  const factor = Math.max(1, Math.ceil(span / baseInterval / Math.max(1, maxBuckets)));
  let interval = baseInterval * factor;
  let start = Math.floor(lo / interval) * interval;
  let bucketCount = Math.ceil((hi - start) / interval);
  if (bucketCount > maxBuckets) {
    // alignment added one cell past the limit
    interval = baseInterval * (factor + 1);
    start = Math.floor(lo / interval) * interval;
    bucketCount = Math.ceil((hi - start) / interval);
  }
  return { start, intervalMs: interval, bucketCount: Math.max(bucketCount, 1) };
}
