/**
 * Behaviour of the series model with the real scoring chain (raw score + quantile normaliser), on
 * generated series with a fixed seed.
 */
import { SeededRandom } from '../maths/seededRandom';
import { BUCKETS_PER_DAY, runSeries } from './seriesModelTestSupport';

const DAY = BUCKETS_PER_DAY;

function noise(n: number, seed: number, mean = 100, sd = 5): number[] {
  const r = new SeededRandom(seed);
  return Array.from({ length: n }, () => mean + sd * r.normal());
}

describe('series model behaviour', () => {
  it('stationary noise: few records and very few critical scores (rate per 10k buckets bounded)', () => {
    const steps = runSeries(noise(10_000, 1));
    const scored = steps.filter((s) => s.observation.scored);
    const records = scored.filter((s) => s.probability < 0.035).length;
    const critical = scored.filter((s) => s.score >= 75).length;
    const majorOrMore = scored.filter((s) => s.score >= 50).length;
    // p < 0.035 is a two-sided 3.5 % event per bucket under a calibrated model (350 per 10k); the
    // outlier-weighted moments are a little narrow and the multi-bucket feature adds its own: measured 627
    // per 10k on this seed (627, 661, 663, 643 on seeds 1-4).
    expect(records).toBeGreaterThan(250);
    expect(records).toBeLessThan(800);
    // Critical (>= 75) and major (>= 50): measured 0 per 10k buckets on seeds 1-4; bounded at 2 and 5.
    expect(critical).toBeLessThanOrEqual(2);
    expect(majorOrMore).toBeLessThanOrEqual(5);
  });

  it('95 % bounds cover about 95 % of stationary values and typical is the mean', () => {
    const values = noise(3000, 2);
    const steps = runSeries(values);
    let inside = 0;
    let n = 0;
    for (let i = 500; i < values.length; i++) {
      const o = steps[i].observation;
      n++;
      if (values[i] >= o.lowerBound && values[i] <= o.upperBound) inside++;
      expect(Math.abs(o.typical - 100)).toBeLessThan(2);
    }
    expect(inside / n).toBeGreaterThan(0.92);
    expect(inside / n).toBeLessThan(0.985);
  });

  it('daily pattern: found by the test and no longer flagged after about 3 days', () => {
    const r = new SeededRandom(3);
    const values = Array.from({ length: 8 * DAY }, (_, i) => 100 + 40 * Math.sin((2 * Math.PI * i) / DAY) + 3 * r.normal());
    const steps = runSeries(values);
    const flaggedPerDay = Array.from({ length: 8 }, (_, d) =>
      steps.slice(d * DAY, (d + 1) * DAY).filter((s) => s.observation.scored && s.probability < 1e-3).length);
    // days 4..8: at most a couple of buckets a day below 1e-3 (pure noise gives ~0.3 a day)
    for (let d = 3; d < 8; d++) expect(flaggedPerDay[d]).toBeLessThanOrEqual(3);
    // the typical value follows the pattern on the last day
    const peak = steps[7 * DAY + DAY / 4].observation;
    expect(peak.typical).toBeGreaterThan(130);
    expect(steps[7 * DAY + (3 * DAY) / 4].observation.typical).toBeLessThan(70);
  });

  it('linear trend: found by its test (after two weeks), followed without alarms', () => {
    const r = new SeededRandom(10);
    const n = 20 * DAY;
    const values = Array.from({ length: n }, (_, i) => 100 + (100 * i) / DAY + 5 * r.normal());
    const steps = runSeries(values);
    expect(steps.filter((s) => s.observation.scored && s.probability < 1e-3).length).toBeLessThanOrEqual(5);
    expect(steps.filter((s) => s.score >= 50).length).toBe(0);
    // the typical value is on the line (measured 0.3 off; the level alone, catching up by level shifts,
    // is 5.4 below it on this seed)
    const trueLast = 100 + (100 * (n - 1)) / DAY;
    expect(Math.abs(steps[n - 1].observation.typical - trueLast)).toBeLessThan(2.5);
  });

  it('weekly pattern (weekends 30 lower, hourly buckets): found by its test, weekends not flagged', () => {
    const r = new SeededRandom(12);
    const hour = 3_600_000;
    const monday = Date.UTC(2024, 0, 1);
    const n = 24 * 7 * 6;
    const values = Array.from({ length: n }, (_, i) => {
      const weekend = Math.floor(i / 24) % 7 >= 5;
      return 100 + (weekend ? -30 : 0) + 20 * Math.sin((2 * Math.PI * i) / 24) + 5 * r.normal();
    });
    const steps = runSeries(values, 'metric', hour, monday);
    for (let w = 3; w < 6; w++) {
      const week = steps.slice(w * 168, (w + 1) * 168);
      expect(week.filter((s) => s.observation.scored && s.probability < 1e-3).length).toBeLessThanOrEqual(2);
      expect(week.filter((s) => s.score >= 25).length).toBe(0);
    }
    // week 6 at noon (the daily term is 0): Wednesday 100, Saturday 70 (measured 96.4 and 74.9)
    const wednesday = steps[5 * 168 + 2 * 24 + 12].observation.typical;
    const saturday = steps[5 * 168 + 5 * 24 + 12].observation.typical;
    expect(Math.abs(wednesday - 100)).toBeLessThan(7);
    expect(Math.abs(saturday - 70)).toBeLessThan(7);
    expect(wednesday - saturday).toBeGreaterThan(15);
  });

  it('level shift: flagged on its first bucket, then learned', () => {
    const values = noise(6 * DAY, 4);
    const shiftAt = 4 * DAY;
    for (let i = shiftAt; i < values.length; i++) values[i] += 40;
    const steps = runSeries(values);
    expect(steps[shiftAt].observation.pUpper).toBeLessThan(1e-6);
    expect(steps[shiftAt].observation.pLower).toBeGreaterThan(0.99);
    expect(steps[shiftAt].score).toBeGreaterThan(50);
    const after = steps.slice(shiftAt + 12, values.length);
    expect(after.filter((s) => s.probability < 1e-3).length).toBeLessThanOrEqual(3);
    expect(Math.abs(steps[values.length - 1].observation.typical - 140)).toBeLessThan(3);
  });

  it('spike and dip: each flagged on its own side only', () => {
    const values = noise(4 * DAY, 5);
    const spike = 3 * DAY;
    const dip = 3 * DAY + 100;
    values[spike] = 160;
    values[dip] = 40;
    const steps = runSeries(values);
    const s = steps[spike].observation;
    expect(s.pUpper).toBeLessThan(1e-10);
    expect(s.pLower).toBeGreaterThan(0.99);
    expect(steps[spike].score).toBeGreaterThan(50);
    const d = steps[dip].observation;
    expect(d.pLower).toBeLessThan(1e-10);
    expect(d.pUpper).toBeGreaterThan(0.99);
    expect(steps[dip].score).toBeGreaterThan(50);
    // the spike barely moved the model: the next bucket is ordinary
    expect(steps[spike + 1].probability).toBeGreaterThan(1e-3);
  });

  it('a gap in the data creates no false alarms', () => {
    const values: Array<number | null> = noise(5 * DAY, 6);
    for (let i = 2 * DAY; i < 3 * DAY; i++) values[i] = null;
    const steps = runSeries(values);
    for (let i = 2 * DAY; i < 3 * DAY; i++) expect(steps[i].observation.scored).toBe(false);
    const after = steps.slice(3 * DAY, 3 * DAY + 48);
    expect(after.filter((s) => s.probability < 1e-3).length).toBe(0);
    expect(after.every((s) => s.score < 50)).toBe(true);
  });

  it('a sustained small deviation is caught by the multi-bucket feature', () => {
    const values = noise(4 * DAY, 7, 100, 5);
    const start = 3 * DAY;
    for (let i = start; i < start + 12; i++) values[i] += 6; // 1.2 sd for 12 buckets
    const steps = runSeries(values);
    const single = steps.slice(start, start + 12).map((s) => Math.min(s.observation.pUpper, 1));
    expect(Math.min(...single)).toBeGreaterThan(1e-4);
    expect(steps[start + 11].observation.multiBucketPUpper).toBeLessThan(1e-3);
    expect(steps[start + 11].observation.multiBucketPLower).toBeGreaterThan(0.99);
  });

  it('counts with Poisson behaviour: Poisson tails are used and a burst is flagged', () => {
    const r = new SeededRandom(8);
    const values = Array.from({ length: 3 * DAY }, () => r.poisson(3));
    values[2 * DAY] = 16;
    const steps = runSeries(values, 'count');
    const o = steps[2 * DAY].observation;
    // P(Poisson(3) >= 16) = 1.1e-6
    expect(o.pUpper).toBeLessThan(1e-4);
    expect(o.pUpper).toBeGreaterThan(1e-8);
    expect(o.pLower).toBeGreaterThan(0.99);
    // a zero count is ordinary for a mean of 3 (P(0) = 0.05)
    const zeroIdx = values.findIndex((v, i) => v === 0 && i > DAY);
    expect(steps[zeroIdx].observation.pLower).toBeGreaterThan(0.01);
    expect(steps[zeroIdx].observation.lowerBound).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic', () => {
    const values = noise(2 * DAY, 9);
    values[DAY + 5] = 180;
    const a = runSeries(values);
    const b = runSeries(values);
    expect(b).toEqual(a);
  });
});
