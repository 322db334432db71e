/**
 * Splitting events into series by their by / over / partition values, with `use_null` semantics:
 * a record missing a split field goes to the null ("") series only when use_null is set; otherwise it
 * is skipped (and counted by the caller).
 */
import { fieldOf, type EventRecord, type FieldValue } from '../types';

export interface SplitFields {
  byFieldName?: string;
  overFieldName?: string;
  partitionFieldName?: string;
  useNull: boolean;
}

export interface SplitValues {
  by: string | null;
  over: string | null;
  partition: string | null;
}

/** The string form of a field value used for series identity; null when absent. */
export function fieldString(v: FieldValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  return v;
}

/** A numeric value of a field (numbers, or strings that are plain decimal numbers); null otherwise. */
export function fieldNumber(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Value of one split field: null when the field is not configured, "" for a missing value with use_null,
 *  undefined when the record must be skipped. */
function splitValue(record: EventRecord, name: string | undefined, useNull: boolean): string | null | undefined {
  if (!name) return null;
  const s = fieldString(fieldOf(record.fields, name));
  if (s !== null) return s;
  return useNull ? '' : undefined;
}

/** The split values of a record, or null when the record lacks a split field and use_null is off. */
export function splitValues(record: EventRecord, split: SplitFields): SplitValues | null {
  const by = splitValue(record, split.byFieldName, split.useNull);
  if (by === undefined) return null;
  const over = splitValue(record, split.overFieldName, split.useNull);
  if (over === undefined) return null;
  const partition = splitValue(record, split.partitionFieldName, split.useNull);
  if (partition === undefined) return null;
  return { by, over, partition };
}

const SEP = '\u0001';

/** A series key: partition, by and over values joined by a separator that cannot appear in data keys. */
export function seriesKey(v: SplitValues): string {
  return (v.partition ?? '') + SEP + (v.by ?? '') + SEP + (v.over ?? '');
}

/** Inverse of `seriesKey` (null for unconfigured fields is restored from the split fields). */
export function parseSeriesKey(key: string, split: SplitFields): SplitValues {
  const [partition, by, over] = key.split(SEP);
  return {
    partition: split.partitionFieldName ? partition : null,
    by: split.byFieldName ? by : null,
    over: split.overFieldName ? over : null,
  };
}

/** Key of the partition a series belongs to (scores of by-values in one partition share a normaliser). */
export function partitionKey(v: SplitValues): string {
  return v.partition ?? '';
}

/** `field=value` pairs of the by, over and partition values joined by "," (conventions §6). */
export function entityKey(split: SplitFields, v: SplitValues): string {
  const parts: string[] = [];
  if (split.byFieldName && v.by !== null) parts.push(`${split.byFieldName}=${v.by}`);
  if (split.overFieldName && v.over !== null) parts.push(`${split.overFieldName}=${v.over}`);
  if (split.partitionFieldName && v.partition !== null) parts.push(`${split.partitionFieldName}=${v.partition}`);
  return parts.join(',');
}
