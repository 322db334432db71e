/**
 * Result documents on the wire (snake_case, Elastic's names; conventions §6, engine-anchors §1.10).
 * Every document carries `timestamp` (bucket start, epoch ms) and `severity`; records and influencers
 * carry `entity_key`.
 */
import type { Severity } from '../types';

export interface InfluencerRef {
  influencer_field_name: string;
  influencer_field_values: string[];
}

/** One anomalous attribute of a population record (its by value within the member's bucket). */
/** The detector, entity and values a record or cause is about (shared by records and their causes). */
interface AnomalyFields {
  function: string;
  function_description: string;
  field_name?: string;
  by_field_name?: string;
  by_field_value?: string;
  over_field_name?: string;
  over_field_value?: string;
  partition_field_name?: string;
  partition_field_value?: string;
  actual: number[];
  typical: number[];
}

export interface AnomalyCause extends AnomalyFields {
  probability: number;
}

export interface AnomalyScoreExplanation {
  anomaly_type: 'spike' | 'dip';
  lower_confidence_bound: number;
  typical_value: number;
  upper_confidence_bound: number;
  single_bucket_impact: number;
  multi_bucket_impact: number;
}

interface ResultBase {
  job_id: string;
  timestamp: number;
  /** Seconds. */
  bucket_span: number;
  is_interim: boolean;
  severity: Severity;
}

export interface BucketInfluencerDoc {
  influencer_field_name: string;
  anomaly_score: number;
  initial_anomaly_score: number;
  raw_anomaly_score: number;
  probability: number;
}

export interface BucketResult extends ResultBase {
  result_type: 'bucket';
  anomaly_score: number;
  initial_anomaly_score: number;
  event_count: number;
  bucket_influencers: BucketInfluencerDoc[];
}

export interface RecordResult extends ResultBase, AnomalyFields {
  result_type: 'record';
  detector_index: number;
  probability: number;
  record_score: number;
  initial_record_score: number;
  multi_bucket_impact: number;
  entity_key: string;
  influencers: InfluencerRef[];
  anomaly_score_explanation: AnomalyScoreExplanation;
  /** Population records with a by field: the member's anomalous attributes, most anomalous first. */
  causes?: AnomalyCause[];
}

export interface InfluencerResult extends ResultBase {
  result_type: 'influencer';
  influencer_field_name: string;
  influencer_field_value: string;
  influencer_score: number;
  initial_influencer_score: number;
  probability: number;
  entity_key: string;
  /** The value copied under the influencer's own field name, for easy filtering. */
  [field: string]: unknown;
}

export interface ModelPlotResult extends ResultBase {
  result_type: 'model_plot';
  detector_index: number;
  model_feature: string;
  by_field_name?: string;
  by_field_value?: string;
  over_field_name?: string;
  over_field_value?: string;
  partition_field_name?: string;
  partition_field_value?: string;
  entity_key: string;
  model_lower: number;
  model_median: number;
  model_upper: number;
  actual: number;
}

export type ResultDocument = BucketResult | RecordResult | InfluencerResult | ModelPlotResult;

export interface ModelSizeStats {
  model_bytes: number;
  total_by_field_count: number;
  total_over_field_count: number;
  total_partition_field_count: number;
  bucket_allocation_failures_count: number;
  memory_status: 'ok' | 'soft_limit' | 'hard_limit';
}

export interface JobStats {
  processed_record_count: number;
  late_record_count: number;
  /** Records skipped because a split field was missing (use_null off) or a metric field had no number. */
  missing_field_count: number;
  /** Records whose time is not a number or lies over a million buckets ahead (a bad timestamp). */
  invalid_time_count: number;
  /** Records refused because their bucket would take the job past 1,000,000 buckets of results (Elastic's limit). */
  over_bucket_limit_count: number;
  bucket_count: number;
  /**
   * Empty buckets not materialised because they lay in a long gap in time (skip_time: no results for
   * them, models age by the elapsed time), and the latest such spans [start, end) in epoch ms.
   */
  skipped_bucket_count: number;
  skipped_spans: Array<{ start: number; end: number }>;
  latest_record_timestamp: number | null;
  model_size_stats: ModelSizeStats;
}
