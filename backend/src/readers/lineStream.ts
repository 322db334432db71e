import * as fs from 'fs';

/** One physical line of a file, without its line ending, and its 1-based number. */
export interface PhysicalLine {
  text: string;
  line: number;
}

/**
 * Reads a file as lines with a chunked splitter over `fs.createReadStream`: memory stays bounded by
 * the chunk size plus the longest line, whatever the file size. Accepts `\n` and `\r\n` endings and
 * drops a UTF-8 byte-order mark. `bytesRead()` tells how far the read has come (for progress bars).
 */
export class LineStream implements AsyncIterable<PhysicalLine> {
  private stream: fs.ReadStream | null = null;

  constructor(private readonly file: string, private readonly chunkBytes = 1 << 20) {}

  bytesRead(): number {
    return this.stream?.bytesRead ?? 0;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PhysicalLine> {
    for await (const batch of this.batches()) yield* batch;
  }

  /** The lines in batches, one batch per chunk read (fewer async steps than line by line). */
  async *batches(): AsyncGenerator<PhysicalLine[]> {
    const stream = fs.createReadStream(this.file, { encoding: 'utf8', highWaterMark: this.chunkBytes });
    this.stream = stream;
    let rest = '';
    let line = 0;
    let first = true;
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        let text = rest + chunk;
        if (first) {
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          first = false;
        }
        const batch: PhysicalLine[] = [];
        let start = 0;
        for (;;) {
          const nl = text.indexOf('\n', start);
          if (nl < 0) break;
          const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          batch.push({ text: text.slice(start, end), line: ++line });
          start = nl + 1;
        }
        rest = text.slice(start);
        if (batch.length) yield batch;
      }
      if (rest.length > 0) yield [{ text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: ++line }];
    } finally {
      stream.destroy();
    }
  }
}

/** The first `count` lines of a file (for format detection), read without loading the whole file. */
export async function firstLines(file: string, count = 20): Promise<string[]> {
  const out: string[] = [];
  for await (const { text } of new LineStream(file, 64 * 1024)) {
    out.push(text);
    if (out.length >= count) break;
  }
  return out;
}
