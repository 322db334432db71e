import { CategoryCounts, RARE_MIN_BUCKETS } from './rareModel';

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

  it('P(new) = (N1 + 1/2) / (A + 1) (Good–Turing); the most common value scores 1', () => {
    // 100 buckets: 'a' every bucket, 'b' every other, 'c' once.
    const buckets = Array.from({ length: 100 }, (_, i) => ['a', ...(i % 2 === 0 ? ['b'] : []), ...(i === 7 ? ['c'] : [])]);
    const c = trained(buckets);
    expect(c.total).toBe(151);
    expect(c.distinct).toBe(3);
    const pNew = 1.5 / 152; // only c was seen once
    expect(c.rarity(0)).toBeCloseTo(pNew, 12);
    // c (1 occurrence): P(new) + (1 - P(new)) · 1/151
    expect(c.rarity(1)).toBeCloseTo(pNew + (1 - pNew) * (1 / 151), 12);
    // b (50): values with count <= 50 are b and c: 51/151
    expect(c.rarity(50)).toBeCloseTo(pNew + (1 - pNew) * (51 / 151), 12);
    expect(c.rarity(100)).toBe(1);
  });

  it('a new value where new values are common is not rare', () => {
    const c = trained(Array.from({ length: 40 }, (_, i) => [`v${i}`]));
    expect(c.rarity(0)).toBeGreaterThan(0.9);
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
