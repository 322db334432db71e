import { DEFAULT_QUERY, type VigilQuery } from '../types';
import { buildRequest, toQueryString } from './buildRequest';

const range = { from: 1655100000000, to: 1655186400000.4 };
const q = (patch: Partial<VigilQuery>): VigilQuery => ({ ...DEFAULT_QUERY, refId: 'A', jobId: 'zeek-008', ...patch });

describe('buildRequest', () => {
  it('swimlane: view_by, limit, sort, interval, filters', () => {
    const req = buildRequest(
      q({ queryType: 'swimlane', viewBy: 'src', limit: 25, sort: 'occurrence', intervalMs: 3600000, minScore: 25, entities: ['src=10.0.0.5', ' dest_port=443 ', ''] }),
      range
    );
    expect(req.path).toBe('/api/jobs/zeek-008/results/swimlane');
    expect(req.params).toEqual([
      ['start', '1655100000000'],
      ['end', '1655186400001'],
      ['view_by', 'src'],
      ['limit', '25'],
      ['sort', 'occurrence'],
      ['interval_ms', '3600000'],
      ['min_score', '25'],
      ['entity', 'src=10.0.0.5'],
      ['entity', 'dest_port=443'],
    ]);
  });

  it('swimlane defaults: entity lanes, top 10 by max score, bucket-span cells, no min score', () => {
    expect(buildRequest(q({ queryType: 'swimlane' }), range).params).toEqual([
      ['start', '1655100000000'],
      ['end', '1655186400001'],
      ['view_by', 'entity'],
      ['limit', '10'],
      ['sort', 'max_score'],
    ]);
  });

  it('records and annotations: size capped at 10000, sorted by score, interim on request', () => {
    const req = buildRequest(q({ queryType: 'records', size: 50000, minScore: 75, includeInterim: true }), range);
    expect(req.path).toBe('/api/jobs/zeek-008/results/records');
    expect(req.params.slice(2)).toEqual([
      ['size', '10000'],
      ['sort', 'record_score'],
      ['min_score', '75'],
      ['include_interim', 'true'],
    ]);
    expect(buildRequest(q({ queryType: 'annotations', minScore: 50 }), range).path).toBe('/api/jobs/zeek-008/results/records');
  });

  it('buckets and model bounds', () => {
    expect(buildRequest(q({ queryType: 'buckets' }), range).path).toBe('/api/jobs/zeek-008/results/buckets');
    const mb = buildRequest(q({ queryType: 'model_bounds', detectorIndex: 1, entityKey: 'dest_port=5353' }), range);
    expect(mb.path).toBe('/api/jobs/zeek-008/results/model_plot');
    expect(mb.params.slice(2)).toEqual([
      ['detector_index', '1'],
      ['entity_key', 'dest_port=5353'],
    ]);
  });

  it('jobs need no job id; other types do; job ids are path-encoded', () => {
    expect(buildRequest(q({ queryType: 'jobs', jobId: '' }), range)).toEqual({ path: '/api/jobs', params: [] });
    expect(() => buildRequest(q({ queryType: 'records', jobId: '' }), range)).toThrow('Pick a job');
    expect(buildRequest(q({ queryType: 'buckets', jobId: 'a/b c' }), range).path).toBe('/api/jobs/a%2Fb%20c/results/buckets');
  });

  it('encodes the query string', () => {
    expect(toQueryString([['entity', 'msg=a b&c'], ['min_score', '3']])).toBe('entity=msg%3Da%20b%26c&min_score=3');
  });
});
