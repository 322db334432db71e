import { formatNumber, toNumber, toText, wildcardMatcher } from './values';

describe('values', () => {
  it('formats numbers in shortest decimal form', () => {
    expect(formatNumber(443)).toBe('443');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
  });

  it('reads numeric text only', () => {
    expect(toNumber('42')).toBe(42);
    expect(toNumber('-1.5e3')).toBe(-1500);
    expect(toNumber('.5')).toBe(0.5);
    expect(toNumber('10.0.0.1')).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toNumber('Infinity')).toBeNull();
    expect(toNumber(true)).toBeNull();
  });

  it('texts of values', () => {
    expect(toText(null)).toBeNull();
    expect(toText(false)).toBe('false');
    expect(toText(2.50)).toBe('2.5');
  });

  it('wildcards anchor at both ends and ignore case', () => {
    expect(wildcardMatcher('10.*')('10.1.2.3')).toBe(true);
    expect(wildcardMatcher('10.*')('110.1.2.3')).toBe(false);
    expect(wildcardMatcher('*.PHP')('/a/index.php')).toBe(true);
    expect(wildcardMatcher('a*b*c')('aXXbYYc')).toBe(true);
    expect(wildcardMatcher('a*b*c')('aXXcYYb')).toBe(false);
    expect(wildcardMatcher('ab*ba')('aba')).toBe(false);
    expect(wildcardMatcher('*')('')).toBe(true);
    expect(wildcardMatcher('a**b')('ab')).toBe(true);
    expect(wildcardMatcher('plain')('PLAIN')).toBe(true);
    expect(wildcardMatcher('x.y')('xzy')).toBe(false);
  });

  it('a pathological pattern on a long text answers (no backtracking blow-up)', () => {
    const text = 'a'.repeat(200_000);
    expect(wildcardMatcher('*a*a*a*a*a*a*a*a*b')(text)).toBe(false);
    expect(wildcardMatcher('*a*a*a*a*a*a*a*a*a')(text)).toBe(true);
  });
});
