/**
 * Heavy tail of sparse series (TUNING.heavyTailMaxFill): a series with values in few of its buckets (one
 * source/destination pair's flows) that has already shown one large deviation does not score the next
 * one like it as impossible; a dense series and a far larger deviation keep their thin tails.
 */
import { SeededRandom } from '../maths/seededRandom';
import { SeriesModelSet } from './seriesModel';
import { emptyObservation } from './types';
import { FIVE_MINUTES } from './seriesModelTestSupport';

/** Near-constant values (0.9, sd 0.01) every `every` buckets, one at 0.55 at value 60; returns p of value 120. */
function pOfSecondDeviation(every: number, second: number): number {
  const models = new SeriesModelSet({ bucketSpanMs: FIVE_MINUTES, kind: 'metric' });
  const id = models.add();
  const r = new SeededRandom(7);
  const o = emptyObservation();
  let p = NaN;
  for (let i = 0; i <= 120; i++) {
    const v = i === 60 ? 0.55 : i === 120 ? second : 0.9 + 0.01 * r.normal();
    models.observe(id, i * every * FIVE_MINUTES, v, true, o);
    if (i === 120) p = Math.min(o.pLower, o.pUpper);
  }
  return p;
}

describe('series model heavy tail of sparse series', () => {
  it('a second deviation like the first is improbable, not impossible, in a sparse series', () => {
    const sparse = pOfSecondDeviation(10, 0.55);
    const dense = pOfSecondDeviation(1, 0.55);
    // Measured 1.5e-6 sparse (the seen deviation is a mode of weight ~1/60 and sd 0.35 of its decayed
    // size) against 3.8e-126 for the same values in consecutive buckets.
    expect(sparse).toBeGreaterThan(1e-7);
    expect(sparse).toBeLessThan(1e-4);
    expect(dense).toBeLessThan(1e-100);
  });

  it('a deviation far beyond the one seen stays extreme in a sparse series', () => {
    // Measured 6.7e-206: a residual of 2.9 is ~30 sd of the seen deviation's mode.
    expect(pOfSecondDeviation(10, -2)).toBeLessThan(1e-100);
  });
});
