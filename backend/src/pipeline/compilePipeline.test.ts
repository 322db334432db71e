import { parsePipeline, type ParsedPipeline } from '../engine/config/grammar/parsePipeline';
import type { EventRecord } from '../engine/types';
import { compilePipeline } from './compilePipeline';

function parsed(text: string): ParsedPipeline {
  const result = parsePipeline(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.pipeline;
}

const EXFIL = 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp';

describe('compilePipeline', () => {
  it('gives a validated job config carrying the pipeline text', () => {
    const compiled = compilePipeline(parsed(EXFIL), { jobId: 'exfil' });
    expect(compiled.jobConfig).toEqual({
      job_id: 'exfil',
      analysis_config: {
        bucket_span: 300,
        detectors: [{ function: 'metric', field_name: 'app_byte_ratio', by_field_name: 'dp', partition_field_name: 'src' }],
        influencers: ['dp', 'src'],
      },
      search: EXFIL,
    });
  });

  it('filters, then evaluates in place; the sourcetype selector is aside', () => {
    const compiled = compilePipeline(parsed(EXFIL), { jobId: 'exfil' });
    const records: EventRecord[] = [
      { time: 0, fields: { src: '10.0.0.5', dest: '203.0.113.9', dest_port: 443, app_byte_ratio: 0.9 } },
      { time: 1, fields: { src: '10.0.0.5', dest: '10.0.0.7', dest_port: 445, app_byte_ratio: 0.1 } },
      { time: 2, fields: { src: '10.0.0.6', dest: '198.51.100.2', dest_port: 22, app_byte_ratio: -0.2 } },
    ];
    const kept = records.filter((r) => compiled.filter(r));
    kept.forEach((r) => compiled.evaluate(r));
    expect(kept.map((r) => r.fields.dp)).toEqual(['203.0.113.9:443', '198.51.100.2:22']);
    expect(compiled.sourceSelectors).toEqual([{ field: 'sourcetype', value: 'netflow', negated: false, column: 1 }]);
  });

  it('has no job config without autodetect', () => {
    const compiled = compilePipeline(parsed('eval x=1'), { jobId: 'j' });
    expect(compiled.jobConfig).toBeNull();
    const record: EventRecord = { time: 0, fields: {} };
    expect(compiled.filter(record)).toBe(true);
    compiled.evaluate(record);
    expect(record.fields).toEqual({ x: 1 });
  });

  it('rejects an invalid job id', () => {
    expect(() => compilePipeline(parsed('autodetect count'), { jobId: 'Bad Id' })).toThrow(/^job_id: "Bad Id" is not allowed/);
  });
});
