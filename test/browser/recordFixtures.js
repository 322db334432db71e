#!/usr/bin/env node
/*
 * Records the datasource's golden-file inputs from a real `vigil serve` (OPENSEARCH_URL must point at a test node):
 * `vigil analyze` on the demo Zeek day as job zeek-008, results written with the backend's sink, the job created
 * through the API, then the API's answers saved to plugin/src/datasource/__fixtures__/*.response.json.
 * Run by hand after an API change: node test/browser/recordFixtures.js, then UPDATE_GOLDEN=1 in the plugin tests.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, fail, run } = require('./session');
const { startVigilServe, writeResults } = require('./vigilServe');

const JOB = 'zeek-008';
const PIPELINE = 'autodetect bucketspan=15m high_count by src, high_sum(dest_app_bytes) by dest_port';
const OUT = path.join(ROOT, 'plugin', 'src', 'datasource', '__fixtures__');
const WINDOW = { start: Date.UTC(2022, 5, 13, 6, 0), end: Date.UTC(2022, 5, 13, 7, 30) };

async function main() {
  const url = process.env.OPENSEARCH_URL;
  if (!url) {
    fail('set OPENSEARCH_URL to a test OpenSearch node');
  }
  const exists = await fetch(`${url}/vigil-results-${JOB}`, { method: 'HEAD' });
  if (exists.status !== 404) {
    fail(`index vigil-results-${JOB} already exists on ${url}: not touching it`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-fixtures-'));
  const out = path.join(tmp, 'results.ndjson');
  run(process.execPath, [path.join(ROOT, 'backend', 'bin', 'vigil.js'), 'analyze', '--input', path.join(ROOT, 'backend', 'demo', 'zeek-008', 'conn.log.labeled'), '--search', PIPELINE, '--out', out, '--no-progress', '--job-id', JOB], 'vigil analyze');
  const docs = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const serve = await startVigilServe(url);
  try {
    await serve.api('PUT', `/api/jobs/${JOB}`, { description: 'Connections per source, bytes per destination port', search: PIPELINE, datafeed_config: { indices: ['netflow-*'] } });
    await writeResults(url, docs);
    const w = `start=${WINDOW.start}&end=${WINDOW.end}`;
    const save = (name, body) => fs.writeFileSync(path.join(OUT, `${name}.response.json`), JSON.stringify(body, null, 2) + '\n');
    save('swimlane', await serve.api('GET', `/api/jobs/${JOB}/results/swimlane?${w}&view_by=entity&limit=3&sort=max_score`));
    const records = await serve.api('GET', `/api/jobs/${JOB}/results/records?size=4&sort=record_score`);
    save('records', records);
    save('buckets', await serve.api('GET', `/api/jobs/${JOB}/results/buckets?${w}&size=10000`));
    const top = records.records[0];
    const span = top.bucket_span * 1000;
    save('model_plot', await serve.api('GET', `/api/jobs/${JOB}/results/model_plot?detector_index=${top.detector_index}&entity_key=${encodeURIComponent(top.entity_key)}&start=${top.timestamp - 8 * span}&end=${top.timestamp + 4 * span}`));
    save('validate-invalid', await serve.api('POST', '/api/_validate/pipeline', { search: 'autodetect bucketspan=banana count by src' }));
    save('validate-valid', await serve.api('POST', '/api/_validate/pipeline', { search: PIPELINE }));
    await serve.api('DELETE', `/api/jobs/${JOB}`);
    console.log(`recorded into ${path.relative(ROOT, OUT)}`);
  } finally {
    await serve.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => fail(e.stack || String(e)));
