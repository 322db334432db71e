import type { JobConfig } from '../engine/config';
import { datafeedSettings, defaultFrequencyMs, parseTimeValue } from './datafeedSettings';

const job = (analysis: Partial<JobConfig['analysis_config']>, feed: JobConfig['datafeed_config'] = {}, extra: Partial<JobConfig> = {}): JobConfig => ({
  job_id: 'j',
  analysis_config: { detectors: [{ function: 'count' }], ...analysis },
  datafeed_config: feed,
  ...extra,
});

describe('datafeed settings', () => {
  it('derives Elastic\'s default frequency from the bucket span', () => {
    expect(defaultFrequencyMs(60_000)).toBe(60_000);
    expect(defaultFrequencyMs(120_000)).toBe(60_000);
    expect(defaultFrequencyMs(300_000)).toBe(150_000);
    expect(defaultFrequencyMs(1_200_000)).toBe(600_000);
    expect(defaultFrequencyMs(3_600_000)).toBe(600_000);
    expect(defaultFrequencyMs(86_400_000)).toBe(3_600_000);
  });

  it('fills in defaults: 5m buckets, 60 s query delay, scroll 1000, chunks of 100 buckets up to 3 h, check window max(2 h, 8 buckets)', () => {
    const s = datafeedSettings(job({}, { indices: ['flows'] }));
    expect(s).toMatchObject({
      bucketSpanMs: 300_000, frequencyMs: 150_000, queryDelayMs: 60_000, scrollSize: 1000, chunkSpanMs: 3 * 3_600_000,
      timeField: '@timestamp', start: null, end: null, delayedDataCheck: { enabled: true, windowMs: 7_200_000 },
    });
    const hourly = datafeedSettings(job({ bucket_span: '1h' }, { chunking_config: { mode: 'auto' }, delayed_data_check_config: { enabled: false } }));
    expect(hourly.chunkSpanMs).toBe(3 * 3_600_000);
    expect(hourly.delayedDataCheck).toEqual({ enabled: false, windowMs: 8 * 3_600_000 });
    expect(datafeedSettings(job({ bucket_span: '1m' })).chunkSpanMs).toBe(100 * 60_000);
  });

  it('keeps the frequency a divisor or a multiple of the bucket span, so ticks fall on bucket ends', () => {
    expect(datafeedSettings(job({ bucket_span: '5m' }, { frequency: '7m' })).frequencyMs).toBe(300_000);
    expect(datafeedSettings(job({ bucket_span: '5m' }, { frequency: '11m' })).frequencyMs).toBe(600_000);
    expect(datafeedSettings(job({ bucket_span: '5m' }, { frequency: '70s' })).frequencyMs).toBe(60_000);
    expect(datafeedSettings(job({ bucket_span: '5m' }, { frequency: '100s' })).frequencyMs).toBe(100_000);
  });

  it('takes manual chunking as whole buckets, caps scroll_size at 10 000, parses start and end', () => {
    const s = datafeedSettings(job({ bucket_span: '10m' }, { chunking_config: { mode: 'manual', time_span: '25m' }, scroll_size: 50_000, start: '2026-11-02T00:00:00Z', end: 1_762_100_000_000 }, { data_description: { time_field: 'ts' } }));
    expect(s).toMatchObject({ chunkSpanMs: 1_200_000, scrollSize: 10_000, start: Date.UTC(2026, 10, 2), end: 1_762_100_000_000, timeField: 'ts' });
    expect(() => datafeedSettings(job({}, { start: 'yesterday' }))).toThrow('datafeed_config.start: "yesterday" is neither epoch ms nor an ISO date-time');
    expect(parseTimeValue('1700000000000', 'start')).toBe(1_700_000_000_000);
  });

  it('reads aggregated only when every detector allows it, with influencers as split fields', () => {
    const agg = datafeedSettings(job({ detectors: [{ function: 'count', by_field_name: 'src' }, { function: 'high_sum', field_name: 'bytes', by_field_name: 'src' }], influencers: ['dest'] }));
    expect(agg.readPath).toBe('aggregated');
    expect(agg.aggregation).toEqual({ splitFields: ['src', 'dest'], metrics: [{ name: 'bytes', field: 'bytes', agg: 'avg' }] });
    expect(datafeedSettings(job({ detectors: [{ function: 'count' }] }), { hasEvals: true })).toMatchObject({ readPath: 'raw', readPathReason: 'the pipeline\'s eval needs the individual documents', aggregation: null });
    expect(datafeedSettings(job({ detectors: [{ function: 'rare', by_field_name: 'dest_port' }] })).readPath).toBe('raw');
    expect(datafeedSettings(job({ detectors: [{ function: 'count' }] }, { aggregations_mode: 'raw' })).readPathReason).toBe('raw path requested');
    expect(datafeedSettings(job({ detectors: [{ function: 'count', by_field_name: 'mlcategory' }], categorization_field_name: 'message' })).readPath).toBe('raw');
  });
});
