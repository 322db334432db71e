/**
 * How often values (population members, attributes) appear: in how many of the detector's buckets
 * with data each value was seen. Backs `exclude_frequent` and the over-field count.
 */
import { seriesOverheadBytes } from './memoryBudget';

/** A value seen in more than this fraction of buckets (after MIN_BUCKETS) is frequent. */
export const FREQUENT_FRACTION = 0.5;
export const MIN_BUCKETS = 20;

export interface FrequencyTrackerState {
  buckets: number;
  values: string[];
  counts: number[];
  last: number[];
}

export class FrequencyTracker {
  private buckets = 0;
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private counts: number[] = [];
  private last: number[] = [];
  private keyBytes = 0;

  get size(): number {
    return this.values.length;
  }

  has(v: string): boolean {
    return this.index.has(v);
  }

  /** Note v in the current bucket (counted once per bucket). */
  see(v: string): void {
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(v, i);
      this.values.push(v);
      this.counts.push(0);
      this.last.push(-1);
      this.keyBytes += seriesOverheadBytes(v);
    }
    if (this.last[i] !== this.buckets) {
      this.last[i] = this.buckets;
      this.counts[i]++;
    }
  }

  endBucket(): void {
    this.buckets++;
  }

  /** Buckets in which v appeared. */
  countOf(v: string): number {
    const i = this.index.get(v);
    return i === undefined ? 0 : this.counts[i];
  }

  isFrequent(v: string): boolean {
    return this.buckets >= MIN_BUCKETS && this.countOf(v) > FREQUENT_FRACTION * this.buckets;
  }

  bytes(): number {
    return this.keyBytes + 16 * this.values.length;
  }

  snapshot(): FrequencyTrackerState {
    return { buckets: this.buckets, values: [...this.values], counts: [...this.counts], last: [...this.last] };
  }

  static restore(s: FrequencyTrackerState): FrequencyTracker {
    const t = new FrequencyTracker();
    s.values.forEach((v, i) => {
      t.index.set(v, i);
      t.values.push(v);
      t.keyBytes += seriesOverheadBytes(v);
    });
    t.counts = [...s.counts];
    t.last = [...s.last];
    t.buckets = s.buckets;
    return t;
  }
}
