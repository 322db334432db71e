/* Shared by run.js (test) and bench.js: build the plugin, the host bundle, serve the harness, launch chromium. */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { buildHostBundle } = require('./buildHostBundle');
const { startServer } = require('./server');

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function fail(line) {
  console.error(line);
  process.exit(1);
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    return process.env.CHROMIUM_PATH;
  }
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    fail('this needs Debian chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
  return found;
}

function run(cmd, args, what) {
  const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    fail(`${what} failed (exit ${res.status}):\n${(res.stderr || '').slice(-3000)}${(res.stdout || '').slice(-2000)}`);
  }
  return res;
}

function buildPlugin() {
  run('npm', ['run', 'build', '-w', 'plugin'], 'plugin build');
  return path.join(ROOT, 'plugin', 'dist');
}

/**
 * Serves the harness with `resultsJson` (and a data-proxy route to `vigil` = {url, token} when given), opens chromium on
 * it; `close()` stops both and removes the profile.
 */
async function openHarness({ pluginDist, resultsJson, vigil, viewport = { width: 1140, height: 560 } }) {
  const chromiumPath = findChromium();
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    fail('this needs the playwright-core package: npm ci at the repository root');
  }
  const hostBundle = await buildHostBundle();
  const server = await startServer({ hostBundle, pluginDist, resultsJson, vigil });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  const page = context.pages()[0] || (await context.newPage());
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    page,
    async close() {
      await context.close();
      server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { ROOT, fail, run, buildPlugin, openHarness };
