/**
 * The job config on the wire: Elastic-compatible JSON, snake_case. Validated by `validateJobConfig`;
 * turned into the camelCase `AnalysisPlan` by `toAnalysisPlan` (the one snake→camel boundary).
 */

/** "5m", "300s", "1h", or a number of seconds. */
export type Duration = string | number;

export type ExcludeFrequent = 'all' | 'by' | 'over' | 'none';
export type RuleAction = 'skip_result' | 'skip_model_update';
export type RuleAppliesTo = 'actual' | 'typical' | 'diff_from_typical' | 'time';
export type RuleOperator = 'gt' | 'gte' | 'lt' | 'lte';

export interface RuleConditionConfig {
  applies_to: RuleAppliesTo;
  operator: RuleOperator;
  value: number;
}

export interface RuleScopeConfig {
  filter_id: string;
  filter_type?: 'include' | 'exclude';
}

export interface CustomRuleConfig {
  actions: RuleAction[];
  conditions?: RuleConditionConfig[];
  /** Keyed by a by/over/partition field name of the detector. */
  scope?: Record<string, RuleScopeConfig>;
}

export interface DetectorConfig {
  function: string;
  field_name?: string;
  by_field_name?: string;
  over_field_name?: string;
  partition_field_name?: string;
  exclude_frequent?: ExcludeFrequent;
  use_null?: boolean;
  detector_description?: string;
  detector_index?: number;
  custom_rules?: CustomRuleConfig[];
}

export interface AnalysisConfig {
  bucket_span?: Duration;
  latency?: Duration;
  detectors: DetectorConfig[];
  influencers?: string[];
  summary_count_field_name?: string;
  categorization_field_name?: string;
  categorization_filters?: string[];
  categorization_analyzer?: unknown;
  per_partition_categorization?: { enabled?: boolean; stop_on_warn?: boolean };
  model_prune_window?: Duration;
  multivariate_by_fields?: boolean;
}

export interface DataDescription {
  time_field?: string;
  /** `epoch`, `epoch_ms`, or a date pattern. */
  time_format?: string;
  format?: string;
  field_delimiter?: string;
  quote_character?: string;
}

export interface AnalysisLimits {
  /** "1024mb", or a number of megabytes. */
  model_memory_limit?: string | number;
  categorization_examples_limit?: number;
}

export interface ModelPlotConfig {
  enabled?: boolean;
  /** Comma-separated by/over/partition values to plot (all when absent). */
  terms?: string;
  annotations_enabled?: boolean;
}

export interface ChunkingConfig {
  mode?: 'auto' | 'manual' | 'off';
  time_span?: Duration;
}

export interface DatafeedConfig {
  datafeed_id?: string;
  job_id?: string;
  indices?: string[];
  query?: Record<string, unknown>;
  frequency?: Duration;
  query_delay?: Duration;
  scroll_size?: number;
  chunking_config?: ChunkingConfig;
  /** Epoch ms or ISO date-time. */
  start?: string | number;
  end?: string | number;
  aggregations_mode?: 'auto' | 'raw' | 'aggregated';
  aggregations?: Record<string, unknown>;
  runtime_mappings?: Record<string, unknown>;
  script_fields?: Record<string, unknown>;
  delayed_data_check_config?: { enabled?: boolean; check_window?: Duration };
  max_empty_searches?: number;
  indices_options?: Record<string, unknown>;
}

export interface JobConfig {
  job_id: string;
  description?: string;
  groups?: string[];
  analysis_config: AnalysisConfig;
  data_description?: DataDescription;
  analysis_limits?: AnalysisLimits;
  model_plot_config?: ModelPlotConfig;
  /** Named value lists for rule scopes: `{filter_id: [values]}`. */
  filters?: Record<string, string[]>;
  datafeed_config?: DatafeedConfig;
  /** The one-line pipeline this config was compiled from. */
  search?: string;
  renormalization_window_days?: number;
  background_persist_interval?: Duration;
  model_snapshot_retention_days?: number;
  daily_model_snapshot_retention_after_days?: number;
  results_retention_days?: number;
  results_index_name?: string;
  custom_settings?: Record<string, unknown>;
  allow_lazy_open?: boolean;
  /** Read-only fields of an Elastic job as GET returns it: accepted, ignored. */
  job_type?: string;
  job_version?: string;
  create_time?: number | string;
  finished_time?: number | string;
  model_snapshot_id?: string;
  model_snapshot_min_version?: string;
  blocked?: Record<string, unknown>;
  deleting?: boolean;
}

export type ValidationResult = { ok: true; config: JobConfig } | { ok: false; errors: string[] };
