import { type DataFrame, type Field, FieldType } from '@grafana/data';

/** Small readers for frame fields that tolerate what different datasources send (ms, ISO strings, nulls). */

export function findField(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

export function findTimeField(frame: DataFrame): Field | undefined {
  return (
    findField(frame, 'timestamp') ??
    frame.fields.find((f) => f.type === FieldType.time) ??
    frame.fields.find((f) => ['Time', 'time', '@timestamp'].includes(f.name))
  );
}

export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value !== '') {
    if (/^-?\d+(\.\d+)?$/.test(value)) {
      return Number(value);
    }
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  if (value && typeof value === 'object' && 'valueOf' in value) {
    const n = Number((value as { valueOf(): unknown }).valueOf());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function toText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => toText(v) ?? '').join(', ');
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

export function valueAt(field: Field | undefined, row: number): unknown {
  return field ? field.values[row] : undefined;
}
