import { Random, WeightedChoice, deriveSeed, zipfWeights } from './random';

describe('Random (xoshiro128** seeded by splitmix32)', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(1)));
    const b = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(1)));
    const c = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(2)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('derives named sub-streams that do not depend on each other', () => {
    expect(deriveSeed(1, 'flows', 3)).toBe(deriveSeed(1, 'flows', 3));
    expect(deriveSeed(1, 'flows', 3)).not.toBe(deriveSeed(1, 'flows', 4));
    expect(deriveSeed(1, 'flows', 3)).not.toBe(deriveSeed(2, 'flows', 3));
    expect(Random.for(7, 'x').uniform()).toBe(Random.for(7, 'x').uniform());
  });

  it('draws uniforms in (0, 1), Poisson counts and log-normals with the right centre', () => {
    const r = new Random(42);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = r.uniform();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    for (const lambda of [0.3, 4, 120]) {
      let total = 0;
      for (let i = 0; i < 20_000; i++) total += r.poisson(lambda);
      expect(Math.abs(total / 20_000 - lambda) / lambda).toBeLessThan(0.03);
    }
    const logs = Array.from({ length: 20_001 }, () => r.logNormal(1000, 1)).sort((a, b) => a - b);
    expect(logs[10_000]).toBeGreaterThan(950);
    expect(logs[10_000]).toBeLessThan(1050);
    expect(r.poisson(0)).toBe(0);
  });

  it('draws weighted choices in proportion to their weights', () => {
    const r = new Random(3);
    const choice = new WeightedChoice([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[choice.draw(r)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
    expect(() => new WeightedChoice([0, 0])).toThrow('weights sum to zero');
    const z = zipfWeights(4, 1);
    expect(Array.from(z)).toEqual([1, 1 / 2, 1 / 3, 1 / 4]);
  });
});
