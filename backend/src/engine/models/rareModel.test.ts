import { CategoryCounts, RARE_MIN_BUCKETS } from './rareModel';

/** erfc by numerical integration of exp(-t²) (test reference, independent of maths/normal.ts). */
function erfcApprox(x: number): number {
  if (x < 0) return 2 - erfcApprox(-x);
  const n = 20000;
  const upper = x + 12;
  const h = (upper - x) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const t = x + i * h;
    sum += (i === 0 || i === n ? 0.5 : 1) * Math.exp(-t * t);
  }
  return (2 / Math.sqrt(Math.PI)) * sum * h;
}

function trained(valuesPerBucket: string[][]): CategoryCounts {
  const c = new CategoryCounts();
  for (const vs of valuesPerBucket) {
    for (const v of vs) c.add(v, 1, 3);
    c.endBucket();
  }
  return c;
}

describe('CategoryCounts', () => {
  it('scores nothing while learning (fewer than 20 buckets)', () => {
    const c = trained(Array.from({ length: RARE_MIN_BUCKETS - 1 }, () => ['a']));
    expect(c.rarity(0)).toBe(1);
  });

  it('Good–Turing P(new) = (N1 + 1/2) / (A + 1); rarity is the smaller of the empirical and the count-distribution tail', () => {
    // 100 buckets: 'a' every bucket, 'b' every other, 'c' once.
    const buckets = Array.from({ length: 100 }, (_, i) => ['a', ...(i % 2 === 0 ? ['b'] : []), ...(i === 7 ? ['c'] : [])]);
    const c = trained(buckets);
    expect(c.total).toBe(151);
    expect(c.distinct).toBe(3);
    const pNew = 1.5 / 152; // only c was seen once
    expect(c.newValueProbability()).toBeCloseTo(pNew, 12);
    // Count distribution: y = ln(count + 1/2) of 100, 50, 1.
    const ys = [Math.log(100.5), Math.log(50.5), Math.log(1.5)];
    const mean = (ys[0] + ys[1] + ys[2]) / 3;
    const variance = ys.reduce((s, y) => s + y * y, 0) / 3 - mean * mean;
    const sd = Math.sqrt(variance * (1 + 2 / 3));
    const lowerTail = (y: number): number => 0.5 * erfcApprox(-(y - mean) / sd / Math.SQRT2);
    // A new value: empirical P(new) against the count tail at ln(1.5).
    expect(c.rarity(0)).toBeCloseTo(Math.min(pNew, lowerTail(Math.log(1.5))), 6);
    // b (50 so far): the empirical mass of values at most as common is 51/151.
    expect(c.rarity(50)).toBeCloseTo(Math.min(pNew + (1 - pNew) * (51 / 151), lowerTail(Math.log(51.5))), 6);
    expect(c.rarity(100)).toBeGreaterThan(0.5);
  });

  it('a new value among a few steady values is very rare; among one-off values it is not', () => {
    const steady = trained(Array.from({ length: 60 }, (_, i) => [i % 2 === 0 ? 'a' : 'b', i % 3 === 0 ? 'c' : 'd']));
    expect(steady.rarity(0)).toBeLessThan(1e-4);
    const churn = trained(Array.from({ length: 40 }, (_, i) => [`v${i}`]));
    expect(churn.rarity(0)).toBeGreaterThan(0.4);
  });

  it('event counts: a value bringing 40 events where it usually brings 3 is improbable', () => {
    const c = trained(Array.from({ length: 30 }, () => ['a']));
    expect(c.eventMeanOf('a')).toBeCloseTo(3, 9);
    expect(c.eventCountProbability('a', 40)).toBeLessThan(1e-15);
    expect(c.eventCountProbability('a', 2)).toBe(1);
    expect(c.eventCountProbability('zzz', 40)).toBe(1);
  });

  it('snapshot and restore give the same answers', () => {
    const c = trained(Array.from({ length: 30 }, (_, i) => ['a', ...(i % 5 === 0 ? ['b'] : [])]));
    const r = CategoryCounts.restore(JSON.parse(JSON.stringify(c.snapshot())));
    for (const k of [0, 1, 6, 30]) expect(r.rarity(k)).toBe(c.rarity(k));
  });
});
