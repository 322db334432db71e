import type { FieldValue } from '../engine/types';
import { RecordError } from './types';

const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A decimal number without leading zeros (`081109` and `007` are codes, kept as text). */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$|^-?\.\d+$/;

/**
 * A CSV cell as a value: empty → null, a decimal number → number, else the text. IPs, codes with
 * leading zeros (`081109`) and hex stay text.
 */
export function cellValue(text: string): FieldValue {
  if (text === '') return null;
  if (PLAIN_DECIMAL.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/**
 * A number a format requires: decimal, or hexadecimal `0x…` when `hexAllowed`. Null for the format's
 * null markers (`nulls`); throws `RecordError` naming the field otherwise.
 */
export function requiredNumber(text: string, field: string, nulls: readonly string[], hexAllowed = false): number | null {
  if (nulls.includes(text)) return null;
  if (hexAllowed && /^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (DECIMAL.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  throw new RecordError(`not a number: "${clip(text)}"`, field);
}

/** Shortens text quoted in error messages. */
export function clip(text: string, max = 60): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/**
 * Flattens parsed JSON into dotted field names (`alert.signature`, `flow.bytes_toserver`). Arrays of
 * scalars become their values joined by `,`; arrays holding objects become their JSON text; booleans
 * become `"true"`/`"false"`; JSON null stays null.
 */
export function flattenJson(value: unknown, prefix: string, out: Record<string, FieldValue>): void {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = null;
  } else if (typeof value === 'number') {
    out[prefix] = Number.isFinite(value) ? value : null;
  } else if (typeof value === 'string') {
    out[prefix] = value;
  } else if (typeof value === 'boolean') {
    out[prefix] = value ? 'true' : 'false';
  } else if (Array.isArray(value)) {
    const scalar = value.every((v) => v === null || typeof v !== 'object');
    out[prefix] = scalar ? value.map((v) => String(v)).join(',') : JSON.stringify(value);
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      flattenJson(inner, prefix ? `${prefix}.${key}` : key, out);
    }
  }
}
