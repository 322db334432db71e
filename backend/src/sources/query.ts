/**
 * The query a datafeed sends: the user's query (OpenSearch DSL, or the pipeline's search compiled
 * to it) restricted to a time range `[start, end)`.
 */
import type { FieldValue } from '../engine/types';

export type QueryDsl = Record<string, unknown>;

/** `[start, end)` on `timeField` (epoch ms) and the user's query, both as filters. */
export function timeRangeQuery(timeField: string, start: number, end: number, query?: QueryDsl): QueryDsl {
  const filter: QueryDsl[] = [{ range: { [timeField]: { gte: start, lt: end, format: 'epoch_millis' } } }];
  if (query && Object.keys(query).length > 0 && !('match_all' in query)) filter.push(query);
  return { bool: { filter } };
}

/**
 * A `_source` object as flat fields: nested objects become dotted names, arrays of scalars keep
 * their first element (a record has one value per field), booleans become "true"/"false".
 */
export function flattenSource(source: unknown, prefix = '', out: Record<string, FieldValue> = {}): Record<string, FieldValue> {
  if (source === null || source === undefined) {
    if (prefix) out[prefix] = null;
    return out;
  }
  if (Array.isArray(source)) {
    if (prefix) flattenSource(source.length > 0 ? source[0] : null, prefix, out);
    return out;
  }
  if (typeof source === 'object') {
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) flattenSource(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (typeof source === 'number') out[prefix] = Number.isFinite(source) ? source : null;
  else if (typeof source === 'boolean') out[prefix] = String(source);
  else out[prefix] = String(source);
  return out;
}
