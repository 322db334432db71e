import { groupingAccuracy } from './groupingAccuracy';

describe('grouping accuracy (loghub)', () => {
  it('counts a message right only when its predicted group is exactly its true event', () => {
    // true events: A x3, B x2, C x1, D x2
    const truth = ['A', 'A', 'A', 'B', 'B', 'C', 'D', 'D'];
    // group 1 = all of A (right), group 2 = B + C merged (wrong, 3), group 3 and 4 split D (wrong, 2)
    const predicted = [1, 1, 1, 2, 2, 2, 3, 4];
    const r = groupingAccuracy(predicted, truth);
    expect(r.correct).toBe(3);
    expect(r.total).toBe(8);
    expect(r.accuracy).toBeCloseTo(3 / 8, 12);
    expect(r.predictedGroups).toBe(4);
    expect(r.trueGroups).toBe(4);
  });

  it('is 1 for a perfect grouping whatever the labels, and never counts uncategorised messages', () => {
    expect(groupingAccuracy([7, 7, 9], ['x', 'x', 'y']).accuracy).toBe(1);
    const r = groupingAccuracy([7, null, 9], ['x', 'x', 'y']);
    expect(r.correct).toBe(1);
    expect(r.accuracy).toBeCloseTo(1 / 3, 12);
  });

  it('rejects inputs of different lengths', () => {
    expect(() => groupingAccuracy([1], ['a', 'b'])).toThrow('1 predictions for 2 messages');
  });
});
