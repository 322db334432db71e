import * as fs from 'fs';
import { BadRecordLog } from '../engine/types';
import { detectFormat, parseFormatName } from './detect';
import { binetflowParser } from './formats/binetflow';
import { bglParser } from './formats/bgl';
import { csvParser } from './formats/csv';
import { eveParser } from './formats/eve';
import { fastlogParser } from './formats/fastlog';
import { linesParser } from './formats/lines';
import { ndjsonParser } from './formats/ndjson';
import { syslogParser } from './formats/syslog';
import { zeekParser } from './formats/zeek';
import { LineStream, type PhysicalLine } from './lineStream';
import { zoneOffsetOf } from './timezone';
import type { FormatName, LineParser, ParserContext, ReadRecord, ReaderOptions, RecordSink } from './types';

/** How many lines are looked at to detect the format. */
const DETECT_LINES = 20;
/** Longest line read; a longer one (a binary file, a missing line break) is a bad record. */
const MAX_LINE_CHARS = 1 << 24;

function parserFor(format: FormatName, ctx: ParserContext): LineParser {
  switch (format) {
    case 'csv': return csvParser(ctx);
    case 'ndjson': return ndjsonParser(ctx);
    case 'zeek': return zeekParser();
    case 'binetflow': return binetflowParser(ctx);
    case 'eve': return eveParser(ctx);
    case 'fastlog': return fastlogParser(ctx);
    case 'syslog': return syslogParser(ctx);
    case 'lines': return linesParser();
    case 'bgl': return bglParser();
  }
}

/**
 * A streaming read of one file: iterate it (once) for `{record, line, ordinal?}`. Malformed lines go
 * to `badRecords` and the read goes on. `format` and `timeField` are known once iteration has begun.
 */
export class RecordStream implements AsyncIterable<ReadRecord> {
  readonly badRecords: BadRecordLog;
  /** Size of the file in bytes, for a progress bar beside `bytesRead()`. */
  readonly totalBytes: number;
  private detected: FormatName | null;
  private parser: LineParser | null = null;
  private readonly lines: LineStream;
  private readonly ctx: ParserContext;

  constructor(readonly file: string, readonly options: ReaderOptions = {}) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (err) {
      throw new Error(`cannot read input file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!stat.isFile()) throw new Error(`cannot read input file ${file}: not a regular file`);
    this.totalBytes = stat.size;
    this.badRecords = options.badRecords ?? new BadRecordLog();
    this.detected = options.format !== undefined ? parseFormatName(options.format) : null;
    this.ctx = { file, options, zoneOffsetMs: zoneOffsetOf(options.timezone) };
    this.lines = new LineStream(file, { maxLineChars: options.maxLineChars ?? MAX_LINE_CHARS });
  }

  /** Bytes of the file read so far. */
  bytesRead(): number {
    return this.lines.bytesRead();
  }

  /** The format read (given or detected); null before iteration detects it. */
  get format(): FormatName | null {
    return this.detected;
  }

  /** The time field used by CSV/NDJSON reads (null when none or before the first record). */
  get timeField(): string | null {
    return this.parser?.timeField?.() ?? null;
  }

  /**
   * Records one by one. Written by hand over `batches()` rather than as an async generator: a record
   * already parsed is handed out as a resolved promise, about twice as fast per record.
   */
  [Symbol.asyncIterator](): AsyncIterator<ReadRecord> {
    const batches = this.batches();
    let batch: ReadRecord[] = [];
    let next = 0;
    const step = (): Promise<IteratorResult<ReadRecord>> => {
      if (next < batch.length) return Promise.resolve({ done: false, value: batch[next++] });
      return batches.next().then((result) => {
        if (result.done) return { done: true, value: undefined };
        batch = result.value;
        next = 0;
        return step();
      });
    };
    return {
      next: step,
      return: async () => {
        batch = [];
        await batches.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * The records in batches (one per chunk of the file, in order): the same records as iterating the
   * stream, with one asynchronous step per chunk instead of one per record, for hot loops.
   */
  async *batches(): AsyncGenerator<ReadRecord[]> {
    let out: ReadRecord[] = [];
    const maxLine = this.options.maxLineChars ?? MAX_LINE_CHARS;
    const sink: RecordSink = {
      record: (read) => out.push(read),
      bad: (line, reason, field) => this.badRecords.add({ file: this.file, line, field, reason }),
    };
    const lineBatches = this.lines.batches();
    try {
      let pending: PhysicalLine[] = [];
      if (this.detected === null) {
        while (pending.length < DETECT_LINES) {
          const next = await lineBatches.next();
          if (next.done) break;
          for (const l of next.value) pending.push(l);
        }
        const sample = pending.filter((l) => !l.tooLong).slice(0, DETECT_LINES);
        this.detected = detectFormat(this.file, sample.map((l) => l.text));
      }
      const parser = parserFor(this.detected, this.ctx);
      this.parser = parser;
      for (;;) {
        for (const { text, line, tooLong } of pending) {
          if (tooLong) sink.bad(line, `line longer than ${maxLine} characters, skipped`);
          else parser.push(text, line, sink);
        }
        if (out.length) {
          yield out;
          out = [];
        }
        const next = await lineBatches.next();
        if (next.done) break;
        pending = next.value;
      }
      parser.end?.(sink);
      if (out.length) yield out;
    } finally {
      await lineBatches.return(undefined);
    }
  }
}

/** Opens a file for a streaming read of its records (see `RecordStream`). */
export function openRecords(file: string, options: ReaderOptions = {}): RecordStream {
  return new RecordStream(file, options);
}

/** Reads a whole file into memory (tests, small files): its records, bad-record log, format. */
export async function readAllRecords(
  file: string, options: ReaderOptions = {},
): Promise<{ records: ReadRecord[]; badRecords: BadRecordLog; format: FormatName; timeField: string | null }> {
  const stream = openRecords(file, options);
  const records: ReadRecord[] = [];
  for await (const read of stream) records.push(read);
  return { records, badRecords: stream.badRecords, format: stream.format as FormatName, timeField: stream.timeField };
}
