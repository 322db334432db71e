/**
 * Readers → pipeline → AnomalyJob on real captures: the brief's IDS command runs its three population
 * detectors over the Stratosphere Suricata eve.json, and the counts the job reports match an independent
 * reading of the raw file.
 */
import * as fs from 'fs';
import { parsePipeline } from '../backend/src/engine/config/grammar/parsePipeline';
import { compilePipeline } from '../backend/src/pipeline/compilePipeline';
import { readAllRecords } from '../backend/src/readers/openRecords';
import { sharedPath } from '../backend/src/support/sharedData';
import { AnomalyJob } from '../backend/src/engine/job';
import type { BucketResult, RecordResult } from '../backend/src/engine/job';
import type { JobConfig } from '../backend/src/engine/config/jobConfigTypes';

const IDS = 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src';

describe("the brief's IDS command through the job on the Suricata eve.json", () => {
  const file = sharedPath('datasets', 'stratosphere-suricata', 'eve.json');

  it('runs the three population detectors; members, buckets and records agree with the raw file', async () => {
    const parsed = parsePipeline(IDS);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const compiled = compilePipeline(parsed.pipeline, { jobId: 'ids' });
    const config = compiled.jobConfig as JobConfig;
    expect(config.analysis_config.detectors.map((d) => [d.function, d.field_name, d.by_field_name, d.over_field_name])).toEqual([
      ['rare', undefined, 'signature_name', 'src'],
      ['distinct_count', 'category', undefined, 'src'],
      ['rare_count', undefined, 'dest:protocol:port', 'src'],
    ]);
    // The file is not in time order (flow records of the first hour come late): a day of latency.
    config.analysis_config.latency = '24h';
    const job = new AnomalyJob('ids', config);
    const { records } = await readAllRecords(file);
    for (const { record } of records) {
      if (!compiled.filter(record)) continue;
      compiled.evaluate(record);
      job.push(record);
    }
    job.flush();
    const docs = job.takeResults();

    type Raw = { timestamp: string; src_ip?: string; dest_ip?: string; dest_port?: number; alert?: { signature: string; category: string } };
    const raw = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Raw);
    const times = raw.map((e) => Date.parse(e.timestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')));
    const span = 300_000;
    const firstBucket = Math.floor(Math.min(...times) / span) * span;
    const lastBucket = Math.floor(Math.max(...times) / span) * span;
    const buckets = docs.filter((d): d is BucketResult => d.result_type === 'bucket');
    expect(buckets.length).toBe((lastBucket - firstBucket) / span + 1);
    expect(buckets.reduce((s, b) => s + b.event_count, 0)).toBe(raw.length);

    const stats = job.stats();
    expect(stats.processed_record_count).toBe(raw.length);
    expect(stats.late_record_count).toBe(0);
    const alertSources = new Set(raw.filter((e) => e.alert).map((e) => e.src_ip));
    const portSources = new Set(raw.filter((e) => e.src_ip && e.dest_ip && e.dest_port !== undefined).map((e) => e.src_ip));
    // Members per detector, summed: rare(signature) and distinct_count(category) see alert sources,
    // rare_count(dest:protocol:port) every source with a destination port.
    expect(stats.model_size_stats.total_over_field_count).toBe(2 * alertSources.size + portSources.size);

    const recs = docs.filter((d): d is RecordResult => d.result_type === 'record');
    for (const r of recs) {
      expect(r.probability).toBeLessThan(0.035);
      expect(r.over_field_name).toBe('src');
      expect(r.entity_key.endsWith(`,src=${r.over_field_value}`) || r.entity_key === `src=${r.over_field_value}`).toBe(true);
    }
    // Deterministic: a second run writes the same documents.
    const again = new AnomalyJob('ids', config);
    for (const { record } of records) if (compiled.filter(record)) again.push(record);
    again.flush();
    expect(JSON.stringify(again.takeResults())).toBe(JSON.stringify(docs));
  });
});
