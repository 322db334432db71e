import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { command, parseSimulateOptions } from './simulate';

describe('vigil simulate', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;
  let outSpy: jest.SpyInstance;
  let errSpy: jest.SpyInstance;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-simulate-cli-'));
    stdout = '';
    stderr = '';
    outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    outSpy.mockRestore();
    errSpy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has the documented defaults', () => {
    expect(parseSimulateOptions(['--out', 'x'])).toEqual({ outDir: 'x', days: 14, seed: 1, hosts: 1600, start: '2026-01-05', progress: false });
  });

  it('writes the four files, a progress line and a per-day summary', async () => {
    const out = path.join(dir, 'sim');
    const code = await command.run(['--days', '1', '--hosts', '12', '--seed', '3', '--start', '2026-02-02', '--out', out, '--progress']);
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['flows.ndjson', 'hosts.ndjson', 'ids.ndjson', 'labels.json']);
    const labels = JSON.parse(fs.readFileSync(path.join(out, 'labels.json'), 'utf8')) as { seed: number; hosts: number; start: string; labels: unknown[] };
    expect(labels).toMatchObject({ seed: 3, hosts: 12, start: '2026-02-02T00:00:00.000Z' });
    expect(labels.labels).toHaveLength(8);
    const flows = fs.readFileSync(path.join(out, 'flows.ndjson'), 'utf8').trim().split('\n');
    expect(stdout).toContain(`simulated 12 hosts over 1 days (2026-02-02T00:00:00.000Z .. 2026-02-03T00:00:00.000Z), seed 3`);
    expect(stdout).toMatch(new RegExp(`\\n  2026-02-02\\s+${flows.length}\\s+\\d+\\n`));
    expect(stdout).toContain('6 incidents and 2 benign fleet-wide events');
    expect(stderr).toContain('simulate done:');
  });

  it('rejects bad options with one line and exit code 2', async () => {
    expect(await command.run(['--days', '1'])).toBe(2);
    expect(stderr).toBe('vigil simulate: --out <dir> is required\n');
    stderr = '';
    expect(await command.run(['--out', dir, '--days', 'two'])).toBe(2);
    expect(stderr).toBe('vigil simulate: --days must be a whole number >= 1, got "two"\n');
    stderr = '';
    expect(await command.run(['--out', dir, '--hosts', '3'])).toBe(2);
    expect(stderr).toBe('vigil simulate: --hosts must be a whole number in 4..100000, got "3"\n');
    stderr = '';
    expect(await command.run(['--out', dir, '--seed', '-1'])).toBe(2);
    expect(stderr).toContain('vigil simulate:');
    stderr = '';
    expect(await command.run(['--out', dir, '--start', '2026-13-01', '--days', '1', '--hosts', '4'])).toBe(1);
    expect(stderr).toContain('vigil simulate: --start is not a valid date: "2026-13-01"');
  });
});
