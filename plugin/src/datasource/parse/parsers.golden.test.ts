import fs from 'fs';
import path from 'path';
import { FieldType, type DataFrame } from '@grafana/data';

import type { BucketsResponse, JobsResponse, ModelPlotResponse, RecordsResponse, SwimlaneResponse } from '../api/types';
import { parseBuckets, parseModelPlot } from './parseBuckets';
import { frameSnapshot } from './frameSnapshot';
import { parseJobs } from './parseJobs';
import { parseAnnotations, parseRecords } from './parseRecords';
import { parseSwimlane } from './parseSwimlane';

const FIXTURES = path.join(__dirname, '..', '__fixtures__');
const load = <T,>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

/** Compares a frame with `<name>.frame.golden.json`; UPDATE_GOLDEN=1 rewrites the file instead. */
function expectGolden(frame: DataFrame, name: string) {
  const file = path.join(FIXTURES, `${name}.frame.golden.json`);
  const actual = JSON.parse(JSON.stringify(frameSnapshot(frame)));
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
  }
  expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;

describe('response parsers (golden files)', () => {
  it('swimlane: one long frame, overall rows first, interval in meta', () => {
    const resp = load<SwimlaneResponse>('swimlane.response.json');
    const frame = parseSwimlane(resp, 'A');
    expectGolden(frame, 'swimlane');
    const overallRows = resp.overall.cells.length;
    expect(frame.length).toBe(overallRows + resp.lanes.reduce((n, l) => n + l.cells.length, 0));
    expect(field(frame, 'lane_type').values.slice(0, overallRows).every((v) => v === 'overall')).toBe(true);
    expect(field(frame, 'timestamp').type).toBe(FieldType.time);
    expect(field(frame, 'score').config.max).toBe(100);
    expect(frame.meta?.custom).toEqual({ vigilKind: 'swimlane', jobId: 'zeek-008', intervalMs: 900000, bucketSpan: 900 });
  });

  it('records: highest score first, severity, detector text, source-events link per row', () => {
    const resp = load<RecordsResponse>('records.response.json');
    const frame = parseRecords(resp, 'B', { sourceDatasourceUid: 'netflow-os', sourceTimeField: '@timestamp' });
    expectGolden(frame, 'records');
    expect(field(frame, 'record_score').values).toEqual([...resp.records.map((r) => r.record_score)].sort((a, b) => b - a));
    expect(field(frame, 'severity').values[0]).toBe('critical');
    expect(field(frame, 'detector').values[0]).toBe('high_sum(dest_app_bytes) by dest_port');
    expect(field(frame, 'record_score').config.links?.[0].url).toBe('${__data.fields.source_events:raw}');
    const top = [...resp.records].sort((a, b) => b.record_score - a.record_score)[0];
    const url = decodeURIComponent(String(field(frame, 'source_events').values[0]).split('panes=')[1]);
    const pane = JSON.parse(url).a;
    expect(top.entity_key).toBe('dest_port=53535');
    expect(pane.queries[0].query).toBe('dest_port:"53535"');
    expect(pane.range).toEqual({ from: String(top.timestamp), to: String(top.timestamp + 900000) });
    expect(pane.queries[0].datasource.uid).toBe('netflow-os');
  });

  it('records without a source datasource carry no links', () => {
    const frame = parseRecords(load<RecordsResponse>('records.response.json'), 'B');
    expect(field(frame, 'record_score').config.links).toEqual([]);
    expect(field(frame, 'source_events').values.every((v) => v === '')).toBe(true);
  });

  it('annotations: one per record, spanning its bucket, tagged with job and severity', () => {
    const frame = parseAnnotations(load<RecordsResponse>('records.response.json'), 'C');
    expectGolden(frame, 'annotations');
    const t = field(frame, 'time').values;
    const tEnd = field(frame, 'timeEnd').values;
    expect(tEnd.map((e, i) => e - t[i])).toEqual(t.map(() => 900000));
    expect(field(frame, 'tags').values[0]).toContain('job:zeek-008');
  });

  it('buckets: anomaly score and event count over time', () => {
    const frame = parseBuckets(load<BucketsResponse>('buckets.response.json'), 'D', 'zeek-008');
    expectGolden(frame, 'buckets');
    expect(field(frame, 'anomaly_score').config.unit).toBe('none');
    expect(frame.length).toBe(6);
  });

  it('model bounds: actual, typical and the 95% band', () => {
    const resp = load<ModelPlotResponse>('model_plot.response.json');
    const frame = parseModelPlot(resp, 'E', 'dest_port=53535');
    expectGolden(frame, 'model_plot');
    expect(field(frame, 'actual').values).toEqual(resp.points.map((p) => p.actual));
    expect(field(frame, 'actual').values).toEqual([152, 316]);
    expect(field(frame, 'model_upper').config.displayName).toBe('Upper bound (95%)');
  });

  it('jobs: table sorted by id with units for lag and model size', () => {
    const frame = parseJobs(load<JobsResponse>('jobs.response.json'), 'F');
    expectGolden(frame, 'jobs');
    expect(field(frame, 'job_id').values).toEqual(['auth-failures', 'zeek-008']);
    expect(field(frame, 'lag_ms').config.unit).toBe('ms');
    expect(field(frame, 'model_bytes').config.unit).toBe('bytes');
  });
});
