/**
 * What the end-to-end scheduler tests share: a capture ingested into the real node, a pipeline run
 * as a job through the scheduler (lookback to an hour before the capture's end, then real time to
 * its end on an injected clock), and the same pipeline run over the file directly for comparison.
 */
import type { Client } from '@opensearch-project/opensearch';
import { parsePipeline, type JobConfig } from '../../backend/src/engine/config';
import { AnomalyJob, type ResultDocument } from '../../backend/src/engine/job';
import { ingestFiles } from '../../backend/src/opensearch/ingest';
import { compilePipeline } from '../../backend/src/pipeline';
import { openRecords, readAllRecords } from '../../backend/src/readers';
import { ManualClock } from '../../backend/src/scheduler/clock';
import type { JobSummary } from '../../backend/src/scheduler/types';
import { allResults, cleanUp, HOUR, managerIndices, MINUTE, newManager } from './schedulerFixtures';

export const NETFLOW = (index: string): string => `index=${index} sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp`;
export const POPULATION = (index: string): string => `index=${index} sourcetype="netflow" | prelertautodetect bucketspan=300 population_count by src`;
/** The brief's command verbatim: `sourcetype=snort` also selects the kind `ids` that `vigil ingest` writes for eve.json. */
export const IDS = (index: string): string =>
  `index=${index} sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src`;

export async function ingestCapture(client: Client, index: string, file: string): Promise<number> {
  const report = await ingestFiles(client, { index, files: [file], replicas: 0, refresh: true, open: (f) => openRecords(f) });
  if (report.failed !== 0) throw new Error(`ingest of ${file}: ${report.failed} documents failed`);
  return report.indexed;
}

/** The pipeline over the file itself (readers → filter → eval → job), with a day of latency for unsorted files. */
export async function fileRun(file: string, search: string, jobId: string, extra: Partial<JobConfig> = {}): Promise<ResultDocument[] & { stats?: ReturnType<AnomalyJob['stats']> }> {
  const parsed = parsePipeline(search);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compilePipeline(parsed.pipeline, { jobId });
  const config = { ...structuredClone(compiled.jobConfig!), ...extra } as JobConfig;
  config.analysis_config.latency = '24h';
  const job = new AnomalyJob(jobId, config);
  for (const { record } of (await readAllRecords(file)).records) {
    if (!compiled.filter(record)) continue;
    compiled.evaluate(record);
    job.push({ time: Math.floor(record.time), fields: record.fields });
  }
  job.flush();
  return Object.assign(job.takeResults(), { stats: job.stats() });
}

export interface JobRun {
  afterLookback: JobSummary;
  final: JobSummary;
  /** Final (not interim) result documents read back from the results index. */
  docs: Array<Record<string, unknown> & { result_type: string; timestamp: number }>;
}

/** Runs `search` as a job on its own manager and clock: lookback to `last - 1h`, real time to `last + 10 min`. */
export async function runAsJob(client: Client, jobId: string, search: string, lastEventMs: number, extra: Partial<JobConfig> = {}): Promise<JobRun> {
  const indices = managerIndices(`e2e-${jobId}`);
  const start = lastEventMs - HOUR;
  const clock = new ManualClock(start);
  const manager = newManager(client, clock, indices);
  try {
    await manager.init();
    await manager.putJob({ job_id: jobId, search, datafeed_config: { query_delay: '60s', frequency: '5m' }, ...extra } as JobConfig);
    await manager.startDatafeed(jobId);
    await clock.advanceTo(start, () => manager.idle());
    const afterLookback = await manager.status(jobId);
    await clock.advanceTo(lastEventMs + 10 * MINUTE, () => manager.idle());
    const final = await manager.stopDatafeed(jobId);
    const docs = (await allResults(client, jobId)).map((h) => h._source).filter((d) => d.is_interim === false);
    return { afterLookback, final, docs };
  } finally {
    await manager.shutdown();
    await cleanUp(client, indices, []);
  }
}

/**
 * Records as comparable lines: bucket, function, entity and score (3 decimals), sorted. The
 * scheduler renormalises `record_score` in place; `initial_record_score` is the score as first
 * written, which a run over the file gives too.
 */
export function recordLines(docs: ReadonlyArray<{ result_type: string }>, minScore = 0, score: 'initial_record_score' | 'record_score' = 'initial_record_score'): string[] {
  return docs
    .filter((d) => d.result_type === 'record')
    .map((d) => d as unknown as { timestamp: number; function: string; entity_key: string } & Record<typeof score, number>)
    .filter((d) => d[score] >= minScore)
    .map((d) => `${new Date(d.timestamp).toISOString()} ${d.function} ${d.entity_key} ${d[score].toFixed(3)}`)
    .sort();
}

/** The last event time of a file (ms). */
export async function lastEventTime(file: string): Promise<number> {
  let last = -Infinity;
  for (const r of (await readAllRecords(file)).records) if (r.record.time > last) last = r.record.time;
  return Math.floor(last);
}

/** Entities ordered by their highest initial record score, best first. */
export function topEntities(docs: ReadonlyArray<{ result_type: string }>, n: number): string[] {
  const best = new Map<string, number>();
  for (const d of docs) {
    if (d.result_type !== 'record') continue;
    const r = d as unknown as { entity_key: string; initial_record_score: number };
    best.set(r.entity_key, Math.max(best.get(r.entity_key) ?? 0, r.initial_record_score));
  }
  return [...best].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);
}
