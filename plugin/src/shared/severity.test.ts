import { severityColor, severityOf } from './severity';

describe('severityOf', () => {
  it.each([
    [100, 'critical'],
    [75, 'critical'],
    [74.999, 'major'],
    [50, 'major'],
    [49.9, 'minor'],
    [25, 'minor'],
    [24.9, 'warning'],
    [3, 'warning'],
    [2.99, 'low'],
    [0, 'low'],
  ])('score %p is %p', (score, expected) => {
    expect(severityOf(score)).toBe(expected);
  });

  it('gives Elastic colours, with a darker low band on dark themes', () => {
    expect(severityColor(80, false)).toBe('#fe5050');
    expect(severityColor(60, true)).toBe('#fba740');
    expect(severityColor(30, false)).toBe('#fdec25');
    expect(severityColor(10, false)).toBe('#8bc8fb');
    expect(severityColor(1, false)).toBe('#d2e9f7');
    expect(severityColor(1, true)).toBe('#2b4257');
  });
});
