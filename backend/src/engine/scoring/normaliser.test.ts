import { NORMALISER_TUNING, QuantileScoreNormaliser, probabilityCeiling } from './normaliser';
import { rawScore } from './rawScore';

const HOUR = 3_600_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

describe('QuantileScoreNormaliser', () => {
  it('maps zero to zero and an unprecedented big score near 100', () => {
    const n = new QuantileScoreNormaliser({ bucketSpanMs: 300_000 });
    expect(n.normalise(0)).toBe(0);
    for (let i = 0; i < 2000; i++) n.observe(0, i * 300_000);
    expect(n.normalise(rawScore(1e-20))).toBeGreaterThan(65);
    expect(n.normalise(rawScore(1e-40))).toBeGreaterThan(80);
  });
  it('scores ordinary noise low and the largest scores high', () => {
    const n = new QuantileScoreNormaliser({ bucketSpanMs: 300_000 });
    const rnd = lcg(7);
    for (let i = 0; i < 20000; i++) n.observe(rawScore(rnd()), i * 300_000);
    // p = 0.02 happens every ~50 buckets: well under "minor"
    expect(n.normalise(rawScore(0.02))).toBeLessThan(25);
    // p = 1e-6 never seen: at least minor; p = 1e-30 never seen: critical
    expect(n.normalise(rawScore(1e-6))).toBeGreaterThan(25);
    expect(n.normalise(rawScore(1e-30))).toBeGreaterThan(75);
  });
  it('feeds the sketch one high-water mark per interval (6 buckets of 5 minutes)', () => {
    const a = new QuantileScoreNormaliser({ bucketSpanMs: 300_000 });
    for (let i = 0; i < 12; i++) a.observe(i === 3 ? 5 : 0, i * 300_000);
    a.observe(0, 12 * 300_000);
    const st = a.snapshot();
    expect(st.total).toBeCloseTo(1 + Math.pow(0.5, 1 / NORMALISER_TUNING.sketchHalfLifeSamples), 9);
    const b = new QuantileScoreNormaliser({ bucketSpanMs: 2 * HOUR });
    for (let i = 0; i < 12; i++) b.observe(0, i * 2 * HOUR);
    // 11 samples, each older one decayed by 2^(-1/100) per later sample
    let expected = 0;
    for (let k = 0; k < 11; k++) expected += Math.pow(0.5, k / NORMALISER_TUNING.sketchHalfLifeSamples);
    expect(b.snapshot().total).toBeCloseTo(expected, 9);
  });
  it('probability ceiling is 5 at p = 0.05 and 100 at p = 1e-4', () => {
    expect(probabilityCeiling(rawScore(0.0499999))).toBeCloseTo(5, 2);
    expect(probabilityCeiling(rawScore(1e-4))).toBeCloseTo(100, 6);
  });
  it('restores to an identical normaliser', () => {
    const a = new QuantileScoreNormaliser({ bucketSpanMs: 300_000 });
    const rnd = lcg(3);
    for (let i = 0; i < 500; i++) a.observe(rawScore(rnd() * 0.1), i * 300_000);
    const b = QuantileScoreNormaliser.restore(JSON.parse(JSON.stringify(a.snapshot())));
    for (let i = 500; i < 1000; i++) {
      const r = rawScore(rnd() * 0.1);
      a.observe(r, i * 300_000);
      b.observe(r, i * 300_000);
      expect(b.normalise(r)).toBe(a.normalise(r));
    }
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});

describe('calibration of the noise ceiling (series vs occurrence)', () => {
  /** A normaliser that has seen `buckets` 5-minute buckets whose raw scores come from `rawOf`. */
  function trained(calibration: 'series' | 'occurrence', buckets: number, rawOf: (i: number) => number): QuantileScoreNormaliser {
    const n = new QuantileScoreNormaliser({ bucketSpanMs: 300_000, calibration });
    for (let i = 0; i < buckets; i++) n.observe(rawOf(i), i * 300_000);
    return n;
  }
  const quiet = (c: 'series' | 'occurrence'): QuantileScoreNormaliser => trained(c, 14 * 288, () => 0);

  it('occurrence, quiet job (median raw 0): the first p = 1e-6 or 1e-5 is critical, p = 1e-4 major, p = 1e-3 nothing', () => {
    const n = quiet('occurrence');
    // raw(1e-6) = 3.13: 6 points per dB over the 0.1 floor = 89.7
    expect(n.normalise(rawScore(1e-6))).toBeCloseTo(6 * 10 * Math.log10(rawScore(1e-6) / 0.1), 6);
    expect(n.normalise(rawScore(1e-6))).toBeGreaterThan(89);
    expect(n.normalise(rawScore(1e-5))).toBeGreaterThanOrEqual(75);
    expect(n.normalise(rawScore(3e-5))).toBeLessThan(75);
    expect(n.normalise(rawScore(1e-4))).toBeCloseTo(60, 6);
    expect(n.normalise(rawScore(3e-4))).toBeLessThan(50);
    expect(n.normalise(rawScore(1e-3))).toBe(0);
  });
  it('series, quiet job: the same p = 1e-6 is only minor (fitted tails need p ≈ 1e-18 for critical)', () => {
    const n = quiet('series');
    expect(n.normalise(rawScore(1e-6))).toBeCloseTo(3.33 * 10 * Math.log10(rawScore(1e-6) / 0.1), 6);
    expect(n.normalise(rawScore(1e-6))).toBeLessThan(50);
    expect(n.normalise(rawScore(1e-20))).toBeGreaterThanOrEqual(75);
  });
  it('occurrence, noisy job (p ~ 1e-5 most hours): p = 1e-6 scores far lower than in a quiet job', () => {
    const rnd = lcg(11);
    // every sampling interval (6 buckets of 5 minutes) has a record at p between 1e-6 and 1e-4: the median
    // high-water mark is raw ≈ 2 (p ≈ 1e-5)
    const noisy = trained('occurrence', 14 * 288, (i) => (i % 6 === 0 ? rawScore(Math.pow(10, -4 - 2 * rnd())) : 0));
    const s = noisy.normalise(rawScore(1e-6));
    expect(s).toBeLessThan(25);
    expect(s).toBeLessThan(quiet('occurrence').normalise(rawScore(1e-6)) - 50);
    // far beyond its noise: p = 1e-30 is major (59), p = 1e-150 critical
    expect(noisy.normalise(rawScore(1e-30))).toBeGreaterThanOrEqual(50);
    expect(noisy.normalise(rawScore(1e-150))).toBeGreaterThanOrEqual(75);
  });
  it('occurrence: a repeat of an anomaly scores lower (max-score and percentile ceilings), monotone in p', () => {
    const n = trained('occurrence', 7 * 288, (i) => (i === 3 * 288 ? rawScore(1e-14) : 0));
    expect(n.normalise(rawScore(1e-14))).toBeGreaterThanOrEqual(75);
    const after = n.normalise(rawScore(1e-6));
    expect(after).toBeLessThan(quiet('occurrence').normalise(rawScore(1e-6)));
    let last = -1;
    for (const p of [0.04, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-12, 1e-14, 1e-20, 1e-50, 1e-200]) {
      const s = n.normalise(rawScore(p));
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
  });
  it('keeps its calibration through snapshot and restore; a version 1 state takes the calibration its owner gives', () => {
    const a = quiet('occurrence');
    const b = QuantileScoreNormaliser.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.normalise(rawScore(1e-6))).toBe(a.normalise(rawScore(1e-6)));
    const v1 = { ...a.snapshot(), version: 1 } as Record<string, unknown>;
    delete v1.calibration;
    expect(QuantileScoreNormaliser.restore(v1).normalise(rawScore(1e-6))).toBe(quiet('series').normalise(rawScore(1e-6)));
    expect(QuantileScoreNormaliser.restore(v1, 'occurrence').normalise(rawScore(1e-6))).toBe(a.normalise(rawScore(1e-6)));
    expect(QuantileScoreNormaliser.restore({ ...a.snapshot() }, 'series').normalise(rawScore(1e-6))).toBe(a.normalise(rawScore(1e-6)));
    expect(() => new QuantileScoreNormaliser({ bucketSpanMs: 300_000, calibration: 'loud' as 'series' })).toThrow(/calibration/);
  });
});
