import type { Severity } from '../../../shared/severity';

/** One anomaly record kept for the tooltip and the click menu of the cell it falls into. */
export interface RecordSummary {
  time: number;
  score: number;
  jobId?: string;
  entityKey: string;
  detector: string;
  actual?: string;
  typical?: string;
}

/** One scored point read from a frame row: `lane === null` means the overall (bucket) lane. */
export interface ScorePoint {
  time: number;
  score: number;
  lane: string | null;
  fieldName?: string;
  fieldValue?: string;
  jobId?: string;
  record?: RecordSummary;
}

export interface SwimlaneCell {
  /** Interval index from the model start. */
  index: number;
  start: number;
  end: number;
  /** Max score of the points in the interval. */
  score: number;
  severity: Severity;
  /** Number of points that fell into the interval. */
  count: number;
  /** Highest-scoring records of the interval, best first. */
  records: RecordSummary[];
}

export interface SwimlaneLane {
  key: string;
  label: string;
  overall: boolean;
  /** True when the overall lane was derived from the lanes (no bucket scores in the frames). */
  derived?: boolean;
  fieldName?: string;
  fieldValue?: string;
  maxScore: number;
  /** Cells at or above the occurrence threshold. */
  occurrence: number;
  /** Non-empty cells, sorted by index. */
  cells: SwimlaneCell[];
}

export interface SwimlaneModel {
  start: number;
  end: number;
  intervalMs: number;
  bucketCount: number;
  overall: SwimlaneLane | null;
  /** The top-N view-by lanes, in display order. */
  lanes: SwimlaneLane[];
  /** View-by lanes before the limit was applied. */
  totalLanes: number;
  jobIds: string[];
  pointCount: number;
}

export type LaneSort = 'max_score' | 'occurrence';

export interface SwimlaneModelOptions {
  /** Maximum number of view-by lanes (the overall lane is extra). */
  limit: number;
  sortBy: LaneSort;
  /** 'auto' (influencers when present, else record entities), 'entity', or an influencer field name. */
  viewBy: string;
  /** Cell width; 0 = from the frames (Vigil's interval, else the smallest gap between timestamps). */
  intervalMs: number;
  /** Cells are widened (by whole multiples) so that no more than this many cover the range. */
  maxBuckets: number;
  showOverall: boolean;
  /** A cell counts towards a lane's occurrence when its score is at least this (default: warning band, 3). */
  occurrenceThreshold: number;
  /** How many records a cell keeps for its tooltip. */
  topRecords: number;
  /** Dashboard time range; cells outside it are dropped. */
  timeRange?: { from: number; to: number };
}

export const DEFAULT_MODEL_OPTIONS: SwimlaneModelOptions = {
  limit: 10,
  sortBy: 'max_score',
  viewBy: 'auto',
  intervalMs: 0,
  maxBuckets: 500,
  showOverall: true,
  occurrenceThreshold: 3,
  topRecords: 3,
};

export const OVERALL_LANE_KEY = '__overall__';
