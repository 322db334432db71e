/** Value conversions shared by search matching and eval: numbers in shortest decimal form, numeric text. */
import type { FieldValue } from '../engine/types';

/** What an eval expression can produce: field values plus booleans from comparisons. */
export type EvalValue = string | number | boolean | null;

const numericText = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number in its shortest decimal form that reads back to the same double ("0.1", "443", "-2.5"). */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** The number a value stands for: numbers, and text that is a decimal number; otherwise null. */
export function toNumber(value: EvalValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && numericText.test(value)) return Number(value);
  return null;
}

/** The text of a value (numbers in shortest decimal form); null stays null. */
export function toText(value: EvalValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** An eval result as a record field: non-finite numbers become null, booleans "true"/"false". */
export function toFieldValue(value: EvalValue): FieldValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/**
 * A Splunk-style wildcard pattern (`*` = any run of characters), anchored and case-insensitive, as a
 * predicate. No regular expression: the fixed pieces are found left to right with indexOf, so a
 * pattern such as `*a*a*a*b` costs linear time on any text (no catastrophic backtracking).
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const lower = pattern.toLowerCase();
  if (!lower.includes('*')) return (text) => text.toLowerCase() === lower;
  const parts = lower.split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return (text) => {
    const t = text.toLowerCase();
    if (t.length < first.length + last.length || !t.startsWith(first) || !t.endsWith(last)) return false;
    const end = t.length - last.length;
    let position = first.length;
    for (const piece of middle) {
      const at = t.indexOf(piece, position);
      if (at < 0 || at + piece.length > end) return false;
      position = at + piece.length;
    }
    return true;
  };
}
