import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { command } from './categorize';

function readNdjson(file: string): Record<string, unknown>[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('vigil categorize', () => {
  let dir: string;
  let stdout: string;
  let writeSpy: jest.SpyInstance;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-categorize-'));
    stdout = '';
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    writeSpy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one line per record in input order with merged ids resolved, the definitions and a summary', async () => {
    const input = path.join(dir, 'app.log');
    fs.writeFileSync(input, [
      'Invalid user admin from 10.0.0.1',
      'disk full on /dev/sda1',
      '',
      'Invalid user oracle from 10.0.0.2',
      'Invalid user test from 10.0.0.3',
      'disk full on /dev/sdb2',
    ].join('\n'));
    const out = path.join(dir, 'out.ndjson');
    const cats = path.join(dir, 'cats.ndjson');
    const code = await command.run(['--input', input, '--format', 'lines', '--out', out, '--categories', cats]);
    expect(code).toBe(0);
    expect(readNdjson(out)).toEqual([
      { line: 1, category_id: 1 },
      { line: 2, category_id: 2 },
      { line: 4, category_id: 1 },
      { line: 5, category_id: 1 },
      { line: 6, category_id: 2 },
    ]);
    const defs = readNdjson(cats);
    expect(defs.map((d) => [d.category_id, d.num_matches, d.terms])).toEqual([
      [1, 3, 'Invalid user from'],
      [2, 2, 'disk full on'],
    ]);
    expect(stdout).toContain('5 records (lines), 2 categories, 0 uncategorised, 0 bad records, status ok');
    expect(stdout).toMatch(/\n\s+1\s+3\s+60\.0%\s+Invalid user admin from 10\.0\.0\.1\n/);
  });

  it('numbers CSV records by their ordinal after the header and reports a missing field by file, line and field', async () => {
    const input = path.join(dir, 'msgs.csv');
    fs.writeFileSync(input, 'id,Content\n1,"job 7 started, ok"\n2,\n3,"job 9 started, ok"\n');
    const out = path.join(dir, 'out.ndjson');
    const code = await command.run(['--input', input, '--format', 'csv', '--field', 'Content', '--out', out]);
    expect(code).toBe(0);
    expect(readNdjson(out)).toEqual([
      { line: 1, category_id: 1 },
      { line: 2, category_id: null },
      { line: 3, category_id: 1 },
    ]);
    expect(stdout).toContain('3 records (csv), 1 categories, 1 uncategorised, 1 bad records');
    expect(stdout).toContain(`bad: ${input}:3 field "Content": no field "Content"`);
  });

  it('holds --max-categories and says so', async () => {
    const input = path.join(dir, 'many.log');
    fs.writeFileSync(input, 'alpha up\nbravo down\ncharlie left\nalpha up\n');
    const out = path.join(dir, 'out.ndjson');
    expect(await command.run(['--input', input, '--format', 'lines', '--out', out, '--max-categories', '2'])).toBe(0);
    expect(readNdjson(out).map((d) => d.category_id)).toEqual([1, 2, null, 1]);
    expect(stdout).toContain('4 records (lines), 2 categories, 1 uncategorised, 0 bad records, status limit_reached');
    expect(stdout).toContain('category limit reached (2 per partition)');
  });

  it('fails with one line naming a missing input file or a bad flag', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await command.run(['--input', path.join(dir, 'nope.log'), '--out', path.join(dir, 'o')])).toBe(1);
      expect(String(err.mock.calls[0][0])).toContain('nope.log');
      expect(await command.run(['--input', 'x'])).toBe(2);
      expect(String(err.mock.calls[1][0])).toBe('vigil categorize: --out <file.ndjson> is required\n');
    } finally {
      err.mockRestore();
    }
  });
});
