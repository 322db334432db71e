import { Bucketer } from './bucketer';

function collect(_b: Bucketer<string[]>): { emitted: Array<[number, string[] | undefined]>; emit: (s: number, p: string[] | undefined) => void } {
  const emitted: Array<[number, string[] | undefined]> = [];
  return { emitted, emit: (s, p) => { emitted.push([s, p]); } };
}

function push(b: Bucketer<string[]>, t: number, tag: string, emit: (s: number, p: string[] | undefined) => void): boolean {
  const p = b.payloadFor(t);
  if (p) p.push(tag);
  b.finaliseUntil(t, emit);
  return p !== null;
}

describe('Bucketer', () => {
  it('puts an event on a bucket edge into the bucket that starts there', () => {
    const b = new Bucketer<string[]>(300_000, 0, () => []);
    expect(b.bucketStart(299_999)).toBe(0);
    expect(b.bucketStart(300_000)).toBe(300_000);
    expect(b.bucketStart(-1)).toBe(-300_000);
  });

  it('with latency 0 finalises a bucket when an event at its end arrives, and counts later events for it as late', () => {
    const b = new Bucketer<string[]>(1000, 0, () => []);
    const { emitted, emit } = collect(b);
    push(b, 100, 'a', emit);
    push(b, 999, 'b', emit);
    expect(emitted).toEqual([]);
    push(b, 1000, 'c', emit);
    expect(emitted).toEqual([[0, ['a', 'b']]]);
    expect(push(b, 500, 'late', emit)).toBe(false);
    expect(b.lateCount).toBe(1);
    b.finaliseAll(emit);
    expect(emitted).toEqual([[0, ['a', 'b']], [1000, ['c']]]);
  });

  it('accepts out-of-order events within the latency window', () => {
    const b = new Bucketer<string[]>(1000, 2000, () => []);
    const { emitted, emit } = collect(b);
    push(b, 100, 'a', emit);
    push(b, 2500, 'b', emit);
    push(b, 900, 'a2', emit); // bucket 0 is still open: its end + latency = 3000 > 2500
    expect(b.lateCount).toBe(0);
    push(b, 3000, 'c', emit); // 0 + 1000 + 2000 <= 3000: bucket 0 final
    expect(emitted).toEqual([[0, ['a', 'a2']]]);
    expect(push(b, 999, 'late', emit)).toBe(false);
    expect(push(b, 1500, 'ok', emit)).toBe(true); // bucket 1000 still open until 4000
    expect(b.lateCount).toBe(1);
    b.finaliseAll(emit);
    expect(emitted.map((e) => e[0])).toEqual([0, 1000, 2000, 3000]);
    expect(emitted[1][1]).toEqual(['ok']);
    expect(emitted[2][1]).toEqual(['b']);
  });

  it('before any bucket is final, an out-of-order event may open an earlier bucket', () => {
    const b = new Bucketer<string[]>(1000, 2000, () => []);
    const { emitted, emit } = collect(b);
    push(b, 1500, 'a', emit);
    expect(push(b, 300, 'early', emit)).toBe(true);
    expect(b.nextStart).toBe(0);
    push(b, 3000, 'c', emit);
    expect(emitted).toEqual([[0, ['early']]]);
    expect(push(b, 999, 'late', emit)).toBe(false);
    expect(b.lateCount).toBe(1);
  });

  it('emits the empty buckets of a gap in order', () => {
    const b = new Bucketer<string[]>(10, 0, () => []);
    const { emitted, emit } = collect(b);
    push(b, 5, 'a', emit);
    push(b, 47, 'b', emit);
    expect(emitted).toEqual([[0, ['a']], [10, undefined], [20, undefined], [30, undefined]]);
  });

  it('finaliseUntil emits buckets whose end + latency <= the given time, even without new events', () => {
    const b = new Bucketer<string[]>(10, 5, () => []);
    const { emitted, emit } = collect(b);
    push(b, 3, 'a', emit);
    b.finaliseUntil(14, emit);
    expect(emitted).toEqual([]);
    b.finaliseUntil(25, emit);
    expect(emitted).toEqual([[0, ['a']], [10, undefined]]);
    expect(b.nextStart).toBe(20);
  });

  it('does nothing before the first event and rejects a bad span', () => {
    const b = new Bucketer<string[]>(10, 0, () => []);
    const { emitted, emit } = collect(b);
    b.finaliseUntil(1e9, emit);
    b.finaliseAll(emit);
    expect(emitted).toEqual([]);
    expect(() => new Bucketer<string[]>(0, 0, () => [])).toThrow('bucket span must be positive');
  });

  it('snapshot and restore keep open buckets, the next start and the late count', () => {
    const b = new Bucketer<string[]>(10, 20, () => []);
    const { emit } = collect(b);
    push(b, 1, 'a', emit);
    push(b, 15, 'b', emit);
    push(b, 35, 'c', emit);
    b.payloadFor(-50);
    const state = JSON.parse(JSON.stringify(b.snapshot((p) => p)));
    const r = Bucketer.restore<string[], string[]>(state, () => [], (s) => [...s]);
    expect(r.nextStart).toBe(10);
    expect(r.lateCount).toBe(1);
    expect(r.openBuckets()).toEqual([[10, ['b']], [30, ['c']]]);
  });
  it('skips a gap of more than maxGapBuckets empty buckets without materialising them, and counts it', () => {
    const b = new Bucketer<string[]>(1000, 0, () => []);
    b.maxGapBuckets = 5;
    const { emitted, emit } = collect(b);
    push(b, 100, 'a', emit);
    push(b, 3500, 'b', emit); // 2 empty buckets: materialised
    push(b, 1e15, 'c', emit); // ~1e12 empty buckets: skipped
    b.finaliseAll(emit);
    expect(emitted).toEqual([[0, ['a']], [1000, undefined], [2000, undefined], [3000, ['b']], [1e15, ['c']]]);
    expect(b.skippedBuckets).toBe(1e12 - 4);
    expect(b.skips).toEqual([{ startMs: 4000, endMs: 1e15 }]);
    const r = Bucketer.restore(b.snapshot((p) => p), () => [], (p) => p);
    expect(r.skippedBuckets).toBe(1e12 - 4);
    expect(r.skips).toEqual([{ startMs: 4000, endMs: 1e15 }]);
  });

  it('a gap skip never finalises a bucket still inside the latency window', () => {
    const b = new Bucketer<string[]>(1000, 2000, () => []);
    b.maxGapBuckets = 5;
    const { emitted, emit } = collect(b);
    push(b, 100, 'a', emit);
    push(b, 100_500, 'b', emit);
    // Buckets up to 97000 are final at 100500 (latency 2 s): the gap skips to 98000, bucket 100000 stays open.
    expect(emitted).toEqual([[0, ['a']]]);
    expect(b.skips).toEqual([{ startMs: 1000, endMs: 98_000 }]);
    expect(push(b, 99_500, 'late-ok', emit)).toBe(true);
    b.finaliseAll(emit);
    expect(emitted.slice(1)).toEqual([[98_000, undefined], [99_000, ['late-ok']], [100_000, ['b']]]);
  });

  it('a flush far ahead with no open bucket skips instead of materialising every empty bucket', () => {
    const b = new Bucketer<string[]>(1000, 0, () => []);
    b.maxGapBuckets = 10;
    const { emitted, emit } = collect(b);
    push(b, 100, 'a', emit);
    b.finaliseUntil(1e14, emit);
    expect(emitted).toEqual([[0, ['a']]]);
    expect(b.nextStart).toBe(1e14);
    expect(b.skippedBuckets).toBe(1e11 - 1);
  });
});
