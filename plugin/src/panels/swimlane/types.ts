import type { LaneSort } from './model/types';

export interface SwimlaneOptions {
  /** Maximum number of view-by lanes below the overall lane. */
  limit: number;
  sortBy: LaneSort;
  /** 'auto', 'entity' or an influencer field name. */
  viewBy: string;
  /** Cell width in ms; 0 = the job's bucket span (from the frames). */
  intervalMs: number;
  showOverall: boolean;
  showLegend: boolean;
  /** UID of the OpenSearch datasource holding the source events (for "Source events" links). */
  sourceDatasourceUid: string;
  /** Time field of the source events index. */
  sourceTimeField: string;
}

export const DEFAULT_SWIMLANE_OPTIONS: SwimlaneOptions = {
  limit: 10,
  sortBy: 'max_score',
  viewBy: 'auto',
  intervalMs: 0,
  showOverall: true,
  showLegend: true,
  sourceDatasourceUid: '',
  sourceTimeField: '@timestamp',
};
