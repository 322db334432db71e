/**
 * `vigil serve` as a user runs it (the built CLI, `npx tsc -b backend` first): options, `--help`,
 * `--print-config` with secrets redacted, and a service whose OpenSearch does not answer: health
 * is 200 at once, ready is 503 with the reason, SIGTERM exits 0. Against a real node:
 * test/integration/apiServe.test.ts.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { repoRoot } from '../../support/sharedData';
import { parseServeOptions } from './serve';

const bin = path.join(repoRoot(), 'backend', 'bin', 'vigil.js');
const built = (): void => {
  if (!fs.existsSync(path.join(repoRoot(), 'backend', 'dist', 'cli', 'commands', 'serve.js'))) throw new Error('backend/dist is missing serve: run `npx tsc -b backend` first');
};
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  return { ...env, ...extra };
};

/** A port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('vigil serve', () => {
  it('options: --bind checked, --replicas a whole number', () => {
    expect(parseServeOptions(['--bind', '127.0.0.1:0', '--replicas', '0', '--config', 'v.json'])).toEqual({ configFile: 'v.json', bind: '127.0.0.1:0', replicas: 0, instanceId: undefined, printConfig: false });
    expect(() => parseServeOptions(['--bind', 'nohost'])).toThrow('--bind: "nohost" is not host:port');
    expect(() => parseServeOptions(['--replicas', 'two'])).toThrow('--replicas must be a whole number >= 0, got "two"');
    expect(() => parseServeOptions(['--port', '1'])).toThrow(/Unknown option '--port'/);
  });

  it('--help names every environment variable; --print-config redacts secrets', () => {
    built();
    const help = spawnSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const v of ['VIGIL_OPENSEARCH_URL', 'VIGIL_OPENSEARCH_USERNAME', 'VIGIL_OPENSEARCH_PASSWORD', 'VIGIL_OPENSEARCH_TLS_CA', 'VIGIL_OPENSEARCH_TLS_INSECURE', 'VIGIL_API_BIND', 'VIGIL_API_TOKEN']) {
      expect(help.stdout).toContain(v);
    }
    const env = cleanEnv({ VIGIL_OPENSEARCH_URL: 'http://admin:hunter2@127.0.0.1:9200', VIGIL_OPENSEARCH_PASSWORD: 'pw-9', VIGIL_API_TOKEN: 'tok-9' });
    const r = spawnSync(process.execPath, [bin, 'serve', '--print-config', '--bind', '0.0.0.0:9999'], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/hunter2|pw-9|tok-9/);
    expect(JSON.parse(r.stdout)).toMatchObject({ opensearch: { url: 'http://***@127.0.0.1:9200', password: '***' }, api: { bind: '0.0.0.0:9999', token: '***' } });
    const bad = spawnSync(process.execPath, [bin, 'serve', '--print-config'], { encoding: 'utf8', env: cleanEnv({ VIGIL_API_BIND: 'x' }) });
    expect([bad.status, bad.stderr]).toEqual([2, 'vigil serve: VIGIL_API_BIND: "x" is not host:port (e.g. 127.0.0.1:8686)\n']);
  });

  it('OpenSearch down: health answers, ready is 503 with the reason, SIGTERM exits 0', async () => {
    built();
    const osPort = await closedPort();
    const child = spawn(process.execPath, [bin, 'serve', '--bind', '127.0.0.1:0'], {
      env: cleanEnv({ VIGIL_OPENSEARCH_URL: `http://127.0.0.1:${osPort}`, VIGIL_API_TOKEN: 't0k' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${log}`)), 10_000);
      child.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      const health = await fetch(`${base}/api/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${base}/api/ready`, { headers: { authorization: 'Bearer t0k' } });
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^(starting: the job manager is not initialised yet|OpenSearch unreachable: .*ECONNREFUSED)/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log).toMatch(/vigil serve: SIGTERM: shutting down/);
    expect(log).not.toContain('t0k');
  }, 20_000);
});
