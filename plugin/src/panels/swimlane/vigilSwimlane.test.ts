import fs from 'fs';
import path from 'path';

import { parseSwimlane } from '../../datasource/parse/parseSwimlane';
import type { SwimlaneResponse } from '../../datasource/api/types';
import { cellLinks } from './links';
import { buildSwimlaneModel } from './model/buildSwimlaneModel';

const response: SwimlaneResponse = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../datasource/__fixtures__/swimlane.response.json'), 'utf8')
);

describe('swimlane of the Vigil datasource (entity view: field_name entity_key)', () => {
  const model = buildSwimlaneModel([parseSwimlane(response, 'A')]);

  it('keeps the API lanes in score order with the overall lane from bucket scores', () => {
    expect(model.lanes.map((l) => [l.key, l.maxScore])).toEqual(response.lanes.map((l) => [l.lane, l.max_score]));
    expect(model.overall?.cells.map((c) => c.score)).toEqual(response.overall.cells.map((c) => c.score));
    expect(model.intervalMs).toBe(response.interval_ms);
    expect(model.jobIds).toEqual(['zeek-008']);
  });

  it('takes the lane field values from the entity key, so source-event links filter on the entity field', () => {
    const lane = model.lanes[0];
    expect([lane.fieldName, lane.fieldValue]).toEqual(['src', '89.248.165.118']);
    const links = cellLinks(lane, lane.cells[0], { jobId: 'zeek-008', sourceDatasourceUid: 'netflow-os', sourceTimeField: '@timestamp' });
    const pane = JSON.parse(decodeURIComponent(links[0].url.split('panes=')[1])).a;
    expect(pane.queries[0].query).toBe('src:"89.248.165.118"');
  });
});
