import { FeatureAccumulator, infoContent, secondsIntoDay, secondsIntoWeek, weightedMedian } from './featureAccumulator';

function acc(values: number[], needs = { values: true, distinct: false }, weights?: number[]): FeatureAccumulator {
  const a = new FeatureAccumulator(needs);
  values.forEach((v, i) => { a.addEvent(weights?.[i] ?? 1); a.addValue(v, weights?.[i] ?? 1); });
  return a;
}

describe('FeatureAccumulator features on hand-made buckets', () => {
  it('count, mean, min, max, sum, varp, median of 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const a = acc([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(a.feature('count')).toBe(8);
    expect(a.feature('mean')).toBe(5);
    expect(a.feature('min')).toBe(2);
    expect(a.feature('max')).toBe(9);
    expect(a.feature('sum')).toBe(40);
    expect(a.feature('varp')).toBeCloseTo(4, 12);
    expect(a.feature('median')).toBe(4.5);
  });

  it('median of an odd number of values, and weighted by summary counts', () => {
    expect(acc([3, 1, 2]).feature('median')).toBe(2);
    expect(weightedMedian([1, 10], [3, 1])).toBe(1);
    expect(weightedMedian([1, 10], [1, 1])).toBe(5.5);
  });

  it('summary counts weight count, mean and sum (pre-aggregated input)', () => {
    const a = acc([10, 20], { values: false, distinct: false }, [3, 1]);
    expect(a.feature('count')).toBe(4);
    expect(a.feature('mean')).toBe(12.5);
    expect(a.feature('sum')).toBe(50);
    expect(a.feature('min')).toBe(10);
  });

  it('metric features are null for an empty bucket, count 0', () => {
    const a = new FeatureAccumulator({ values: true, distinct: true });
    expect(a.isEmpty()).toBe(true);
    expect(a.feature('count')).toBe(0);
    expect(a.feature('distinct_count')).toBe(0);
    for (const f of ['mean', 'min', 'max', 'sum', 'varp', 'median', 'info_content'] as const) expect(a.feature(f)).toBeNull();
  });

  it('distinct_count and info_content count distinct strings', () => {
    const a = new FeatureAccumulator({ values: false, distinct: true });
    for (const s of ['a', 'bb', 'a', 'ccc', 'é']) { a.addEvent(); a.addDistinct(s); }
    expect(a.feature('distinct_count')).toBe(4);
    // bytes + 1 each: a(2) bb(3) ccc(4) é(3)
    expect(a.feature('info_content')).toBe(12);
    expect(infoContent(new Set(['x'.repeat(10)]))).toBe(11);
  });

  it('merging two halves equals accumulating the whole', () => {
    const whole = acc([1, 5, 2, 8, 3, 9, 4]);
    const left = acc([1, 5, 2]);
    left.merge(acc([8, 3, 9, 4]));
    for (const f of ['count', 'mean', 'min', 'max', 'sum', 'median'] as const) expect(left.feature(f)).toBeCloseTo(whole.feature(f)!, 12);
    expect(left.feature('varp')).toBeCloseTo(whole.feature('varp')!, 12);
  });

  it('survives a JSON round trip of its state', () => {
    const a = acc([1, 2, 3], { values: true, distinct: true });
    a.addDistinct('q');
    const b = FeatureAccumulator.fromState(JSON.parse(JSON.stringify(a.toState())));
    expect(b.toState()).toEqual(a.toState());
    expect(b.feature('median')).toBe(2);
    expect(b.feature('distinct_count')).toBe(1);
    const empty = FeatureAccumulator.fromState(JSON.parse(JSON.stringify(new FeatureAccumulator({ values: false, distinct: false }).toState())));
    empty.addValue(-5);
    expect(empty.feature('max')).toBe(-5);
  });

  it('time of day and week in seconds (weeks start Monday 00:00 UTC)', () => {
    expect(secondsIntoDay(Date.UTC(2024, 0, 1, 13, 30, 15))).toBe(13 * 3600 + 30 * 60 + 15);
    expect(secondsIntoWeek(Date.UTC(2024, 0, 1, 0, 0, 0))).toBe(0); // a Monday
    expect(secondsIntoWeek(Date.UTC(2024, 0, 3, 1, 0, 0))).toBe(2 * 86400 + 3600);
    expect(secondsIntoDay(-1000)).toBe(86399);
  });
});
