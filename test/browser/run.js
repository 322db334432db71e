#!/usr/bin/env node
/*
 * Real-browser test of the built Grafana plugin (npm run test:browser).
 * 1. builds plugin/dist as Grafana loads it; 2. runs the real backend (`vigil analyze`) on a real Zeek capture;
 * 3. serves a harness page on 127.0.0.1 that provides the real react / @grafana/* packages under Grafana's names and
 *    loads dist/ through an AMD define; 4. drives Debian chromium with playwright-core: cell colours, tooltip, link menu,
 *    drag-to-zoom, light and dark, screenshots in test-artifacts/.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { bandColor, expectedSwimlane } = require('./expectations');
const { ROOT, buildPlugin, fail, openHarness, run } = require('./session');
const { startVigilServe, writeResults } = require('./vigilServe');

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const PIPELINE = 'autodetect bucketspan=15m high_count by src, high_sum(dest_app_bytes) by dest_port';
const LIMIT = 10;

function analyzeRealData(tmp, jobId) {
  const { sharedPath } = require(path.join(ROOT, 'backend', 'dist', 'support', 'sharedData.js'));
  const input = sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');
  const out = path.join(tmp, 'results.ndjson');
  run(process.execPath, [path.join(ROOT, 'backend', 'bin', 'vigil.js'), 'analyze', '--input', input, '--search', PIPELINE, '--out', out, '--no-progress', '--job-id', jobId], 'vigil analyze');
  return fs
    .readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const results = [];
/** Explorer links read from the panel's click menu, followed in checkExplorerLink. */
const explorerLinks = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

function explorerParams(href) {
  if (!href || !href.startsWith('/a/vigil-anomaly-app/explorer?')) {
    return null;
  }
  return JSON.stringify(Object.fromEntries(new URLSearchParams(href.split('?')[1])));
}

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

async function checkTheme(page, base, themeName, docs, expected, source) {
  const dark = themeName === 'dark';
  const label = `${themeName}/${source}`;
  await page.goto(`${base}/harness.html?theme=${themeName}&viewBy=entity&limit=${LIMIT}&source=${source}&job=${encodeURIComponent(docs[0].job_id)}`);
  await page.waitForFunction(() => window.__harness && (window.__harness.ready || window.__harness.error), null, { timeout: 60000 });
  const harness = await page.evaluate(() => window.__harness);
  if (harness.error) {
    check(`${label}: harness renders the panel`, false, harness.error);
    return;
  }
  if (source === 'vigil') {
    check(`${label}: the built datasource's testDatasource passes against vigil serve`, harness.testDatasource && harness.testDatasource.status === 'success', JSON.stringify(harness.testDatasource));
    check(`${label}: the datasource returned the swimlane and records frames`, JSON.stringify(harness.frames.map((f) => f.refId)) === '["A","B"]' && harness.frames[0].fields.includes('lane') && harness.frames[1].fields.includes('source_events'), JSON.stringify(harness.frames));
  }
  if (themeName === 'light' && source === 'vigil') {
    check('built modules load as Grafana plugins', harness.modules.panel === 'PanelPlugin' && harness.modules.datasource === 'DataSourcePlugin' && harness.modules.app === 'AppPlugin', JSON.stringify(harness.modules));
    check('datasource module has query and config editors', harness.modules.hasQueryEditor && harness.modules.hasConfigEditor && harness.modules.datasourceMethods.length === 4, JSON.stringify(harness.modules));
  }
  const canvas = page.getByTestId('data-testid vigil-swimlane-canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  const geo = await canvas.evaluate((c) => ({ ...c.dataset }));
  const laneHeight = Number(geo.laneHeight);
  const gap = Number(geo.overallGap);
  const buckets = Number(geo.bucketCount);
  const labels = await page.getByTestId('data-testid vigil-swimlane-lane-label').allTextContents();
  check(`${label}: overall lane on top, then the top ${LIMIT} entities by max score`, JSON.stringify(labels) === JSON.stringify(['Overall', ...expected.lanes.map((l) => l.key)]), JSON.stringify(labels));
  check(`${label}: one cell per 15-minute bucket`, buckets === expected.bucketCount, `${buckets} vs ${expected.bucketCount}`);
  const cellWidth = box.width / buckets;
  const centre = (row, index) => ({ x: (index + 0.5) * cellWidth, y: row * laneHeight + (row > 0 ? gap : 0) + laneHeight / 2 });
  const pixel = (p) =>
    canvas.evaluate((c, q) => {
      const dpr = window.devicePixelRatio || 1;
      return Array.from(c.getContext('2d').getImageData(Math.floor(q.x * dpr), Math.floor(q.y * dpr), 1, 1).data.slice(0, 3));
    }, p);

  // Colours: the max cell of each of the top 3 lanes, the overall lane's max cell, and an empty cell.
  const probes = [];
  const [oi, os_] = [...expected.overall.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  probes.push({ what: `overall bucket ${oi} score ${os_.toFixed(1)}`, row: 0, index: oi, color: bandColor(os_, dark) });
  expected.lanes.slice(0, 3).forEach((lane, i) => {
    const [index, score] = [...lane.cells.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    probes.push({ what: `${lane.key} bucket ${index} score ${score.toFixed(1)}`, row: i + 1, index, color: bandColor(score, dark) });
  });
  const lowLane = expected.lanes.find((l) => [...l.cells.values()].some((s) => s < 3));
  if (lowLane) {
    const row = expected.lanes.indexOf(lowLane) + 1;
    const [index, score] = [...lowLane.cells.entries()].find(([, s]) => s < 3);
    probes.push({ what: `${lowLane.key} low cell score ${score.toFixed(2)}`, row, index, color: bandColor(score, dark) });
  }
  const emptyIndex = [...Array(buckets).keys()].find((i) => !expected.lanes[0].cells.has(i));
  probes.push({ what: `${expected.lanes[0].key} empty bucket ${emptyIndex}`, row: 1, index: emptyIndex, color: harness.emptyColor });
  for (const p of probes) {
    const got = await pixel(centre(p.row, p.index));
    const want = hexToRgb(p.color);
    check(`${label}: cell colour, ${p.what} → ${p.color}`, JSON.stringify(got) === JSON.stringify(want), `got rgb(${got})`);
  }

  const top = expected.lanes[0];
  const [topIndex, topScore] = [...top.cells.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  const at = centre(1, topIndex);
  await page.mouse.move(box.x + at.x, box.y + at.y);
  const tooltip = page.getByTestId('data-testid vigil-swimlane-tooltip');
  await tooltip.waitFor({ timeout: 5000 }).catch(() => undefined);
  const tipText = (await tooltip.count()) ? await tooltip.innerText() : '';
  const bucketStart = expected.start + topIndex * expected.span;
  const stamp = new Date(bucketStart).toISOString().replace('T', ' ').slice(0, 19);
  check(`${label}: tooltip on hover shows score, time, entity and top records`, tipText.includes(topScore.toFixed(1)) && tipText.includes(top.key) && tipText.includes(stamp) && /high_(count|sum)/.test(tipText), tipText);
  await page.screenshot({ path: path.join(ARTIFACTS, `swimlane-${themeName}-${source}-tooltip.png`) });

  await page.mouse.down();
  await page.mouse.up();
  const menu = page.getByTestId('data-testid vigil-swimlane-menu');
  await menu.waitFor({ timeout: 5000 }).catch(() => undefined);
  const hrefs = (await menu.count()) ? await menu.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))) : [];
  const pane = hrefs[0] && hrefs[0].includes('panes=') ? JSON.parse(decodeURIComponent(hrefs[0].split('panes=')[1])).a : null;
  const [field, value] = top.key.split('=');
  check(
    `${label}: click opens links to source events (bucket range, entity) and the explorer`,
    Boolean(pane) &&
      pane.queries[0].query === `${field}:"${value}"` &&
      pane.range.from === String(bucketStart) &&
      pane.range.to === String(bucketStart + expected.span) &&
      explorerParams(hrefs[1]) === JSON.stringify({ job: docs[0].job_id, from: String(expected.start), to: String(expected.end), entity: top.key, at: String(bucketStart) }),
    JSON.stringify(hrefs)
  );
  if (source === 'vigil' && hrefs[1]) {
    explorerLinks.push({ href: hrefs[1], entity: top.key, at: bucketStart });
  }
  await page.keyboard.press('Escape');
  await page.mouse.move(box.x + box.width + 50, box.y + box.height + 80);
  await page.screenshot({ path: path.join(ARTIFACTS, `swimlane-${themeName}-${source}.png`) });

  const y = box.y + laneHeight / 2;
  await page.mouse.move(box.x + 10 * cellWidth, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 20 * cellWidth, y, { steps: 5 });
  await page.mouse.up();
  const changes = await page.evaluate(() => window.__harness.timeRangeChanges);
  const wantFrom = expected.start + 10 * expected.span;
  const wantTo = expected.start + 20 * expected.span;
  check(
    `${label}: dragging over buckets 10-20 sets the dashboard time range`,
    changes.length === 1 && Math.abs(changes[0].from - wantFrom) <= expected.span / 10 && Math.abs(changes[0].to - wantTo) <= expected.span / 10,
    JSON.stringify(changes)
  );
}

/** The app's Explorer page on vigil serve: lanes, a clicked cell's records, the model-bounds chart. */
async function checkExplorer(page, base, docs, jobId) {
  await page.goto(`${base}/harness.html?page=explorer&job=${encodeURIComponent(jobId)}&theme=light`);
  const labelsLocator = page.getByTestId('data-testid vigil-swimlane-lane-label');
  await labelsLocator.nth(1).waitFor({ timeout: 30000 }).catch(() => undefined);
  const expected = expectedSwimlane(docs, 20);
  const labels = await labelsLocator.allTextContents();
  check('explorer: the job swimlane with the top 20 entities', JSON.stringify(labels) === JSON.stringify(['Overall', ...expected.lanes.map((l) => l.key)]), JSON.stringify(labels));
  const canvas = page.getByTestId('data-testid vigil-swimlane-canvas');
  if ((await canvas.count()) === 0) {
    check('explorer: a cell click lists its records', false, 'no swimlane');
    return;
  }
  const box = await canvas.boundingBox();
  const geo = await canvas.evaluate((c) => ({ ...c.dataset }));
  const lane = expected.lanes[0];
  const [index] = [...lane.cells.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  const laneHeight = Number(geo.laneHeight);
  const x = box.x + (index + 0.5) * (box.width / Number(geo.bucketCount));
  const y = box.y + laneHeight + Number(geo.overallGap) + laneHeight / 2;
  await page.mouse.click(x, y);
  const table = page.getByTestId('data-testid vigil-records-table');
  await table.waitFor({ timeout: 15000 }).catch(() => undefined);
  const bucketStart = expected.start + index * expected.span;
  const want = docs.filter((d) => d.result_type === 'record' && d.entity_key === lane.key && d.timestamp === bucketStart);
  const rows = (await table.count()) ? await table.locator('tbody tr').allInnerTexts() : [];
  check(
    `explorer: clicking ${lane.key} at bucket ${index} lists its ${want.length} record(s)`,
    rows.length === want.length && rows.every((r) => r.includes(lane.key)) && rows.some((r) => r.includes(Math.max(...want.map((d) => d.record_score)).toFixed(1))),
    JSON.stringify(rows)
  );
  const chart = page.getByRole('img', { name: 'Model bounds' });
  await chart.waitFor({ timeout: 15000 }).catch(() => undefined);
  const paths = (await chart.count()) ? await chart.locator('path').evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') || '').length)) : [];
  const noBounds = await page.getByText('No model bounds for this series').count();
  check('explorer: the selected record shows its model bounds chart (band, typical, actual) or says there are none', paths.length === 3 || noBounds === 1, JSON.stringify(paths));
  await page.keyboard.press('Escape');
  await page.getByText(/^Records:/).click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-light.png'), fullPage: true });
}

/** The app's Jobs page on vigil serve: the job listed, a pipeline validated live with its error under the column. */
async function checkJobs(page, base, jobId, serve) {
  await page.goto(`${base}/harness.html?page=jobs&theme=light`);
  const row = page.locator('tr', { hasText: jobId });
  await row.waitFor({ timeout: 30000 }).catch(() => undefined);
  check('jobs: the job is listed with its state', (await row.count()) === 1 && /closed|opened|failed/.test(await row.innerText()), (await row.count()) ? await row.innerText() : 'no row');
  await page.getByRole('button', { name: 'New job' }).click();
  const bad = 'autodetect bucketspan=banana count by src';
  const verdict = await serve.api('POST', '/api/_validate/pipeline', { search: bad });
  await page.getByTestId('data-testid vigil-pipeline-input').fill(bad);
  const error = page.getByTestId('data-testid vigil-pipeline-error').first();
  await error.waitFor({ timeout: 15000 }).catch(() => undefined);
  const text = (await error.count()) ? await error.innerText() : '';
  const first = verdict.errors[0] || {};
  const caret = first.column ? `${' '.repeat(first.column - 1)}^ ${first.message}` : '';
  check('jobs: an invalid pipeline shows the API error under its column', verdict.valid === false && text === `${bad}\n${caret}`, JSON.stringify({ text, verdict }));
  await page.screenshot({ path: path.join(ARTIFACTS, 'jobs-light.png'), fullPage: true });
  await page.getByTestId('data-testid vigil-pipeline-input').fill('autodetect bucketspan=15m high_count by src');
  const valid = page.getByText(/Pipeline is valid/);
  await valid.waitFor({ timeout: 15000 }).catch(() => undefined);
  check('jobs: a valid pipeline is accepted live', (await valid.count()) === 1);
}

/** The panel's "Open in anomaly explorer" link, followed into the app: the cell is selected and its records listed. */
async function checkExplorerLink(page, base, docs) {
  const link = explorerLinks[0];
  if (!link) {
    check('explorer link: the panel offered one', false);
    return;
  }
  const route = link.href.replace(/^\/a\/vigil-anomaly-app/, '');
  await page.goto(`${base}/harness.html?page=explorer&theme=light&route=${encodeURIComponent(route)}`);
  const table = page.getByTestId('data-testid vigil-records-table');
  await table.waitFor({ timeout: 30000 }).catch(() => undefined);
  const rows = (await table.count()) ? await table.locator('tbody tr').allInnerTexts() : [];
  const want = docs.filter((d) => d.result_type === 'record' && d.entity_key === link.entity && d.timestamp === link.at);
  check(`explorer link: opens with ${link.entity} at ${new Date(link.at).toISOString()} selected and its ${want.length} record(s) listed`, rows.length === want.length && rows.every((r) => r.includes(link.entity)), JSON.stringify(rows));
}

async function main() {
  const openSearchUrl = process.env.OPENSEARCH_URL;
  if (!openSearchUrl) {
    fail('test:browser needs a real OpenSearch for vigil serve: set OPENSEARCH_URL (npm test starts one with backend/scripts/opensearch.sh)');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-browser-'));
  const jobId = `browser-${process.pid}-${Date.now().toString(36)}`;
  let serve;
  try {
    const dist = buildPlugin();
    for (const f of ['module.js', 'plugin.json', 'datasource/module.js', 'datasource/plugin.json', 'panels/swimlane/module.js', 'panels/swimlane/plugin.json']) {
      check(`dist/${f} built`, fs.existsSync(path.join(dist, f)));
    }
    const docs = analyzeRealData(tmp, jobId);
    check('vigil analyze wrote bucket, record and influencer documents', ['bucket', 'record', 'influencer'].every((t) => docs.some((d) => d.result_type === t)), `${docs.length} docs`);
    const expected = expectedSwimlane(docs, LIMIT);

    serve = await startVigilServe(openSearchUrl);
    await serve.api('PUT', `/api/jobs/${jobId}`, { search: PIPELINE, datafeed_config: { indices: [`netflow-${jobId}`] } });
    await writeResults(openSearchUrl, docs);

    const harness = await openHarness({ pluginDist: dist, resultsJson: JSON.stringify(docs), vigil: { url: serve.url, token: serve.token } });
    try {
      const consoleErrors = [];
      harness.page.on('pageerror', (e) => consoleErrors.push(String(e)));
      // the Vigil datasource against vigil serve, in both themes; then the OpenSearch datasource's frame shape
      for (const [theme, source] of [['light', 'vigil'], ['dark', 'vigil'], ['light', 'docs']]) {
        await checkTheme(harness.page, harness.base, theme, docs, expected, source);
      }
      await checkExplorer(harness.page, harness.base, docs, jobId);
      await checkExplorerLink(harness.page, harness.base, docs);
      await checkJobs(harness.page, harness.base, jobId, serve);
      check('no uncaught errors in the page', consoleErrors.length === 0, consoleErrors.join(' | ').slice(0, 2000));
    } finally {
      await harness.close();
    }
  } finally {
    if (serve) {
      await serve.api('DELETE', `/api/jobs/${jobId}`).catch((e) => console.error(`cleanup: ${e.message}`));
      await serve.stop();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => fail(`test:browser: ${e.stack || e}`));
