/** Robustness of the series model: absurd values, the support of non-negative series, old state. */
import { SeriesModelSet } from './seriesModel';
import { emptyObservation } from './types';
import { SeededRandom } from '../maths/seededRandom';
import { BUCKETS_PER_DAY, FIVE_MINUTES, runSeries } from './seriesModelTestSupport';
import { F } from './seriesLayout';

describe('series model robustness', () => {
  it('one value of 1e200 is flagged once; the model stays finite and later normal values are not anomalous', () => {
    const r = new SeededRandom(5);
    const values = Array.from({ length: 1000 }, (_, i) => (i === 300 ? 1e200 : 100 + 5 * r.normal()));
    const steps = runSeries(values);
    expect(steps[300].probability).toBeLessThan(1e-300);
    expect(steps[300].score).toBeGreaterThan(75);
    const after = steps.slice(301);
    for (const s of after) {
      expect(Number.isFinite(s.observation.typical) && Number.isFinite(s.observation.upperBound)).toBe(true);
      expect(Math.abs(s.observation.typical - 100)).toBeLessThan(2);
    }
    // Measured: 0 buckets >= 50 after the spike, 39 of 699 below p 0.035 (5.6 %, as on pure noise); bounds
    // widen from ±9.7 to at most ±47 (one value taught 100 sd) and narrow again (±25 700 buckets later).
    expect(after.filter((s) => s.score >= 50)).toHaveLength(0);
    expect(after.filter((s) => s.probability < 0.035).length).toBeLessThan(60);
    expect(steps[999].observation.upperBound - steps[999].observation.typical).toBeLessThan(30);
  });

  it('a series with repeated large spikes still learns them (each may be taught 100 times the last)', () => {
    const r = new SeededRandom(6);
    const values = Array.from({ length: 2000 }, (_, i) => (i % 50 === 25 ? 1000 : 10 + r.normal()));
    const steps = runSeries(values);
    const spikeScores = steps.filter((_, i) => i % 50 === 25).map((s) => s.score);
    // The first spikes are critical, later ones (learned, every 50 buckets) much lower.
    expect(spikeScores[0]).toBeGreaterThan(75);
    expect(Math.max(...spikeScores.slice(-10))).toBeLessThan(spikeScores[0]);
  });

  it('a non-negative series (CPU % idle at night) gets no typical value or bound below 0', () => {
    const r = new SeededRandom(7);
    const values = Array.from({ length: 6 * BUCKETS_PER_DAY }, (_, i) =>
      Math.max(0, 30 * Math.sin((2 * Math.PI * i) / BUCKETS_PER_DAY) + 2 * r.normal()));
    const steps = runSeries(values).filter((s) => s.observation.scored);
    expect(Math.min(...steps.map((s) => s.observation.typical))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...steps.map((s) => s.observation.lowerBound))).toBeGreaterThanOrEqual(0);
    // ... and a value at 0 in the day is still found (it is far below typical).
    expect(steps.some((s) => s.observation.lowerBound === 0)).toBe(true);
  });

  it('a sparse count (mostly 0) has typical and lower bound >= 0', () => {
    const r = new SeededRandom(8);
    const values = Array.from({ length: 3000 }, (_, i) => (i % 40 < 3 ? r.poisson(12) : 0));
    const steps = runSeries(values, 'count').filter((s) => s.observation.scored);
    expect(Math.min(...steps.map((s) => s.observation.typical))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...steps.map((s) => s.observation.lowerBound))).toBeGreaterThanOrEqual(0);
  });

  it('a series that has gone below 0 keeps its negative typical values', () => {
    const r = new SeededRandom(9);
    const steps = runSeries(Array.from({ length: 500 }, () => -5 + r.normal()));
    expect(steps[499].observation.typical).toBeCloseTo(-5, 0);
    expect(steps[499].observation.lowerBound).toBeLessThan(-6);
  });

  it('restores a version 1 state (before VALUE_MIN and SPIKE_SCALE): same predictions, no floor known', () => {
    const set = new SeriesModelSet({ bucketSpanMs: FIVE_MINUTES, kind: 'metric' });
    set.add();
    set.add();
    const o = emptyObservation();
    for (let i = 0; i < 300; i++) for (let id = 0; id < 2; id++) set.observe(id, i * FIVE_MINUTES, 50 + (i % 7) + id, true, o);
    const v2 = set.snapshot();
    const slab = new Float64Array(Buffer.from(v2.slab, 'base64').buffer.slice(0));
    const oldStride = v2.stride - 2;
    const old = new Float64Array(v2.size * oldStride);
    for (let id = 0; id < v2.size; id++) {
      const b = id * v2.stride;
      old.set(slab.subarray(b, b + F.VALUE_MIN), id * oldStride);
      old.set(slab.subarray(b + F.KNOTS, b + v2.stride), id * oldStride + F.VALUE_MIN);
    }
    const v1 = { ...v2, version: 1, stride: oldStride, slab: Buffer.from(old.buffer).toString('base64') };
    const restored = SeriesModelSet.restore(JSON.parse(JSON.stringify(v1)));
    const a = emptyObservation();
    const b = emptyObservation();
    for (let id = 0; id < 2; id++) {
      set.observe(id, 300 * FIVE_MINUTES, 53, false, a);
      restored.observe(id, 300 * FIVE_MINUTES, 53, false, b);
      expect(b.typical).toBe(a.typical);
      expect(b.pUpper).toBe(a.pUpper);
    }
    expect(() => SeriesModelSet.restore({ ...v1, stride: oldStride + 1 })).toThrow(/stride/);
  });
});
