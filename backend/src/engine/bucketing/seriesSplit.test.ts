import { entityKey, fieldNumber, parseSeriesKey, seriesKey, splitValues, type SplitFields } from './seriesSplit';

const split: SplitFields = { byFieldName: 'dp', overFieldName: 'src', partitionFieldName: 'host', useNull: false };

describe('series split', () => {
  it('reads by, over and partition values; numbers become their decimal text', () => {
    const v = splitValues({ time: 0, fields: { dp: 'a:80', src: '10.0.0.1', host: 7 } }, split);
    expect(v).toEqual({ by: 'a:80', over: '10.0.0.1', partition: '7' });
    expect(parseSeriesKey(seriesKey(v!), split)).toEqual(v);
  });

  it('skips records missing a split field unless use_null, which gives the empty value', () => {
    const rec = { time: 0, fields: { src: '10.0.0.1', host: 'h' } };
    expect(splitValues(rec, split)).toBeNull();
    expect(splitValues({ time: 0, fields: { dp: null, src: 's', host: 'h' } }, split)).toBeNull();
    expect(splitValues(rec, { ...split, useNull: true })).toEqual({ by: '', over: '10.0.0.1', partition: 'h' });
  });

  it('never takes inherited object properties (constructor, __proto__) for field values', () => {
    const inherited: SplitFields = { byFieldName: 'constructor', partitionFieldName: '__proto__', useNull: false };
    expect(splitValues({ time: 0, fields: { src: 'a' } }, inherited)).toBeNull();
    const own = JSON.parse('{"constructor": "c1", "__proto__": "p1"}');
    expect(splitValues({ time: 0, fields: own }, inherited)).toEqual({ by: 'c1', over: null, partition: 'p1' });
  });

  it('leaves unconfigured split fields null', () => {
    expect(splitValues({ time: 0, fields: { x: 1 } }, { useNull: false })).toEqual({ by: null, over: null, partition: null });
  });

  it('entity_key joins by, over, partition pairs with commas in that order', () => {
    expect(entityKey(split, { by: 'a:80', over: '10.0.0.1', partition: 'h1' })).toBe('dp=a:80,src=10.0.0.1,host=h1');
    expect(entityKey({ byFieldName: 'x', useNull: false }, { by: 'v', over: null, partition: null })).toBe('x=v');
    expect(entityKey({ useNull: false }, { by: null, over: null, partition: null })).toBe('');
  });

  it('fieldNumber accepts numbers and numeric strings only', () => {
    expect(fieldNumber(3.5)).toBe(3.5);
    expect(fieldNumber(' 12 ')).toBe(12);
    expect(fieldNumber('12a')).toBeNull();
    expect(fieldNumber('')).toBeNull();
    expect(fieldNumber(null)).toBeNull();
    expect(fieldNumber(undefined)).toBeNull();
  });
});
