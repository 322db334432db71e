import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as zlib from 'zlib';
import { sharedPath } from '../support/sharedData';
import { BadRecordLog } from '../engine/types';
import { FORMAT_NAMES, openRecords, readAllRecords } from './index';

/** V8's collector, made callable without starting node with --expose-gc, so heap figures are live data. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-open-'));

const two = (n: number): string => (n < 10 ? '0' : '') + n;

/** Writes `rows` CSV rows of about 100 bytes each, in blocks, without holding the file in memory. */
function writeBigCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'timestamp,host,bytes,message\n');
  const block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(i / 86400) + 1;
    const second = i % 86400;
    const t = `2024-01-${two(day)}T${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}Z`;
    block.push(`${t},host-${i % 97},${(i * 7919) % 100000},"event number ${i}, padded to make the row longer"`);
    if (block.length === 10_000) {
      fs.writeSync(fd, block.join('\n') + '\n');
      block.length = 0;
    }
  }
  if (block.length) fs.writeSync(fd, block.join('\n') + '\n');
  fs.closeSync(fd);
}

describe('openRecords', () => {
  it('streams a 50 MB file in bounded memory, with progress up to the file size', async () => {
    const file = path.join(tempDir(), 'big.csv');
    const rows = 620_000;
    writeBigCsv(file, rows);
    const stream = openRecords(file);
    expect(stream.totalBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(stream.format).toBeNull();
    const gc = collector();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let bytesSeen = 0;
    let lastTime = -Infinity;
    for await (const batch of stream.batches()) {
      for (const { record, ordinal } of batch) {
        count++;
        if (ordinal !== count || record.time < lastTime) throw new Error(`out of order at ${count}`);
        lastTime = record.time;
        if (count % 100_000 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - before);
          expect(stream.bytesRead()).toBeGreaterThanOrEqual(bytesSeen);
          bytesSeen = stream.bytesRead();
        }
      }
    }
    expect(count).toBe(rows);
    expect(stream.format).toBe('csv');
    expect(stream.badRecords.count).toBe(0);
    expect(stream.bytesRead()).toBe(stream.totalBytes);
    expect(lastTime).toBe(Date.UTC(2024, 0, 1) + (rows - 1) * 1000);
    // Live heap (after full collections) while reading: the records of 50 MB would take several
    // hundred MB; a streaming read holds one chunk (64 KiB) and the records not yet consumed.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
    fs.rmSync(file);
  }, 60_000);

  it('gives the same records in batches as one by one', async () => {
    const file = sharedPath('datasets', 'loghub', 'Linux', 'Linux_2k.log');
    const one = await readAllRecords(file, { year: 2005 });
    const stream = openRecords(file, { year: 2005 });
    const batched = [];
    let batches = 0;
    for await (const batch of stream.batches()) {
      batches++;
      batched.push(...batch);
    }
    expect(batches).toBeGreaterThan(1);
    expect(batched).toEqual(one.records);
    expect(batched).toHaveLength(2000);
  });

  it('stops reading when the consumer breaks off', async () => {
    const file = path.join(tempDir(), 'log.txt');
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `message ${i}`).join('\n'));
    const stream = openRecords(file, { format: 'lines' });
    const seen: string[] = [];
    for await (const { record } of stream) {
      seen.push(String(record.fields.message));
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['message 0', 'message 1', 'message 2']);
  });

  it('shares one bad-record log across files and names each file', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.ndjson');
    const b = path.join(dir, 'b.ndjson');
    fs.writeFileSync(a, '{"ts":1}\nnot json\n');
    fs.writeFileSync(b, '{"ts":"x"}\n');
    const badRecords = new BadRecordLog();
    const first = await readAllRecords(a, { badRecords });
    await readAllRecords(b, { badRecords });
    expect(first.records.map((r) => r.record.time)).toEqual([1000]);
    expect(badRecords.count).toBe(2);
    expect(badRecords.format(badRecords.first[0])).toMatch(/a\.ndjson:2: bad JSON/);
    expect(badRecords.format(badRecords.first[1])).toBe(`${b}:1 field "ts": unparseable time "x"`);
  });

  it('reads a gzip-compressed capture and detects its format under the .gz name', async () => {
    const source = sharedPath('datasets', 'stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log');
    const file = path.join(tempDir(), 'conn.log.gz');
    fs.writeFileSync(file, zlib.gzipSync(fs.readFileSync(source)));
    const stream = openRecords(file);
    const labels: string[] = [];
    for await (const { record } of stream) labels.push(String(record.fields.label));
    expect(stream.format).toBe('zeek');
    expect(labels).toHaveLength(992);
    expect(labels.filter((l) => l === 'Malicious')).toHaveLength(244);
    expect(stream.bytesRead()).toBe(stream.totalBytes);
  });

  it('logs an over-long line as bad and reads on', async () => {
    const file = path.join(tempDir(), 'x.ndjson');
    fs.writeFileSync(file, `{"ts":1}\n{"ts":2,"blob":"${'b'.repeat(300)}"}\n{"ts":3}\n`);
    const { records, badRecords } = await readAllRecords(file, { maxLineChars: 200 });
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(badRecords.first).toEqual([{ file, line: 2, field: undefined, reason: 'line longer than 200 characters, skipped' }]);
  });

  it('fails clearly on a missing file, an unknown format or zone', () => {
    const missing = path.join(tempDir(), 'nope.csv');
    expect(() => openRecords(missing)).toThrow(`cannot read input file ${missing}: ENOENT`);
    const file = path.join(tempDir(), 'x.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    expect(() => openRecords(file, { format: 'parquet' })).toThrow(/unknown input format "parquet"/);
    expect(() => openRecords(file, { timezone: 'Nowhere/City' })).toThrow(/unknown time zone "Nowhere\/City"/);
    expect(FORMAT_NAMES).toEqual(['csv', 'ndjson', 'zeek', 'binetflow', 'eve', 'fastlog', 'syslog', 'lines', 'bgl']);
  });
});
