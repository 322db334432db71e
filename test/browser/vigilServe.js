/*
 * A real `vigil serve` for the browser test: started on a free 127.0.0.1 port against the test OpenSearch
 * (OPENSEARCH_URL), with a random API token; results of `vigil analyze` written to its results index with the
 * backend's own OpenSearch sink; the job created through the REST API. Stopped by its pid.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await probe();
      if (r === true) {
        return;
      }
      last = String(r);
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} not reached in ${timeoutMs} ms (${last})`);
}

async function startVigilServe(openSearchUrl) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'backend', 'bin', 'vigil.js'), 'serve', '--bind', `127.0.0.1:${port}`, '--replicas', '0'], {
    cwd: ROOT,
    env: { ...process.env, VIGIL_OPENSEARCH_URL: openSearchUrl, VIGIL_API_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const api = async (method, route, body) => {
    const r = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json().catch(() => null);
    if (!r.ok) {
      throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(json)}`);
    }
    return json;
  };
  try {
    await waitFor('vigil serve /api/ready', async () => {
      if (child.exitCode !== null) {
        throw new Error(`vigil serve exited ${child.exitCode}: ${log.join('').slice(-1500)}`);
      }
      const r = await fetch(`${url}/api/ready`, { headers: { authorization: `Bearer ${token}` } });
      return r.ok || `HTTP ${r.status}`;
    }, 90000);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return {
    url,
    token,
    api,
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      }
    },
  };
}

/** Writes result documents with the backend's results sink (index vigil-results-<job_id>), refreshed. */
async function writeResults(openSearchUrl, docs) {
  const { createClient } = require(path.join(ROOT, 'backend', 'dist', 'opensearch', 'client.js'));
  const { OpenSearchResultsSink } = require(path.join(ROOT, 'backend', 'dist', 'sinks', 'openSearchResultsSink.js'));
  const client = createClient({ url: openSearchUrl, maxRetries: 2, requestTimeoutMs: 30000 });
  await new OpenSearchResultsSink(client, { replicas: 0, refresh: true }).write(docs);
  await client.close();
}

module.exports = { startVigilServe, writeResults };
