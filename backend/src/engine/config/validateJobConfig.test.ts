import { validateJobConfig } from './validateJobConfig';

function job(detectors: unknown[], extra: Record<string, unknown> = {}, analysis: Record<string, unknown> = {}) {
  return { job_id: 'web-1', analysis_config: { bucket_span: '5m', detectors, ...analysis }, ...extra };
}

function errorsOf(json: unknown): string[] {
  const result = validateJobConfig(json);
  return result.ok ? [] : result.errors;
}

describe('validateJobConfig: valid configs', () => {
  it('accepts a minimal count job and returns a copy', () => {
    const input = job([{ function: 'count' }]);
    const result = validateJobConfig(input);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config).toEqual(input);
      expect(result.config).not.toBe(input);
    }
  });

  it('accepts a full Elastic-style config', () => {
    const config = {
      job_id: 'exfil_netflow',
      description: 'byte ratio by destination',
      analysis_config: {
        bucket_span: 300,
        latency: '10m',
        detectors: [
          {
            function: 'high_mean',
            field_name: 'app_byte_ratio',
            by_field_name: 'dp',
            partition_field_name: 'src',
            exclude_frequent: 'by',
            use_null: true,
            detector_description: 'upload',
            custom_rules: [
              {
                actions: ['skip_result'],
                conditions: [{ applies_to: 'actual', operator: 'lt', value: 0.1 }],
                scope: { src: { filter_id: 'backup_hosts', filter_type: 'exclude' } },
              },
            ],
          },
        ],
        influencers: ['src', 'dp'],
        model_prune_window: '30d',
      },
      data_description: { time_field: '@timestamp', time_format: 'epoch_ms' },
      analysis_limits: { model_memory_limit: '1024mb', categorization_examples_limit: 4 },
      model_plot_config: { enabled: true, terms: '10.0.0.5' },
      filters: { backup_hosts: ['10.0.0.9'] },
      datafeed_config: {
        indices: ['netflow-*'],
        query: { match_all: {} },
        frequency: '150s',
        query_delay: '90s',
        scroll_size: 1000,
        chunking_config: { mode: 'auto' },
        start: '2026-01-01T00:00:00Z',
        end: 1767312000000,
        aggregations_mode: 'auto',
      },
      search: 'dest!=10.* | autodetect high_mean(app_byte_ratio) by dp',
    };
    expect(errorsOf(config)).toEqual([]);
  });

  it('accepts a job document as Elastic returns it (read-only fields included)', () => {
    const elastic = {
      job_id: 'total-requests',
      job_type: 'anomaly_detector',
      job_version: '8.11.0',
      create_time: 1700000000000,
      groups: ['web'],
      description: 'Total sum of requests',
      analysis_config: {
        bucket_span: '10m',
        detectors: [{ detector_description: 'Sum of total', function: 'sum', field_name: 'total', detector_index: 0 }],
        influencers: [],
      },
      analysis_limits: { model_memory_limit: '11mb', categorization_examples_limit: 4 },
      data_description: { time_field: 'timestamp', time_format: 'epoch_ms' },
      model_snapshot_retention_days: 10,
      daily_model_snapshot_retention_after_days: 1,
      results_index_name: 'shared',
      allow_lazy_open: false,
    };
    expect(errorsOf(elastic)).toEqual([]);
  });

  it('accepts function aliases avg and dc', () => {
    expect(errorsOf(job([{ function: 'avg', field_name: 'x' }, { function: 'dc', field_name: 'y' }]))).toEqual([]);
  });

  it('accepts mlcategory when categorization_field_name is set', () => {
    const config = job([{ function: 'count', by_field_name: 'mlcategory', partition_field_name: 'host' }], {}, {
      categorization_field_name: 'message',
      per_partition_categorization: { enabled: true, stop_on_warn: false },
    });
    expect(errorsOf(config)).toEqual([]);
  });
});

describe('validateJobConfig: schema errors name the path', () => {
  it('reports a missing job_id', () => {
    expect(errorsOf({ analysis_config: { detectors: [{ function: 'count' }] } })).toEqual(['job_id: is required']);
  });

  it('reports a bad job_id pattern', () => {
    expect(errorsOf({ ...job([{ function: 'count' }]), job_id: 'Bad Id' })[0]).toMatch(/^job_id: "Bad Id" is not allowed/);
  });

  it('reports an empty detectors array', () => {
    expect(errorsOf(job([]))).toEqual(['analysis_config.detectors: must have at least 1 item']);
  });

  it('reports an unknown property with a suggestion', () => {
    expect(errorsOf(job([{ function: 'mean', feild_name: 'x' }]))).toEqual([
      'analysis_config.detectors[0].feild_name: unknown property "feild_name" (did you mean "field_name"?)',
    ]);
  });

  it('reports a bad exclude_frequent value', () => {
    expect(errorsOf(job([{ function: 'count', by_field_name: 'a', exclude_frequent: 'some' }]))).toEqual([
      'analysis_config.detectors[0].exclude_frequent: must be one of all, by, over, none, not "some"',
    ]);
  });

  it('reports a bad duration once, naming the accepted forms', () => {
    expect(errorsOf(job([{ function: 'count' }], {}, { bucket_span: '5 minutes' }))).toEqual([
      'analysis_config.bucket_span: must be a duration such as "5m", "300s", "1h" or a number of seconds, not "5 minutes"',
    ]);
  });

  it('reports a wrong type', () => {
    expect(errorsOf(job([{ function: 'count', use_null: 'yes' }]))).toEqual([
      'analysis_config.detectors[0].use_null: must be boolean, not "yes"',
    ]);
  });

  it('reports a bad rule operator deep in the tree', () => {
    const rule = { actions: ['skip_result'], conditions: [{ applies_to: 'actual', operator: 'greater', value: 1 }] };
    expect(errorsOf(job([{ function: 'count', custom_rules: [rule] }]))).toEqual([
      'analysis_config.detectors[0].custom_rules[0].conditions[0].operator: must be one of gt, gte, lt, lte, not "greater"',
    ]);
  });

  it('reports a bad datafeed start date', () => {
    expect(errorsOf(job([{ function: 'count' }], { datafeed_config: { start: 'yesterday' } }))).toEqual([
      'datafeed_config.start: must be epoch milliseconds or an ISO 8601 date-time, not "yesterday"',
    ]);
  });

  it('rejects a non-object', () => {
    expect(errorsOf('count')).toEqual(['(job config): must be object, not "count"']);
  });
});

describe('validateJobConfig: functions and their fields', () => {
  it('suggests the closest function name', () => {
    expect(errorsOf(job([{ function: 'meen', field_name: 'x' }]))).toEqual([
      'analysis_config.detectors[0].function: unknown function "meen" (did you mean "mean"?)',
    ]);
  });

  it('gives no suggestion for a far-off name', () => {
    expect(errorsOf(job([{ function: 'banana' }]))).toEqual([
      'analysis_config.detectors[0].function: unknown function "banana"',
    ]);
  });

  it('mean needs field_name', () => {
    expect(errorsOf(job([{ function: 'mean' }]))).toEqual([
      'analysis_config.detectors[0].field_name: function "mean" needs a field_name',
    ]);
  });

  it('distinct_count needs field_name', () => {
    expect(errorsOf(job([{ function: 'distinct_count', by_field_name: 'src' }]))).toEqual([
      'analysis_config.detectors[0].field_name: function "distinct_count" needs a field_name',
    ]);
  });

  it('count takes no field_name', () => {
    expect(errorsOf(job([{ function: 'count', field_name: 'bytes' }]))).toEqual([
      'analysis_config.detectors[0].field_name: function "count" takes no field_name',
    ]);
  });

  it('rare needs by_field_name', () => {
    expect(errorsOf(job([{ function: 'rare', partition_field_name: 'src' }]))).toEqual([
      'analysis_config.detectors[0].by_field_name: function "rare" needs a by_field_name (the field whose rare values it finds)',
    ]);
  });

  it('freq_rare needs an over field', () => {
    expect(errorsOf(job([{ function: 'freq_rare', by_field_name: 'uri' }]))).toEqual([
      'analysis_config.detectors[0].over_field_name: function "freq_rare" needs an over_field_name (the population)',
    ]);
  });

  it('non_zero_count has no population variant', () => {
    expect(errorsOf(job([{ function: 'non_zero_count', over_field_name: 'src' }]))).toEqual([
      'analysis_config.detectors[0].over_field_name: function "non_zero_count" has no population variant; remove over_field_name',
    ]);
  });

  it('metric is not allowed with summary_count_field_name, but mean is', () => {
    expect(errorsOf(job([{ function: 'metric', field_name: 'x' }], {}, { summary_count_field_name: 'doc_count' }))).toEqual([
      'analysis_config.detectors[0].function: function "metric" cannot be used with analysis_config.summary_count_field_name',
    ]);
    expect(errorsOf(job([{ function: 'mean', field_name: 'x' }], {}, { summary_count_field_name: 'doc_count' }))).toEqual([]);
  });

  it('high_/low_ variants exist exactly where Elastic has them', () => {
    expect(errorsOf(job([{ function: 'high_sum', field_name: 'x' }]))).toEqual([]);
    expect(errorsOf(job([{ function: 'low_info_content', field_name: 'x' }]))).toEqual([]);
    expect(errorsOf(job([{ function: 'high_max', field_name: 'x' }]))[0]).toMatch(/unknown function "high_max"/);
    expect(errorsOf(job([{ function: 'low_rare', by_field_name: 'x' }]))[0]).toMatch(/unknown function "low_rare"/);
  });

  it('split fields must differ', () => {
    expect(errorsOf(job([{ function: 'count', by_field_name: 'src', over_field_name: 'src' }]))).toEqual([
      'analysis_config.detectors[0].over_field_name: "src" is already the by_field_name; the split fields must differ',
    ]);
  });

  it('reports duplicate detectors', () => {
    expect(errorsOf(job([{ function: 'count' }, { function: 'c' }]))).toEqual([
      'analysis_config.detectors[1]: duplicates analysis_config.detectors[0]',
    ]);
  });

  it('collects errors of several detectors', () => {
    expect(errorsOf(job([{ function: 'mean' }, { function: 'sum' }]))).toHaveLength(2);
  });
});

describe('validateJobConfig: rules, categorisation and limits', () => {
  it('a rule scope must name a split field of its detector and a known filter', () => {
    const rule = { actions: ['skip_result'], scope: { dst: { filter_id: 'safe_list' } } };
    expect(errorsOf(job([{ function: 'count', by_field_name: 'src', custom_rules: [rule] }], { filters: { safe_lists: ['a'] } }))).toEqual([
      'analysis_config.detectors[0].custom_rules[0].scope.dst: "dst" is not a by/over/partition field of this detector (one of src)',
      'analysis_config.detectors[0].custom_rules[0].scope.dst.filter_id: no filter "safe_list" in filters (did you mean "safe_lists"?)',
    ]);
  });

  it('a rule needs a condition or a scope', () => {
    expect(errorsOf(job([{ function: 'count', custom_rules: [{ actions: ['skip_model_update'] }] }]))).toEqual([
      'analysis_config.detectors[0].custom_rules[0]: a rule needs at least one condition or a scope',
    ]);
  });

  it('rare detectors take rules with a scope only', () => {
    const rule = { actions: ['skip_result'], conditions: [{ applies_to: 'actual', operator: 'gt', value: 1 }] };
    expect(errorsOf(job([{ function: 'rare', by_field_name: 'process', custom_rules: [rule] }]))).toEqual([
      'analysis_config.detectors[0].custom_rules[0].conditions: function "rare" has no actual or typical value to compare; rules on it take a scope only',
    ]);
  });

  it('mlcategory needs categorization_field_name', () => {
    expect(errorsOf(job([{ function: 'rare', by_field_name: 'mlcategory' }]))).toEqual([
      'analysis_config.categorization_field_name: is required when a detector or influencer uses "mlcategory"',
    ]);
  });

  it('rejects a bad categorization filter regex', () => {
    const errors = errorsOf(job([{ function: 'count' }], {}, { categorization_filters: ['(unclosed'] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^analysis_config\.categorization_filters\[0\]: invalid regular expression/);
  });

  it('bucket_span must be at least one whole second', () => {
    expect(errorsOf(job([{ function: 'count' }], {}, { bucket_span: '500ms' }))).toEqual([
      'analysis_config.bucket_span: must be at least 1s, not "500ms"',
    ]);
    expect(errorsOf(job([{ function: 'count' }], {}, { bucket_span: '1500ms' }))).toEqual([
      'analysis_config.bucket_span: must be a whole number of seconds, not "1500ms"',
    ]);
  });

  it('bucket_span and latency are at most a year', () => {
    expect(errorsOf(job([{ function: 'count' }], {}, { bucket_span: '400d', latency: 1e308 }))).toEqual([
      'analysis_config.bucket_span: must be at most 365d, not "400d"',
      'analysis_config.latency: must be at most 365d, not 1e+308',
    ]);
  });

  it('model_memory_limit must be at least 1mb', () => {
    expect(errorsOf(job([{ function: 'count' }], { analysis_limits: { model_memory_limit: '512kb' } }))).toEqual([
      'analysis_limits.model_memory_limit: must be at least 1mb, not "512kb"',
    ]);
  });

  it('datafeed end must follow start', () => {
    expect(errorsOf(job([{ function: 'count' }], { datafeed_config: { start: 2000, end: 1000 } }))).toEqual([
      'datafeed_config.end: must be after datafeed_config.start',
    ]);
  });
});
