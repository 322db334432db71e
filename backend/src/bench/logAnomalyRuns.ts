/**
 * Anomaly runs on categorised logs (part of `npm run bench:logs`), on loghub's raw 2k files:
 * - BGL (`bgl` reader, loghub's Content as the message): `count by mlcategory` and
 *   `rare(mlcategory)`; how many alert lines (column 1 not `-`) and how many normal lines fall in
 *   buckets whose anomaly_score is major or critical, and in (bucket, category) pairs holding a major
 *   or critical record.
 * - Linux and OpenSSH read as syslog: `high_count by mlcategory partitionfield=host`; the best
 *   record on an `authentication failure` category for its host, and its rank among all records.
 */
import { parsePipeline, toAnalysisPlan } from '../engine/config';
import { CategorizingStage } from '../engine/categorization/categorizingStage';
import type { JobConfig } from '../engine/config/jobConfigTypes';
import { AnomalyJob } from '../engine/job/anomalyJob';
import type { RecordResult, ResultDocument } from '../engine/job/resultTypes';
import type { EventRecord } from '../engine/types';
import { openRecords } from '../readers';
import { sharedPath } from '../support/sharedData';

type Emit = (bench: string, metric: string, values: number[], unit: string, n: number) => void;

function configOf(pipeline: string): JobConfig {
  const parsed = parsePipeline(pipeline);
  if (!parsed.ok) throw new Error(`pipeline "${pipeline}": ${parsed.error.message}`);
  if (!parsed.pipeline.autodetect) throw new Error(`pipeline "${pipeline}": no autodetect command`);
  return { job_id: 'bench-logs', analysis_config: parsed.pipeline.autodetect.analysisConfig };
}

async function readLog(system: string, format: string, year?: number): Promise<EventRecord[]> {
  const file = sharedPath('datasets', 'loghub', system, `${system}_2k.log`);
  const records: EventRecord[] = [];
  const stream = openRecords(file, { format, year });
  for await (const { record } of stream) records.push(record);
  if (stream.badRecords.count > 0) process.stderr.write(`bench:logs: ${file}: ${stream.badRecords.count} bad lines\n`);
  return records;
}

/** Runs a job over records sorted by time; null when the engine cannot run the pipeline (said on stderr). */
function runJob(pipeline: string, records: EventRecord[]): { job: AnomalyJob; docs: ResultDocument[] } | null {
  let job: AnomalyJob;
  try {
    job = new AnomalyJob('bench-logs', configOf(pipeline));
  } catch (err) {
    process.stderr.write(`bench:logs: "${pipeline}" not run: ${(err as Error).message}\n`);
    return null;
  }
  const sorted = [...records].sort((a, b) => a.time - b.time);
  for (const r of sorted) job.push(r);
  job.flush();
  return { job, docs: job.takeResults() };
}

const isMajor = (severity: string): boolean => severity === 'major' || severity === 'critical';
const recordsOf = (docs: ResultDocument[]): RecordResult[] => docs.filter((d): d is RecordResult => d.result_type === 'record');

async function bglRuns(emit: Emit): Promise<void> {
  const records = (await readLog('BGL', 'bgl')).map((r) => ({ time: r.time, fields: { label: r.fields.label, content: r.fields.content ?? r.fields.message } }));
  const alerts = records.filter((r) => r.fields.label !== '-').length;
  const normals = records.length - alerts;
  for (const fn of ['count', 'rare']) {
    for (const span of ['1h', '1d']) {
      const detector = fn === 'rare' ? 'rare(mlcategory)' : 'count by mlcategory';
      const pipeline = `autodetect categorizationfield=content ${detector} bucketspan=${span}`;
      const run = runJob(pipeline, records);
      if (!run) continue;
      const spanMs = span === '1h' ? 3_600_000 : 86_400_000;
      const flaggedBuckets = new Set(run.docs.filter((d) => d.result_type === 'bucket' && isMajor(d.severity)).map((d) => d.timestamp));
      const { ids: lineCategory, stage } = categorizeAlone(configOf(pipeline), records);
      const pairScore = new Map<string, number>();
      for (const d of recordsOf(run.docs)) {
        const key = `${d.timestamp}|${stage.resolve(d.by_field_value ?? '')}`;
        pairScore.set(key, Math.max(pairScore.get(key) ?? 0, d.record_score));
      }
      const scoreSum = { alert: 0, normal: 0 };
      const minorOrMore = { alert: 0, normal: 0 };
      let alertInBucket = 0;
      let normalInBucket = 0;
      let alertInPair = 0;
      let normalInPair = 0;
      records.forEach((r, i) => {
        const start = Math.floor(r.time / spanMs) * spanMs;
        const alert = r.fields.label !== '-';
        if (flaggedBuckets.has(start)) {
          if (alert) alertInBucket++;
          else normalInBucket++;
        }
        const score = pairScore.get(`${start}|${lineCategory[i]}`) ?? 0;
        if (score >= 50) {
          if (alert) alertInPair++;
          else normalInPair++;
        }
        scoreSum[alert ? 'alert' : 'normal'] += score;
        if (score >= 25) minorOrMore[alert ? 'alert' : 'normal']++;
      });
      const bench = `logs_bgl_${fn}_mlcategory_${span}`;
      emit(bench, 'alert_lines_in_major_buckets', [alertInBucket / alerts], `share of ${alerts} alert lines`, alerts);
      emit(bench, 'normal_lines_in_major_buckets', [normalInBucket / normals], `share of ${normals} normal lines`, normals);
      emit(bench, 'alert_lines_on_major_records', [alertInPair / alerts], `share of ${alerts} alert lines (their bucket and category)`, alerts);
      emit(bench, 'normal_lines_on_major_records', [normalInPair / normals], `share of ${normals} normal lines (their bucket and category)`, normals);
      emit(bench, 'alert_lines_on_minor_or_more_records', [minorOrMore.alert / alerts], `share of ${alerts} alert lines (record_score >= 25)`, alerts);
      emit(bench, 'normal_lines_on_minor_or_more_records', [minorOrMore.normal / normals], `share of ${normals} normal lines (record_score >= 25)`, normals);
      emit(bench, 'alert_lines_mean_record_score', [scoreSum.alert / alerts], 'mean record_score of the line\'s bucket and category (0 when none)', alerts);
      emit(bench, 'normal_lines_mean_record_score', [scoreSum.normal / normals], 'mean record_score of the line\'s bucket and category (0 when none)', normals);
      const top = recordsOf(run.docs).sort((a, b) => b.record_score - a.record_score).slice(0, 5);
      for (const r of top) process.stderr.write(`  BGL ${fn} ${span} ${new Date(r.timestamp).toISOString()} ${r.entity_key} score ${r.record_score.toFixed(1)} p ${r.probability.toExponential(2)}: ${String((r as unknown as { mlcategory_terms?: string }).mlcategory_terms ?? '')}\n`);
    }
  }
}

/**
 * The live category id of each record. The job's stage categorises the records in time order, so
 * a stage of the same config over the same order gives the same ids (and the same merges).
 */
function categorizeAlone(config: JobConfig, records: EventRecord[]): { ids: string[]; stage: CategorizingStage } {
  const stage = CategorizingStage.forPlan(toAnalysisPlan(config));
  if (!stage) throw new Error('the pipeline does not categorise');
  const order = records.map((r, i) => ({ r, i })).sort((x, y) => x.r.time - y.r.time);
  const ids: string[] = new Array<string>(records.length).fill('');
  for (const { r, i } of order) {
    const v = stage.apply(r).fields.mlcategory;
    ids[i] = v === null || v === undefined ? '' : String(v);
  }
  return { ids: ids.map((id) => (id ? stage.resolve(id) : '')), stage };
}

async function syslogRuns(emit: Emit): Promise<void> {
  const runs: Array<{ system: string; year: number; span: string }> = [
    { system: 'Linux', year: 2005, span: '1h' },
    { system: 'OpenSSH', year: 2016, span: '5m' },
  ];
  for (const { system, year, span } of runs) {
    const records = await readLog(system, 'syslog', year);
    const pipeline = `autodetect categorizationfield=message high_count by mlcategory partitionfield=host bucketspan=${span}`;
    const run = runJob(pipeline, records);
    if (!run) continue;
    const recs = recordsOf(run.docs).sort((a, b) => b.record_score - a.record_score);
    const termsOf = (r: RecordResult): string => String((r as unknown as { mlcategory_terms?: string }).mlcategory_terms ?? '');
    const auth = recs.filter((r) => /authentication failure/.test(termsOf(r)));
    const bench = `logs_${system.toLowerCase()}_high_count_mlcategory_${span}`;
    const best = auth[0];
    emit(bench, 'auth_failure_best_record_score', [best ? best.record_score : 0], `record_score (host ${best?.partition_field_value ?? '-'})`, auth.length);
    emit(bench, 'auth_failure_major_records', [auth.filter((r) => isMajor(r.severity)).length], 'records major or critical', auth.length);
    // Ties share a rank (1 + records scoring strictly higher): records at the same score are not ordered.
    const rank = best ? recs.filter((r) => r.record_score > best.record_score).length + 1 : 0;
    emit(bench, 'auth_failure_best_rank', [rank], `rank among ${recs.length} records by score (1 + records scoring higher)`, recs.length);
    for (const r of recs.slice(0, 5)) {
      process.stderr.write(`  ${system} ${new Date(r.timestamp).toISOString()} ${r.function} ${r.entity_key} score ${r.record_score.toFixed(1)} actual ${r.actual[0]} typical ${r.typical[0].toFixed(2)}: ${termsOf(r)}\n`);
    }
  }
}

export async function runLogAnomalyBenches(emit: Emit): Promise<void> {
  await bglRuns(emit);
  await syslogRuns(emit);
}
