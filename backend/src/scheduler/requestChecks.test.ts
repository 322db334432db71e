import { sameJson, timeOrBadRequest } from './requestChecks';

describe('request checks', () => {
  it('sameJson ignores the order of object keys, not of arrays or values', () => {
    expect(sameJson({ bucket_span: '5m', detectors: [{ function: 'count', by_field_name: 'src' }] }, { detectors: [{ by_field_name: 'src', function: 'count' }], bucket_span: '5m' })).toBe(true);
    expect(sameJson({ bucket_span: '5m' }, { bucket_span: '10m' })).toBe(false);
    expect(sameJson({ influencers: ['a', 'b'] }, { influencers: ['b', 'a'] })).toBe(false);
    expect(sameJson(undefined, { time_field: 'time' })).toBe(false);
    expect(sameJson(undefined, undefined)).toBe(true);
  });

  it('timeOrBadRequest reads epoch ms and ISO dates; anything else is a 400 naming the field', () => {
    expect(timeOrBadRequest('2026-11-02T01:00:00Z', 'start')).toBe(Date.UTC(2026, 10, 2, 1));
    expect(timeOrBadRequest('1700000000000', 'end')).toBe(1_700_000_000_000);
    expect(() => timeOrBadRequest('soon', 'end')).toThrow(expect.objectContaining({ status: 400, message: 'end: "soon" is neither epoch ms nor an ISO date-time', errors: [{ message: 'end: "soon" is neither epoch ms nor an ISO date-time', path: 'end' }] }));
  });
});
