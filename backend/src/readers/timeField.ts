import type { FieldValue } from '../engine/types';
import { parseTimeValue } from './timeParse';
import { RecordError, type ParserContext } from './types';
import { clip } from './values';

/** Time fields tried, in order, when the user names none (CSV and NDJSON). */
export const DEFAULT_TIME_FIELDS = ['@timestamp', 'timestamp', 'time', '_time', 'ts'] as const;

/** Finds `wanted` among `names`: the exact name first, then ignoring case; null when absent. */
export function findName(names: readonly string[], wanted: string): string | null {
  if (names.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower) ?? null;
}

/**
 * The time field among `names`: the `timeField` option when given (null when absent from `names`),
 * else the first default present (each tried by exact name, then ignoring case).
 */
export function pickTimeField(names: readonly string[], option: string | undefined): string | null {
  if (option !== undefined) return findName(names, option);
  for (const candidate of DEFAULT_TIME_FIELDS) if (names.includes(candidate)) return candidate;
  for (const candidate of DEFAULT_TIME_FIELDS) {
    const found = findName(names, candidate);
    if (found) return found;
  }
  return null;
}

/** Epoch ms of a CSV/NDJSON time value; throws `RecordError` naming the field when it is not a time. */
export function timeOfValue(value: FieldValue | undefined, field: string, ctx: ParserContext): number {
  if (value === null || value === undefined || value === '') throw new RecordError('time is missing', field);
  const unit = ctx.options.timeFormat === 'epoch_ms' ? 'ms' : 's';
  const ms = parseTimeValue(value, unit, ctx.zoneOffsetMs);
  if (Number.isNaN(ms)) throw new RecordError(`unparseable time "${clip(String(value))}"`, field);
  return ms;
}
