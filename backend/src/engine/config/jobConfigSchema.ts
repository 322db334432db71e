/**
 * JSON Schema (draft 2020-12 subset understood by ajv 8) of the job config wire format. Structure and
 * types only; the function catalogue and cross-field rules are checked in `semanticChecks.ts`, where
 * the messages can say "did you mean".
 */

const duration = {
  description: 'a duration such as "5m", "300s", "1h" or a number of seconds',
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(nanos|micros|ms|s|m|h|d)?\\s*$' },
  ],
};

const fieldName = { type: 'string', minLength: 1 };

const ruleCondition = {
  type: 'object',
  additionalProperties: false,
  required: ['applies_to', 'operator', 'value'],
  properties: {
    applies_to: { enum: ['actual', 'typical', 'diff_from_typical', 'time'] },
    operator: { enum: ['gt', 'gte', 'lt', 'lte'] },
    value: { type: 'number' },
  },
};

const customRule = {
  type: 'object',
  additionalProperties: false,
  required: ['actions'],
  properties: {
    actions: { type: 'array', minItems: 1, items: { enum: ['skip_result', 'skip_model_update'] } },
    conditions: { type: 'array', items: ruleCondition },
    scope: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['filter_id'],
        properties: { filter_id: fieldName, filter_type: { enum: ['include', 'exclude'] } },
      },
    },
  },
};

const detector = {
  type: 'object',
  additionalProperties: false,
  required: ['function'],
  properties: {
    function: { type: 'string', minLength: 1 },
    field_name: fieldName,
    by_field_name: fieldName,
    over_field_name: fieldName,
    partition_field_name: fieldName,
    exclude_frequent: { enum: ['all', 'by', 'over', 'none'] },
    use_null: { type: 'boolean' },
    detector_description: { type: 'string' },
    detector_index: { type: 'integer', minimum: 0 },
    custom_rules: { type: 'array', items: customRule },
  },
};

const analysisConfig = {
  type: 'object',
  additionalProperties: false,
  required: ['detectors'],
  properties: {
    bucket_span: duration,
    latency: duration,
    detectors: { type: 'array', minItems: 1, items: detector },
    influencers: { type: 'array', items: fieldName },
    summary_count_field_name: fieldName,
    categorization_field_name: fieldName,
    categorization_filters: { type: 'array', items: { type: 'string' } },
    categorization_analyzer: { type: ['object', 'string'] },
    per_partition_categorization: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, stop_on_warn: { type: 'boolean' } },
    },
    model_prune_window: duration,
    multivariate_by_fields: { type: 'boolean' },
  },
};

const timePoint = {
  description: 'epoch milliseconds or an ISO 8601 date-time',
  anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', format: 'date-time' }] };

const datafeedConfig = {
  type: 'object',
  additionalProperties: false,
  properties: {
    datafeed_id: { type: 'string' },
    job_id: { type: 'string' },
    indices: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    query: { type: 'object' },
    frequency: duration,
    query_delay: duration,
    scroll_size: { type: 'integer', minimum: 1, maximum: 10000 },
    chunking_config: {
      type: 'object',
      additionalProperties: false,
      properties: { mode: { enum: ['auto', 'manual', 'off'] }, time_span: duration },
    },
    start: timePoint,
    end: timePoint,
    aggregations_mode: { enum: ['auto', 'raw', 'aggregated'] },
    aggregations: { type: 'object' },
    runtime_mappings: { type: 'object' },
    script_fields: { type: 'object' },
    delayed_data_check_config: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, check_window: duration },
    },
    max_empty_searches: { type: 'integer', minimum: 1 },
    indices_options: { type: 'object' },
  },
};

export const jobConfigSchema = {
  $id: 'https://vigil.dev/schemas/job-config.json',
  type: 'object',
  additionalProperties: false,
  required: ['job_id', 'analysis_config'],
  properties: {
    job_id: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$' },
    description: { type: 'string' },
    groups: { type: 'array', items: { type: 'string' } },
    analysis_config: analysisConfig,
    data_description: {
      type: 'object',
      additionalProperties: false,
      properties: {
        time_field: fieldName,
        time_format: { type: 'string', minLength: 1 },
        format: { type: 'string' },
        field_delimiter: { type: 'string' },
        quote_character: { type: 'string' },
      },
    },
    analysis_limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        model_memory_limit: {
          description: 'a byte size such as "1024mb" or a number of megabytes',
          anyOf: [
            { type: 'number', minimum: 1 },
            { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*([kmgtpKMGTP]?[bB])?\\s*$' },
          ],
        },
        categorization_examples_limit: { type: 'integer', minimum: 0 },
      },
    },
    model_plot_config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        terms: { type: 'string' },
        annotations_enabled: { type: 'boolean' },
      },
    },
    filters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    datafeed_config: datafeedConfig,
    search: { type: 'string' },
    renormalization_window_days: { type: 'integer', minimum: 0 },
    background_persist_interval: duration,
    model_snapshot_retention_days: { type: 'integer', minimum: 0 },
    daily_model_snapshot_retention_after_days: { type: 'integer', minimum: 0 },
    results_retention_days: { type: 'integer', minimum: 0 },
    results_index_name: { type: 'string' },
    custom_settings: { type: 'object' },
    allow_lazy_open: { type: 'boolean' },
    // Read-only fields of an Elastic job as GET returns it: accepted so such a document loads, then ignored.
    job_type: { type: 'string' },
    job_version: { type: 'string' },
    create_time: { type: ['integer', 'string'] },
    finished_time: { type: ['integer', 'string'] },
    model_snapshot_id: { type: 'string' },
    model_snapshot_min_version: { type: 'string' },
    blocked: { type: 'object' },
    deleting: { type: 'boolean' },
  },
} as const;
