/**
 * One analysis over files: readers → search filter and evals → AnomalyJob → NDJSON / HTML report sinks,
 * with progress on stderr and bounded memory (results are drained as buckets finalise).
 * Shared by `vigil analyze` and `vigil demo`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { functionSpec, parseDuration, type JobConfig } from '../engine/config';
import { fieldNumber } from '../engine/bucketing/seriesSplit';
import { AnomalyJob, type JobStats, type ResultDocument } from '../engine/job';
import { BadRecordLog, fieldOf, type FieldValue } from '../engine/types';
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
  /** Fields the detectors read, with how many analysed records lacked each (null, absent, or not a number where one is needed). */
  missingFields: Array<{ field: string; numeric: boolean; records: number }>;
  /** The largest lateness seen (ms behind the latest earlier record), and the latency used. */
  maxLatenessMs: number;
  latencyMs: number;
}

/** Refuses outputs that would overwrite an input (or each other) before anything is read or written. */
export function checkOutputPaths(inputs: string[], outputs: Array<string | undefined>): void {
  const real = (f: string): string => {
    try {
      return fs.realpathSync(f);
    } catch {
      return path.resolve(f);
    }
  };
  const inputSet = new Set(inputs.map(real));
  const seen = new Set<string>();
  for (const out of outputs) {
    if (out === undefined) continue;
    const r = real(out);
    if (inputSet.has(r)) throw new Error(`the output ${out} is also an input: choose another file name`);
    if (seen.has(r)) throw new Error(`--out and --report name the same file ${out}`);
    seen.add(r);
  }
}

/**
 * A file written under a temporary name and renamed into place when complete, so a failed run leaves no half file
 * and two runs writing the same name never interleave. Opening it checks at once that the folder is writable.
 */
class AtomicOutput {
  readonly tmp: string;
  constructor(readonly target: string) {
    this.tmp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    try {
      fs.writeFileSync(this.tmp, '');
    } catch (e) {
      throw new Error(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  commit(): void {
    fs.renameSync(this.tmp, this.target);
  }
  discard(): void {
    fs.rmSync(this.tmp, { force: true });
  }
}

interface NeededField {
  field: string;
  /** True when the detectors need a number there (metric functions' field_name). */
  numeric: boolean;
}

/** The fields the detectors of a config read (field, by, over, partition), categorisation's `mlcategory` aside. */
function detectorFields(config: JobConfig): NeededField[] {
  const byName = new Map<string, NeededField>();
  const add = (field: string | undefined, numeric: boolean): void => {
    if (!field || field === 'mlcategory') return;
    const prev = byName.get(field);
    byName.set(field, { field, numeric: numeric || (prev?.numeric ?? false) });
  };
  for (const d of config.analysis_config.detectors) {
    add(d.field_name, functionSpec(d.function)?.family === 'metric');
    for (const f of [d.by_field_name, d.over_field_name, d.partition_field_name]) add(f, false);
  }
  add(config.analysis_config.categorization_field_name, false);
  return [...byName.values()];
}

function lacks(v: FieldValue | undefined, numeric: boolean): boolean {
  if (v === null || v === undefined) return true;
  return numeric && fieldNumber(v) === null;
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

  checkOutputPaths(opts.inputs, [opts.out, opts.report]);
  const latencyMs = parseDuration(ac.latency);
  const job = new AnomalyJob(config.job_id, config);
  const outFile = opts.out ? new AtomicOutput(opts.out) : null;
  let reportFile: AtomicOutput | null = null;
  try {
    reportFile = opts.report ? new AtomicOutput(opts.report) : null;
  } catch (e) {
    outFile?.discard();
    throw e;
  }
  const sink = outFile ? new NdjsonSink(outFile.tmp) : null;
  const report = opts.report ? new HtmlReportBuilder() : null;
  const top = new TopRecords(opts.top ?? 15);
  const counts: Record<string, number> = { critical: 0, major: 0, minor: 0, warning: 0, low: 0 };
  const badRecords = new BadRecordLog();
  const needed = detectorFields(config);
  const missing = new Array<number>(needed.length).fill(0);
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
  let latestMs = -Infinity;
  let maxLatenessMs = 0;
  try {
    for (const file of opts.inputs) {
      const stream = openRecords(file, { ...opts.reader, timeField, badRecords });
      for await (const { record } of stream) {
        read++;
        if (!spec.filter(record)) continue;
        spec.evaluate(record);
        matched++;
        if (record.time > latestMs) latestMs = record.time;
        else if (latestMs - record.time > maxLatenessMs) maxLatenessMs = latestMs - record.time;
        for (let i = 0; i < needed.length; i++) {
          if (lacks(fieldOf(record.fields, needed[i].field), needed[i].numeric)) missing[i]++;
        }
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
    if (report && reportFile) {
      fs.writeFileSync(reportFile.tmp, report.render({
        title: `Vigil: ${config.job_id}`,
        inputs: opts.inputs,
        analysis: spec.description,
        bucketSpanSeconds: bucketSpanMs / 1000,
      }));
    }
    outFile?.commit();
    reportFile?.commit();
  } catch (e) {
    outFile?.discard();
    reportFile?.discard();
    throw e;
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
    missingFields: needed.map((n, i) => ({ ...n, records: missing[i] })).filter((m) => m.records > 0),
    maxLatenessMs,
    latencyMs,
  };
}

function safeSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** A duration in the largest whole unit that fits (for suggestions like `--latency 2h`). */
function roundUpDuration(ms: number): string {
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  for (const [u, size] of units) if (ms >= size) return `${Math.ceil(ms / size)}${u}`;
  return '1s';
}

/** The summary lines printed on stderr after a run. */
export function formatRunSummary(s: RunAnalysisSummary): string {
  const late = s.stats.late_record_count;
  const lines = [
    `${s.jobId}: ${s.recordsRead} records read, ${s.recordsMatched} matched the search, ${s.recordsMatched - late} analysed, ` +
      `${s.stats.bucket_count} buckets of ${s.bucketSpanSeconds} s, ${s.resultsWritten} result documents; records by severity: ` +
      `critical ${s.countsBySeverity.critical}, major ${s.countsBySeverity.major}, minor ${s.countsBySeverity.minor}, warning ${s.countsBySeverity.warning}`,
  ];
  if (s.recordsRead === 0) lines.push('warning: the input holds no records');
  else if (s.recordsMatched === 0) lines.push('warning: no record matched the search terms');
  if (late > 0) {
    lines.push(`${late} records came more than the latency window (${roundUpDuration(s.latencyMs)}) after later records and were not analysed; ` +
      `the input is out of time order by up to ${roundUpDuration(s.maxLatenessMs)}: rerun with --latency ${roundUpDuration(s.maxLatenessMs)} to analyse them`);
  }
  for (const m of s.missingFields) {
    lines.push(`${m.records} of ${s.recordsMatched} records have no ${m.numeric ? 'numeric ' : ''}value for "${m.field}"` +
      (m.records === s.recordsMatched ? ' (none has it: check the field name and the format)' : ''));
  }
  if (s.stats.skipped_bucket_count > 0) {
    const spans = s.stats.skipped_spans;
    const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
    const shown = spans.slice(-3).map((sp) => `${iso(sp.start)} → ${iso(sp.end)}`).join(', ');
    lines.push(`the input has gaps in time: ${s.stats.skipped_bucket_count} empty buckets were skipped without results ` +
      `(${spans.length} gap${spans.length === 1 ? '' : 's'}${spans.length > 3 ? ', latest' : ''}: ${shown}); check the time field and its unit (--time-format)`);
  }
  if (s.stats.over_bucket_limit_count > 0) {
    lines.push(`${s.stats.over_bucket_limit_count} records lie beyond the limit of 1,000,000 buckets from the start and were not analysed`);
  }
  const mss = s.stats.model_size_stats;
  if (mss.memory_status !== 'ok') lines.push(`memory status ${mss.memory_status}: ${mss.bucket_allocation_failures_count} new series refused`);
  if (s.badRecords.count > 0) {
    lines.push(`${s.badRecords.count} malformed input records skipped; first ones:`);
    for (const b of s.badRecords.first) lines.push(`  ${s.badRecords.format(b)}`);
  }
  return lines.join('\n');
}
