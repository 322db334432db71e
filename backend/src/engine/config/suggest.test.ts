import { closestName, didYouMean, editDistance } from './suggest';

describe('suggest', () => {
  it('counts edits, transpositions as one', () => {
    expect(editDistance('mean', 'mean')).toBe(0);
    expect(editDistance('meen', 'mean')).toBe(1);
    expect(editDistance('raer', 'rare')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('finds the closest name within a third of the length', () => {
    expect(closestName('raer', ['count', 'rare', 'mean'])).toBe('rare');
    expect(closestName('distinctcount', ['distinct_count', 'count'])).toBe('distinct_count');
    expect(closestName('xyz', ['count', 'rare'])).toBeUndefined();
  });
  it('formats the hint', () => {
    expect(didYouMean('meen', ['mean'])).toBe(' (did you mean "mean"?)');
    expect(didYouMean('zzzz', ['mean'])).toBe('');
  });
});
