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
