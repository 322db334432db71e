import * as fs from 'fs';
import { pipeline } from 'stream';
import * as zlib from 'zlib';

/** One physical line of a file, without its line ending, and its 1-based number. */
export interface PhysicalLine {
  text: string;
  line: number;
  /** Set when the line was longer than the limit: `text` is then empty and the line was skipped. */
  tooLong?: boolean;
}

export interface LineStreamOptions {
  /** Bytes read at a time (default 64 KiB: a batch of records then dies young, cheap to collect). */
  chunkBytes?: number;
  /** Longest line kept, in characters (default 16 Mi); longer ones come back as `tooLong`. */
  maxLineChars?: number;
}

/** True when the file starts with the gzip magic bytes. */
export function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a file (plain or gzip) as lines with a chunked splitter over `fs.createReadStream`: memory
 * stays bounded by the chunk size plus the longest line (itself capped), whatever the file size.
 * Accepts `\n` and `\r\n` endings and drops a UTF-8 byte-order mark. `bytesRead()` tells how many
 * bytes of the file (compressed bytes for gzip) have been read, for progress bars.
 */
export class LineStream implements AsyncIterable<PhysicalLine> {
  private stream: fs.ReadStream | null = null;
  private readonly chunkBytes: number;
  private readonly maxLineChars: number;

  constructor(private readonly file: string, options: LineStreamOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? 1 << 16;
    this.maxLineChars = options.maxLineChars ?? 1 << 24;
  }

  bytesRead(): number {
    return this.stream?.bytesRead ?? 0;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PhysicalLine> {
    for await (const batch of this.batches()) yield* batch;
  }

  private open(): AsyncIterable<string> {
    const gzip = isGzip(this.file);
    const stream = fs.createReadStream(this.file, { highWaterMark: this.chunkBytes, ...(gzip ? {} : { encoding: 'utf8' }) });
    this.stream = stream;
    if (!gzip) return stream as AsyncIterable<string>;
    const gunzip = zlib.createGunzip({ chunkSize: Math.max(this.chunkBytes, 64) });
    pipeline(stream, gunzip, () => undefined);
    gunzip.setEncoding('utf8');
    return gunzip as AsyncIterable<string>;
  }

  /** The lines in batches, one batch per chunk read (fewer async steps than line by line). */
  async *batches(): AsyncGenerator<PhysicalLine[]> {
    const source = this.open();
    let rest = '';
    let skipping = false;
    let line = 0;
    let first = true;
    try {
      for await (const chunk of source) {
        let text = skipping ? chunk : rest + chunk;
        if (first) {
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          first = false;
        }
        const batch: PhysicalLine[] = [];
        let start = 0;
        for (;;) {
          const nl = text.indexOf('\n', start);
          if (nl < 0) break;
          if (skipping) {
            batch.push({ text: '', line: ++line, tooLong: true });
            skipping = false;
          } else {
            const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
            if (end - start > this.maxLineChars) batch.push({ text: '', line: ++line, tooLong: true });
            else batch.push({ text: text.slice(start, end), line: ++line });
          }
          start = nl + 1;
        }
        rest = skipping ? '' : text.slice(start);
        if (rest.length > this.maxLineChars) {
          skipping = true;
          rest = '';
        }
        if (batch.length) yield batch;
      }
      if (skipping) yield [{ text: '', line: ++line, tooLong: true }];
      else if (rest.length > 0) {
        const text = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
        yield [text.length > this.maxLineChars ? { text: '', line: ++line, tooLong: true } : { text, line: ++line }];
      }
    } finally {
      this.stream?.destroy();
    }
  }
}

/** The first `count` lines of a file (for format detection), read without loading the whole file. */
export async function firstLines(file: string, count = 20): Promise<string[]> {
  const out: string[] = [];
  for await (const { text, tooLong } of new LineStream(file, { chunkBytes: 64 * 1024 })) {
    if (!tooLong) out.push(text);
    if (out.length >= count) break;
  }
  return out;
}
