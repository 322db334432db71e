/**
 * One analysis over files: readers → search filter and evals → AnomalyJob → NDJSON / HTML report sinks,
 * with progress on stderr and bounded memory (results are drained as buckets finalise).
 * Shared by `vigil analyze` and `vigil demo`.
 */
import * as fs from 'fs';
import { parseDuration } from '../engine/config';
import { AnomalyJob, type JobStats, type ResultDocument } from '../engine/job';
import { BadRecordLog } from '../engine/types';
import { openRecords, type ReaderOptions } from '../readers';
import { HtmlReportBuilder, type ReportDoc } from '../sinks/htmlReport';
import { NdjsonSink } from '../sinks/ndjsonSink';
import type { ResultDocLike } from '../sinks/types';
import { TopRecords, type TableRecord } from './anomalyTable';
import { chooseBucketSpanSeconds, type AnalysisSpec } from './analysisSpec';
import { Progress } from './progress';

export interface RunAnalysisOptions {
  inputs: string[];
  spec: AnalysisSpec;
  reader: Omit<ReaderOptions, 'badRecords'>;
  out?: string;
  report?: string;
  /** How many top records to keep for the table. */
  top?: number;
  progress?: boolean;
  label?: string;
}

export interface RunAnalysisSummary {
  jobId: string;
  bucketSpanSeconds: number;
  recordsRead: number;
  recordsMatched: number;
  resultsWritten: number;
  badRecords: BadRecordLog;
  stats: JobStats;
  top: TableRecord[];
  countsBySeverity: Record<string, number>;
  notes: string[];
}

const AUTO_SAMPLE = 2000;
const DRAIN_EVERY = 5000;

async function sampleTimes(file: string, reader: RunAnalysisOptions['reader']): Promise<number[]> {
  const times: number[] = [];
  const stream = openRecords(file, { ...reader, badRecords: new BadRecordLog() });
  for await (const { record } of stream) {
    times.push(record.time);
    if (times.length >= AUTO_SAMPLE) break;
  }
  return times;
}

export async function runAnalysis(opts: RunAnalysisOptions): Promise<RunAnalysisSummary> {
  const { spec } = opts;
  const notes = [...spec.notes];
  const config = structuredClone(spec.config);
  const ac = config.analysis_config;
  if (spec.autoBucketSpan) {
    const span = chooseBucketSpanSeconds(await sampleTimes(opts.inputs[0], opts.reader));
    ac.bucket_span = `${span}s`;
    notes.push(`note: --bucket-span auto chose ${span} s`);
  }
  const bucketSpanMs = parseDuration(ac.bucket_span ?? '5m');
  if (ac.latency === undefined) ac.latency = `${(2 * bucketSpanMs) / 1000}s`;
  const timeField = opts.reader.timeField ?? config.data_description?.time_field;

  const job = new AnomalyJob(config.job_id, config);
  const sink = opts.out ? new NdjsonSink(opts.out) : null;
  const report = opts.report ? new HtmlReportBuilder() : null;
  const top = new TopRecords(opts.top ?? 15);
  const counts: Record<string, number> = { critical: 0, major: 0, minor: 0, warning: 0, low: 0 };
  const badRecords = new BadRecordLog();
  let written = 0;

  const drain = async (): Promise<void> => {
    const docs: ResultDocument[] = job.takeResults();
    const cats = job.takeCategoryDefinitions();
    if (!docs.length && !cats.length) return;
    for (const d of docs) {
      if (d.result_type === 'record') {
        top.add(d as unknown as TableRecord);
        counts[d.severity] = (counts[d.severity] ?? 0) + 1;
      }
      report?.add(d as unknown as ReportDoc);
    }
    if (sink) {
      await sink.write(docs as unknown as ResultDocLike[]);
      await sink.write(cats as unknown as ResultDocLike[]);
    }
    written += docs.length + cats.length;
  };

  const totalBytes = opts.inputs.reduce((n, f) => n + safeSize(f), 0);
  const progress = new Progress(opts.label ?? 'analyzing', totalBytes, { enabled: opts.progress });
  let doneBytes = 0;
  let read = 0;
  let matched = 0;
  for (const file of opts.inputs) {
    const stream = openRecords(file, { ...opts.reader, timeField, badRecords });
    for await (const { record } of stream) {
      read++;
      if (!spec.filter(record)) continue;
      spec.evaluate(record);
      matched++;
      job.push(record);
      if (read % DRAIN_EVERY === 0) {
        await drain();
        progress.update(doneBytes + stream.bytesRead(), `${read} records, ${written} results`);
      }
    }
    doneBytes += stream.totalBytes;
  }
  job.flush();
  await drain();
  await sink?.close();
  progress.done(`${read} records, ${written} results`);

  if (report && opts.report) {
    fs.writeFileSync(opts.report, report.render({
      title: `Vigil: ${config.job_id}`,
      inputs: opts.inputs,
      analysis: spec.description,
      bucketSpanSeconds: bucketSpanMs / 1000,
    }));
  }
  return {
    jobId: config.job_id,
    bucketSpanSeconds: bucketSpanMs / 1000,
    recordsRead: read,
    recordsMatched: matched,
    resultsWritten: written,
    badRecords,
    stats: job.stats(),
    top: top.list(),
    countsBySeverity: counts,
    notes,
  };
}

function safeSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The summary lines printed on stderr after a run. */
export function formatRunSummary(s: RunAnalysisSummary): string {
  const lines = [
    `${s.jobId}: ${s.recordsRead} records read, ${s.recordsMatched} analysed, ${s.stats.bucket_count} buckets of ${s.bucketSpanSeconds} s, ` +
      `${s.resultsWritten} result documents; records by severity: critical ${s.countsBySeverity.critical}, major ${s.countsBySeverity.major}, ` +
      `minor ${s.countsBySeverity.minor}, warning ${s.countsBySeverity.warning}`,
  ];
  if (s.stats.late_record_count > 0) lines.push(`${s.stats.late_record_count} records arrived later than the latency window and were not analysed`);
  if (s.stats.missing_field_count > 0) lines.push(`${s.stats.missing_field_count} records lacked a field the detectors need`);
  const mss = s.stats.model_size_stats;
  if (mss.memory_status !== 'ok') lines.push(`memory status ${mss.memory_status}: ${mss.bucket_allocation_failures_count} new series refused`);
  if (s.badRecords.count > 0) {
    lines.push(`${s.badRecords.count} malformed input records skipped; first ones:`);
    for (const b of s.badRecords.first) lines.push(`  ${s.badRecords.format(b)}`);
  }
  return lines.join('\n');
}
