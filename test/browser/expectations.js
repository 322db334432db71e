/*
 * What the swimlane must show for a set of result documents, computed here independently of the plugin's code:
 * lanes = record entity_key, top N by max record_score; overall = bucket anomaly_score; one cell per bucket.
 */
const BANDS = [
  [75, '#fe5050'],
  [50, '#fba740'],
  [25, '#fdec25'],
  [3, '#8bc8fb'],
];

function bandColor(score, dark) {
  for (const [min, color] of BANDS) {
    if (score >= min) {
      return color;
    }
  }
  return dark ? '#2b4257' : '#d2e9f7';
}

function expectedSwimlane(docs, limit) {
  const span = docs[0].bucket_span * 1000;
  const times = docs.map((d) => d.timestamp);
  const start = Math.min(...times);
  const end = Math.max(...times) + span;
  const bucketCount = Math.ceil((end - start) / span);
  const lanes = new Map();
  for (const r of docs.filter((d) => d.result_type === 'record')) {
    const key = r.entity_key || '(all)';
    const cells = lanes.get(key) || new Map();
    const i = Math.floor((r.timestamp - start) / span);
    cells.set(i, Math.max(cells.get(i) ?? 0, r.record_score));
    lanes.set(key, cells);
  }
  const ranked = [...lanes.entries()].map(([key, cells]) => ({
    key,
    cells,
    max: Math.max(...cells.values()),
    occurrence: [...cells.values()].filter((s) => s >= 3).length,
  }));
  ranked.sort((a, b) => b.max - a.max || b.occurrence - a.occurrence || a.key.localeCompare(b.key));
  const overall = new Map();
  for (const b of docs.filter((d) => d.result_type === 'bucket')) {
    overall.set(Math.floor((b.timestamp - start) / span), b.anomaly_score);
  }
  return { start, end, span, bucketCount, lanes: ranked.slice(0, limit), overall };
}

module.exports = { bandColor, expectedSwimlane };
