/**
 * Turns an engine's bucket results into NAB's one-score-per-row (conventions §9): each row gets
 * the highest score (0-100) of results in the bucket containing it, divided by 100; 0 when none.
 */
import { nabTimestampMs } from './corpus';
import type { NabRow } from './types';

export interface BucketScore {
  /** Bucket start, epoch ms. */
  timestamp: number;
  /** 0-100 (e.g. record_score or anomaly_score). */
  score: number;
}

export function rowScoresFromBuckets(rows: readonly NabRow[], buckets: Iterable<BucketScore>, bucketSpanMs: number): Float64Array {
  if (!(bucketSpanMs > 0)) throw new Error(`bucket span must be positive, got ${bucketSpanMs}`);
  const byStart = new Map<number, number>();
  for (const b of buckets) {
    const prev = byStart.get(b.timestamp);
    if (prev === undefined || b.score > prev) byStart.set(b.timestamp, b.score);
  }
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const t = nabTimestampMs(r.timestamp);
    const start = Math.floor(t / bucketSpanMs) * bucketSpanMs;
    const s = byStart.get(start) ?? 0;
    out[i] = Math.min(1, Math.max(0, s / 100));
  });
  return out;
}
