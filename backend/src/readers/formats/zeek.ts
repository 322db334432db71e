import type { FieldValue } from '../../engine/types';
import { addFlowNames, numberOrNull } from '../flowFields';
import { parseEpoch } from '../timeParse';
import { lineByLine, RecordError, type LineParser } from '../types';
import { cellValue, clip, requiredNumber } from '../values';

/** Zeek types whose values are numbers. */
const NUMERIC_TYPES = new Set(['time', 'interval', 'count', 'int', 'double', 'port']);

/** Decodes the `\x09` escapes of Zeek's `#separator` directive. */
function unescapeZeek(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Some Stratosphere files (IoT-23) join the last columns with three spaces instead of the separator,
 * in `#fields` (`tunnel_parents   label   detailedlabel`) and in each row. The position of such a
 * joined column and how many columns it holds; null when there is none.
 */
interface JoinedColumn {
  index: number;
  width: number;
}

function findJoined(rawNames: string[]): JoinedColumn | null {
  const index = rawNames.findIndex((n) => /\s/.test(n.trim()));
  return index < 0 ? null : { index, width: rawNames[index].trim().split(/\s+/).length };
}

/** Splits a joined cell back into its columns (throws when the count differs). */
function expandJoined(cells: string[], joined: JoinedColumn): string[] {
  const parts = cells[joined.index].trim().split(/\s{2,}/);
  const pieces = parts.length === joined.width ? parts : cells[joined.index].trim().split(/\s+/);
  if (pieces.length !== joined.width) {
    throw new RecordError(`expected ${joined.width} space-joined values, found ${pieces.length}`);
  }
  return [...cells.slice(0, joined.index), ...pieces, ...cells.slice(joined.index + 1)];
}

/**
 * Zeek ASCII logs (`conn.log` and the Stratosphere `*.labeled` ones): `#` directives give the
 * separator, the null (`-`) and empty (`(empty)`) markers, `#fields` and `#types`. Values of numeric
 * types are numbers (`-` → null, anything else non-numeric is a bad record); others stay text,
 * `(empty)` → "". Time: `ts`, epoch seconds. Adds the brief's flow names.
 */
export function zeekParser(): LineParser {
  let separator = '\t';
  let unset = '-';
  let empty = '(empty)';
  let names: string[] | null = null;
  let joined: JoinedColumn | null = null;
  let numeric: boolean[] = [];
  let typed = false;
  let tsIndex = -1;

  const directive = (text: string): void => {
    if (text.startsWith('#separator')) {
      separator = unescapeZeek(text.slice('#separator'.length).trim()) || '\t';
      return;
    }
    const cut = text.indexOf(separator);
    const key = cut < 0 ? text : text.slice(0, cut);
    const rest = cut < 0 ? [] : text.slice(cut + separator.length).split(separator);
    if (key === '#unset_field' && rest.length) unset = rest[0];
    else if (key === '#empty_field' && rest.length) empty = rest[0];
    else if (key === '#fields') {
      joined = findJoined(rest);
      names = rest.flatMap((n) => n.trim().split(/\s+/));
      numeric = names.map(() => false);
      typed = false;
      tsIndex = names.indexOf('ts');
    } else if (key === '#types' && names) {
      numeric = rest.flatMap((t) => t.trim().split(/\s+/)).map((t) => NUMERIC_TYPES.has(t));
      typed = true;
    }
  };

  return lineByLine((text, line) => {
    if (text.startsWith('#')) {
      directive(text);
      return null;
    }
    if (text.trim() === '') return null;
    if (names === null) throw new RecordError('record before the #fields header line');
    let cells = text.split(separator);
    if (joined && cells.length === names.length - joined.width + 1) cells = expandJoined(cells, joined);
    if (cells.length !== names.length) throw new RecordError(`expected ${names.length} columns, found ${cells.length}`);
    const fields: Record<string, FieldValue> = {};
    for (let i = 0; i < names.length; i++) {
      const cell = cells[i];
      if (cell === unset) fields[names[i]] = null;
      else if (cell === empty) fields[names[i]] = '';
      else if (numeric[i]) fields[names[i]] = requiredNumber(cell, names[i], []);
      else fields[names[i]] = typed ? cell : cellValue(cell);
    }
    if (tsIndex < 0) throw new RecordError('no ts column in #fields', 'ts');
    const time = fields.ts === null ? NaN : parseEpoch(cells[tsIndex], 's');
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(cells[tsIndex])}"`, 'ts');
    addFlowNames(fields, {
      src: fields['id.orig_h'] ?? null,
      dest: fields['id.resp_h'] ?? null,
      destPort: fields['id.resp_p'] ?? null,
      protocol: fields.proto ?? null,
      srcAppBytes: numberOrNull(fields.orig_bytes),
      destAppBytes: numberOrNull(fields.resp_bytes),
    });
    return { record: { time, fields }, line };
  });
}
