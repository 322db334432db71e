/**
 * The built CLI as a user runs it (`node backend/bin/vigil.js`, after `tsc -b`): real files in, exit codes,
 * NDJSON out, errors that name the file, line and field.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../backend/src/support/sharedData';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'backend', 'bin', 'vigil.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));

function vigil(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readNdjson(file: string): Array<Record<string, unknown>> {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('vigil --help', () => {
  it('lists the commands', () => {
    const r = vigil('--help');
    expect(r.status).toBe(0);
    for (const name of ['analyze', 'demo', 'categorize', 'ingest']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });
});

describe('vigil analyze', () => {
  it('runs mean(value) on a real NAB file, writes every bucket as NDJSON and flags its labelled window', () => {
    const out = path.join(tmp, 'nab.ndjson');
    const input = sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_network_in_257a54.csv');
    const r = vigil('analyze', '--input', input, '--detect', 'mean(value)', '--bucket-span', '5m', '--out', out, '--no-progress');
    expect(r.status).toBe(0);
    const docs = readNdjson(out);
    const buckets = docs.filter((d) => d.result_type === 'bucket');
    const rows = fs.readFileSync(input, 'utf8').trim().split('\n').length - 1;
    expect(buckets.length).toBeGreaterThanOrEqual(rows);
    for (const d of docs) {
      expect(typeof d.timestamp).toBe('number');
      expect(['critical', 'major', 'minor', 'warning', 'low']).toContain(d.severity);
    }
    // NAB window: 2014-04-14 23:59 → 2014-04-16 09:29
    const start = Date.UTC(2014, 3, 14, 23, 59);
    const end = Date.UTC(2014, 3, 16, 9, 29);
    const inWindow = docs.filter((d) => d.result_type === 'record' && (d.timestamp as number) >= start && (d.timestamp as number) <= end && (d.record_score as number) >= 75);
    expect(inWindow.length).toBeGreaterThan(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^time \(UTC\)\s+severity\s+score/);
    expect(r.stderr).toMatch(/4032 records read/);
  });

  it("runs the brief's exfiltration pipeline on real binetflow data", () => {
    const out = path.join(tmp, 'binetflow.ndjson');
    const input = sharedPath('datasets', 'ctu-binetflow', '2013-10-21_capture-1.binetflow');
    const r = vigil('analyze', '--input', input, '--search',
      'sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp',
      '--out', out, '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/adjacent operands/);
    const docs = readNdjson(out);
    expect(docs.filter((d) => d.result_type === 'bucket').length).toBeGreaterThan(40);
    for (const rec of docs.filter((d) => d.result_type === 'record')) {
      expect(rec.partition_field_name).toBe('src');
      expect(rec.by_field_name).toBe('dp');
      expect(String(rec.by_field_value)).toMatch(/^[\d.a-f:]+:\d+$/);
      expect(String(rec.by_field_value).startsWith('10.')).toBe(false);
    }
  });

  it('counts malformed lines with file, line and field, and still analyses the rest', () => {
    const input = path.join(tmp, 'broken.csv');
    const lines = ['timestamp,value'];
    for (let i = 0; i < 288; i++) lines.push(`2024-01-01 ${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}:00,${i === 7 ? 'abc' : 10 + (i % 3)}`);
    lines.splice(50, 0, 'not a time,3');
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const out = path.join(tmp, 'broken.ndjson');
    const r = vigil('analyze', '--input', input, '--detect', 'mean(value)', '--out', out, '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 malformed input records? skipped/);
    expect(r.stderr).toContain(`${input}:51`);
    expect(r.stderr).toMatch(/1 of 288 records have no numeric value for "value"/);
    expect(readNdjson(out).filter((d) => d.result_type === 'bucket').length).toBeGreaterThanOrEqual(287);
  });

  it('reads numeric epoch-millisecond times with --time-format epoch_ms', () => {
    const input = path.join(tmp, 'ms.csv');
    fs.writeFileSync(input, 'ts,v\n1700000000000,1\n1700000300000,2\n');
    const out = path.join(tmp, 'ms.ndjson');
    const r = vigil('analyze', '--input', input, '--detect', 'mean(v)', '--time-field', 'ts', '--time-format', 'epoch_ms', '--out', out, '--no-progress');
    expect(r.status).toBe(0);
    expect(readNdjson(out).map((d) => d.timestamp)).toEqual([1699999800000, 1700000100000]);
    expect(r.stdout).toMatch(/^No anomalies: /);
  });

  it('refuses an --out or --report that is also an input, leaving the input intact', () => {
    const input = path.join(tmp, 'same.csv');
    const text = 'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,2\n';
    fs.writeFileSync(input, text);
    for (const flag of ['--out', '--report']) {
      const r = vigil('analyze', '--input', input, '--detect', 'mean(value)', flag, input);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/is also an input/);
      expect(fs.readFileSync(input, 'utf8')).toBe(text);
    }
  });

  it('writes --out whole or not at all: an unwritable folder fails before reading, with no partial file', () => {
    const input = sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_network_in_257a54.csv');
    const r = vigil('analyze', '--input', input, '--detect', 'mean(value)', '--report', path.join(tmp, 'no', 'such', 'dir', 'r.html'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*r\.html: ENOENT/);
    expect(r.stderr).not.toMatch(/records read/);
    const out = path.join(tmp, 'whole.ndjson');
    expect(vigil('analyze', '--input', input, '--detect', 'mean(value)', '--out', out, '--no-progress').status).toBe(0);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('whole.ndjson') && f.endsWith('.tmp'))).toEqual([]);
    expect(readNdjson(out).length).toBeGreaterThan(4000);
  });

  it('says how late out-of-order records were and which --latency analyses them', () => {
    const input = path.join(tmp, 'late.csv');
    const lines = ['timestamp,value'];
    for (let i = 0; i < 48; i++) lines.push(`2024-01-01T${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}:00Z,1`);
    lines.push('2024-01-01T00:30:00Z,1');
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const r = vigil('analyze', '--input', input, '--detect', 'count', '--bucket-span', '5m', '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 records came more than the latency window \(10m\) after later records/);
    expect(r.stderr).toMatch(/out of time order by up to 4h: rerun with --latency 4h/);
    expect(r.stderr).toMatch(/49 matched the search, 48 analysed/);
  });

  it('skips a huge gap in time in bounded memory and says where it is', () => {
    const input = path.join(tmp, 'gap.csv');
    fs.writeFileSync(input, 'timestamp,value\n1704067200000,1\n2024-01-01T00:10:00Z,1\n');
    const r = vigil('analyze', '--input', input, '--detect', 'count', '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/the input has gaps in time: \d+ empty buckets were skipped without results \(1 gap: /);
    expect(r.stderr).toMatch(/check the time field and its unit/);
  });

  it('names a detector field that no record has, and rejects a bad --top', () => {
    const input = sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_network_in_257a54.csv');
    const r = vigil('analyze', '--input', input, '--detect', 'mean(nosuch)', '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/4032 of 4032 records have no numeric value for "nosuch" \(none has it/);
    const bad = vigil('analyze', '--input', input, '--detect', 'count', '--top', 'abc');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--top must be a whole number/);
  });

  it('fails with one line when the input is missing, and points at the column of a pipeline error', () => {
    const missing = vigil('analyze', '--input', path.join(tmp, 'nope.csv'), '--detect', 'count');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.csv');

    const input = sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_network_in_257a54.csv');
    const bad = vigil('analyze', '--input', input, '--search', 'value>0 | autodetect meen(value)');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/meen/);
    expect(bad.stderr).toMatch(/mean/);
    expect(bad.stderr).toMatch(/\^/);
  });
});
