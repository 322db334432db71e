/** The time range of a job's results: earliest and latest final bucket (bucket starts, epoch ms). */
import { resultsQuery } from './filters';
import type { SearchResponse } from './hits';

export function timeRangeQuery(jobId: string): Record<string, unknown> {
  return {
    size: 0,
    query: resultsQuery({ entities: [], includeInterim: false }, { jobId, resultTypes: ['bucket'] }),
    aggs: { earliest: { min: { field: 'timestamp' } }, latest: { max: { field: 'timestamp' } } },
  };
}

export function parseTimeRange(res: SearchResponse): { earliest: number | null; latest: number | null } {
  const aggs = (res.aggregations ?? {}) as { earliest?: { value: number | null }; latest?: { value: number | null } };
  return { earliest: aggs.earliest?.value ?? null, latest: aggs.latest?.value ?? null };
}
