/** Wire shapes of the `vigil serve` REST API (snake_case, as sent). */

export interface ApiErrorBody {
  error: string;
  errors?: Array<{ message: string; path?: string; column?: number }>;
}

export interface JobSummary {
  job_id: string;
  description?: string;
  state: 'closed' | 'opened' | 'failed';
  datafeed_state: 'stopped' | 'starting' | 'started' | 'stopping';
  processed_record_count: number;
  bucket_count: number;
  latest_bucket_timestamp: number | null;
  lag_ms: number | null;
  memory_status: string;
  model_bytes: number;
  last_error: string | null;
  indices: string[];
  time_field: string;
  lookback_progress: number | null;
}

export interface JobsResponse {
  count: number;
  jobs: JobSummary[];
}

export interface SwimlaneCellDto {
  timestamp: number;
  score: number;
}

export interface SwimlaneResponse {
  job_id: string;
  bucket_span: number;
  interval_ms: number;
  start: number;
  end: number;
  overall: { cells: SwimlaneCellDto[] };
  lanes: Array<{
    lane: string;
    field_name: string;
    field_value: string;
    max_score: number;
    occurrence: number;
    cells: SwimlaneCellDto[];
  }>;
}

export interface RecordDoc {
  job_id: string;
  result_type: 'record';
  timestamp: number;
  bucket_span: number;
  detector_index: number;
  function: string;
  field_name?: string;
  by_field_name?: string;
  by_field_value?: string;
  over_field_name?: string;
  over_field_value?: string;
  partition_field_name?: string;
  partition_field_value?: string;
  entity_key: string;
  actual?: number[];
  typical?: number[];
  probability: number;
  record_score: number;
  initial_record_score?: number;
  severity: string;
  is_interim?: boolean;
  influencers?: Array<{ influencer_field_name: string; influencer_field_values: string[] }>;
}

export interface RecordsResponse {
  count: number;
  records: RecordDoc[];
}

export interface BucketDoc {
  job_id: string;
  timestamp: number;
  bucket_span: number;
  anomaly_score: number;
  initial_anomaly_score?: number;
  event_count: number;
  is_interim?: boolean;
  severity?: string;
}

export interface BucketsResponse {
  count: number;
  buckets: BucketDoc[];
}

export interface ModelPlotResponse {
  points: Array<{ timestamp: number; actual: number | null; model_lower: number; model_median: number; model_upper: number }>;
  /** Where the points came from: model_plot documents or the records' explanations. */
  source?: string;
}

export interface ValidateResponse {
  valid: boolean;
  errors: Array<{ message: string; column?: number }>;
  notes: string[];
  job_config: Record<string, unknown> | null;
}
