import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
      expect(await collect(new LineStream(file, chunk))).toEqual([
        '1:grüße,😀', '2:', '3:zweite Zeile ünd mehr', '4:last without newline',
      ]);
    }
  });

  it('reports bytes read up to the file size and reads the first lines only when asked', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const file = tempFile(text);
    const stream = new LineStream(file, 1024);
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
});
