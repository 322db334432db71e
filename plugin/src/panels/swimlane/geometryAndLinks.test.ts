import { createDataFrame, FieldType } from '@grafana/data';

import { cellAt, hitTest, layoutSwimlane, rowTop, timeAt } from './geometry';
import { cellLinks, luceneForLane } from './links';
import { buildSwimlaneModel } from './model/buildSwimlaneModel';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

const frame = createDataFrame({
  fields: [
    { name: 'timestamp', type: FieldType.time, values: [T0, T0 + H, T0 + 3 * H, T0 + 3 * H] },
    { name: 'record_score', type: FieldType.number, values: [5, 90, 40, 60] },
    { name: 'entity_key', type: FieldType.string, values: ['src=a', 'src=a', 'src=b', 'msg=x "y",host=h'] },
    { name: 'job_id', type: FieldType.string, values: ['net', 'net', 'net', 'net'] },
  ],
});
const model = buildSwimlaneModel([frame]);

describe('layout and hit tests', () => {
  const layout = layoutSwimlane(model, 400, 1000);

  it('caps lane height, adds a gap under the overall lane and splits the width into cells', () => {
    expect(layout.rows.map((r) => r.label)).toEqual(['Overall', 'src=a', 'msg=x "y",host=h', 'src=b']);
    expect(layout.laneHeight).toBe(30);
    expect(layout.height).toBe(4 * 30 + 6);
    expect(layout.cellWidth).toBe(100);
    expect(rowTop(layout, 0)).toBe(0);
    expect(rowTop(layout, 1)).toBe(36);
  });

  it('maps points to lanes and intervals, and the gap to nothing', () => {
    expect(hitTest(layout, 150, 10)).toEqual({ row: 0, index: 1 });
    expect(hitTest(layout, 150, 32)).toBeNull();
    expect(hitTest(layout, 399, 36 + 31)).toEqual({ row: 2, index: 3 });
    expect(hitTest(layout, 10, 500)).toBeNull();
    expect(hitTest(layout, -1, 10)).toBeNull();
  });

  it('shrinks lanes to fit a short panel, not below the minimum', () => {
    expect(layoutSwimlane(model, 400, 70).laneHeight).toBe(16);
    expect(layoutSwimlane(model, 400, 10).laneHeight).toBe(8);
  });

  it('finds sparse cells and converts x to time', () => {
    expect(cellAt(layout.rows[1], 1)?.score).toBe(90);
    expect(cellAt(layout.rows[1], 2)).toBeUndefined();
    expect(timeAt(model, layout, 200)).toBe(T0 + 2 * H);
    expect(timeAt(model, layout, 9999)).toBe(model.end);
  });
});

describe('cell links', () => {
  const lane = model.lanes.find((l) => l.key === 'msg=x "y",host=h')!;
  const cell = lane.cells[0];

  it('builds a Lucene query from the lane entity, escaping quotes', () => {
    expect(luceneForLane(lane)).toBe('msg:"x \\"y\\"" AND host:"h"');
    expect(luceneForLane(model.overall!)).toBe('*');
  });

  it('links to source events in Explore (bucket range) and to the explorer page filtered to the cell', () => {
    const links = cellLinks(lane, cell, { jobId: 'net', sourceDatasourceUid: 'netflow-os', sourceTimeField: '@timestamp' });
    expect(links.map((l) => l.title)).toEqual(['Source events in Explore', 'Open in anomaly explorer']);
    const pane = JSON.parse(decodeURIComponent(links[0].url.split('panes=')[1])).a;
    expect(pane.range).toEqual({ from: String(T0 + 3 * H), to: String(T0 + 4 * H) });
    expect(pane.queries[0]).toMatchObject({ queryType: 'lucene', query: 'msg:"x \\"y\\"" AND host:"h"', timeField: '@timestamp' });
    expect(links[1].url).toBe(
      `/a/vigil-anomaly-app/explorer?job=net&from=${T0 + 3 * H}&to=${T0 + 4 * H}&entity=msg%3Dx+%22y%22%2Chost%3Dh&at=${T0 + 3 * H}`
    );
    const withRange = cellLinks(lane, cell, { jobId: 'net', sourceDatasourceUid: '', sourceTimeField: '@timestamp', range: { from: T0, to: T0 + 4 * H } });
    expect(withRange[0].url).toBe(`/a/vigil-anomaly-app/explorer?job=net&from=${T0}&to=${T0 + 4 * H}&entity=msg%3Dx+%22y%22%2Chost%3Dh&at=${T0 + 3 * H}`);
  });

  it('offers only the explorer link when no source datasource is set', () => {
    expect(cellLinks(lane, cell, { sourceDatasourceUid: '', sourceTimeField: '@timestamp' }).map((l) => l.title)).toEqual([
      'Open in anomaly explorer',
    ]);
  });
});
