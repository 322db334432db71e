/** Buffered streaming writer for NDJSON files: bounded memory, waits when the disk falls behind. */
import * as fs from 'fs';
import { once } from 'events';

const FLUSH_AT = 1 << 20;

export class NdjsonWriter {
  private readonly stream: fs.WriteStream;
  private buffer: string[] = [];
  private buffered = 0;
  lines = 0;
  bytes = 0;

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
  }

  /** Queues one line (with its newline); true when the buffer is full and `flush()` is due. */
  add(line: string): boolean {
    this.buffer.push(line);
    this.buffered += line.length;
    this.lines++;
    return this.buffered >= FLUSH_AT;
  }

  /** Queues one line and flushes when the buffer is full. */
  async write(line: string): Promise<void> {
    if (this.add(line)) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.bytes += Buffer.byteLength(chunk);
    this.buffer = [];
    this.buffered = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
