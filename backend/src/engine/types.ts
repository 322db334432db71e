/**
 * Types shared by every layer of the engine and by the adapters around it.
 * The engine is pure: no I/O, no clock, no unseeded randomness.
 */

/** A field value after reading: strings, finite numbers, or null for "absent". */
export type FieldValue = string | number | null;

/** One input event: its time (epoch milliseconds, UTC) and its fields by name. */
export interface EventRecord {
  time: number;
  fields: Record<string, FieldValue>;
}

/**
 * The value of a field of a record, or undefined when the record has no such field of its own
 * (`constructor`, `__proto__` and other inherited properties are never field values).
 */
export function fieldOf(fields: Record<string, FieldValue>, name: string): FieldValue | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/** Where a record came from, for error messages (1-based line). */
export interface SourcePosition {
  file: string;
  line: number;
}

/** A record that could not be used: counted and reported, never fatal. */
export interface BadRecord extends SourcePosition {
  field?: string;
  reason: string;
}

/** Collects bad records: keeps a count and the first few for the report. */
export class BadRecordLog {
  count = 0;
  readonly first: BadRecord[] = [];
  constructor(private readonly keep = 10) {}
  add(bad: BadRecord): void {
    this.count++;
    if (this.first.length < this.keep) this.first.push(bad);
  }
  format(bad: BadRecord): string {
    return `${bad.file}:${bad.line}${bad.field ? ` field "${bad.field}"` : ''}: ${bad.reason}`;
  }
}

/** Severity bands of a 0-100 score (Elastic's: critical >= 75, major >= 50, minor >= 25, warning >= 3). */
export type Severity = 'critical' | 'major' | 'minor' | 'warning' | 'low';

export function severityOf(score: number): Severity {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'major';
  if (score >= 25) return 'minor';
  if (score >= 3) return 'warning';
  return 'low';
}
