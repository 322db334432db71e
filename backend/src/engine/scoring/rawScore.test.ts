import { probabilityOfRawScore, rawScore } from './rawScore';
import { multiBucketImpact } from './multiBucketImpact';
import { combineProbabilities, logJointProbability } from './combineProbabilities';

describe('rawScore', () => {
  it('maps the anchor probabilities to their scores', () => {
    expect(rawScore(1)).toBe(0);
    expect(rawScore(0.05)).toBe(0);
    expect(rawScore(1e-4)).toBeCloseTo(1, 12);
    expect(rawScore(1e-50)).toBeCloseTo(50, 10);
    expect(rawScore(2.2250738585072014e-308)).toBeCloseTo(100, 10);
    expect(rawScore(0)).toBeCloseTo(100, 10);
    expect(rawScore(0.01)).toBeCloseTo((100 - 20) / (10000 - 20), 12);
  });
  it('is monotone and inverted by probabilityOfRawScore', () => {
    let prev = -1;
    for (const p of [0.04, 0.01, 1e-3, 1e-4, 1e-10, 1e-49, 1e-100, 1e-300]) {
      const s = rawScore(p);
      expect(s).toBeGreaterThan(prev);
      prev = s;
      expect(Math.log(probabilityOfRawScore(s))).toBeCloseTo(Math.log(p), 6);
    }
  });
});

describe('multiBucketImpact', () => {
  it('is +5 for a purely multi-bucket anomaly, -5 for a single-bucket one, 0 when equal', () => {
    expect(multiBucketImpact(0.5, 1e-10)).toBe(5);
    expect(multiBucketImpact(1e-10, 0.5)).toBe(-5);
    expect(multiBucketImpact(1e-3, 1e-3)).toBe(0);
  });
  it('follows the formula in between (floored to 2 decimals)', () => {
    const ls = Math.log(1e-3);
    const lm = Math.log(1e-4);
    const expected = 5 * (Math.min(ls, lm) / Math.max(ls, lm) / Math.log(1000)) * (ls - lm);
    expect(multiBucketImpact(1e-3, 1e-4)).toBe(Math.floor(Math.min(5, expected) * 100 + 1e-9) / 100);
  });
});

describe('combineProbabilities', () => {
  it('returns the single probability unchanged and 1 for none', () => {
    expect(combineProbabilities([0.01])).toBe(0.01);
    expect(combineProbabilities([])).toBe(1);
  });
  it('Fisher joint probability matches the chi-square tail for n = 2', () => {
    // P(chi2_4 >= 2x) = e^-x (1 + x)
    const x = -Math.log(0.1 * 0.2);
    expect(Math.exp(logJointProbability(Math.log(0.02), 2))).toBeCloseTo(Math.exp(-x) * (1 + x), 12);
  });
  it('is smaller for two small probabilities than for one small and one ordinary', () => {
    const both = combineProbabilities([1e-4, 1e-4]);
    const one = combineProbabilities([1e-4, 0.5]);
    expect(both).toBeLessThan(one);
    expect(one).toBeGreaterThan(1e-4);
    expect(one).toBeLessThan(1e-2);
    // geometric mean of joint and extreme probabilities
    const joint = Math.exp(logJointProbability(Math.log(1e-4 * 0.5), 2));
    const extreme = 1 - Math.pow(1 - 1e-4, 2);
    expect(one).toBeCloseTo(Math.sqrt(joint * extreme), 12);
  });
});
