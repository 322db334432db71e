/**
 * Test helper: deterministic synthetic event streams (seeded PRNG, no clock).
 */
import type { EventRecord } from '../../types';
import { mulberry32 } from '../../maths/seededRandom';

export const seededRandom = mulberry32;

/** Poisson variate by inversion (fine for the small means of tests). */
export function poisson(rand: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > l) { k++; p *= rand(); }
  return k;
}

export const SPAN_MS = 300_000;
export const T0 = Date.UTC(2024, 0, 1);

export interface HostPlan {
  host: string;
  /** Mean events per bucket. */
  rate: number;
  /** Bucket index → events in that bucket instead of a Poisson draw. */
  overrides?: Record<number, number>;
  /** Each event's `bytes` value: mean and spread; bucket → value override. */
  bytes?: { mean: number; sd: number; overrides?: Record<number, number> };
}

/** Events of several hosts over `buckets` 5-minute buckets, in time order. */
export function hostEvents(hosts: HostPlan[], buckets: number, seed = 1): EventRecord[] {
  const rand = seededRandom(seed);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    const inBucket: EventRecord[] = [];
    for (const h of hosts) {
      const n = h.overrides?.[b] ?? poisson(rand, h.rate);
      for (let i = 0; i < n; i++) {
        const fields: EventRecord['fields'] = { host: h.host };
        if (h.bytes) {
          const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
          fields.bytes = h.bytes.overrides?.[b] ?? h.bytes.mean + h.bytes.sd * g;
        }
        inBucket.push({ time: T0 + b * SPAN_MS + Math.floor(rand() * SPAN_MS), fields });
      }
    }
    inBucket.sort((x, y) => x.time - y.time);
    out.push(...inBucket);
  }
  return out;
}
