import { SeriesModelSet } from './seriesModel';
import { emptyObservation } from './types';
import { SeededRandom } from '../maths/seededRandom';

const SPAN = 300_000;
const DAY = 288;

describe('SeriesModelSet basics', () => {
  it('is not scored before enough history, then scores a spike on the upper side only', () => {
    const m = new SeriesModelSet({ bucketSpanMs: SPAN, kind: 'metric' });
    const id = m.add();
    const o = emptyObservation();
    const r = new SeededRandom(11);
    m.observe(id, 0, 100, true, o);
    expect(o.scored).toBe(false);
    expect(o.pUpper).toBe(1);
    for (let i = 1; i < 2 * DAY; i++) m.observe(id, i * SPAN, 100 + 5 * r.normal(), true, o);
    expect(o.scored).toBe(true);
    m.observe(id, 2 * DAY * SPAN, 160, true, o);
    expect(o.pUpper).toBeLessThan(1e-6);
    expect(o.pLower).toBeGreaterThan(0.999);
    expect(o.typical).toBeGreaterThan(97);
    expect(o.typical).toBeLessThan(103);
    expect(o.lowerBound).toBeGreaterThan(85);
    expect(o.upperBound).toBeLessThan(115);
  });

  it('keeps series independent and reports its size in bytes', () => {
    const m = new SeriesModelSet({ bucketSpanMs: SPAN, kind: 'count' });
    expect(m.add()).toBe(0);
    expect(m.add()).toBe(1);
    expect(m.size).toBe(2);
    expect(m.bytesPerSeries()).toBeLessThanOrEqual(2048);
    expect(m.totalBytes()).toBeGreaterThanOrEqual(2 * m.bytesPerSeries());
    expect(() => m.observe(5, 0, 1, true, emptyObservation())).toThrow(/no series 5/);
  });

  it('weights a bucket by its event count: a mean of few events may deviate more (count-variance scale)', () => {
    const r = new SeededRandom(4);
    const run = (lastWeight: number): number => {
      const m = new SeriesModelSet({ bucketSpanMs: SPAN, kind: 'metric' });
      const id = m.add();
      const o = emptyObservation();
      for (let i = 0; i < DAY; i++) m.observe(id, i * SPAN, 100 + 2 * r.normal(), true, o, 16);
      m.observe(id, DAY * SPAN, 110, false, o, lastWeight);
      return o.pUpper;
    };
    const full = run(16);
    const few = run(1);
    expect(full).toBeLessThan(1e-4);
    expect(few).toBeGreaterThan(100 * full);
  });

  it('does not change the model when learn is false', () => {
    const m = new SeriesModelSet({ bucketSpanMs: SPAN, kind: 'metric' });
    const id = m.add();
    const o = emptyObservation();
    for (let i = 0; i < 50; i++) m.observe(id, i * SPAN, 10 + (i % 3), true, o);
    const before = JSON.stringify(m.snapshot());
    m.observe(id, 50 * SPAN, 1000, false, o);
    expect(o.pUpper).toBeLessThan(1e-6);
    expect(JSON.stringify(m.snapshot())).toBe(before);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => new SeriesModelSet({ bucketSpanMs: 0, kind: 'metric' })).toThrow(/bucketSpanMs/);
    expect(() => SeriesModelSet.restore({ version: 99 })).toThrow(/version/);
  });
});
