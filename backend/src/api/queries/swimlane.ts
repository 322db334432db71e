/**
 * The swimlane: one search with size 0 and two aggregations.
 * - `overall`: bucket results → date_histogram (interval_ms) → max `anomaly_score` per cell.
 * - `lanes`: records (view_by `entity`: lanes are `entity_key` values) or influencers of one field
 *   (view_by `<field>`: lanes are its `influencer_field_value`s) → terms (the top `limit` lanes,
 *   by their max score or by how many results they have) → max score and a date_histogram with the
 *   max score per cell.
 * `min_score` applies to every cell (bucket or record/influencer score); entity filters to lanes.
 * Lanes with an entity_key of "" (a detector without splits) are named "(all)".
 */
import type { ResultQuery } from '../resultParams';
import { resultsQuery, type Clause } from './filters';
import type { SearchResponse } from './hits';

export interface SwimlaneOptions {
  /** `entity` or an influencer field name. */
  viewBy: string;
  limit: number;
  sort: 'max_score' | 'occurrence';
  intervalMs: number;
  /** Seconds, as the result documents carry it. */
  bucketSpan: number;
}

export interface SwimlaneCell {
  timestamp: number;
  score: number;
}

export interface SwimlaneLane {
  lane: string;
  field_name: string;
  field_value: string;
  max_score: number;
  occurrence: number;
  cells: SwimlaneCell[];
}

export interface SwimlaneResponse {
  job_id: string;
  bucket_span: number;
  interval_ms: number;
  start: number | null;
  end: number | null;
  overall: { cells: SwimlaneCell[] };
  lanes: SwimlaneLane[];
}

export const ENTITY_VIEW = 'entity';
export const ALL_LANE = '(all)';

/** The cell width: `interval_ms` rounded up to whole bucket spans (default one bucket span). */
export function swimlaneInterval(bucketSpanMs: number, intervalMs?: number): number {
  if (intervalMs === undefined || intervalMs <= bucketSpanMs) return bucketSpanMs;
  return Math.ceil(intervalMs / bucketSpanMs) * bucketSpanMs;
}

function histogram(intervalMs: number, scoreField: string): Clause {
  return {
    date_histogram: { field: 'timestamp', fixed_interval: `${intervalMs}ms`, min_doc_count: 1 },
    aggs: { score: { max: { field: scoreField } } },
  };
}

export function swimlaneQuery(jobId: string, q: ResultQuery, o: SwimlaneOptions): Record<string, unknown> {
  const byEntity = o.viewBy === ENTITY_VIEW;
  const laneScore = byEntity ? 'record_score' : 'influencer_score';
  const overallQuery = resultsQuery({ ...q, entities: [] }, { jobId, resultTypes: ['bucket'], scoreField: 'anomaly_score' });
  const laneQuery = resultsQuery(q, { jobId, resultTypes: [byEntity ? 'record' : 'influencer'], scoreField: laneScore, entities: true });
  if (!byEntity) ((laneQuery.bool as { filter: Clause[] }).filter).push({ term: { influencer_field_name: o.viewBy } });
  return {
    size: 0,
    query: { bool: { should: [overallQuery, laneQuery], minimum_should_match: 1 } },
    aggs: {
      overall: {
        filter: overallQuery,
        aggs: {
          first: { min: { field: 'timestamp' } },
          last: { max: { field: 'timestamp' } },
          cells: histogram(o.intervalMs, 'anomaly_score'),
        },
      },
      lanes: {
        filter: laneQuery,
        aggs: {
          lane: {
            terms: {
              field: byEntity ? 'entity_key' : 'influencer_field_value',
              size: o.limit,
              order: o.sort === 'max_score' ? [{ max_score: 'desc' }, { _key: 'asc' }] : [{ _count: 'desc' }, { _key: 'asc' }],
            },
            aggs: { max_score: { max: { field: laneScore } }, cells: histogram(o.intervalMs, laneScore) },
          },
        },
      },
    },
  };
}

interface HistogramBucket {
  key: number;
  score?: { value: number | null };
}

interface LaneBucket {
  key: string;
  doc_count: number;
  max_score?: { value: number | null };
  cells?: { buckets?: HistogramBucket[] };
}

interface SwimlaneAggs {
  overall?: { first?: { value: number | null }; last?: { value: number | null }; cells?: { buckets?: HistogramBucket[] } };
  lanes?: { lane?: { buckets?: LaneBucket[] } };
}

function cellsOf(buckets: HistogramBucket[] | undefined): SwimlaneCell[] {
  return (buckets ?? []).filter((b) => typeof b.score?.value === 'number').map((b) => ({ timestamp: b.key, score: b.score!.value! }));
}

export function parseSwimlane(jobId: string, q: Pick<ResultQuery, 'start' | 'end'>, o: SwimlaneOptions, res: SearchResponse): SwimlaneResponse {
  const aggs = (res.aggregations ?? {}) as SwimlaneAggs;
  const byEntity = o.viewBy === ENTITY_VIEW;
  const spanMs = o.bucketSpan * 1000;
  const first = aggs.overall?.first?.value ?? null;
  const last = aggs.overall?.last?.value ?? null;
  const lanes: SwimlaneLane[] = (aggs.lanes?.lane?.buckets ?? []).map((b) => {
    const value = String(b.key);
    const lane = byEntity ? (value === '' ? ALL_LANE : value) : `${o.viewBy}=${value}`;
    return {
      lane,
      field_name: byEntity ? 'entity_key' : o.viewBy,
      field_value: value,
      max_score: b.max_score?.value ?? 0,
      occurrence: b.doc_count,
      cells: cellsOf(b.cells?.buckets),
    };
  });
  return {
    job_id: jobId,
    bucket_span: o.bucketSpan,
    interval_ms: o.intervalMs,
    start: q.start ?? first,
    end: q.end ?? (last !== null ? last + spanMs : null),
    overall: { cells: cellsOf(aggs.overall?.cells?.buckets) },
    lanes,
  };
}
