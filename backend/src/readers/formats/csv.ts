import type { FieldValue } from '../../engine/types';
import { DelimitedRecords, guessDelimiter, headerNames, splitDelimited } from '../delimited';
import { pickTimeField, timeOfValue } from '../timeField';
import { RecordError, type LineParser, type ParserContext, type RecordSink } from '../types';
import { cellValue } from '../values';

/**
 * CSV (or TSV) with a header line. Fields keep the header's names; cells become numbers when they
 * are decimal numbers, null when empty, text otherwise. Each record carries `ordinal`, its 1-based
 * ordinal after the header (bad rows count too, so ordinals match the file's rows).
 */
export function csvParser(ctx: ParserContext): LineParser {
  let names: string[] | null = null;
  let records: DelimitedRecords | null = null;
  let timeField: string | null = null;
  let ordinal = 0;

  const onCells = (cells: string[], line: number, sink: RecordSink): void => {
    ordinal++;
    const header = names as string[];
    if (cells.length !== header.length) {
      sink.bad(line, `expected ${header.length} columns, found ${cells.length}`);
      return;
    }
    const fields: Record<string, FieldValue> = {};
    for (let i = 0; i < header.length; i++) fields[header[i]] = cellValue(cells[i]);
    let time = 0;
    if (timeField !== null) {
      try {
        time = timeOfValue(fields[timeField], timeField, ctx);
      } catch (err) {
        if (err instanceof RecordError) {
          sink.bad(line, err.reason, err.field);
          return;
        }
        throw err;
      }
    }
    sink.record({ record: { time, fields }, line, ordinal });
  };

  return {
    push(text, line, sink) {
      if (names === null) {
        if (text.trim() === '') return;
        const delimiter = guessDelimiter(text);
        names = headerNames(splitDelimited(text, delimiter).fields);
        records = new DelimitedRecords(delimiter);
        const option = ctx.options.timeField;
        if (option !== false) {
          timeField = pickTimeField(names, option);
          if (option !== undefined && timeField === null) {
            throw new Error(`${ctx.file}:${line}: time field "${option}" is not in the header (${names.join(', ')})`);
          }
        }
        return;
      }
      const rows = records as DelimitedRecords;
      if (text === '' && !rows.hasPending()) return;
      for (const event of rows.push(text, line)) {
        if ('badLine' in event) {
          ordinal++;
          sink.bad(event.badLine, event.reason);
        } else onCells(event.cells, event.line, sink);
      }
    },
    end(sink) {
      if (records === null) return;
      for (const event of records.end()) {
        if ('badLine' in event) {
          ordinal++;
          sink.bad(event.badLine, event.reason);
        } else onCells(event.cells, event.line, sink);
      }
    },
    timeField: () => timeField,
  };
}
