/**
 * The camelCase plan the engine runs from, built from a validated wire config: the one snake→camel
 * boundary. Defaults are Elastic's (bucket_span 5m, latency 0, model_memory_limit 1024mb, 4 examples).
 */
import { functionSpec, type FunctionFamily, type FunctionSide } from './functions';
import type {
  DetectorConfig,
  ExcludeFrequent,
  JobConfig,
  RuleAction,
  RuleAppliesTo,
  RuleOperator,
} from './jobConfigTypes';
import { parseByteSize, parseDuration } from './units';

export interface RuleConditionPlan {
  appliesTo: RuleAppliesTo;
  operator: RuleOperator;
  value: number;
}

export interface RuleScopePlan {
  fieldName: string;
  filterId: string;
  filterType: 'include' | 'exclude';
  /** The filter's values, resolved from the config's `filters`. */
  values: string[];
}

export interface CustomRulePlan {
  actions: RuleAction[];
  conditions: RuleConditionPlan[];
  scope: RuleScopePlan[];
}

export interface DetectorPlan {
  index: number;
  /** Canonical function name (aliases such as `avg`, `dc` resolved). */
  function: string;
  family: FunctionFamily;
  /** The feature without its side: `mean` for `high_mean`. */
  baseFunction: string;
  side: FunctionSide;
  fieldName?: string;
  byFieldName?: string;
  overFieldName?: string;
  partitionFieldName?: string;
  excludeFrequent: ExcludeFrequent;
  useNull: boolean;
  description: string;
  customRules: CustomRulePlan[];
}

export interface AnalysisPlan {
  jobId: string;
  jobDescription: string;
  bucketSpanMs: number;
  latencyMs: number;
  detectors: DetectorPlan[];
  influencers: string[];
  summaryCountFieldName?: string;
  categorizationFieldName?: string;
  categorizationFilters: string[];
  perPartitionCategorization: { enabled: boolean; stopOnWarn: boolean };
  modelPruneWindowMs?: number;
  timeField: string;
  timeFormat: string;
  modelMemoryLimitBytes: number;
  categorizationExamplesLimit: number;
  modelPlot: { enabled: boolean; terms: string[] };
}

export const DEFAULT_BUCKET_SPAN_MS = 5 * 60_000;
export const DEFAULT_MODEL_MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

/** Elastic's default description: `mean(bytes) by dp over src partitionfield=host`. */
export function describeDetector(d: DetectorConfig): string {
  let text = d.field_name !== undefined ? `${d.function}(${d.field_name})` : d.function;
  if (d.by_field_name !== undefined) text += ` by ${d.by_field_name}`;
  if (d.over_field_name !== undefined) text += ` over ${d.over_field_name}`;
  if (d.partition_field_name !== undefined) text += ` partitionfield=${d.partition_field_name}`;
  if (d.exclude_frequent !== undefined && d.exclude_frequent !== 'none') text += ` excludefrequent=${d.exclude_frequent}`;
  if (d.use_null) text += ' usenull=true';
  return text;
}

function detectorPlan(d: DetectorConfig, index: number, filters: Record<string, string[]>): DetectorPlan {
  const spec = functionSpec(d.function);
  if (!spec) throw new Error(`analysis_config.detectors[${index}].function: unknown function "${d.function}"`);
  return {
    index,
    function: spec.name,
    family: spec.family,
    baseFunction: spec.base,
    side: spec.side,
    fieldName: d.field_name,
    byFieldName: d.by_field_name,
    overFieldName: d.over_field_name,
    partitionFieldName: d.partition_field_name,
    excludeFrequent: d.exclude_frequent ?? 'none',
    useNull: d.use_null ?? false,
    description: d.detector_description ?? describeDetector(d),
    customRules: (d.custom_rules ?? []).map((rule) => ({
      actions: [...rule.actions],
      conditions: (rule.conditions ?? []).map((c) => ({ appliesTo: c.applies_to, operator: c.operator, value: c.value })),
      scope: Object.entries(rule.scope ?? {}).map(([fieldName, s]) => ({
        fieldName,
        filterId: s.filter_id,
        filterType: s.filter_type ?? 'include',
        values: [...(filters[s.filter_id] ?? [])],
      })),
    })),
  };
}

/** The internal plan of a config that passed `validateJobConfig`. */
export function toAnalysisPlan(config: JobConfig): AnalysisPlan {
  const a = config.analysis_config;
  const filters = config.filters ?? {};
  return {
    jobId: config.job_id,
    jobDescription: config.description ?? '',
    bucketSpanMs: a.bucket_span !== undefined ? parseDuration(a.bucket_span) : DEFAULT_BUCKET_SPAN_MS,
    latencyMs: a.latency !== undefined ? parseDuration(a.latency) : 0,
    detectors: a.detectors.map((d, i) => detectorPlan(d, i, filters)),
    influencers: [...(a.influencers ?? [])],
    summaryCountFieldName: a.summary_count_field_name,
    categorizationFieldName: a.categorization_field_name,
    categorizationFilters: [...(a.categorization_filters ?? [])],
    perPartitionCategorization: {
      enabled: a.per_partition_categorization?.enabled ?? false,
      stopOnWarn: a.per_partition_categorization?.stop_on_warn ?? false,
    },
    modelPruneWindowMs: a.model_prune_window !== undefined ? parseDuration(a.model_prune_window) : undefined,
    timeField: config.data_description?.time_field ?? 'time',
    timeFormat: config.data_description?.time_format ?? 'epoch',
    modelMemoryLimitBytes:
      config.analysis_limits?.model_memory_limit !== undefined
        ? parseByteSize(config.analysis_limits.model_memory_limit, 'mb')
        : DEFAULT_MODEL_MEMORY_LIMIT_BYTES,
    categorizationExamplesLimit: config.analysis_limits?.categorization_examples_limit ?? 4,
    modelPlot: {
      enabled: config.model_plot_config?.enabled ?? false,
      terms: (config.model_plot_config?.terms ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    },
  };
}
