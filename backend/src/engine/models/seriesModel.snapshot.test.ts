/** Snapshot/restore equivalence (engine-anchors §5 row 8): N buckets = k buckets + JSON round trip + N − k. */
import { SeriesModelSet } from './seriesModel';
import { SeriesKind, SeriesObservation, emptyObservation } from './types';
import { SeededRandom } from '../maths/seededRandom';

const SPAN = 300_000;
const DAY = 288;

/** Values of 3 series per kind: a noisy daily pattern with a level shift and spikes, and sparse gaps. */
function valueAt(kind: SeriesKind, series: number, i: number, r: SeededRandom): number | null {
  if (series === 2 && i % 7 === 3) return null;
  const daily = Math.sin((2 * Math.PI * i) / DAY);
  if (kind === 'count') return r.poisson(5 + 4 * daily + (i > 5 * DAY ? 6 : 0) + series);
  let v = 50 + 20 * daily + 2 * r.normal() + 10 * series;
  if (i > 5 * DAY) v += 15;
  if (i % 500 === 250) v += 40;
  return v;
}

function run(kind: SeriesKind, from: number, to: number, set: SeriesModelSet, r: SeededRandom, out: SeriesObservation[]): void {
  for (let i = from; i < to; i++) {
    for (let s = 0; s < 3; s++) {
      const o = emptyObservation();
      set.observe(s, i * SPAN, valueAt(kind, s, i, r), true, o, 1 + (i % 3));
      out.push(o);
    }
  }
}

describe.each<SeriesKind>(['metric', 'count'])('SeriesModelSet snapshot/restore (%s)', (kind) => {
  it('continues bit for bit after a JSON round trip', () => {
    const n = 8 * DAY;
    const k = 5 * DAY + 17;
    const whole = new SeriesModelSet({ bucketSpanMs: SPAN, kind });
    for (let s = 0; s < 3; s++) whole.add();
    const expected: SeriesObservation[] = [];
    run(kind, 0, n, whole, new SeededRandom(42), expected);

    const first = new SeriesModelSet({ bucketSpanMs: SPAN, kind });
    for (let s = 0; s < 3; s++) first.add();
    const actual: SeriesObservation[] = [];
    const r = new SeededRandom(42);
    run(kind, 0, k, first, r, actual);
    const json = JSON.stringify(first.snapshot());
    const restored = SeriesModelSet.restore(JSON.parse(json));
    expect(restored.size).toBe(3);
    run(kind, k, n, restored, r, actual);

    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    expect(restored.snapshot()).toEqual(whole.snapshot());
    // the daily pattern was found before the snapshot and survived it
    expect(actual.slice(-3).every((o) => o.scored)).toBe(true);
  });

  it('states its size: within the per-series budget', () => {
    const set = new SeriesModelSet({ bucketSpanMs: SPAN, kind });
    set.add();
    expect(set.bytesPerSeries()).toBeLessThanOrEqual(kind === 'count' ? 2048 : 4096);
    const snap = set.snapshot();
    expect(snap.version).toBe(2);
    expect(Buffer.from(snap.slab, 'base64').length).toBe(set.bytesPerSeries());
  });
});
