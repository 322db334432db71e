import { parseDateTime, parseEpoch, parseTimeValue } from './timeParse';
import { parseFixedOffset, zoneOffsetOf } from './timezone';

const utc = zoneOffsetOf(undefined);

describe('date-time parsing', () => {
  it('reads ISO-8601 with Z, +0200, +02:00 and -05 offsets', () => {
    const t = Date.UTC(2021, 5, 6, 13, 59, 46) + 457.984;
    expect(parseDateTime('2021-06-06T13:59:46.457984Z', utc)).toBeCloseTo(t, 6);
    expect(parseDateTime('2021-06-06T15:59:46.457984+0200', utc)).toBeCloseTo(t, 6);
    expect(parseDateTime('2021-06-06T15:59:46.457984+02:00', utc)).toBeCloseTo(t, 6);
    expect(parseDateTime('2021-06-06T08:59:46.457984-05', utc)).toBeCloseTo(t, 6);
    expect(parseDateTime('2021-06-06T13:59:46,5Z', utc)).toBe(Date.UTC(2021, 5, 6, 13, 59, 46, 500));
    expect(parseDateTime('2021-06-06T13:59Z', utc)).toBe(Date.UTC(2021, 5, 6, 13, 59));
  });

  it('reads zone-less times as UTC, or in the given zone', () => {
    expect(parseDateTime('2014-04-01 00:00:00', utc)).toBe(Date.UTC(2014, 3, 1));
    expect(parseDateTime('2014-04-01 00:00:00.123456', utc)).toBeCloseTo(Date.UTC(2014, 3, 1) + 123.456, 6);
    expect(parseDateTime('2013/10/21 13:22:43.123456', utc)).toBeCloseTo(Date.UTC(2013, 9, 21, 13, 22, 43) + 123.456, 6);
    expect(parseDateTime('2014-04-01', utc)).toBe(Date.UTC(2014, 3, 1));
    expect(parseDateTime('2014-04-01 00:00:00', zoneOffsetOf('+02:00'))).toBe(Date.UTC(2014, 2, 31, 22));
    expect(parseDateTime('2014-04-01 00:00:00', zoneOffsetOf('-0330'))).toBe(Date.UTC(2014, 3, 1, 3, 30));
    // An explicit offset wins over the option.
    expect(parseDateTime('2014-04-01T00:00:00Z', zoneOffsetOf('+02:00'))).toBe(Date.UTC(2014, 3, 1));
  });

  it('follows daylight saving in IANA zones', () => {
    const prague = zoneOffsetOf('Europe/Prague');
    expect(parseDateTime('2024-01-15 12:00:00', prague)).toBe(Date.UTC(2024, 0, 15, 11));
    expect(parseDateTime('2024-07-15 12:00:00', prague)).toBe(Date.UTC(2024, 6, 15, 10));
    // The hour after the spring change (02:00 → 03:00 on 2024-03-31) and the autumn change.
    expect(parseDateTime('2024-03-31 03:30:00', prague)).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(parseDateTime('2024-10-27 04:00:00', prague)).toBe(Date.UTC(2024, 9, 27, 3));
    const newYork = zoneOffsetOf('America/New_York');
    expect(parseDateTime('2023-12-31 23:59:58', newYork)).toBe(Date.UTC(2024, 0, 1, 4, 59, 58));
  });

  it('rejects impossible or foreign text', () => {
    for (const text of ['2023-02-29 00:00:00', '2024-13-01', '2024-01-01 24:00:00', '2024-01-01 10:60:00', 'yesterday', '15:16:01', '2024-01-01T00:00:00+25:00']) {
      expect(parseDateTime(text, utc)).toBeNaN();
    }
    expect(parseDateTime('2024-02-29 00:00:00', utc)).toBe(Date.UTC(2024, 1, 29));
  });

  it('names unknown zones', () => {
    expect(() => zoneOffsetOf('Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
    expect(parseFixedOffset('+0200')).toBe(7_200_000);
    expect(parseFixedOffset('-05:30')).toBe(-19_800_000);
    expect(parseFixedOffset('+2')).toBeNull();
  });
});

describe('epoch parsing', () => {
  it('lets the format decide the unit, never the magnitude', () => {
    expect(parseEpoch('19.981745', 's')).toBeCloseTo(19981.745, 9);
    expect(parseEpoch('0', 's')).toBe(0);
    expect(parseEpoch('1117838570', 's')).toBe(1117838570000);
    expect(parseEpoch('1655071198.444458', 's')).toBeCloseTo(1655071198444.458, 3);
    expect(parseEpoch('1700000000123', 'ms')).toBe(1700000000123);
    expect(parseEpoch('12', 'ms')).toBe(12);
    expect(parseEpoch('-1.5', 's')).toBe(-1500);
    expect(parseEpoch(1.5, 's')).toBe(1500);
    expect(parseEpoch('1e9', 's')).toBeNaN();
    expect(parseEpoch('abc', 's')).toBeNaN();
  });

  it('reads CSV/NDJSON time values: numbers as epoch, text as date-time', () => {
    expect(parseTimeValue(1700000000, 's', utc)).toBe(1_700_000_000_000);
    expect(parseTimeValue('1700000000', 'ms', utc)).toBe(1_700_000_000);
    expect(parseTimeValue('2023-11-14T22:13:20Z', 's', utc)).toBe(1_700_000_000_000);
  });
});
