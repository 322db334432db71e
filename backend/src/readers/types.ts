import type { BadRecordLog, EventRecord } from '../engine/types';

/** The formats the readers understand (canonical names, as `--format` takes them). */
export const FORMAT_NAMES = ['csv', 'ndjson', 'zeek', 'binetflow', 'eve', 'fastlog', 'syslog', 'lines', 'bgl'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** How to read a file. Every option is optional. */
export interface ReaderOptions {
  /** Force a format instead of detecting it (aliases accepted, see `parseFormatName`). */
  format?: FormatName | string;
  /**
   * CSV/NDJSON: the field holding the time. Default: the first of `@timestamp`, `timestamp`, `time`,
   * `_time`, `ts` present (exact name first, then ignoring case). `false`: no time field (time = 0).
   */
  timeField?: string | false;
  /** CSV/NDJSON numeric times: `epoch` (seconds, the default, as Elastic's data_description) or `epoch_ms`. */
  timeFormat?: 'epoch' | 'epoch_ms';
  /** Zone of times written without one: `UTC` (default), `+02:00`/`+0200`, or an IANA name (`Europe/Prague`). */
  timezone?: string;
  /** Year for syslog and fast.log lines that carry none (default: the current UTC year). */
  year?: number;
  /** Longest line read, in characters (default 16 Mi); longer lines are bad records. */
  maxLineChars?: number;
  /** Where malformed lines are counted; a new log is made when absent. */
  badRecords?: BadRecordLog;
}

/** One record read from a file: the record, its 1-based physical line and (CSV) its ordinal after the header. */
export interface ReadRecord {
  record: EventRecord;
  line: number;
  ordinal?: number;
}

/** A malformed line: the parser throws it; the reader logs it with the file and line and goes on. */
export class RecordError extends Error {
  constructor(readonly reason: string, readonly field?: string) {
    super(reason);
  }
}

/** What a format parser needs to know beside the line itself. */
export interface ParserContext {
  file: string;
  options: ReaderOptions;
  /** Offset in ms of the `timezone` option for a wall-clock time given as if it were UTC. */
  zoneOffsetMs(wallClockAsUtcMs: number): number;
}

/** Receives what a parser makes of lines: records, and malformed lines (with the field at fault). */
export interface RecordSink {
  record(read: ReadRecord): void;
  bad(line: number, reason: string, field?: string): void;
}

/**
 * Parses one format line by line. `push` hands the sink zero or more records or bad lines (headers,
 * comments and blank lines give nothing; a CSV record spanning lines comes when it is complete).
 * `end` flushes what is pending at the end of the file.
 */
export interface LineParser {
  push(text: string, line: number, sink: RecordSink): void;
  end?(sink: RecordSink): void;
  /** The time field used, when the format lets the user pick one (CSV, NDJSON); null when none. */
  timeField?(): string | null;
}

/** A parser from a function that returns a record, null (not a record), or throws `RecordError`. */
export function lineByLine(parse: (text: string, line: number) => ReadRecord | null): LineParser {
  return {
    push(text, line, sink) {
      let read: ReadRecord | null;
      try {
        read = parse(text, line);
      } catch (err) {
        if (err instanceof RecordError) {
          sink.bad(line, err.reason, err.field);
          return;
        }
        throw err;
      }
      if (read) sink.record(read);
    },
  };
}
