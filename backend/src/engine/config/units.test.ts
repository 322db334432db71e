import { formatDuration, parseByteSize, parseDuration } from './units';

describe('parseDuration', () => {
  it('reads units', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('300s')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });
  it('reads numbers and digit strings as seconds', () => {
    expect(parseDuration(300)).toBe(300_000);
    expect(parseDuration('300')).toBe(300_000);
  });
  it('rejects words and negatives', () => {
    expect(() => parseDuration('five minutes')).toThrow('invalid duration "five minutes"');
    expect(() => parseDuration(-1)).toThrow('invalid duration -1');
  });
  it('formats with the largest whole unit', () => {
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(1500)).toBe('1500ms');
  });
});

describe('parseByteSize', () => {
  it('reads 1024-based units', () => {
    expect(parseByteSize('1024mb')).toBe(1024 ** 3);
    expect(parseByteSize('2GB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('512kb')).toBe(524_288);
    expect(parseByteSize('100b')).toBe(100);
  });
  it('reads bare numbers in the given unit', () => {
    expect(parseByteSize(100)).toBe(100);
    expect(parseByteSize(16, 'mb')).toBe(16 * 1024 ** 2);
    expect(parseByteSize('16', 'mb')).toBe(16 * 1024 ** 2);
  });
  it('rejects other text', () => {
    expect(() => parseByteSize('lots')).toThrow('invalid byte size "lots"');
  });
});
