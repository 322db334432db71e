import { describeDetector, toAnalysisPlan } from './analysisPlan';
import type { JobConfig } from './jobConfigTypes';
import { validateJobConfig } from './validateJobConfig';

function valid(json: unknown): JobConfig {
  const result = validateJobConfig(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

describe('toAnalysisPlan', () => {
  it('applies Elastic defaults', () => {
    const plan = toAnalysisPlan(valid({ job_id: 'j', analysis_config: { detectors: [{ function: 'count' }] } }));
    expect(plan.bucketSpanMs).toBe(300_000);
    expect(plan.latencyMs).toBe(0);
    expect(plan.influencers).toEqual([]);
    expect(plan.timeField).toBe('time');
    expect(plan.timeFormat).toBe('epoch');
    expect(plan.modelMemoryLimitBytes).toBe(1024 ** 3);
    expect(plan.categorizationExamplesLimit).toBe(4);
    expect(plan.modelPlot).toEqual({ enabled: false, terms: [] });
    expect(plan.detectors[0]).toEqual({
      index: 0,
      function: 'count',
      family: 'count',
      baseFunction: 'count',
      side: 'both',
      fieldName: undefined,
      byFieldName: undefined,
      overFieldName: undefined,
      partitionFieldName: undefined,
      excludeFrequent: 'none',
      useNull: false,
      description: 'count',
      customRules: [],
    });
  });

  it('converts every field to camelCase and resolves rule filters', () => {
    const plan = toAnalysisPlan(
      valid({
        job_id: 'exfil',
        description: 'uploads',
        analysis_config: {
          bucket_span: 300,
          latency: '10m',
          detectors: [
            {
              function: 'high_avg',
              field_name: 'app_byte_ratio',
              by_field_name: 'dp',
              partition_field_name: 'src',
              exclude_frequent: 'by',
              use_null: true,
              custom_rules: [
                {
                  actions: ['skip_result', 'skip_model_update'],
                  conditions: [{ applies_to: 'diff_from_typical', operator: 'lte', value: 0.2 }],
                  scope: { src: { filter_id: 'backups' } },
                },
              ],
            },
          ],
          influencers: ['src', 'dp'],
          summary_count_field_name: 'doc_count',
          model_prune_window: '30d',
        },
        data_description: { time_field: '@timestamp', time_format: 'epoch_ms' },
        analysis_limits: { model_memory_limit: 64, categorization_examples_limit: 2 },
        model_plot_config: { enabled: true, terms: 'a, b' },
        filters: { backups: ['10.0.0.9', '10.0.0.10'] },
      }),
    );
    expect(plan.jobId).toBe('exfil');
    expect(plan.jobDescription).toBe('uploads');
    expect(plan.bucketSpanMs).toBe(300_000);
    expect(plan.latencyMs).toBe(600_000);
    expect(plan.influencers).toEqual(['src', 'dp']);
    expect(plan.summaryCountFieldName).toBe('doc_count');
    expect(plan.modelPruneWindowMs).toBe(30 * 86_400_000);
    expect(plan.timeField).toBe('@timestamp');
    expect(plan.modelMemoryLimitBytes).toBe(64 * 1024 ** 2);
    expect(plan.categorizationExamplesLimit).toBe(2);
    expect(plan.modelPlot).toEqual({ enabled: true, terms: ['a', 'b'] });
    const d = plan.detectors[0];
    expect(d.function).toBe('high_mean');
    expect(d.family).toBe('metric');
    expect(d.baseFunction).toBe('mean');
    expect(d.side).toBe('high');
    expect(d.fieldName).toBe('app_byte_ratio');
    expect(d.byFieldName).toBe('dp');
    expect(d.partitionFieldName).toBe('src');
    expect(d.excludeFrequent).toBe('by');
    expect(d.useNull).toBe(true);
    expect(d.description).toBe('high_avg(app_byte_ratio) by dp partitionfield=src excludefrequent=by usenull=true');
    expect(d.customRules).toEqual([
      {
        actions: ['skip_result', 'skip_model_update'],
        conditions: [{ appliesTo: 'diff_from_typical', operator: 'lte', value: 0.2 }],
        scope: [{ fieldName: 'src', filterId: 'backups', filterType: 'include', values: ['10.0.0.9', '10.0.0.10'] }],
      },
    ]);
  });

  it('keeps categorisation settings', () => {
    const plan = toAnalysisPlan(
      valid({
        job_id: 'logs',
        analysis_config: {
          bucket_span: '1h',
          detectors: [{ function: 'count', by_field_name: 'mlcategory', partition_field_name: 'host' }],
          categorization_field_name: 'message',
          categorization_filters: ['\\d+'],
          per_partition_categorization: { enabled: true },
        },
      }),
    );
    expect(plan.bucketSpanMs).toBe(3_600_000);
    expect(plan.categorizationFieldName).toBe('message');
    expect(plan.categorizationFilters).toEqual(['\\d+']);
    expect(plan.perPartitionCategorization).toEqual({ enabled: true, stopOnWarn: false });
    expect(plan.detectors[0].description).toBe('count by mlcategory partitionfield=host');
  });

  it('numbers detectors in order and keeps given descriptions', () => {
    const plan = toAnalysisPlan(
      valid({
        job_id: 'j',
        analysis_config: {
          detectors: [
            { function: 'rare', by_field_name: 'signature_name', over_field_name: 'src' },
            { function: 'dc', field_name: 'category', over_field_name: 'src', detector_description: 'categories' },
          ],
        },
      }),
    );
    expect(plan.detectors.map((d) => [d.index, d.function, d.description])).toEqual([
      [0, 'rare', 'rare by signature_name over src'],
      [1, 'distinct_count', 'categories'],
    ]);
  });

  it('describes a detector like Elastic', () => {
    expect(describeDetector({ function: 'mean', field_name: 'bytes', over_field_name: 'src' })).toBe('mean(bytes) over src');
  });
});
