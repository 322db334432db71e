/**
 * CategoryCounts: how often each value of a categorical field has occurred within one partition, for
 * the rare family of functions.
 *
 * An occurrence is a unit the detector chooses: a bucket in which the value appeared (individual
 * rare), or a member of the population that used the value (population rare, freq_rare). With
 * T occurrences over K distinct values, a value about to occur is scored by the probability of seeing
 * something at least as rare:
 *   P(new value) = (N1 + 1/2) / (A + 1)  (Good–Turing: N1 values seen exactly once, A all appearances of
 *                                         values so far: T for individual rare, every member-bucket use
 *                                         for population rare; a stream that keeps bringing one-off values
 *                                         makes new values unremarkable)
 *   P(v with c occurrences) = P(new) + (1 − P(new)) · Σ_{u: c_u ≤ c} c_u / T
 * so a value that appears where new values are common is not rare, and the most common value scores 1.
 * Second, the value's occurrences are compared with the other values' (how many buckets or members
 * each value has had): y = ln(count + 1/2) of the K values is modelled as normal (variance at least
 * 1/4, widened by 1 + 2/K for few values), and the value, counted with this occurrence, gets
 * P(Y <= ln(c + 1 + 1/2)). A host that has only ever talked to four destinations, each in dozens of
 * buckets, makes a fifth one very improbable; where most values are one-offs, one more is not.
 * The rarity is the smaller of the two.
 * The count variant also scores how many events a value brings to a bucket against its mean events per
 * occurrence (Poisson upper tail). Nothing is scored before `MIN_BUCKETS` buckets of the partition.
 */
import { newTailResult, poissonTails } from '../maths/tails';
import { logNormalUpperTail } from '../maths/normal';

export const RARE_MIN_BUCKETS = 20;
/** Weight of the newest bucket in a value's mean events per occurrence. */
const EVENT_MEAN_RATE = 0.1;
/** Least variance of ln(count) across values. */
const LOG_COUNT_VARIANCE_FLOOR = 0.25;

export interface CategoryCountsState {
  values: string[];
  counts: number[];
  eventMeans: number[];
  total: number;
  appearances: number;
  buckets: number;
}

export class CategoryCounts {
  private readonly index = new Map<string, number>();
  private values: string[] = [];
  private counts: number[] = [];
  private eventMeans: number[] = [];
  total = 0;
  /** Values with exactly one occurrence. */
  singletons = 0;
  /** Appearances of values (a value used in a bucket), the base of P(new value). */
  appearances = 0;
  buckets = 0;
  private sortedCounts: Float64Array | null = null;
  private prefix: Float64Array | null = null;
  private logCountMean = 0;
  private logCountVariance = 0;
  private readonly tail = newTailResult();

  get distinct(): number {
    return this.values.length;
  }

  countOf(v: string): number {
    const i = this.index.get(v);
    return i === undefined ? 0 : this.counts[i];
  }

  /** Mean events per occurrence of v (NaN for a new value). */
  eventMeanOf(v: string): number {
    const i = this.index.get(v);
    return i === undefined ? NaN : this.eventMeans[i];
  }

  isLearning(): boolean {
    return this.buckets < RARE_MIN_BUCKETS;
  }

  /** Probability that a new occurrence is a never-seen value. */
  newValueProbability(): number {
    return Math.min(1, (this.singletons + 0.5) / (this.appearances + 1));
  }

  /** Sort the counts once before a batch of `rarity` queries (the state must not change in between). */
  prepare(): void {
    const sorted = Float64Array.from(this.counts).sort();
    const prefix = new Float64Array(sorted.length + 1);
    for (let i = 0; i < sorted.length; i++) prefix[i + 1] = prefix[i] + sorted[i];
    this.sortedCounts = sorted;
    this.prefix = prefix;
    // Moments of ln(count + 1/2) over the values (recomputed, so a restored state gives the same bits).
    let s1 = 0;
    let s2 = 0;
    for (const c of this.counts) {
      const y = Math.log(c + 0.5);
      s1 += y;
      s2 += y * y;
    }
    const k = this.counts.length;
    this.logCountMean = k > 0 ? s1 / k : 0;
    this.logCountVariance = k > 0 ? Math.max(0, s2 / k - this.logCountMean * this.logCountMean) : 0;
  }

  /** P(an occurrence at least as rare as a value with `c` occurrences so far); 1 while learning. */
  rarity(c: number): number {
    if (this.isLearning() || this.total === 0) return 1;
    if (!this.sortedCounts) this.prepare();
    const pNew = this.newValueProbability();
    let empirical = pNew;
    if (c > 0) {
      const sorted = this.sortedCounts!;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= c) lo = mid + 1; else hi = mid;
      }
      empirical = Math.min(1, pNew + (1 - pNew) * (this.prefix![lo] / this.total));
    }
    const k = this.counts.length;
    if (k < 2) return empirical;
    const sd = Math.sqrt(Math.max(this.logCountVariance, LOG_COUNT_VARIANCE_FLOOR) * (1 + 2 / k));
    const z = (Math.log(c + 1.5) - this.logCountMean) / sd;
    const pDist = Math.max(Math.exp(logNormalUpperTail(-z)), Number.MIN_VALUE);
    return Math.min(empirical, pDist);
  }

  /** P(at least `events` events in a bucket) for a value with its mean events per occurrence; 1 when unknown. */
  eventCountProbability(v: string, events: number): number {
    if (this.isLearning()) return 1;
    const i = this.index.get(v);
    if (i === undefined || this.counts[i] < 5) return 1;
    poissonTails(events, Math.max(this.eventMeans[i], 1e-3), this.tail);
    return events > this.eventMeans[i] ? this.tail.upper : 1;
  }

  /** Record `units` new occurrences of v carrying `events` events in `appearances` appearances
   *  (default: one per unit). Returns true when v is new. */
  add(v: string, units: number, events: number, appearances = units): boolean {
    let i = this.index.get(v);
    const isNew = i === undefined;
    if (i === undefined) {
      i = this.values.length;
      this.index.set(v, i);
      this.values.push(v);
      this.counts.push(0);
      this.eventMeans.push(events);
    } else {
      this.eventMeans[i] += EVENT_MEAN_RATE * (events - this.eventMeans[i]);
    }
    const before = this.counts[i];
    this.counts[i] += units;
    if (before !== 1 && this.counts[i] === 1) this.singletons++;
    else if (before === 1 && this.counts[i] !== 1) this.singletons--;
    this.total += units;
    this.appearances += appearances;
    this.sortedCounts = null;
    return isNew;
  }

  endBucket(): void {
    this.buckets++;
  }

  bytes(): number {
    let b = 64;
    for (const v of this.values) b += 2 * v.length + 48;
    return b;
  }

  snapshot(): CategoryCountsState {
    return {
      values: [...this.values], counts: [...this.counts], eventMeans: [...this.eventMeans], total: this.total,
      appearances: this.appearances, buckets: this.buckets,
    };
  }

  static restore(s: CategoryCountsState): CategoryCounts {
    const c = new CategoryCounts();
    s.values.forEach((v, i) => c.index.set(v, i));
    c.values = [...s.values];
    c.counts = [...s.counts];
    c.eventMeans = [...s.eventMeans];
    c.total = s.total;
    c.appearances = s.appearances;
    c.singletons = s.counts.filter((n) => n === 1).length;
    c.buckets = s.buckets;
    return c;
  }
}
