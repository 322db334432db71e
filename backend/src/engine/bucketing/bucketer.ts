/**
 * Time bucketing with a latency window for out-of-order events.
 *
 * Events fall into buckets [start, start + span). A bucket is final once an event at or after
 * its end + latency arrives, or on `finaliseUntil` / `finaliseAll`. Events whose bucket is already
 * final are late: they are counted (`lateCount`), never silently dropped. Finalisation emits every
 * bucket in order from the first event's bucket on, empty ones included (count functions need the 0s).
 */

export interface BucketerState<S> {
  spanMs: number;
  latencyMs: number;
  /** Start of the first bucket not yet final; null before the first event. */
  nextStart: number | null;
  lateCount: number;
  /** True once a bucket has been finalised (before that, earlier buckets can still open). */
  started: boolean;
  open: Array<[number, S]>;
}

export class Bucketer<P> {
  /** Start of the first bucket not yet final; null before the first event. */
  nextStart: number | null = null;
  lateCount = 0;
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
    while (this.nextStart + this.spanMs + this.latencyMs <= timeMs) this.emitNext(emit);
  }

  /** Finalise every open bucket (end of input). */
  finaliseAll(emit: (startMs: number, payload: P | undefined) => void): void {
    if (this.nextStart === null || this.open.size === 0) return;
    let last = -Infinity;
    for (const s of this.open.keys()) if (s > last) last = s;
    while (this.nextStart <= last) this.emitNext(emit);
  }

  /** Open buckets in time order (for interim results). */
  openBuckets(): Array<[number, P]> {
    return [...this.open.entries()].sort((a, b) => a[0] - b[0]);
  }

  private emitNext(emit: (startMs: number, payload: P | undefined) => void): void {
    const start = this.nextStart!;
    const p = this.open.get(start);
    this.open.delete(start);
    this.nextStart = start + this.spanMs;
    this.started = true;
    emit(start, p);
  }

  snapshot<S>(payloadState: (p: P) => S): BucketerState<S> {
    return {
      spanMs: this.spanMs, latencyMs: this.latencyMs, nextStart: this.nextStart, lateCount: this.lateCount,
      started: this.started, open: this.openBuckets().map(([s, p]) => [s, payloadState(p)]),
    };
  }

  static restore<P, S>(state: BucketerState<S>, createPayload: (startMs: number) => P,
    restorePayload: (s: S) => P): Bucketer<P> {
    const b = new Bucketer<P>(state.spanMs, state.latencyMs, createPayload);
    b.nextStart = state.nextStart;
    b.lateCount = state.lateCount;
    b.started = state.started;
    for (const [s, p] of state.open) b.open.set(s, restorePayload(p));
    return b;
  }
}
