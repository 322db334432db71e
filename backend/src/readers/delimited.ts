/**
 * Splitting of delimited text (CSV with a header, TSV) with RFC 4180 quoting: a field that starts
 * with `"` runs to the next lone `"`, `""` inside it is one quote, and delimiters and line breaks
 * inside it belong to the field.
 */
export interface SplitResult {
  fields: string[];
  /** True when the text ends inside a quoted field: the record continues on the next line. */
  open: boolean;
}

export function splitDelimited(text: string, delimiter: string): SplitResult {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return { fields, open: true };
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Lenient: text between the closing quote and the delimiter is kept.
      const d = text.indexOf(delimiter, j);
      const end = d < 0 ? n : d;
      value += text.slice(j, end);
      fields.push(value);
      if (d < 0) return { fields, open: false };
      i = d + delimiter.length;
    } else {
      const d = text.indexOf(delimiter, i);
      if (d < 0) {
        fields.push(text.slice(i));
        return { fields, open: false };
      }
      fields.push(text.slice(i, d));
      i = d + delimiter.length;
    }
  }
}

/** The delimiter of a header line: the most frequent of comma, tab, semicolon and pipe (comma on a tie). */
export function guessDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = splitDelimited(header, d).fields.length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Header names: trimmed, empty ones named `column_<n>`, repeated ones suffixed `_2`, `_3`, .... */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const name = cell.trim() || `column_${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

/** A complete record's cells and its first physical line, or a line given up as unparseable. */
export type DelimitedEvent = { cells: string[]; line: number } | { badLine: number; reason: string };

/**
 * Joins physical lines into records for delimited text whose quoted fields may hold line breaks.
 * A record left open over more than `maxLines` lines or `maxChars` characters is given up: its
 * first line is reported as an unterminated quote and the lines after it are read again.
 */
export class DelimitedRecords {
  private pending: { text: string; line: number }[] = [];
  private pendingChars = 0;

  constructor(private readonly delimiter: string, private readonly maxLines = 1000, private readonly maxChars = 1 << 20) {}

  push(text: string, line: number): DelimitedEvent[] {
    const out: DelimitedEvent[] = [];
    this.feed(text, line, out);
    return out;
  }

  private feed(text: string, line: number, out: DelimitedEvent[]): void {
    if (this.pending.length === 0) {
      const split = splitDelimited(text, this.delimiter);
      if (!split.open) {
        out.push({ cells: split.fields, line });
        return;
      }
      this.pending.push({ text, line });
      this.pendingChars = text.length;
      return;
    }
    this.pending.push({ text, line });
    this.pendingChars += text.length + 1;
    const whole = this.pending.map((p) => p.text).join('\n');
    const split = splitDelimited(whole, this.delimiter);
    if (!split.open) {
      out.push({ cells: split.fields, line: this.pending[0].line });
      this.pending = [];
      return;
    }
    if (this.pending.length > this.maxLines || this.pendingChars > this.maxChars) this.giveUp(out);
  }

  private giveUp(out: DelimitedEvent[]): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    out.push({ badLine: first.line, reason: 'unterminated quoted field' });
    for (const p of rest) this.feed(p.text, p.line, out);
  }

  /** True while a quoted field is open across lines. */
  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** At the end of the file: what is left of an open record. */
  end(): DelimitedEvent[] {
    const out: DelimitedEvent[] = [];
    while (this.pending.length > 0) this.giveUp(out);
    return out;
  }
}
