import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { firstLines, LineStream } from './lineStream';

function tempFile(content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lines-'));
  const file = path.join(dir, 'input.txt');
  fs.writeFileSync(file, content);
  return file;
}

async function collect(stream: LineStream): Promise<string[]> {
  const out: string[] = [];
  for await (const { text, line } of stream) out.push(`${line}:${text}`);
  return out;
}

describe('line stream', () => {
  it('splits across tiny chunks, keeps multi-byte characters whole, drops CR and the BOM', async () => {
    const file = tempFile('\uFEFFgrüße,😀\r\n\r\nzweite Zeile ünd mehr\nlast without newline');
    for (const chunk of [1, 3, 7, 64]) {
      expect(await collect(new LineStream(file, { chunkBytes: chunk }))).toEqual([
        '1:grüße,😀', '2:', '3:zweite Zeile ünd mehr', '4:last without newline',
      ]);
    }
  });

  it('reports bytes read up to the file size and reads the first lines only when asked', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const file = tempFile(text);
    const stream = new LineStream(file, { chunkBytes: 1024 });
    let lines = 0;
    let last = 0;
    for await (const _ of stream) {
      lines++;
      expect(stream.bytesRead()).toBeGreaterThanOrEqual(last);
      last = stream.bytesRead();
    }
    expect(lines).toBe(1000);
    expect(stream.bytesRead()).toBe(Buffer.byteLength(text));
    expect(await firstLines(file, 3)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(await collect(new LineStream(tempFile('')))).toEqual([]);
  });

  it('reads gzip files, counting compressed bytes', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `row ${i} ${'x'.repeat(i % 50)}`).join('\n');
    const file = tempFile(zlib.gzipSync(text));
    const stream = new LineStream(file, { chunkBytes: 4096 });
    const lines = await collect(stream);
    expect(lines).toHaveLength(20_000);
    expect(lines[19_999]).toBe(`20000:row 19999 ${'x'.repeat(49)}`);
    expect(stream.bytesRead()).toBe(fs.statSync(file).size);
  });

  it('skips lines over the length limit, inside a chunk or across chunks', async () => {
    const file = tempFile(['short', 'y'.repeat(50), 'ok', 'z'.repeat(5000), 'end', 'w'.repeat(40)].join('\n'));
    for (const chunkBytes of [16, 1024, 1 << 20]) {
      const out = [];
      for await (const l of new LineStream(file, { chunkBytes, maxLineChars: 30 })) out.push(l);
      expect(out).toEqual([
        { text: 'short', line: 1 }, { text: '', line: 2, tooLong: true }, { text: 'ok', line: 3 },
        { text: '', line: 4, tooLong: true }, { text: 'end', line: 5 }, { text: '', line: 6, tooLong: true },
      ]);
    }
  });
});
