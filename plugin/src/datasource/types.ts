import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

export type VigilQueryType = 'swimlane' | 'records' | 'buckets' | 'model_bounds' | 'jobs' | 'annotations';

export interface VigilQuery extends DataQuery {
  queryType: VigilQueryType;
  jobId: string;
  /** Only results with a score at or above this (0-100); a template variable such as `$min_score` is allowed. */
  minScore?: number | string;
  /** `field=value` filters matched against entity_key / influencer values; template variables allowed. */
  entities?: string[];
  /** Swimlane: an influencer field name or `entity`. */
  viewBy?: string;
  limit?: number;
  sort?: 'max_score' | 'occurrence';
  /** Swimlane cell width; 0 = bucket span. */
  intervalMs?: number;
  /** Records: page size. */
  size?: number;
  /** Model bounds: which detector and series. */
  detectorIndex?: number;
  entityKey?: string;
  includeInterim?: boolean;
}

export const DEFAULT_QUERY: Omit<VigilQuery, 'refId'> = {
  queryType: 'swimlane',
  jobId: '',
  minScore: 0,
  entities: [],
  viewBy: 'entity',
  limit: 10,
  sort: 'max_score',
  intervalMs: 0,
  size: 100,
  detectorIndex: 0,
  entityKey: '',
  includeInterim: false,
};

export const QUERY_TYPE_OPTIONS: Array<{ value: VigilQueryType; label: string; description: string }> = [
  { value: 'swimlane', label: 'Swimlane', description: 'Overall lane plus top-N lanes of max scores per interval' },
  { value: 'records', label: 'Records', description: 'Anomaly records table with links to source events' },
  { value: 'buckets', label: 'Bucket scores', description: 'Overall anomaly score per bucket over time' },
  { value: 'model_bounds', label: 'Model bounds', description: 'Actual against typical and the 95% band of one series' },
  { value: 'jobs', label: 'Jobs', description: 'Job list with state, lag and counts' },
  { value: 'annotations', label: 'Annotations', description: 'Anomalies above the min score as annotations' },
];

export interface VigilOptions extends DataSourceJsonData {
  /** Base URL of `vigil serve` as Grafana's server reaches it, e.g. http://vigil:8080. */
  url?: string;
  /** OpenSearch datasource holding the source events (links from records). */
  sourceDatasourceUid?: string;
  sourceTimeField?: string;
}

export interface VigilSecureOptions {
  apiToken?: string;
}
