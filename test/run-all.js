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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, opts = {}) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const env = { ...process.env, ...(opts.env || {}) };
  let r;
  if (opts.countLine) {
    // Echo the output and add the step's own closing "N passed, N failed" line to the totals.
    r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
    process.stdout.write(r.stdout || '');
    const m = [...(r.stdout || '').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    } else if (r.status === 0) failures.push(`${label}: no "N passed, N failed" line`);
  } else {
    r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  }
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

run('typecheck', 'npx', ['tsc', '-b', 'backend']);
run('lint', 'npx', ['eslint', 'backend/src', 'test']);
jest('backend+cross', ['--selectProjects', 'backend', 'cross', '--maxWorkers', '2']);

{
  const out = path.join(tmp, 'plugin.json');
  const ok = run('plugin', 'npm', ['run', 'test:plugin', '--', '--json', `--outputFile=${out}`]);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
  } else if (ok) failures.push('plugin: no jest report');
}

// A real OpenSearch node for the integration tests and the browser test (which drives a real `vigil serve`).
const osScript = path.join(root, 'backend', 'scripts', 'opensearch.sh');
if (run('opensearch start', 'bash', [osScript, 'start'])) {
  const url = fs.readFileSync(path.join(root, '.opensearch', 'url'), 'utf8').trim();
  try {
    jest('integration', ['--selectProjects', 'integration', '--runInBand'], { env: { OPENSEARCH_URL: url } });
    run('browser', 'npm', ['run', 'test:browser'], { env: { OPENSEARCH_URL: url }, countLine: true });
  } finally {
    run('opensearch stop', 'bash', [osScript, 'stop']);
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
if (failures.length) process.stdout.write(`\nFailed steps:\n  ${failures.join('\n  ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failures.length || failed ? 1 : 0);
