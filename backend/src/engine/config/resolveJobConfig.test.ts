import { resolveJobConfig } from './resolveJobConfig';

const IDS = 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src';

describe('resolveJobConfig', () => {
  it('builds the analysis_config from the search, keeps the rest and takes indices from index=', () => {
    const result = resolveJobConfig(
      { search: IDS, description: 'IDS alerts', datafeed_config: { frequency: '1m' }, data_description: { time_field: '@timestamp' } },
      'ids-alerts',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toEqual({
      job_id: 'ids-alerts',
      search: IDS,
      description: 'IDS alerts',
      datafeed_config: { frequency: '1m', indices: ['ids'] },
      data_description: { time_field: '@timestamp' },
      analysis_config: {
        detectors: [
          { function: 'rare', by_field_name: 'signature_name', over_field_name: 'src' },
          { function: 'distinct_count', field_name: 'category', over_field_name: 'src' },
          { function: 'rare_count', by_field_name: 'dest:protocol:port', over_field_name: 'src' },
        ],
        influencers: ['signature_name', 'src', 'dest:protocol:port'],
      },
    });
    expect(result.pipeline?.evals).toHaveLength(1);
  });

  it('keeps datafeed indices that are given', () => {
    const result = resolveJobConfig({ search: IDS, datafeed_config: { indices: ['suricata-*'] } }, 'j');
    expect(result.ok && result.config.datafeed_config?.indices).toEqual(['suricata-*']);
  });

  it('returns pipeline errors with their column', () => {
    expect(resolveJobConfig({ search: 'autodetect raer(x) by y' }, 'j')).toEqual({
      ok: false,
      errors: [{ message: 'autodetect: unknown function "raer" at column 12 (did you mean "rare"?)', column: 12 }],
      notes: [],
    });
  });

  it('passes the pipeline notes on', () => {
    const result = resolveJobConfig({ search: 'eval dp=dest + " : "dest_port | autodetect rare(dp) by src' }, 'j');
    expect(result.ok).toBe(true);
    expect(result.notes).toHaveLength(1);
  });

  it('needs an autodetect command when there is no analysis_config', () => {
    const result = resolveJobConfig({ search: 'dest!=10.*' }, 'j');
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['search']);
  });

  it('uses a given analysis_config and still checks the search', () => {
    const config = { analysis_config: { detectors: [{ function: 'count' }] }, search: 'dest!=10.* | eval x=1' };
    const ok = resolveJobConfig(config, 'j');
    expect(ok.ok && ok.config.analysis_config.detectors).toEqual([{ function: 'count' }]);
    const bad = resolveJobConfig({ ...config, search: 'dest!= | eval x=1' }, 'j');
    expect(bad.ok ? null : bad.errors[0].column).toBe(8);
  });

  it('notes a bucket span that does not divide a day, once', () => {
    const elastic = resolveJobConfig({ analysis_config: { bucket_span: '7m', detectors: [{ function: 'count' }] } }, 'j');
    expect(elastic.notes).toEqual([
      'analysis_config.bucket_span: "7m" does not divide a day; daily patterns line up best with spans that do (5m, 10m, 15m, 1h, …)',
    ]);
    expect(resolveJobConfig({ search: 'autodetect bucketspan=7m count' }, 'j').notes).toHaveLength(1);
  });

  it('validates an Elastic config and names the path', () => {
    expect(resolveJobConfig({ analysis_config: { detectors: [{ function: 'meen', field_name: 'x' }] } }, 'j')).toEqual({
      ok: false,
      errors: [
        {
          message: 'analysis_config.detectors[0].function: unknown function "meen" (did you mean "mean"?)',
          path: 'analysis_config.detectors[0].function',
        },
      ],
      notes: [],
    });
  });

  it('rejects a job_id that differs from the given id, and non-objects', () => {
    expect(resolveJobConfig({ job_id: 'a', analysis_config: { detectors: [{ function: 'count' }] } }, 'b').ok).toBe(false);
    expect(resolveJobConfig([], 'b')).toEqual({ ok: false, errors: [{ message: '(job config): must be a JSON object' }], notes: [] });
  });
});
