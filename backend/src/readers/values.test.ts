import { cellValue, flattenJson, requiredNumber } from './values';
import type { FieldValue } from '../engine/types';

describe('cell values', () => {
  it('makes decimal numbers numbers and keeps codes, addresses and hex as text', () => {
    expect(['12', '-3.5', '0', '0.25', '.5', '1e3', '2.5E-2'].map(cellValue)).toEqual([12, -3.5, 0, 0.25, 0.5, 1000, 0.025]);
    expect(['081109', '007', '10.0.0.1', '0x50', '1.', '+5', 'NaN', 'Infinity', '12a'].map(cellValue)).toEqual([
      '081109', '007', '10.0.0.1', '0x50', '1.', '+5', 'NaN', 'Infinity', '12a',
    ]);
    expect(cellValue('')).toBeNull();
  });

  it('requires numbers where a format does, with hex ports and null markers', () => {
    expect(requiredNumber('0x0050', 'Dport', [''], true)).toBe(80);
    expect(requiredNumber('', 'Dport', [''], true)).toBeNull();
    expect(requiredNumber('00123', 'n', [])).toBe(123);
    expect(() => requiredNumber('0x50', 'TotBytes', [''])).toThrow('not a number: "0x50"');
  });

  it('flattens JSON with dots', () => {
    const out: Record<string, FieldValue> = {};
    flattenJson({ a: { b: { c: 1 } }, d: [1, 'x', null], e: [{ f: 1 }], g: false, h: null, i: {} }, '', out);
    expect(out).toEqual({ 'a.b.c': 1, d: '1,x,null', e: '[{"f":1}]', g: 'false', h: null });
  });
});
