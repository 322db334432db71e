import { createDataFrame, FieldType } from '@grafana/data';

import { buildSwimlaneModel } from './buildSwimlaneModel';
import { parseEntityKey } from './extractPoints';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

/** The Vigil datasource's swimlane frame (long format). */
function vigilFrame(rows: Array<[number, 'overall' | 'lane', string, number]>, intervalMs = H) {
  return createDataFrame({
    refId: 'A',
    meta: { custom: { vigilKind: 'swimlane', jobId: 'net', intervalMs } },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: rows.map((r) => r[0]) },
      { name: 'lane_type', type: FieldType.string, values: rows.map((r) => r[1]) },
      { name: 'lane', type: FieldType.string, values: rows.map((r) => r[2]) },
      { name: 'field_name', type: FieldType.string, values: rows.map((r) => (r[1] === 'overall' ? '' : 'src')) },
      { name: 'field_value', type: FieldType.string, values: rows.map((r) => r[2].replace(/^src=/, '')) },
      { name: 'score', type: FieldType.number, values: rows.map((r) => r[3]) },
    ],
  });
}

describe('buildSwimlaneModel with Vigil swimlane frames', () => {
  const frame = vigilFrame([
    [T0, 'overall', '', 12],
    [T0 + H, 'overall', '', 91],
    [T0 + 2 * H, 'overall', '', 40],
    [T0, 'lane', 'src=10.0.0.1', 30],
    [T0 + H, 'lane', 'src=10.0.0.1', 10],
    [T0 + 2 * H, 'lane', 'src=10.0.0.1', 28],
    [T0 + H, 'lane', 'src=10.0.0.2', 95],
    [T0 + 2 * H, 'lane', 'src=10.0.0.3', 55],
  ]);

  it('puts the overall lane apart (drawn on top) from bucket scores and ranks lanes by max score', () => {
    const model = buildSwimlaneModel([frame]);
    expect(model.overall?.label).toBe('Overall');
    expect(model.overall?.derived).toBe(false);
    expect(model.overall?.cells.map((c) => [c.index, c.score, c.severity])).toEqual([
      [0, 12, 'warning'],
      [1, 91, 'critical'],
      [2, 40, 'minor'],
    ]);
    expect(model.lanes.map((l) => [l.label, l.maxScore, l.occurrence])).toEqual([
      ['src=10.0.0.2', 95, 1],
      ['src=10.0.0.3', 55, 1],
      ['src=10.0.0.1', 30, 3],
    ]);
    expect(model.lanes[0].fieldName).toBe('src');
    expect(model.lanes[0].fieldValue).toBe('10.0.0.2');
    expect(model.start).toBe(T0);
    expect(model.intervalMs).toBe(H);
    expect(model.bucketCount).toBe(3);
    expect(model.end).toBe(T0 + 3 * H);
    expect(model.jobIds).toEqual(['net']);
  });

  it('ranks by occurrence when asked, and keeps only the top N lanes', () => {
    const model = buildSwimlaneModel([frame], { sortBy: 'occurrence', limit: 2 });
    expect(model.lanes.map((l) => l.label)).toEqual(['src=10.0.0.1', 'src=10.0.0.2']);
    expect(model.totalLanes).toBe(3);
  });

  it('gives each cell its interval bounds', () => {
    const model = buildSwimlaneModel([frame]);
    const cell = model.lanes[0].cells[0];
    expect([cell.index, cell.start, cell.end]).toEqual([1, T0 + H, T0 + 2 * H]);
  });

  it('merges buckets into wider cells with the max score and a point count', () => {
    const model = buildSwimlaneModel([frame], { intervalMs: 2 * H });
    expect(model.intervalMs).toBe(2 * H);
    const lane1 = model.lanes.find((l) => l.label === 'src=10.0.0.1')!;
    expect(lane1.cells.map((c) => [c.index, c.score, c.count])).toEqual([
      [0, 30, 2],
      [1, 28, 1],
    ]);
    expect(model.overall?.cells.map((c) => c.score)).toEqual([91, 40]);
  });

  it('drops points outside the dashboard time range and aligns the grid to it', () => {
    const model = buildSwimlaneModel([frame], { timeRange: { from: T0 + H, to: T0 + 5 * H } });
    expect(model.start).toBe(T0 + H);
    expect(model.bucketCount).toBe(4);
    expect(model.overall?.cells.map((c) => [c.index, c.score])).toEqual([
      [0, 91],
      [1, 40],
    ]);
  });

  it('widens cells so no more than maxBuckets cover the range', () => {
    const rows: Array<[number, 'lane', string, number]> = [];
    for (let i = 0; i < 1200; i++) {
      rows.push([T0 + i * H, 'lane', 'src=a', i % 100]);
    }
    const model = buildSwimlaneModel([vigilFrame(rows)], { maxBuckets: 500 });
    expect(model.intervalMs).toBe(3 * H);
    expect(model.bucketCount).toBeLessThanOrEqual(500);
    expect(model.lanes[0].cells[0].score).toBe(2);
    expect(model.lanes[0].cells[0].count).toBe(3);
    expect(model.overall?.derived).toBe(true);
  });
});

/** Rows as the official OpenSearch datasource returns them for a raw-data query on vigil-results-*. */
function openSearchDocsFrame() {
  const docs = [
    { result_type: 'bucket', timestamp: T0, anomaly_score: 80, job_id: 'net' },
    { result_type: 'bucket', timestamp: T0 + H, anomaly_score: 2, job_id: 'net' },
    {
      result_type: 'record',
      timestamp: T0,
      record_score: 80,
      entity_key: 'src=10.0.0.9',
      function: 'high_sum',
      field_name: 'bytes',
      by_field_name: 'src',
      actual: [9000],
      typical: [120],
      job_id: 'net',
    },
    {
      result_type: 'record',
      timestamp: T0,
      record_score: 20,
      entity_key: 'src=10.0.0.9',
      function: 'high_count',
      actual: [50],
      typical: [3],
      job_id: 'net',
    },
    { result_type: 'record', timestamp: T0 + H, record_score: 2, entity_key: 'src=10.0.0.7', function: 'count', job_id: 'net' },
    { result_type: 'influencer', timestamp: T0, influencer_score: 77, influencer_field_name: 'src', influencer_field_value: '10.0.0.9', job_id: 'net' },
    { result_type: 'influencer', timestamp: T0, influencer_score: 30, influencer_field_name: 'dest', influencer_field_value: '8.8.8.8', job_id: 'net' },
  ];
  const col = (k: string) => docs.map((d) => (d as Record<string, unknown>)[k] ?? null);
  return createDataFrame({
    refId: 'B',
    fields: [
      { name: 'timestamp', type: FieldType.time, values: col('timestamp') },
      ...['result_type', 'job_id', 'entity_key', 'function', 'field_name', 'by_field_name', 'influencer_field_name', 'influencer_field_value'].map(
        (name) => ({ name, type: FieldType.string, values: col(name) })
      ),
      ...['anomaly_score', 'record_score', 'influencer_score'].map((name) => ({ name, type: FieldType.number, values: col(name) })),
      { name: 'actual', type: FieldType.other, values: col('actual') },
      { name: 'typical', type: FieldType.other, values: col('typical') },
    ],
  });
}

describe('buildSwimlaneModel with OpenSearch datasource frames on the results index', () => {
  it('views by influencers by default, overall from bucket anomaly_score, records for the tooltip', () => {
    const model = buildSwimlaneModel([openSearchDocsFrame()]);
    expect(model.overall?.cells.map((c) => [c.index, c.score])).toEqual([
      [0, 80],
      [1, 2],
    ]);
    expect(model.lanes.map((l) => [l.label, l.maxScore])).toEqual([
      ['src=10.0.0.9', 77],
      ['dest=8.8.8.8', 30],
    ]);
    const top = model.lanes[0].cells[0].records;
    expect(top.map((r) => [r.score, r.detector, r.actual, r.typical])).toEqual([
      [80, 'high_sum(bytes) by src', '9000', '120'],
      [20, 'high_count', '50', '3'],
    ]);
    expect(model.lanes[1].cells[0].records).toEqual([]);
    expect(model.overall?.cells[0].records.map((r) => r.score)).toEqual([80, 20]);
  });

  it('views by record entity_key when asked', () => {
    const model = buildSwimlaneModel([openSearchDocsFrame()], { viewBy: 'entity' });
    expect(model.lanes.map((l) => [l.label, l.maxScore, l.occurrence])).toEqual([
      ['src=10.0.0.9', 80, 1],
      ['src=10.0.0.7', 2, 0],
    ]);
    expect(model.lanes[0].cells[0].count).toBe(2);
  });

  it('views by one influencer field', () => {
    const model = buildSwimlaneModel([openSearchDocsFrame()], { viewBy: 'dest' });
    expect(model.lanes.map((l) => l.label)).toEqual(['dest=8.8.8.8']);
  });

  it('reads time series grouped by entity_key (max record_score by terms), timestamps as ISO strings', () => {
    const series = (entity: string, scores: number[]) =>
      createDataFrame({
        fields: [
          { name: 'Time', type: FieldType.string, values: scores.map((_, i) => new Date(T0 + i * H).toISOString()) },
          { name: 'Value', type: FieldType.number, values: scores, labels: { entity_key: entity } },
        ],
      });
    const buckets = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [T0, T0 + H] },
        { name: 'Max anomaly_score', type: FieldType.number, values: [60, 5] },
      ],
    });
    const model = buildSwimlaneModel([series('host=a', [1, 88]), series('host=b', [50, 0]), buckets]);
    expect(model.lanes.map((l) => [l.label, l.cells.map((c) => c.score)])).toEqual([
      ['host=a', [1, 88]],
      ['host=b', [50, 0]],
    ]);
    expect(model.overall?.cells.map((c) => c.score)).toEqual([60, 5]);
  });

  it('derives the overall lane from the lanes when there are no bucket scores', () => {
    const docs = openSearchDocsFrame();
    const model = buildSwimlaneModel([docs], { viewBy: 'entity', showOverall: true });
    expect(model.overall?.derived).toBe(false);
    const recordsOnly = createDataFrame({
      fields: [
        { name: 'timestamp', type: FieldType.number, values: [T0, T0, T0 + H] },
        { name: 'record_score', type: FieldType.number, values: [10, 60, 4] },
        { name: 'entity_key', type: FieldType.string, values: ['a=1', 'a=2', 'a=1'] },
      ],
    });
    const derived = buildSwimlaneModel([recordsOnly]);
    expect(derived.overall?.derived).toBe(true);
    expect(derived.overall?.cells.map((c) => c.score)).toEqual([60, 4]);
    expect(buildSwimlaneModel([recordsOnly], { showOverall: false }).overall).toBeNull();
  });

  it('gives an empty model for no frames or frames without scores', () => {
    const empty = buildSwimlaneModel([]);
    expect([empty.bucketCount, empty.lanes.length, empty.overall, empty.pointCount]).toEqual([0, 0, null, 0]);
    const noScores = createDataFrame({ fields: [{ name: 'message', type: FieldType.string, values: ['x'] }] });
    expect(buildSwimlaneModel([noScores]).pointCount).toBe(0);
  });

  it('handles a records table with a single-metric detector (no entity)', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'timestamp', type: FieldType.time, values: [T0] },
        { name: 'record_score', type: FieldType.number, values: [42] },
        { name: 'entity_key', type: FieldType.string, values: [''] },
      ],
    });
    expect(buildSwimlaneModel([frame]).lanes.map((l) => l.label)).toEqual(['(all)']);
  });
});

describe('parseEntityKey', () => {
  it('splits by/over/partition pairs and keeps commas inside values', () => {
    expect(parseEntityKey('src=10.0.0.5,dest_port=443')).toEqual([
      { field: 'src', value: '10.0.0.5' },
      { field: 'dest_port', value: '443' },
    ]);
    expect(parseEntityKey('msg=a,b,host=x')).toEqual([
      { field: 'msg', value: 'a,b' },
      { field: 'host', value: 'x' },
    ]);
    expect(parseEntityKey('')).toEqual([]);
  });
});
