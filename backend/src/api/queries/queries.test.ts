/**
 * Golden tests of the results queries: each builder's request JSON equals `__golden__/<case>.request.json`,
 * and each parser turns the response recorded from a real OpenSearch 2.19 node over
 * `__golden__/sample-results.json` (`<case>.response.json`) into `<case>.parsed.json`. The parsed goldens
 * were checked by hand against the sample documents; the tests below also assert the key values.
 * `UPDATE_GOLDEN=1` rewrites the request and parsed goldens (responses are recorded by the integration test).
 */
import * as fs from 'fs';
import * as path from 'path';
import { goldenCases, SPAN_MS, T0 } from './goldenCases';

const dir = path.join(__dirname, '__golden__');
const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const update = process.env.UPDATE_GOLDEN === '1';
const byName = (name: string) => goldenCases.find((c) => c.name === name)!;
/** The fields the assertions read (parsed documents are plain JSON). */
interface Doc {
  anomaly_score: number;
  record_score: number;
  is_interim: boolean;
  timestamp: number;
  entity_key: string;
  category_id: number;
}
interface Cell {
  timestamp: number;
  score: number;
}
interface Lane {
  lane: string;
  field_name: string;
  field_value: string;
  max_score: number;
  occurrence: number;
  cells: Cell[];
}
interface Parsed {
  count: number;
  docs: Doc[];
  lanes: Lane[];
  overall: { cells: Cell[] };
  start: number;
  end: number;
  interval_ms: number;
}
const parsed = (name: string): Parsed => byName(name).parse(read(`${name}.response.json`) as never) as Parsed;

describe('results query builders (request goldens)', () => {
  it.each(goldenCases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const file = path.join(dir, `${name}.request.json`);
    if (update) fs.writeFileSync(file, JSON.stringify(c.request, null, 2) + '\n');
    expect(c.request).toEqual(read(`${name}.request.json`));
  });
});

describe('results response parsers (recorded responses)', () => {
  it.each(goldenCases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const out = c.parse(read(`${name}.response.json`) as never);
    const file = path.join(dir, `${name}.parsed.json`);
    if (update) fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    expect(out).toEqual(read(`${name}.parsed.json`));
  });

  it('buckets: final buckets in time order, interim excluded; min score and paging', () => {
    const all = parsed('buckets');
    expect(all.count).toBe(6);
    expect(all.docs.map((d) => d.anomaly_score)).toEqual([0, 12.5, 3, 80, 0.5, 40]);
    const page = parsed('buckets-min-score-page');
    expect(page.count).toBe(4); // 12.5, 3, 80, 40
    expect(page.docs.map((d) => d.anomaly_score)).toEqual([3, 80]);
    expect(parsed('buckets-interim').docs.map((d) => [d.anomaly_score, d.is_interim])).toEqual([[40, false], [99, true]]);
  });

  it('records: by score, entity filter matches a pair inside a composite entity_key', () => {
    expect(parsed('records-by-score').docs.map((d) => d.record_score)).toEqual([80, 40, 30, 12.5, 5, 3]);
    const ent = parsed('records-entity-range');
    expect(ent.docs.map((d) => [d.timestamp - T0, d.entity_key])).toEqual([
      [3 * SPAN_MS, 'src=10.0.0.7'],
      [4 * SPAN_MS, 'src=10.0.0.7'],
      [5 * SPAN_MS, 'dest_port=443,src=10.0.0.7'],
    ]);
    expect(parsed('records-detector').docs.map((d) => d.record_score)).toEqual([40]);
  });

  it('swimlane by entity: lanes by max score, cells = max per interval, overall from buckets', () => {
    const s = parsed('swimlane-entity');
    expect(s.lanes.map((l) => [l.lane, l.max_score, l.occurrence])).toEqual([
      ['src=10.0.0.5', 80, 2],
      ['dest_port=443,src=10.0.0.7', 40, 1],
      ['src=10.0.0.7', 30, 2],
      ['src=10.0.0.9', 3, 1],
    ]);
    expect(s.lanes[0].cells).toEqual([{ timestamp: T0 + SPAN_MS, score: 12.5 }, { timestamp: T0 + 3 * SPAN_MS, score: 80 }]);
    expect(s.overall.cells.map((c) => c.score)).toEqual([0, 12.5, 3, 80, 0.5, 40]);
    expect([s.start, s.end]).toEqual([T0, T0 + 6 * SPAN_MS]);
  });

  it('swimlane top 2 by occurrence; influencer lanes with wider cells and a min score', () => {
    expect(parsed('swimlane-entity-occurrence-top2').lanes.map((l) => [l.lane, l.occurrence])).toEqual([['src=10.0.0.5', 2], ['src=10.0.0.7', 2]]);
    const s = parsed('swimlane-src-hourly');
    expect(s.interval_ms).toBe(4 * SPAN_MS);
    expect(s.lanes.map((l) => [l.lane, l.field_name, l.field_value, l.max_score, l.cells])).toEqual([
      ['src=10.0.0.5', 'src', '10.0.0.5', 78, [{ timestamp: T0, score: 78 }]],
      ['src=10.0.0.7', 'src', '10.0.0.7', 39, [{ timestamp: T0, score: 28 }, { timestamp: T0 + 4 * SPAN_MS, score: 39 }]],
    ]);
    expect(s.overall.cells).toEqual([{ timestamp: T0, score: 80 }, { timestamp: T0 + 4 * SPAN_MS, score: 40 }]);
    expect(parsed('swimlane-entity-filter').lanes.map((l) => l.lane)).toEqual(['dest_port=443,src=10.0.0.7', 'src=10.0.0.7', 'src=10.0.0.9']);
  });

  it('model plot from model_plot documents, else from the records\' explanation; time range; categories', () => {
    expect(parsed('model-plot-docs')).toEqual({
      source: 'model_plot',
      points: [
        { timestamp: T0 + 4 * SPAN_MS, actual: 1400, model_lower: 300, model_median: 1500, model_upper: 2900 },
        { timestamp: T0 + 5 * SPAN_MS, actual: 9000, model_lower: 250, model_median: 1480, model_upper: 2950 },
      ],
    });
    expect(parsed('model-plot-from-records')).toEqual({
      source: 'records',
      points: [
        { timestamp: T0 + SPAN_MS, actual: 40, model_lower: 2, model_median: 11, model_upper: 20 },
        { timestamp: T0 + 3 * SPAN_MS, actual: 300, model_lower: 3, model_median: 12, model_upper: 22 },
      ],
    });
    expect(parsed('time-range')).toEqual({ earliest: T0, latest: T0 + 5 * SPAN_MS });
    expect(parsed('categories').docs.map((d) => d.category_id)).toEqual([1, 2]);
  });
});
