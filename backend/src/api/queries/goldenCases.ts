/**
 * The golden cases of the query builders and response parsers, shared by the unit test (request
 * JSON and parsing of recorded responses, in `__golden__/`) and the integration test (the same
 * requests against a real node over `__golden__/sample-results.json` must parse to the same output).
 */
import type { ResultQuery } from '../resultParams';
import type { SearchResponse } from './hits';
import { bucketsQuery, categoriesQuery, influencersQuery, parseList, recordsQuery } from './listQueries';
import { modelPlotQuery, parseModelPlot } from './modelPlot';
import { parseSwimlane, swimlaneQuery, type SwimlaneOptions } from './swimlane';
import { parseTimeRange, timeRangeQuery } from './timeRange';

export const GOLDEN_JOB = 'golden';
export const T0 = 1655100000000;
export const SPAN_MS = 900_000;

export interface GoldenCase {
  name: string;
  request: Record<string, unknown>;
  parse(res: SearchResponse): unknown;
}

const base = (patch: Partial<ResultQuery> = {}): ResultQuery => ({ from: 0, size: 100, entities: [], includeInterim: false, ...patch });
const lane = (patch: Partial<SwimlaneOptions> = {}): SwimlaneOptions => ({ viewBy: 'entity', limit: 10, sort: 'max_score', intervalMs: SPAN_MS, bucketSpan: 900, ...patch });

function swimlaneCase(name: string, q: ResultQuery, o: SwimlaneOptions): GoldenCase {
  return { name, request: swimlaneQuery(GOLDEN_JOB, q, o), parse: (res) => parseSwimlane(GOLDEN_JOB, q, o, res) };
}

export const goldenCases: GoldenCase[] = [
  { name: 'buckets', request: { ...bucketsQuery(GOLDEN_JOB, base()) }, parse: (res) => parseList(res) },
  { name: 'buckets-min-score-page', request: { ...bucketsQuery(GOLDEN_JOB, base({ minScore: 3, from: 1, size: 2 })) }, parse: (res) => parseList(res) },
  { name: 'buckets-interim', request: { ...bucketsQuery(GOLDEN_JOB, base({ includeInterim: true, start: T0 + 5 * SPAN_MS })) }, parse: (res) => parseList(res) },
  { name: 'records-by-score', request: { ...recordsQuery(GOLDEN_JOB, base(), { sort: 'record_score' }) }, parse: (res) => parseList(res) },
  {
    name: 'records-entity-range',
    request: { ...recordsQuery(GOLDEN_JOB, base({ entities: [{ field: 'src', value: '10.0.0.7' }], start: T0 + 3 * SPAN_MS, end: T0 + 6 * SPAN_MS }), { sort: 'timestamp' }) },
    parse: (res) => parseList(res),
  },
  { name: 'records-detector', request: { ...recordsQuery(GOLDEN_JOB, base({ minScore: 25 }), { sort: 'record_score', detectorIndex: 1 }) }, parse: (res) => parseList(res) },
  { name: 'influencers-src', request: { ...influencersQuery(GOLDEN_JOB, base(), 'src') }, parse: (res) => parseList(res) },
  swimlaneCase('swimlane-entity', base(), lane()),
  swimlaneCase('swimlane-entity-occurrence-top2', base({ start: T0, end: T0 + 6 * SPAN_MS }), lane({ sort: 'occurrence', limit: 2 })),
  swimlaneCase('swimlane-src-hourly', base({ minScore: 20 }), lane({ viewBy: 'src', intervalMs: 4 * SPAN_MS })),
  swimlaneCase('swimlane-entity-filter', base({ entities: [{ field: 'src', value: '10.0.0.7' }, { field: 'src', value: '10.0.0.9' }] }), lane()),
  {
    name: 'model-plot-docs',
    request: modelPlotQuery(GOLDEN_JOB, { detectorIndex: 1, entityKey: 'dest_port=443,src=10.0.0.7', size: 10_000 }),
    parse: (res) => parseModelPlot(res as SearchResponse<never>),
  },
  {
    name: 'model-plot-from-records',
    request: modelPlotQuery(GOLDEN_JOB, { detectorIndex: 0, entityKey: 'src=10.0.0.5', size: 10_000 }),
    parse: (res) => parseModelPlot(res as SearchResponse<never>),
  },
  { name: 'time-range', request: timeRangeQuery(GOLDEN_JOB), parse: (res) => parseTimeRange(res) },
  { name: 'categories', request: { ...categoriesQuery(GOLDEN_JOB, base()) }, parse: (res) => parseList(res) },
];

/** A recorded response without what changes from run to run (took, shard counts). */
export function stableResponse(res: Record<string, unknown>): Record<string, unknown> {
  const { took: _took, _shards: _s, timed_out: _t, ...rest } = res;
  void _took;
  void _s;
  void _t;
  const hits = rest.hits as { max_score?: unknown; hits?: Array<Record<string, unknown>> } | undefined;
  if (hits) rest.hits = { ...hits, hits: (hits.hits ?? []).map(({ _score: _sc, _index: _i, ...h }) => (void _sc, void _i, h)) };
  return rest;
}
