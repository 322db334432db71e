/**
 * backend/scripts/opensearch.sh without a node: usage, `status`/`stop` when nothing runs, and the
 * one line per missing system part (Maven here, with a PATH that lacks it and an empty Maven cache).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const script = path.resolve(__dirname, '..', 'backend', 'scripts', 'opensearch.sh');
const bash = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

function run(args: string[], env: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bash, [script, ...args], { env, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('opensearch.sh without a running node', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-os-script-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints its usage for an unknown command', () => {
    const r = run(['restart'], { ...process.env, OPENSEARCH_STATE_DIR: path.join(dir, 'state') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: .*opensearch\.sh start\|stop\|status$/m);
  });

  it('status says "not running" (exit 1); stop is a no-op (exit 0)', () => {
    const env = { ...process.env, OPENSEARCH_STATE_DIR: path.join(dir, 'state') };
    expect(run(['status'], env)).toMatchObject({ code: 1, stdout: '', stderr: 'opensearch.sh: not running\n' });
    expect(run(['stop'], env)).toMatchObject({ code: 0, stderr: 'opensearch.sh: not running\n' });
  });

  it('names Maven when it is missing and the distribution is not cached, and starts nothing', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    for (const tool of ['awk', 'sed', 'dirname', 'readlink', 'cat', 'id', 'curl', 'unzip']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found) fs.symlinkSync(found, path.join(bin, tool));
    }
    const r = run(['start'], { PATH: bin, HOME: path.join(dir, 'home'), OPENSEARCH_STATE_DIR: path.join(dir, 'state') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'opensearch.sh: missing: Maven (mvn not on PATH, needed to download org.opensearch.distribution.integ-test-zip:opensearch:2.19.6:zip; install maven)\n',
    );
    expect(fs.existsSync(path.join(dir, 'state', 'pid'))).toBe(false);
  });
});
