import type { FieldValue } from '../../engine/types';
import { DelimitedRecords, guessDelimiter, headerNames, splitDelimited } from '../delimited';
import { addFlowNames, numberOrNull } from '../flowFields';
import { parseDateTime } from '../timeParse';
import { RecordError, type LineParser, type ParserContext, type RecordSink } from '../types';
import { clip, requiredNumber } from '../values';

/** Argus columns holding counts, durations or rates: numbers (empty → null). */
const NUMERIC_COLUMNS = new Set([
  'Dur', 'sTos', 'dTos', 'sTtl', 'dTtl', 'sHops', 'dHops', 'TotPkts', 'TotBytes', 'SrcBytes', 'DstBytes',
  'SrcPkts', 'DstPkts', 'Load', 'SrcLoad', 'DstLoad', 'Rate', 'SrcRate', 'DstRate', 'Loss', 'pLoss',
]);
/** Port columns: decimal or hexadecimal `0x0050`, empty → null. */
const PORT_COLUMNS = new Set(['Sport', 'Dport']);

/**
 * Argus binetflow (CSV or tab-separated, with a header; the columns differ per file). Counts and
 * ports are numbers, other cells trimmed text (empty → null). Time: `StartTime` as written
 * (`2013/10/21 13:22:43.123456`, zone from the `timezone` option, default UTC). Adds the brief's
 * flow names, with `dest_app_bytes = TotBytes - SrcBytes`.
 */
export function binetflowParser(ctx: ParserContext): LineParser {
  let names: string[] | null = null;
  let rows: DelimitedRecords | null = null;

  const toRecord = (cells: string[]): { time: number; fields: Record<string, FieldValue> } => {
    const header = names as string[];
    if (cells.length !== header.length) throw new RecordError(`expected ${header.length} columns, found ${cells.length}`);
    const fields: Record<string, FieldValue> = {};
    for (let i = 0; i < header.length; i++) {
      const name = header[i];
      const cell = cells[i].trim();
      if (PORT_COLUMNS.has(name)) fields[name] = requiredNumber(cell, name, [''], true);
      else if (NUMERIC_COLUMNS.has(name)) fields[name] = requiredNumber(cell, name, ['']);
      else fields[name] = cell === '' ? null : cell;
    }
    const start = fields.StartTime;
    const time = typeof start === 'string' ? parseDateTime(start, ctx.zoneOffsetMs) : NaN;
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(String(start ?? ''))}"`, 'StartTime');
    const total = numberOrNull(fields.TotBytes);
    const src = numberOrNull(fields.SrcBytes);
    addFlowNames(fields, {
      src: fields.SrcAddr ?? null,
      dest: fields.DstAddr ?? null,
      destPort: fields.Dport ?? null,
      protocol: fields.Proto ?? null,
      srcAppBytes: src,
      destAppBytes: total !== null && src !== null ? total - src : null,
    });
    return { time, fields };
  };

  const emit = (events: ReturnType<DelimitedRecords['push']>, sink: RecordSink): void => {
    for (const event of events) {
      if ('badLine' in event) {
        sink.bad(event.badLine, event.reason);
        continue;
      }
      try {
        sink.record({ record: toRecord(event.cells), line: event.line });
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        sink.bad(event.line, err.reason, err.field);
      }
    }
  };

  return {
    push(text, line, sink) {
      if (text.trim() === '') return;
      if (names === null) {
        const delimiter = guessDelimiter(text);
        names = headerNames(splitDelimited(text, delimiter).fields);
        if (!names.includes('StartTime')) {
          throw new Error(`${ctx.file}:${line}: not a binetflow header (no StartTime column): ${clip(text, 120)}`);
        }
        rows = new DelimitedRecords(delimiter);
        return;
      }
      emit((rows as DelimitedRecords).push(text, line), sink);
    },
    end(sink) {
      if (rows) emit(rows.end(), sink);
    },
  };
}
