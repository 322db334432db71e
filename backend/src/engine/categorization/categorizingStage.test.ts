import { AnomalyJob } from '../job/anomalyJob';
import type { RecordResult, ResultDocument } from '../job/resultTypes';
import type { JobConfig } from '../config/jobConfigTypes';
import { toAnalysisPlan } from '../config/analysisPlan';
import type { EventRecord } from '../types';
import { CategorizingStage, maxCategoriesFor } from './categorizingStage';

const SPAN = 300_000;
const T0 = Date.UTC(2024, 0, 1);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Syslog-like messages from two hosts; host web2 gets a burst of authentication failures in bucket `burstAt`. */
function syntheticLog(buckets: number, burstAt: number): EventRecord[] {
  const rnd = lcg(7);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    for (const host of ['web1', 'web2']) {
      const n = 8 + Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++) {
        const t = T0 + b * SPAN + Math.floor(rnd() * SPAN);
        const u = ['cyrus', 'news', 'test', 'bob'][Math.floor(rnd() * 4)];
        out.push({ time: t, fields: { host, message: `session opened for user ${u} by (uid=${Math.floor(rnd() * 600)})` } });
        if (rnd() < 0.5) out.push({ time: t, fields: { host, message: `connection from 10.0.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)} () at ${t}` } });
      }
      const fails = host === 'web2' && b === burstAt ? 120 : rnd() < 0.3 ? 1 : 0;
      for (let k = 0; k < fails; k++) {
        out.push({ time: T0 + b * SPAN + k, fields: { host, message: `authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=61.${k % 200}.3.4 user=root` } });
      }
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

function config(detector: JobConfig['analysis_config']['detectors'][number], extra: Partial<JobConfig['analysis_config']> = {}): JobConfig {
  return { job_id: 'logs', analysis_config: { bucket_span: '5m', categorization_field_name: 'message', detectors: [detector], influencers: ['mlcategory'], ...extra } };
}

describe('CategorizingStage', () => {
  it('sets mlcategory from the categorisation field, null when the field is missing', () => {
    const stage = CategorizingStage.forPlan(toAnalysisPlan(config({ function: 'count', by_field_name: 'mlcategory' })))!;
    const r = stage.apply({ time: 1, fields: { message: 'disk full on /dev/sda1', host: 'a' } });
    expect(r.fields).toEqual({ message: 'disk full on /dev/sda1', host: 'a', mlcategory: '1' });
    expect(stage.apply({ time: 2, fields: { message: 'disk full on /dev/sdb3' } }).fields.mlcategory).toBe('1');
    expect(stage.apply({ time: 3, fields: { other: 'x' } }).fields.mlcategory).toBeNull();
    expect(stage.takeDefinitionUpdates().map((d) => [d.job_id, d.category_id, d.num_matches, d.terms])).toEqual([['logs', 1, 2, 'disk full on']]);
    expect(stage.takeDefinitionUpdates()).toEqual([]);
    expect(stage.annotate({ result_type: 'record', by_field_name: 'mlcategory', by_field_value: '1' })).toEqual({
      result_type: 'record', by_field_name: 'mlcategory', by_field_value: '1', mlcategory: '1', mlcategory_terms: 'disk full on',
    });
  });

  it('derives the category limit from model_memory_limit and reports it when reached', () => {
    expect(maxCategoriesFor(1024 * 1024 * 1024)).toBe(10_000);
    expect(maxCategoriesFor(1024 * 1024)).toBe(51);
    expect(maxCategoriesFor(1024)).toBe(10);
    const cfg = config({ function: 'count', by_field_name: 'mlcategory' });
    cfg.analysis_limits = { model_memory_limit: '1kb' };
    const job = new AnomalyJob('logs', cfg);
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
    words.forEach((w, i) => job.push({ time: T0 + i, fields: { message: `${w} happened` } }));
    expect(job.categorizationStats()).toEqual({
      categorized_doc_count: 10,
      total_category_count: 10,
      frequent_category_count: 10,
      rare_category_count: 10,
      failed_category_count: 2,
      categorization_status: 'limit_reached',
    });
  });

  it('applies categorization_filters from the config before categorising', () => {
    const plan = toAnalysisPlan(config({ function: 'count', by_field_name: 'mlcategory' }, { categorization_filters: ['\\[[a-z]+\\]'] }));
    const stage = CategorizingStage.forPlan(plan)!;
    const ids = ['[alpha] job done', '[beta] job done', '[gamma] job done', 'job done twice'].map((m) => stage.apply({ time: 0, fields: { message: m } }).fields.mlcategory);
    expect(ids).toEqual(['1', '1', '1', '2']);
    expect(stage.definitions()[0].examples).toEqual([' job done']);
  });

  it('is absent when the plan does not categorise', () => {
    expect(CategorizingStage.forPlan(toAnalysisPlan({ job_id: 'x', analysis_config: { detectors: [{ function: 'count' }] } }))).toBeNull();
  });

  it('categorises per partition when per_partition_categorization is on', () => {
    const plan = toAnalysisPlan(config({ function: 'count', by_field_name: 'mlcategory', partition_field_name: 'host' }, { per_partition_categorization: { enabled: true } }));
    const stage = CategorizingStage.forPlan(plan)!;
    expect(stage.apply({ time: 1, fields: { message: 'disk full', host: 'a' } }).fields.mlcategory).toBe('1');
    expect(stage.apply({ time: 1, fields: { message: 'disk full', host: 'b' } }).fields.mlcategory).toBe('2');
    expect(stage.definitions().map((d) => d.partition_field_value)).toEqual(['a', 'b']);
  });
});

describe('AnomalyJob with mlcategory', () => {
  const log = syntheticLog(160, 140);

  function run(cfg: JobConfig, records: EventRecord[]): { job: AnomalyJob; docs: ResultDocument[] } {
    const job = new AnomalyJob('logs', cfg);
    for (const r of records) job.push(r);
    job.flush();
    return { job, docs: job.takeResults() };
  }

  it('count by mlcategory partitionfield=host flags the burst on its category and host, with the category id and terms', () => {
    const { job, docs } = run(config({ function: 'high_count', by_field_name: 'mlcategory', partition_field_name: 'host' }), log);
    const defs = job.takeCategoryDefinitions();
    const auth = defs.find((d) => d.terms.startsWith('authentication failure'))!;
    expect(defs).toHaveLength(3);
    const recs = docs.filter((d): d is RecordResult => d.result_type === 'record').sort((a, b) => b.record_score - a.record_score);
    const top = recs[0];
    expect(top.timestamp).toBe(T0 + 140 * SPAN);
    expect(top.function).toBe('high_count');
    expect(top.probability).toBeLessThan(1e-6);
    expect(top.record_score).toBeGreaterThan(recs[1].record_score);
    expect(top.actual).toEqual([120]);
    expect(top.by_field_value).toBe(String(auth.category_id));
    expect(top.partition_field_value).toBe('web2');
    expect((top as RecordResult & { mlcategory_terms: string }).mlcategory_terms).toBe(auth.terms);
    const infl = docs.filter((d) => d.result_type === 'influencer' && d.influencer_field_name === 'mlcategory' && d.timestamp === T0 + 140 * SPAN);
    expect(infl.length).toBeGreaterThanOrEqual(1);
    expect(infl.every((d) => (d as { mlcategory_terms?: string }).mlcategory_terms !== undefined)).toBe(true);
  });

  it('takes mlcategory as a partition field too', () => {
    const { docs } = run(config({ function: 'high_count', partition_field_name: 'mlcategory' }), log);
    const recs = docs.filter((d): d is RecordResult => d.result_type === 'record').sort((a, b) => b.record_score - a.record_score);
    const top = recs[0];
    expect(top.timestamp).toBe(T0 + 140 * SPAN);
    expect(top.probability).toBeLessThan(1e-6);
    expect(top.partition_field_name).toBe('mlcategory');
    expect((top as RecordResult & { mlcategory_terms: string }).mlcategory_terms).toMatch(/^authentication failure/);
  });

  it('keeps category ids across a job snapshot and restore', () => {
    const cfg = config({ function: 'count', by_field_name: 'mlcategory' });
    const whole = run(cfg, log);
    const half = Math.floor(log.length / 2);
    const first = new AnomalyJob('logs', cfg);
    for (const r of log.slice(0, half)) first.push(r);
    const restored = AnomalyJob.restore(JSON.parse(JSON.stringify(first.snapshot())));
    for (const r of log.slice(half)) restored.push(r);
    restored.flush();
    const docs = restored.takeResults();
    const key = (d: ResultDocument) => (d.result_type === 'record' ? `${d.timestamp}|${d.by_field_value}|${d.record_score.toFixed(6)}` : null);
    expect(docs.map(key).filter(Boolean)).toEqual(whole.docs.map(key).filter(Boolean));
    expect(restored.takeCategoryDefinitions().map((d) => [d.category_id, d.terms])).toEqual(whole.job.takeCategoryDefinitions().map((d) => [d.category_id, d.terms]));
  });
});
