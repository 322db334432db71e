/**
 * Shared by the security benches: the brief's three pipelines verbatim, running one over files into
 * an NDJSON results file, reading its records back, and the JSON-line output.
 */
import * as fs from 'fs';
import * as readline from 'readline';
import { buildAnalysisSpec } from '../cli/analysisSpec';
import { runAnalysis, type RunAnalysisSummary } from '../cli/runAnalysis';
import type { SecurityRecord } from '../evaluation/security';
import type { PipelineName } from '../simulator/labels';

/** The brief's three searches, exactly as it prints them (issue 3); the simulator's labels name them by PipelineName. */
export const BRIEF_PIPELINES: Record<PipelineName, string> = {
  rare_outbound: 'dest!=10.* | eval dp=dest+":"+dest_port | autodetect rare(dp) by src',
  exfiltration: 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp',
  ids: 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src',
};

export const PIPELINE_ORDER: PipelineName[] = ['rare_outbound', 'exfiltration', 'ids'];

export interface PipelineRun {
  summary: RunAnalysisSummary;
  seconds: number;
}

/** Runs one brief pipeline over files; results go to `out` when given (else they are only counted). */
export async function runPipeline(name: PipelineName, inputs: string[], out: string | undefined, jobId: string): Promise<PipelineRun> {
  const spec = buildAnalysisSpec({ search: BRIEF_PIPELINES[name], jobId });
  const t0 = process.hrtime.bigint();
  const summary = await runAnalysis({ inputs, spec, reader: {}, out, progress: false });
  return { summary, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** The record documents of an NDJSON results file, with the fields scoring and diagnosis read. */
export async function readRecordResults(file: string): Promise<SecurityRecord[]> {
  const out: SecurityRecord[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"result_type":"record"')) continue;
    const d = JSON.parse(line) as SecurityRecord & Record<string, unknown>;
    out.push({
      timestamp: d.timestamp,
      record_score: d.record_score,
      initial_record_score: d.initial_record_score,
      function: d.function,
      detector_index: d.detector_index,
      probability: d.probability,
      actual: d.actual,
      typical: d.typical,
      by_field_value: d.by_field_value,
      over_field_value: d.over_field_value,
      partition_field_value: d.partition_field_value,
    });
  }
  return out;
}

export type Extra = Record<string, string | number | boolean | null>;

/** One JSON line `{"bench","metric","value","unit","n","median","min","max",...extra}` on stdout. */
export function emit(bench: string, metric: string, value: number, unit: string, extra: Extra = {}, n = 1): void {
  process.stdout.write(JSON.stringify({ bench, metric, value, unit, n, median: value, min: value, max: value, ...extra }) + '\n');
}

export function say(text: string): void {
  process.stderr.write(text + '\n');
}

/** A probability: two significant digits, exponential below 0.01. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '-';
  return p < 0.01 ? p.toExponential(1) : p.toFixed(3);
}

export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return '-';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1);
  return x.toFixed(digits);
}
