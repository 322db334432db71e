import { parsePipeline, type ParsedPipeline } from './parsePipeline';

const EXFIL = 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp';
const EXFIL_PRINTED = 'sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp';
const IDS = 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src';
const RARE = 'dest!=10.* | eval dp=dest+":"+dest_port | autodetect rare(dp) by src';

function parsed(text: string): ParsedPipeline {
  const result = parsePipeline(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.pipeline;
}

function errorOf(text: string): { message: string; column: number } {
  const result = parsePipeline(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('parsePipeline: the brief\'s commands', () => {
  it('exfiltration: metric by dp partitioned by src, bucket span 300 s', () => {
    expect(parsed(EXFIL).autodetect?.analysisConfig).toEqual({
      bucket_span: 300,
      detectors: [{ function: 'metric', field_name: 'app_byte_ratio', by_field_name: 'dp', partition_field_name: 'src' }],
      influencers: ['dp', 'src'],
    });
  });

  it('exfiltration: search selector and filter', () => {
    const search = parsed(EXFIL).search;
    expect(search.selectors).toEqual([{ field: 'sourcetype', value: 'netflow', negated: false, column: 1 }]);
    expect(search.filter).toEqual({ kind: 'compare', field: 'dest', op: '!=', value: '10.*', quoted: false, column: 22 });
  });

  it('exfiltration as printed parses to the same config with a note at the gap', () => {
    const result = parsePipeline(EXFIL_PRINTED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pipeline.autodetect?.analysisConfig).toEqual(parsed(EXFIL).autodetect?.analysisConfig);
    expect(result.notes).toEqual([
      'eval: no operator before "dest_port" at column 55; adjacent operands are joined as text, read as dp=dest + ":" + dest_port',
    ]);
    expect(EXFIL_PRINTED.slice(54, 63)).toBe('dest_port');
  });

  it('IDS: three population detectors over src', () => {
    const p = parsed(IDS);
    expect(p.autodetect?.analysisConfig.detectors).toEqual([
      { function: 'rare', by_field_name: 'signature_name', over_field_name: 'src' },
      { function: 'distinct_count', field_name: 'category', over_field_name: 'src' },
      { function: 'rare_count', by_field_name: 'dest:protocol:port', over_field_name: 'src' },
    ]);
    expect(p.autodetect?.analysisConfig.bucket_span).toBeUndefined();
    expect(p.autodetect?.detectorColumns).toEqual([93, 126, 163]);
  });

  it('IDS: index and sourcetype are kept aside, no record filter', () => {
    const p = parsed(IDS);
    expect(p.search.selectors.map((s) => `${s.field}=${s.value}`)).toEqual(['index=ids', 'sourcetype=snort']);
    expect(p.search.filter).toBeNull();
    expect(p.evals[0].assignments[0].name).toBe('dest:protocol:port');
  });

  it('rare(dp) by src: dp values rare within each src', () => {
    expect(parsed(RARE).autodetect?.analysisConfig).toEqual({
      detectors: [{ function: 'rare', by_field_name: 'dp', partition_field_name: 'src' }],
      influencers: ['dp', 'src'],
    });
  });

  it('categorisation: count by mlcategory partitioned by host', () => {
    expect(parsed('autodetect categorizationfield=message count by mlcategory partitionfield=host').autodetect?.analysisConfig).toEqual({
      detectors: [{ function: 'count', by_field_name: 'mlcategory', partition_field_name: 'host' }],
      influencers: ['mlcategory', 'host'],
      categorization_field_name: 'message',
    });
  });

  it('categorisation: rare(mlcategory) by host', () => {
    expect(parsed('autodetect categorizationfield=message rare(mlcategory) by host').autodetect?.analysisConfig).toEqual({
      detectors: [{ function: 'rare', by_field_name: 'mlcategory', partition_field_name: 'host' }],
      influencers: ['mlcategory', 'host'],
      categorization_field_name: 'message',
    });
  });

  it('mlcategory without categorizationfield categorises "message", with a note', () => {
    const result = parsePipeline('autodetect rare(mlcategory) by host');
    expect(result.ok && result.pipeline.autodetect?.analysisConfig.categorization_field_name).toBe('message');
    expect(result.notes).toEqual(['autodetect: "mlcategory" is used without categorizationfield=; categorising the field "message"']);
  });
});

describe('parsePipeline: command structure', () => {
  it('notes a bucket span that does not divide a day', () => {
    expect(parsePipeline('autodetect bucketspan=7m count').notes).toEqual([
      'autodetect: bucketspan=7m at column 23 does not divide a day; daily patterns line up best with spans that do (5m, 10m, 15m, 1h, …)',
    ]);
    expect(parsePipeline('autodetect bucketspan=300 count').notes).toEqual([]);
  });

  it('may start with eval', () => {
    const p = parsed('eval x=1 | eval y=x+1');
    expect(p.search).toEqual({ selectors: [], filter: null });
    expect(p.evals.map((e) => e.assignments[0].name)).toEqual(['x', 'y']);
    expect(p.autodetect).toBeNull();
  });

  it('may start with autodetect', () => {
    expect(parsed('autodetect count').autodetect?.analysisConfig.detectors).toEqual([{ function: 'count' }]);
  });

  it('accepts a leading search keyword', () => {
    expect(parsed('search dest=1.2.3.4').search.filter).toEqual({ kind: 'compare', field: 'dest', op: '=', value: '1.2.3.4', quoted: false, column: 8 });
  });

  it('keeps a | inside quotes', () => {
    expect(parsed('msg="a|b" | autodetect count').search.filter).toMatchObject({ value: 'a|b' });
  });

  it('rejects an unknown command with a suggestion', () => {
    expect(errorOf('dest=1 | evl x=1')).toEqual({ message: 'pipeline: unknown command "evl" at column 10 (did you mean "eval"?)', column: 10 });
  });

  it('rejects a command after autodetect', () => {
    expect(errorOf('autodetect count | eval x=1')).toEqual({ message: 'eval: autodetect must be the last command at column 20', column: 20 });
  });

  it('rejects search terms after a pipe', () => {
    expect(errorOf('eval x=1 | search x=1').column).toBe(12);
  });

  it('rejects an empty command', () => {
    expect(errorOf('a=1 | | autodetect count')).toEqual({ message: 'pipeline: empty command between "|" at column 7', column: 7 });
  });

  it('reports an unterminated string at its opening quote', () => {
    expect(errorOf('a=1 | eval x="abc')).toEqual({ message: 'pipeline: unterminated string at column 14', column: 14 });
  });
});

describe('parsePipeline: autodetect errors carry columns', () => {
  it('unknown function with a suggestion', () => {
    expect(errorOf(RARE.replace('rare(', 'raer('))).toEqual({
      message: 'autodetect: unknown function "raer" at column 54 (did you mean "rare"?)',
      column: 54,
    });
  });

  it('unknown population function with a suggestion', () => {
    expect(errorOf('autodetect population_raer(x) by src').message).toBe(
      'autodetect: unknown function "population_raer" at column 12 (did you mean "population_rare"?)',
    );
  });

  it('unknown option with a suggestion', () => {
    expect(errorOf('autodetect bucketspam=5m count')).toEqual({
      message: 'autodetect: unknown option "bucketspam" at column 12 (did you mean "bucketspan"?)',
      column: 12,
    });
  });

  it('bad bucket span value', () => {
    expect(errorOf('autodetect bucketspan=fast count').message).toBe(
      'autodetect: bucketspan takes a number of seconds or a duration such as "5m", not "fast" at column 23',
    );
  });

  it('a function that needs a field, written bare', () => {
    expect(errorOf('autodetect mean by src').message).toBe('autodetect: function "mean" needs a field: mean(field) at column 12');
  });

  it('a missing comma between detectors', () => {
    expect(errorOf('autodetect count by a rare(b)').message).toBe(
      'autodetect: expected "," between detectors, or by/over, but found "rare" at column 23',
    );
  });

  it('population without by', () => {
    expect(errorOf('autodetect population_count').message).toBe('autodetect: population_count needs "by F" naming the population at column 12');
  });

  it('a trailing comma', () => {
    expect(errorOf('autodetect count,').column).toBe(18);
  });

  it('no detectors', () => {
    expect(errorOf('autodetect bucketspan=5m').message).toMatch(/^autodetect: expected at least one detector/);
  });

  it('config validation errors point at the detector', () => {
    expect(errorOf('autodetect count, non_zero_count over src')).toEqual({
      message: 'autodetect: function "non_zero_count" has no population variant; remove over_field_name at column 19',
      column: 19,
    });
  });

  it('config errors of an option point at its value', () => {
    expect(errorOf('autodetect count bucketspan=500ms')).toEqual({
      message: 'autodetect: analysis_config.bucket_span: must be at least 1s, not "500ms" at column 29',
      column: 29,
    });
  });

  it('rare(x) by F conflicts with a different partitionfield', () => {
    expect(errorOf('autodetect partitionfield=host rare(dp) by src').message).toBe(
      'autodetect: rare(…) by src already partitions by src; partitionfield=host conflicts at column 27',
    );
  });
});

describe('parsePipeline: eval and search errors carry columns', () => {
  it('unknown eval function', () => {
    expect(errorOf('eval x=rund(y)')).toEqual({ message: 'eval: unknown function "rund" at column 8 (did you mean "round"?)', column: 8 });
  });

  it('missing closing parenthesis in eval', () => {
    expect(errorOf('eval x=(a+b').message).toBe('eval: expected ")" (the "(" opens at column 8) at column 12');
  });

  it('missing value in search', () => {
    expect(errorOf('dest!= | autodetect count')).toEqual({ message: 'search: expected a value after "dest!=" at column 8', column: 8 });
  });

  it('unbalanced parenthesis in search', () => {
    expect(errorOf('(a=1 OR b=2 | autodetect count').column).toBe(13);
  });
});
