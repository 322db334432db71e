/**
 * Reader benchmark (`node backend/dist/bench/readers.js [--mb 50] [--runs 3]`): for each format, a
 * temporary file of about `--mb` MB is built by repeating real rows from the shared datasets (header
 * lines once), then read with `openRecords`. Prints JSON lines
 * `{"bench","metric","value","unit","n","median","min","max"}`: MB/s, records/s and the live heap
 * growth while reading (after full collections), median over `--runs` runs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import * as v8 from 'v8';
import * as vm from 'vm';
import { openRecords, type FormatName } from '../readers';
import { sharedPath } from '../support/sharedData';

function emit(bench: string, metric: string, values: number[], unit: string, n: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  process.stdout.write(JSON.stringify({ bench, metric, value: median, unit, n, median, min: sorted[0], max: sorted[sorted.length - 1] }) + '\n');
}

interface Source {
  format: FormatName;
  /** Header lines (written once) and body lines (repeated). */
  header: string[];
  body: string[];
  year?: number;
}

function splitLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
}

function sources(): Source[] {
  const data = (...p: string[]): string => sharedPath('datasets', ...p);
  const zeek = splitLines(data('stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled'));
  const flows = splitLines(data('ctu-binetflow', 'test2-malicious.binetflow'));
  const nab = splitLines(data('nab', 'data', 'realAWSCloudwatch', 'ec2_cpu_utilization_24ae8d.csv'));
  const eve = splitLines(data('stratosphere-suricata', 'eve.json'));
  const fast = [
    '06/06/2021-15:59:46.457984  [**] [1:2403388:66418] ET CINS Active Threat Intelligence Poor Reputation IP group 89 [**] [Classification: Misc Attack] [Priority: 2] {TCP} 78.36.196.213:51698 -> 192.168.1.129:445',
    '06/06/2021-16:05:22.830309  [**] [1:2010935:3] ET SCAN Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 51.79.215.126:45329 -> 192.168.1.129:1433',
  ];
  return [
    { format: 'csv', header: nab.slice(0, 1), body: nab.slice(1) },
    { format: 'ndjson', header: [], body: eve },
    { format: 'eve', header: [], body: eve },
    { format: 'zeek', header: zeek.filter((l) => l.startsWith('#')), body: zeek.filter((l) => !l.startsWith('#')) },
    { format: 'binetflow', header: flows.slice(0, 1), body: flows.slice(1) },
    { format: 'syslog', header: [], body: splitLines(data('loghub', 'Linux', 'Linux_2k.log')), year: 2005 },
    { format: 'bgl', header: [], body: splitLines(data('loghub', 'BGL', 'BGL_2k.log')) },
    { format: 'lines', header: [], body: splitLines(data('loghub', 'HDFS', 'HDFS_2k.log')) },
    { format: 'fastlog', header: [], body: fast },
  ];
}

function writeFile(file: string, source: Source, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  if (source.header.length) written += fs.writeSync(fd, source.header.join('\n') + '\n');
  const block = source.body.join('\n') + '\n';
  while (written < bytes) written += fs.writeSync(fd, block);
  fs.closeSync(fd);
}

interface Run {
  seconds: number;
  records: number;
  heap: number;
}

/** One read, record by record; samples the live heap every 50,000 records. */
async function readOnce(file: string, source: Source, gc: () => void): Promise<Run> {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  let records = 0;
  const stream = openRecords(file, { format: source.format, year: source.year });
  const t0 = process.hrtime.bigint();
  for await (const _ of stream) {
    if (++records % 50_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (stream.badRecords.count) throw new Error(`${source.format}: ${stream.badRecords.count} bad records`);
  return { seconds, records, heap: peak };
}

/** One read in batches (`stream.batches()`), timing only. */
async function readBatched(file: string, source: Source): Promise<Run> {
  let records = 0;
  const stream = openRecords(file, { format: source.format, year: source.year });
  const t0 = process.hrtime.bigint();
  for await (const batch of stream.batches()) records += batch.length;
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, records, heap: 0 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' } } });
  const mb = Number(values.mb);
  const runs = Number(values.runs);
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-readers-'));
  try {
    for (const source of sources()) {
      const file = path.join(dir, `input.${source.format}`);
      writeFile(file, source, mb * 1e6);
      const size = fs.statSync(file).size;
      const results: Run[] = [];
      const batched: Run[] = [];
      for (let i = 0; i < runs; i++) {
        results.push(await readOnce(file, source, gc));
        batched.push(await readBatched(file, source));
      }
      const bench = `reader_${source.format}`;
      emit(bench, 'throughput_batched', batched.map((r) => size / 1e6 / r.seconds), 'MB/s', batched[0].records);
      emit(bench, 'throughput', results.map((r) => size / 1e6 / r.seconds), 'MB/s', results[0].records);
      emit(bench, 'records_per_second', results.map((r) => r.records / r.seconds), 'records/s', results[0].records);
      emit(bench, 'live_heap_growth', results.map((r) => r.heap / 1e6), 'MB', results[0].records);
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench readers: ${err.message}\n`);
  process.exit(1);
});
