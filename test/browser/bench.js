#!/usr/bin/env node
/*
 * Swimlane panel speed in real chromium (npm run bench:swimlane): the built panel with 50 lanes x 500 buckets, every
 * cell scored. JSON lines {"bench","metric","value","unit","n","median","min","max"}: first render until painted
 * (frames → model → canvas), a re-sort (model rebuilt, canvas redrawn), a hover until its tooltip is painted.
 * The two-frame wait after each step is included, so the numbers are upper bounds of the work itself.
 */
const { buildPlugin, fail, openHarness } = require('./session');

const REPEATS = Number(process.env.BENCH_REPEATS || 7);

function line(metric, values, unit, n) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const round = (v) => Math.round(v * 10) / 10;
  return JSON.stringify({ bench: 'swimlane-50x500', metric, value: round(median), unit, n, median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) });
}

async function main() {
  const dist = buildPlugin();
  const harness = await openHarness({ pluginDist: dist, resultsJson: '[]', viewport: { width: 1400, height: 1700 } });
  try {
    await harness.page.goto(`${harness.base}/harness.html?bench=${REPEATS}`);
    await harness.page.waitForFunction(() => window.__harness && (window.__harness.ready || window.__harness.error), null, { timeout: 300000 });
    const state = await harness.page.evaluate(() => window.__harness);
    if (state.error) {
      fail(`bench failed: ${state.error}`);
    }
    const b = state.bench;
    console.log(line('first_render_ms', b.first, 'ms', b.cells));
    console.log(line('resort_ms', b.resort, 'ms', b.cells));
    console.log(line('hover_tooltip_ms', b.hover, 'ms', b.cells));
  } finally {
    await harness.close();
  }
}

main().catch((e) => fail(`bench:swimlane: ${e.stack || e}`));
