import { parseFixedOffset, type ZoneOffset } from './timezone';

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Month index (0-11) of an English month abbreviation such as `Jun`; -1 when unknown. */
export function monthIndex(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? -1;
}

/** Milliseconds of a fraction of a second written as digits after the point (`457984` → 457.984). */
function fractionMs(digits: string | undefined): number {
  return digits ? Number('0.' + digits) * 1000 : 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month0: number): number {
  if (month0 !== 1) return DAYS_IN_MONTH[month0];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * UTC ms of a calendar time; `zone` gives the offset when `offsetMs` is null. NaN when a part is out
 * of range (month 13, day 31 of June, hour 25, ...).
 */
export function civilToEpochMs(
  year: number, month0: number, day: number, hour: number, minute: number, second: number, fracMs: number,
  offsetMs: number | null, zone: ZoneOffset,
): number {
  if (month0 < 0 || month0 > 11 || day < 1 || day > daysInMonth(year, month0)) return NaN;
  if (hour > 23 || minute > 59 || second > 60) return NaN;
  const wall = Date.UTC(year, month0, day, hour, minute, second) + fracMs;
  return wall - (offsetMs ?? zone(wall));
}

const DATE_TIME =
  /^(\d{4})[-/](\d\d)[-/](\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d\d(?::?\d\d)?)?$/;

/**
 * Parses ISO-8601 (`2021-06-06T15:59:46.457984+0200`, `...Z`, `...+02:00`), `YYYY-MM-DD HH:MM:SS[.ffffff]`,
 * `YYYY/MM/DD HH:MM:SS[.ffffff]` (Argus) and a bare date. Times without a zone take `zone`.
 * Returns epoch ms (fractions of a ms kept), or NaN when the text is not such a time.
 */
export function parseDateTime(text: string, zone: ZoneOffset): number {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return NaN;
  const offset = m[8] ? parseFixedOffset(m[8]) : null;
  if (m[8] && offset === null) return NaN;
  return civilToEpochMs(
    Number(m[1]), Number(m[2]) - 1, Number(m[3]),
    m[4] ? Number(m[4]) : 0, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0, fractionMs(m[7]),
    offset, zone,
  );
}

const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** Parses an epoch number (text or number) in the unit the format decides; NaN when not a number. */
export function parseEpoch(value: string | number, unit: 's' | 'ms'): number {
  if (typeof value === 'number') return Number.isFinite(value) ? (unit === 's' ? value * 1000 : value) : NaN;
  const text = value.trim();
  if (!EPOCH.test(text)) return NaN;
  if (unit === 'ms') return Number(text);
  const point = text.indexOf('.');
  if (point < 0) return Number(text) * 1000;
  const whole = Number(text.slice(0, point));
  const frac = fractionMs(text.slice(point + 1));
  return text.startsWith('-') ? whole * 1000 - frac : whole * 1000 + frac;
}

/**
 * A time value of a CSV/NDJSON field: numbers (or numeric text) are epoch in `unit`, text is parsed
 * as a date-time. NaN when neither.
 */
export function parseTimeValue(value: string | number, unit: 's' | 'ms', zone: ZoneOffset): number {
  if (typeof value === 'number') return parseEpoch(value, unit);
  const text = value.trim();
  if (EPOCH.test(text)) return parseEpoch(text, unit);
  return parseDateTime(text, zone);
}

/** Time of a line without a year (`Jun 14 15:16:01`, fast.log `01/27-16:53:29.491838`). */
export function clockTime(
  year: number, month0: number, day: number, hms: string, zone: ZoneOffset,
): number {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/.exec(hms);
  if (!m) return NaN;
  return civilToEpochMs(year, month0, day, Number(m[1]), Number(m[2]), Number(m[3]), fractionMs(m[4]), null, zone);
}

const SNORT_TIME = /^(\d\d)\/(\d\d)(?:\/(\d{2}|\d{4}))?-(\d\d:\d\d:\d\d(?:\.\d{1,9})?)$/;

/**
 * Snort's time `MM/DD[/YY[YY]]-hh:mm:ss.ffffff` (fast.log, Snort 3 alert_json); `year` when the text
 * has none. NaN when the text is not such a time.
 */
export function parseSnortTime(text: string, year: number, zone: ZoneOffset): number {
  const m = SNORT_TIME.exec(text);
  if (!m) return NaN;
  const y = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : year;
  return clockTime(y, Number(m[1]) - 1, Number(m[2]), m[4], zone);
}
