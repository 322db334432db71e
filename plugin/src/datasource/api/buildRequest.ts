import type { VigilQuery } from '../types';

/** A request against `vigil serve`, relative to its base URL (`/api/...`). */
export interface ApiRequest {
  path: string;
  params: Array<[string, string]>;
}

export interface TimeWindow {
  from: number;
  to: number;
}

const RECORDS_MAX = 10000;

/** Query (template variables already replaced) + time range → REST request. Pure; one case per query type. */
export function buildRequest(query: VigilQuery, range: TimeWindow): ApiRequest {
  if (query.queryType === 'jobs') {
    return { path: '/api/jobs', params: [] };
  }
  if (!query.jobId) {
    throw new Error('Pick a job: this query needs a job id');
  }
  const base = `/api/jobs/${encodeURIComponent(query.jobId)}/results`;
  const params: Array<[string, string]> = [
    ['start', String(Math.floor(range.from))],
    ['end', String(Math.ceil(range.to))],
  ];
  const minScore = Number(query.minScore ?? 0) || 0;
  const withFilters = () => {
    if (minScore > 0) {
      params.push(['min_score', String(minScore)]);
    }
    for (const entity of query.entities ?? []) {
      if (entity.trim()) {
        params.push(['entity', entity.trim()]);
      }
    }
    if (query.includeInterim) {
      params.push(['include_interim', 'true']);
    }
  };
  switch (query.queryType) {
    case 'swimlane':
      params.push(['view_by', query.viewBy || 'entity'], ['limit', String(query.limit ?? 10)], ['sort', query.sort ?? 'max_score']);
      if (query.intervalMs && query.intervalMs > 0) {
        params.push(['interval_ms', String(query.intervalMs)]);
      }
      withFilters();
      return { path: `${base}/swimlane`, params };
    case 'records':
    case 'annotations':
      params.push(['size', String(Math.min(RECORDS_MAX, query.size ?? 100))], ['sort', 'record_score']);
      withFilters();
      return { path: `${base}/records`, params };
    case 'buckets':
      params.push(['size', String(RECORDS_MAX)]);
      withFilters();
      return { path: `${base}/buckets`, params };
    case 'model_bounds':
      params.push(['detector_index', String(query.detectorIndex ?? 0)]);
      if (query.entityKey) {
        params.push(['entity_key', query.entityKey]);
      }
      return { path: `${base}/model_plot`, params };
    default:
      throw new Error(`Unknown query type "${String(query.queryType)}"`);
  }
}

export function toQueryString(params: Array<[string, string]>): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
