import type { DetectorConfig } from '../jobConfigTypes';
import { parsePipeline } from './parsePipeline';

function detectors(autodetect: string): DetectorConfig[] {
  const result = parsePipeline(`autodetect ${autodetect}`);
  if (!result.ok) throw new Error(result.error.message);
  return result.pipeline.autodetect?.analysisConfig.detectors ?? [];
}

function config(autodetect: string) {
  const result = parsePipeline(`autodetect ${autodetect}`);
  if (!result.ok) throw new Error(result.error.message);
  return result.pipeline.autodetect?.analysisConfig;
}

describe('detector grammar → Elastic detectors (conventions §3)', () => {
  it('fn(x) by F for a metric function', () => {
    expect(detectors('mean(bytes) by host')).toEqual([{ function: 'mean', field_name: 'bytes', by_field_name: 'host' }]);
  });

  it('fn(x) by F for a count function', () => {
    expect(detectors('distinct_count(dest) by src')).toEqual([{ function: 'distinct_count', field_name: 'dest', by_field_name: 'src' }]);
  });

  it('count and count by F without parentheses', () => {
    expect(detectors('count')).toEqual([{ function: 'count' }]);
    expect(detectors('high_count by src')).toEqual([{ function: 'high_count', by_field_name: 'src' }]);
    expect(detectors('count() by src')).toEqual([{ function: 'count', by_field_name: 'src' }]);
  });

  it('the rare family: argument is the by field, by F is the partition', () => {
    for (const fn of ['rare', 'rare_count', 'freq_rare', 'freq_rare_count']) {
      const over = fn.startsWith('freq') ? ' over ip' : '';
      const expected: DetectorConfig = { function: fn, by_field_name: 'x', partition_field_name: 'F' };
      if (over) expected.over_field_name = 'ip';
      expect(detectors(`${fn}(x) by F${over}`)).toEqual([expected]);
    }
  });

  it('rare by x (Elastic style) means by_field_name x', () => {
    expect(detectors('rare by process')).toEqual([{ function: 'rare', by_field_name: 'process' }]);
  });

  it('population_fn(x) by F means fn(x) over F', () => {
    expect(detectors('population_sum(bytes) by src')).toEqual([{ function: 'sum', field_name: 'bytes', over_field_name: 'src' }]);
    expect(detectors('population_count by src')).toEqual([{ function: 'count', over_field_name: 'src' }]);
    expect(detectors('population_rare(uri) by src')).toEqual([{ function: 'rare', by_field_name: 'uri', over_field_name: 'src' }]);
  });

  it('explicit over', () => {
    expect(detectors('max(bytes) by dest over src')).toEqual([
      { function: 'max', field_name: 'bytes', by_field_name: 'dest', over_field_name: 'src' },
    ]);
  });

  it('a bare field means metric(field)', () => {
    expect(detectors('app_byte_ratio')).toEqual([{ function: 'metric', field_name: 'app_byte_ratio' }]);
    expect(detectors('"bytes in" by dp')).toEqual([{ function: 'metric', field_name: 'bytes in', by_field_name: 'dp' }]);
  });

  it('a bare field may start with population_', () => {
    expect(detectors('population_size by city')).toEqual([{ function: 'metric', field_name: 'population_size', by_field_name: 'city' }]);
  });

  it('a bare word close to a function name is read as a field, with a note', () => {
    const result = parsePipeline('autodetect cuont by src');
    expect(result.ok && result.pipeline.autodetect?.analysisConfig.detectors).toEqual([
      { function: 'metric', field_name: 'cuont', by_field_name: 'src' },
    ]);
    expect(result.notes).toEqual(['autodetect: "cuont" at column 12 is read as metric(cuont); did you mean the function "count"?']);
  });

  it('abbreviations resolve to canonical names', () => {
    expect(detectors('dc(dest) by src, nzc by host, avg(bytes)').map((d) => d.function)).toEqual(['distinct_count', 'non_zero_count', 'mean']);
  });

  it('partitionfield before the detectors applies to every detector', () => {
    expect(detectors('partitionfield=host count, mean(bytes)')).toEqual([
      { function: 'count', partition_field_name: 'host' },
      { function: 'mean', field_name: 'bytes', partition_field_name: 'host' },
    ]);
  });

  it('partitionfield after the last detector applies to every detector', () => {
    expect(detectors('count by a, mean(bytes) partitionfield=host')).toEqual([
      { function: 'count', by_field_name: 'a', partition_field_name: 'host' },
      { function: 'mean', field_name: 'bytes', partition_field_name: 'host' },
    ]);
  });

  it('a detector\'s own partitionfield before a comma wins', () => {
    expect(detectors('count partitionfield=zone, mean(bytes) partitionfield=host')).toEqual([
      { function: 'count', partition_field_name: 'zone' },
      { function: 'mean', field_name: 'bytes', partition_field_name: 'host' },
    ]);
  });

  it('a population detector without by takes the by of the last detector', () => {
    expect(detectors('population_count, mean(bytes) by src')).toEqual([
      { function: 'count', over_field_name: 'src' },
      { function: 'mean', field_name: 'bytes', by_field_name: 'src' },
    ]);
  });

  it('excludefrequent and usenull', () => {
    expect(detectors('rare(dp) by src excludefrequent=true usenull=true, count by a excludefrequent=by')).toEqual([
      { function: 'rare', by_field_name: 'dp', partition_field_name: 'src', exclude_frequent: 'all', use_null: true },
      { function: 'count', by_field_name: 'a', exclude_frequent: 'by' },
    ]);
  });
});

describe('autodetect job options', () => {
  it('bucketspan as seconds or a duration, latency, summary count, influencers', () => {
    expect(config('bucketspan=5m latency=30s summarycountfield=doc_count influencers=src,dest sum(bytes) by dest')).toEqual({
      bucket_span: '5m',
      latency: '30s',
      detectors: [{ function: 'sum', field_name: 'bytes', by_field_name: 'dest' }],
      influencers: ['src', 'dest'],
      summary_count_field_name: 'doc_count',
    });
  });

  it('per-partition categorisation', () => {
    expect(config('categorizationfield=message perpartitioncategorization=true count by mlcategory partitionfield=host')).toEqual({
      detectors: [{ function: 'count', by_field_name: 'mlcategory', partition_field_name: 'host' }],
      influencers: ['mlcategory', 'host'],
      per_partition_categorization: { enabled: true },
      categorization_field_name: 'message',
    });
    const result = parsePipeline('autodetect categorizationfield=message perpartitioncategorization=true count by mlcategory');
    expect(result.ok ? '' : result.error.message).toBe(
      'autodetect: analysis_config.per_partition_categorization.enabled: every detector using "mlcategory" needs the same partition_field_name at column 67',
    );
  });

  it('options are case-insensitive and may follow the detectors', () => {
    expect(config('count by src bucketSpan=600')?.bucket_span).toBe(600);
  });

  it('default influencers are the split fields in order', () => {
    expect(config('count by a over b partitionfield=c, rare(d) by c')?.influencers).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a job option given twice is an error', () => {
    const result = parsePipeline('autodetect bucketspan=5m count bucketspan=10m');
    expect(result.ok ? '' : result.error.message).toBe('autodetect: bucketspan is given twice at column 32');
  });
});
