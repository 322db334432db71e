#!/usr/bin/env node
/**
 * `npm test`: every test of the repository, in order, starting the services they need.
 *   1. type check + lint
 *   2. backend unit tests and cross-component tests (jest)
 *   3. plugin tests (jest in the plugin workspace)
 *   4. a real OpenSearch node (backend/scripts/opensearch.sh), then the integration tests against it
 *   5. the real-browser test of the built plugin (Debian chromium)
 * Nothing is skipped: a missing system part (Java 17, Maven, chromium) fails with one line naming it.
 * Ends with the plain line "N passed, N failed" and a non-zero exit on any failure.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, opts = {}) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...(opts.env || {}) } });
  if (r.status !== 0) failures.push(`${label} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

/** Runs jest with a JSON report, so the counts add up into the closing line. */
function jest(label, args, opts = {}) {
  const out = path.join(tmp, `${label.replace(/\W+/g, '_')}.json`);
  const ok = run(label, 'npx', ['jest', ...args, '--json', `--outputFile=${out}`], opts);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    if (j.numTotalTests === 0) failures.push(`${label}: no test ran`);
  }
  return ok;
}

function hasScript(name) {
  return Boolean(pkg.scripts && pkg.scripts[name]);
}

run('typecheck', 'npx', ['tsc', '-b', 'backend']);
run('lint', 'npx', ['eslint', 'backend/src', 'test']);
jest('backend+cross', ['--selectProjects', 'backend', 'cross', '--maxWorkers', '2']);

if (hasScript('test:plugin')) {
  const out = path.join(tmp, 'plugin.json');
  const ok = run('plugin', 'npm', ['run', 'test:plugin', '--', '--json', `--outputFile=${out}`]);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
  } else if (ok) failures.push('plugin: no jest report');
}

const osScript = path.join(root, 'backend', 'scripts', 'opensearch.sh');
if (hasScript('test:integration') && fs.existsSync(osScript)) {
  const started = run('opensearch start', 'bash', [osScript, 'start']);
  if (started) {
    const url = fs.readFileSync(path.join(root, '.opensearch', 'url'), 'utf8').trim();
    try {
      jest('integration', ['--selectProjects', 'integration', '--runInBand'], { env: { OPENSEARCH_URL: url } });
      if (hasScript('test:browser')) run('browser', 'npm', ['run', 'test:browser'], { env: { OPENSEARCH_URL: url } });
    } finally {
      run('opensearch stop', 'bash', [osScript, 'stop']);
    }
  }
} else if (hasScript('test:browser')) {
  run('browser', 'npm', ['run', 'test:browser']);
}

fs.rmSync(tmp, { recursive: true, force: true });
if (failures.length) process.stdout.write(`\nFailed steps:\n  ${failures.join('\n  ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failures.length || failed ? 1 : 0);
