import { PopulationModelSet, emptyPopulationScore } from './populationModel';
import { seededRandom, poisson } from '../job/testing/synthetic';

describe('PopulationModelSet', () => {
  function trained(kind: 'count' | 'metric', draw: (r: () => number) => number): PopulationModelSet {
    const m = new PopulationModelSet({ bucketSpanMs: 300_000, kind });
    const id = m.add();
    const r = seededRandom(3);
    const s = emptyPopulationScore();
    for (let b = 0; b < 30; b++) {
      const vals = Array.from({ length: 40 }, () => draw(r));
      for (const v of vals) { m.score(id, v, s); m.learn(id, v, s.scored ? 2 * Math.min(s.pLower, s.pUpper) : 1); }
      m.endBucket(id);
    }
    return m;
  }

  it('does not score before 4 buckets and 10 values', () => {
    const m = new PopulationModelSet({ bucketSpanMs: 300_000, kind: 'count' });
    const id = m.add();
    const s = emptyPopulationScore();
    for (let i = 0; i < 20; i++) m.learn(id, 1, 1);
    m.endBucket(id);
    m.score(id, 100, s);
    expect(s.scored).toBe(false);
    expect(s.typical).toBeCloseTo(1, 6);
  });

  it('counts: a member with 60 events among members with about 2 is very improbable; 4 is not', () => {
    const m = trained('count', (r) => poisson(r, 2));
    const s = emptyPopulationScore();
    m.score(0, 60, s);
    expect(s.scored).toBe(true);
    expect(s.pUpper).toBeLessThan(1e-6);
    expect(s.typical).toBeGreaterThan(1);
    expect(s.typical).toBeLessThan(3);
    m.score(0, 4, s);
    expect(s.pUpper).toBeGreaterThan(0.05);
    m.score(0, 0, s);
    expect(s.pLower).toBeGreaterThan(0.01);
  });

  it('metrics: bounds bracket the typical value; a value 10x the population is improbable', () => {
    const m = trained('metric', (r) => 1000 * (0.8 + 0.4 * r()));
    const s = emptyPopulationScore();
    m.score(0, 10_000, s);
    expect(s.lowerBound).toBeLessThan(s.typical);
    expect(s.upperBound).toBeGreaterThan(s.typical);
    expect(s.typical).toBeGreaterThan(900);
    expect(s.typical).toBeLessThan(1100);
    expect(s.pUpper).toBeLessThan(1e-10);
  });

  it('snapshot and restore continue identically', () => {
    const m = trained('count', (r) => poisson(r, 3));
    const c = PopulationModelSet.restore(JSON.parse(JSON.stringify(m.snapshot())));
    const a = emptyPopulationScore();
    const b = emptyPopulationScore();
    m.learn(0, 7, 0.5); c.learn(0, 7, 0.5);
    m.score(0, 9, a); c.score(0, 9, b);
    expect(b).toEqual(a);
    expect(c.totalBytes()).toBe(m.totalBytes());
  });
});
