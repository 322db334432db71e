/**
 * Time bucketing with a latency window for out-of-order events.
 *
 * Events fall into buckets [start, start + span). A bucket is final once an event at or after
 * its end + latency arrives, or on `finaliseUntil` / `finaliseAll`. Events whose bucket is already
 * final are late: they are counted (`lateCount`), never silently dropped. Finalisation emits every
 * bucket in order from the first event's bucket on, empty ones included (count functions need the 0s),
 * except across a gap: when the next bucket holding events lies more than `maxGapBuckets` buckets after
 * the next bucket to finalise, the empty buckets between are not materialised. Time jumps to that bucket
 * and the skip is counted (`skippedBuckets`) and remembered (`skips`, the latest MAX_SKIPS_KEPT), as
 * Elastic's `skip_time` does: memory and time stay bounded whatever the gap.
 */

/** Skips remembered (their count is always exact). */
export const MAX_SKIPS_KEPT = 100;

/** A span of empty buckets that was not materialised: [startMs, endMs). */
export interface SkippedSpan {
  startMs: number;
  endMs: number;
}

export interface BucketerState<S> {
  spanMs: number;
  latencyMs: number;
  /** Start of the first bucket not yet final; null before the first event. */
  nextStart: number | null;
  lateCount: number;
  /** True once a bucket has been finalised (before that, earlier buckets can still open). */
  started: boolean;
  open: Array<[number, S]>;
  /** Empty buckets skipped across gaps, and the latest skips (absent from states written before skips). */
  skippedBuckets?: number;
  skips?: SkippedSpan[];
}

export class Bucketer<P> {
  /** Start of the first bucket not yet final; null before the first event. */
  nextStart: number | null = null;
  lateCount = 0;
  /** Gaps of more empty buckets than this are skipped (not materialised); Infinity: never. */
  maxGapBuckets = Infinity;
  skippedBuckets = 0;
  readonly skips: SkippedSpan[] = [];
  private started = false;
  private readonly open = new Map<number, P>();

  constructor(
    readonly spanMs: number,
    readonly latencyMs: number,
    private readonly createPayload: (startMs: number) => P,
  ) {
    if (!(spanMs > 0)) throw new Error(`bucket span must be positive, got ${spanMs}`);
    if (!(latencyMs >= 0)) throw new Error(`latency must be >= 0, got ${latencyMs}`);
  }

  bucketStart(timeMs: number): number {
    return Math.floor(timeMs / this.spanMs) * this.spanMs;
  }

  /**
   * The open bucket an event at `timeMs` belongs to, or null when the event is late (counted).
   * Call `finaliseBefore(timeMs, …)` after adding the event.
   */
  payloadFor(timeMs: number): P | null {
    const start = this.bucketStart(timeMs);
    if (this.nextStart === null) this.nextStart = start;
    else if (start < this.nextStart) {
      if (this.started) {
        this.lateCount++;
        return null;
      }
      // Nothing is final yet: an out-of-order event may open an earlier bucket.
      this.nextStart = start;
    }
    let p = this.open.get(start);
    if (p === undefined) {
      p = this.createPayload(start);
      this.open.set(start, p);
    }
    return p;
  }

  /** Finalise every bucket whose end + latency <= `timeMs`, in time order. */
  finaliseUntil(timeMs: number, emit: (startMs: number, payload: P | undefined) => void): void {
    if (this.nextStart === null) return;
    // Buckets starting before this one are final at timeMs.
    const firstNotFinal = this.bucketStart(timeMs - this.latencyMs);
    while (this.nextStart + this.spanMs + this.latencyMs <= timeMs) {
      if (!this.skipGap(firstNotFinal)) this.emitNext(emit);
    }
  }

  /** Finalise every open bucket (end of input). */
  finaliseAll(emit: (startMs: number, payload: P | undefined) => void): void {
    if (this.nextStart === null || this.open.size === 0) return;
    let last = -Infinity;
    for (const s of this.open.keys()) if (s > last) last = s;
    while (this.nextStart <= last) {
      if (!this.skipGap(Infinity)) this.emitNext(emit);
    }
  }

  /** Open buckets in time order (for interim results). */
  openBuckets(): Array<[number, P]> {
    return [...this.open.entries()].sort((a, b) => a[0] - b[0]);
  }

  /** The earliest open bucket (all open buckets start at or after nextStart); null when none. */
  private earliestOpen(): number | null {
    let first: number | null = null;
    for (const s of this.open.keys()) if (first === null || s < first) first = s;
    return first;
  }

  private emitNext(emit: (startMs: number, payload: P | undefined) => void): void {
    const start = this.nextStart!;
    const p = this.open.get(start);
    this.open.delete(start);
    this.nextStart = start + this.spanMs;
    this.started = true;
    emit(start, p);
  }

  /**
   * When the next bucket is empty and the next one with events (or `limitMs`, the first bucket not to
   * finalise now) lies more than maxGapBuckets ahead, jump there; true when it jumped.
   */
  private skipGap(limitMs: number): boolean {
    if (this.maxGapBuckets === Infinity || this.open.has(this.nextStart!)) return false;
    const target = Math.min(this.earliestOpen() ?? Infinity, limitMs);
    if (!Number.isFinite(target) || (target - this.nextStart!) / this.spanMs <= this.maxGapBuckets) return false;
    this.skipTo(target);
    return true;
  }

  private skipTo(startMs: number): void {
    this.skippedBuckets += Math.round((startMs - this.nextStart!) / this.spanMs);
    this.skips.push({ startMs: this.nextStart!, endMs: startMs });
    if (this.skips.length > MAX_SKIPS_KEPT) this.skips.shift();
    this.nextStart = startMs;
  }

  snapshot<S>(payloadState: (p: P) => S): BucketerState<S> {
    return {
      spanMs: this.spanMs, latencyMs: this.latencyMs, nextStart: this.nextStart, lateCount: this.lateCount,
      started: this.started, open: this.openBuckets().map(([s, p]) => [s, payloadState(p)]),
      skippedBuckets: this.skippedBuckets, skips: this.skips.map((k) => ({ ...k })),
    };
  }

  static restore<P, S>(state: BucketerState<S>, createPayload: (startMs: number) => P,
    restorePayload: (s: S) => P): Bucketer<P> {
    const b = new Bucketer<P>(state.spanMs, state.latencyMs, createPayload);
    b.nextStart = state.nextStart;
    b.lateCount = state.lateCount;
    b.started = state.started;
    b.skippedBuckets = state.skippedBuckets ?? 0;
    for (const k of state.skips ?? []) b.skips.push({ ...k });
    for (const [s, p] of state.open) b.open.set(s, restorePayload(p));
    return b;
  }
}
