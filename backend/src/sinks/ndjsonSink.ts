/** Result documents to a file (or stdout with "-"), one JSON document per line, with back-pressure. */
import * as fs from 'fs';
import type { Writable } from 'stream';
import type { ResultDocLike, ResultSink } from './types';

export class NdjsonSink implements ResultSink {
  private readonly out: Writable;
  private readonly ownsStream: boolean;
  private failure: Error | null = null;
  written = 0;

  /** `target`: a file path (created or truncated), "-" for stdout, or a writable stream. */
  constructor(target: string | Writable) {
    if (typeof target === 'string' && target !== '-') {
      this.out = fs.createWriteStream(target, { encoding: 'utf8' });
      this.ownsStream = true;
    } else {
      this.out = target === '-' ? process.stdout : (target as Writable);
      this.ownsStream = false;
    }
    this.out.on('error', (err) => {
      this.failure = new Error(`cannot write results to ${typeof target === 'string' ? target : 'stream'}: ${err.message}`);
    });
  }

  async write(docs: readonly ResultDocLike[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (docs.length === 0) return;
    const chunk = docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
    this.written += docs.length;
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          this.out.off('error', onError);
          resolve();
        };
        const onError = (err: Error): void => {
          this.out.off('drain', onDrain);
          reject(err);
        };
        this.out.once('drain', onDrain);
        this.out.once('error', onError);
      });
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.ownsStream) return;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }
}
