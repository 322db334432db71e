import { erfc, logNormalUpperTail, normalLowerTail, normalQuantile, normalUpperTail } from './normal';
import { gammaP, gammaQ, logGamma } from './gamma';
import { gammaTails, logNormalTails, newTailResult, normalTails, poissonTails } from './tails';
import { SeededRandom } from './seededRandom';

describe('normal distribution', () => {
  it('matches known tail values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalLowerTail(-3)).toBeCloseTo(0.00134989803163, 9);
    // far tail: P(Z >= 10) = 7.6199e-24, relative error below 1e-6
    expect(normalUpperTail(10) / 7.61985302416047e-24).toBeCloseTo(1, 5);
    // log tail stays finite where the tail itself underflows
    expect(logNormalUpperTail(40)).toBeCloseTo(-804.608, 2);
  });
  it('inverts with the quantile function', () => {
    for (const p of [1e-10, 0.001, 0.025, 0.5, 0.9, 0.999]) expect(normalLowerTail(normalQuantile(p)) / p).toBeCloseTo(1, 5);
  });
});

describe('gamma functions', () => {
  it('logGamma matches factorials and Γ(1/2)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
  });
  it('regularised incomplete gamma functions are complementary and match Poisson sums', () => {
    // P(X <= 3) for X ~ Poisson(2) = Q(4, 2)
    const direct = Math.exp(-2) * (1 + 2 + 2 + 4 / 3);
    expect(gammaQ(4, 2)).toBeCloseTo(direct, 12);
    expect(gammaP(4, 2) + gammaQ(4, 2)).toBeCloseTo(1, 12);
    expect(gammaP(50, 60) + gammaQ(50, 60)).toBeCloseTo(1, 12);
  });
});

describe('candidate tails', () => {
  const t = newTailResult();
  it('Poisson tails are exact sums for small means and include the observed count on both sides', () => {
    poissonTails(16, 3, t);
    let upper = 0;
    for (let k = 16; k < 80; k++) upper += Math.exp(k * Math.log(3) - 3 - logGamma(k + 1));
    expect(t.upper / upper).toBeCloseTo(1, 9);
    expect(t.lower).toBeCloseTo(1, 6);
    poissonTails(0, 3, t);
    expect(t.lower).toBeCloseTo(Math.exp(-3), 12);
    expect(t.upper).toBe(1);
    expect(t.logDensity).toBeCloseTo(-3, 12);
  });
  it('Poisson tails for large means follow the normal approximation', () => {
    poissonTails(1100, 1000, t);
    expect(t.upper).toBeGreaterThan(0.0007);
    expect(t.upper).toBeLessThan(0.0012);
  });
  it('gamma tails (Wilson–Hilferty) match the exponential distribution closely', () => {
    // Gamma with mean 1, variance 1 is Exp(1): P(X >= 3) = e^-3
    gammaTails(3, 1, 1, t);
    expect(t.upper).toBeGreaterThan(0.045);
    expect(t.upper).toBeLessThan(0.055);
    gammaTails(0.1, 1, 1, t);
    expect(t.lower).toBeCloseTo(1 - Math.exp(-0.1), 1);
  });
  it('log-normal tails match the normal tails of the log', () => {
    const mean = 10;
    const variance = 4;
    const s2 = Math.log1p(variance / (mean * mean));
    const mu = Math.log(mean) - s2 / 2;
    logNormalTails(15, mean, variance, t);
    expect(t.upper).toBeCloseTo(normalUpperTail((Math.log(15) - mu) / Math.sqrt(s2)), 12);
  });
  it('normal density integrates to about 1', () => {
    let sum = 0;
    for (let x = -10; x <= 10; x += 0.01) { normalTails(x, 0, 4, t, false); sum += Math.exp(t.logDensity) * 0.01; }
    expect(sum).toBeCloseTo(1, 4);
  });
});

describe('SeededRandom', () => {
  it('is reproducible and has the right moments', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    let s = 0;
    let s2 = 0;
    let p = 0;
    for (let i = 0; i < 20000; i++) {
      const x = a.normal();
      expect(x).toBe(b.normal());
      s += x;
      s2 += x * x;
      p += c.poisson(4);
    }
    expect(s / 20000).toBeCloseTo(0, 1);
    expect(s2 / 20000).toBeCloseTo(1, 1);
    expect(p / 20000).toBeCloseTo(4, 1);
  });
});
