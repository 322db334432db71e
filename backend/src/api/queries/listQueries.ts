/**
 * Query builders and parsers of the list routes (buckets, records, influencers, categories):
 * paging with `from`/`size`, `count` = every match (not just the page).
 */
import type { ResultQuery } from '../resultParams';
import { resultsQuery, type Clause } from './filters';
import { sourcesOf, totalOf, type SearchResponse } from './hits';

export interface SearchBody {
  query: Clause;
  from?: number;
  size: number;
  sort?: Clause[];
  track_total_hits?: boolean;
  aggs?: Record<string, unknown>;
}

const paging = (q: ResultQuery): { from: number; size: number; track_total_hits: true } => ({ from: q.from, size: q.size, track_total_hits: true });

export function bucketsQuery(jobId: string, q: ResultQuery): SearchBody {
  return {
    query: resultsQuery(q, { jobId, resultTypes: ['bucket'], scoreField: 'anomaly_score' }),
    ...paging(q),
    sort: [{ timestamp: { order: 'asc' } }],
  };
}

export interface RecordOptions {
  detectorIndex?: number;
  sort: 'record_score' | 'timestamp';
}

export function recordsQuery(jobId: string, q: ResultQuery, o: RecordOptions): SearchBody {
  const query = resultsQuery(q, { jobId, resultTypes: ['record'], scoreField: 'record_score', entities: true });
  if (o.detectorIndex !== undefined) ((query.bool as { filter: Clause[] }).filter).push({ term: { detector_index: o.detectorIndex } });
  const sort = o.sort === 'record_score'
    ? [{ record_score: { order: 'desc' } }, { timestamp: { order: 'asc' } }, { detector_index: { order: 'asc' } }]
    : [{ timestamp: { order: 'asc' } }, { record_score: { order: 'desc' } }, { detector_index: { order: 'asc' } }];
  return { query, ...paging(q), sort };
}

export function influencersQuery(jobId: string, q: ResultQuery, fieldName?: string): SearchBody {
  const query = resultsQuery(q, { jobId, resultTypes: ['influencer'], scoreField: 'influencer_score', entities: true });
  if (fieldName !== undefined) ((query.bool as { filter: Clause[] }).filter).push({ term: { influencer_field_name: fieldName } });
  return { query, ...paging(q), sort: [{ influencer_score: { order: 'desc' } }, { timestamp: { order: 'asc' } }] };
}

export function categoriesQuery(jobId: string, q: ResultQuery): SearchBody {
  const query = resultsQuery({ ...q, start: undefined, end: undefined, minScore: undefined, entities: [], includeInterim: true }, { jobId, resultTypes: ['category_definition'] });
  return { query, ...paging(q), sort: [{ category_id: { order: 'asc' } }] };
}

export interface ListResult<T> {
  count: number;
  docs: T[];
}

/** `count` (all matches) and the page's documents. */
export function parseList<T = Record<string, unknown>>(res: SearchResponse<T>): ListResult<T> {
  return { count: totalOf(res), docs: sourcesOf(res) };
}
