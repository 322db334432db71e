import { FeatureAccumulator } from './featureAccumulator';
import { influencingValues, sidedLogProbability } from './influence';
import { MISSING_INFLUENCER } from './bucketGatherer';

function counts(groups: Record<string, number>): { groups: Map<string, FeatureAccumulator>; whole: FeatureAccumulator } {
  const m = new Map<string, FeatureAccumulator>();
  const whole = new FeatureAccumulator({ values: false, distinct: false });
  for (const [k, n] of Object.entries(groups)) {
    const a = new FeatureAccumulator({ values: false, distinct: false });
    a.addEvent(n);
    whole.addEvent(n);
    m.set(k, a);
  }
  return { groups: m, whole };
}

const band = { typical: 10, lower: 6.08, upper: 13.92 }; // sigma 2

describe('influence', () => {
  it('the value behind a count spike has influence 1, the background values none', () => {
    const { groups, whole } = counts({ attacker: 40, h1: 3, h2: 4, h3: 3 });
    const hits = influencingValues(groups, whole, 50, band, { feature: 'count', side: 'high', emptyIsZero: true });
    expect(hits.map((h) => h.value)).toEqual(['attacker']);
    // Without it the count is 10 = typical: log P = log 0.5, tiny beside log P(50).
    expect(hits[0].influence).toBeGreaterThan(0.99);
  });

  it('when removing a value empties the bucket, it is the influencer (ml-cpp #2064)', () => {
    const { groups, whole } = counts({ only: 50 });
    const hits = influencingValues(groups, whole, 50, band, { feature: 'count', side: 'high', emptyIsZero: true });
    expect(hits.map((h) => h.value)).toEqual(['only']);
    expect(hits[0].influence).toBeGreaterThan(0.999999);
    const metric = new Map([['only', (() => { const a = new FeatureAccumulator({ values: false, distinct: false }); a.addEvent(); a.addValue(99); return a; })()]]);
    expect(influencingValues(metric, metric.get('only')!, 99, band, { feature: 'mean', side: 'both', emptyIsZero: false }))
      .toEqual([{ value: 'only', influence: 1 }]);
  });

  it('two equal contributors share the anomaly; records without the field are never reported', () => {
    const { groups, whole } = counts({ x: 25, y: 25, [MISSING_INFLUENCER]: 5 });
    const hits = influencingValues(groups, whole, 55, band, { feature: 'count', side: 'high', emptyIsZero: true });
    expect(hits.map((h) => h.value)).toEqual(['x', 'y']);
    expect(hits[0].influence).toBeGreaterThan(0.4);
    expect(hits[0].influence).toBeLessThan(1);
  });

  it('sided log probabilities', () => {
    expect(sidedLogProbability('high', 10, band)).toBeCloseTo(Math.log(0.5), 3);
    expect(sidedLogProbability('both', 10, band)).toBeCloseTo(0, 6);
    expect(sidedLogProbability('low', 6.08, band)).toBeCloseTo(Math.log(0.025), 2);
  });
});

describe('influence: the subtraction shortcut agrees with merging the other groups', () => {
  it('count, sum and mean without a value', () => {
    const groups = new Map<string, FeatureAccumulator>();
    const whole = new FeatureAccumulator({ values: true, distinct: false });
    const data: Record<string, number[]> = { x: [100, 120, 130], y: [10, 12], z: [11] };
    for (const [k, vs] of Object.entries(data)) {
      const a = new FeatureAccumulator({ values: true, distinct: false });
      for (const v of vs) { a.addEvent(); a.addValue(v); whole.addEvent(); whole.addValue(v); }
      groups.set(k, a);
    }
    const band = { typical: 11, lower: 9, upper: 13 };
    for (const feature of ['count', 'sum', 'mean'] as const) {
      const hits = influencingValues(groups, whole, whole.feature(feature)!, band, { feature, side: 'high', emptyIsZero: feature !== 'mean' });
      // x carries the anomaly in every feature: without it, count 3 / sum 33 / mean 11 are ordinary.
      expect(hits[0].value).toBe('x');
      // median has no shortcut: the general path must agree on the leader.
      const med = influencingValues(groups, whole, whole.feature('median')!, band, { feature: 'median', side: 'high', emptyIsZero: false });
      expect(med[0].value).toBe('x');
    }
    expect(influencingValues(groups, whole, 353 / 6, band, { feature: 'mean', side: 'high', emptyIsZero: false })
      .map((h) => h.value)).toEqual(['x']);
  });
});
