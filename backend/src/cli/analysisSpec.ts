/**
 * Turns the analyze flags (`--search`, `--detect`, `--job`, `--bucket-span`, `--time-field`, `--latency`) into one
 * validated job config plus the record filter and eval steps. Pure apart from reading the `--job` file.
 */
import * as fs from 'fs';
import { parseDuration, validateJobConfig, type JobConfig } from '../engine/config';
import type { EventRecord } from '../engine/types';
import { compilePipeline, formatPipelineError, parsePipeline } from '../pipeline';

export interface AnalysisFlags {
  search?: string;
  detect?: string;
  job?: string;
  bucketSpan?: string;
  timeField?: string;
  latency?: string;
  jobId?: string;
  /** Enable model plot documents (for the HTML report's charts). */
  modelPlot?: boolean;
}

export interface AnalysisSpec {
  config: JobConfig;
  /** The text shown as "analysis" in reports. */
  description: string;
  filter(record: EventRecord): boolean;
  evaluate(record: EventRecord): void;
  notes: string[];
  /** True when --bucket-span auto was asked and the span must come from the data. */
  autoBucketSpan: boolean;
}

export class AnalysisSpecError extends Error {}

const DETECT_PREFIX = 'autodetect ';

function fromPipeline(text: string, jobId: string, shownText: string, columnShift: number): {
  config: JobConfig; filter: AnalysisSpec['filter']; evaluate: AnalysisSpec['evaluate']; notes: string[]; explicitSpan: boolean;
} {
  const parsed = parsePipeline(text);
  if (!parsed.ok) {
    const err = { ...parsed.error, column: Math.max(1, parsed.error.column - columnShift) };
    throw new AnalysisSpecError(formatPipelineError(shownText, err));
  }
  if (!parsed.pipeline.autodetect) {
    throw new AnalysisSpecError(`the pipeline has no autodetect command: add "| autodetect <detectors>" (e.g. "| autodetect count by src")`);
  }
  const compiled = compilePipeline(parsed.pipeline, { jobId });
  const config = compiled.jobConfig as JobConfig;
  const explicitSpan = /\bbucketspan\s*=/i.test(text);
  return { config, filter: compiled.filter, evaluate: compiled.evaluate, notes: parsed.notes, explicitSpan };
}

/** Builds the job config from exactly one of --search, --detect, --job, applying the other flags. */
export function buildAnalysisSpec(flags: AnalysisFlags): AnalysisSpec {
  const given = [flags.search, flags.detect, flags.job].filter((x) => x !== undefined).length;
  if (given !== 1) throw new AnalysisSpecError('give exactly one of --search <pipeline>, --detect <detectors>, --job <job.json>');
  const jobId = flags.jobId ?? 'analyze';
  let config: JobConfig;
  let description: string;
  let filter: AnalysisSpec['filter'] = () => true;
  let evaluate: AnalysisSpec['evaluate'] = () => undefined;
  let notes: string[] = [];
  let explicitSpan: boolean;

  if (flags.search !== undefined) {
    const r = fromPipeline(flags.search, jobId, flags.search, 0);
    ({ config, filter, evaluate, notes, explicitSpan } = r);
    description = flags.search;
  } else if (flags.detect !== undefined) {
    const r = fromPipeline(DETECT_PREFIX + flags.detect, jobId, flags.detect, DETECT_PREFIX.length);
    ({ config, notes, explicitSpan } = r);
    description = flags.detect;
  } else {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(flags.job as string, 'utf8'));
    } catch (e) {
      throw new AnalysisSpecError(`cannot read job config ${flags.job}: ${(e as Error).message}`);
    }
    if (json && typeof json === 'object' && !('job_id' in json)) (json as Record<string, unknown>).job_id = jobId;
    const result = validateJobConfig(json);
    if (!result.ok) throw new AnalysisSpecError(`invalid job config ${flags.job}:\n  ${result.errors.join('\n  ')}`);
    config = result.config;
    description = `job ${config.job_id} (${flags.job})`;
    explicitSpan = config.analysis_config.bucket_span !== undefined;
    if (config.search) {
      const r = fromPipeline(config.search, config.job_id, config.search, 0);
      filter = r.filter;
      evaluate = r.evaluate;
      notes = r.notes;
    }
  }

  config = structuredClone(config);
  const ac = config.analysis_config;
  let autoBucketSpan = false;
  if (flags.bucketSpan !== undefined) {
    if (flags.bucketSpan === 'auto') {
      if (!explicitSpan) autoBucketSpan = true;
    } else {
      const wanted = parseDuration(flags.bucketSpan);
      if (explicitSpan && ac.bucket_span !== undefined && parseDuration(ac.bucket_span) !== wanted) {
        notes.push(`note: the pipeline's bucketspan (${ac.bucket_span}) differs from --bucket-span ${flags.bucketSpan}; using the pipeline's`);
      } else {
        ac.bucket_span = flags.bucketSpan;
      }
    }
  }
  if (flags.latency !== undefined) ac.latency = flags.latency;
  if (flags.timeField !== undefined) config.data_description = { ...(config.data_description ?? {}), time_field: flags.timeField };
  if (flags.modelPlot) config.model_plot_config = { ...(config.model_plot_config ?? {}), enabled: true };
  const check = validateJobConfig(config);
  if (!check.ok) throw new AnalysisSpecError(`invalid analysis:\n  ${check.errors.join('\n  ')}`);
  return { config: check.config, description, filter, evaluate, notes, autoBucketSpan };
}

/** Nice bucket spans (seconds) for --bucket-span auto. */
const NICE_SPANS_S = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * --bucket-span auto: a regular series (most gaps equal) keeps its row interval; event data gets the smallest nice
 * span that holds about 20 events on average, at least 5 minutes... unless the data is shorter than a day.
 */
export function chooseBucketSpanSeconds(times: number[]): number {
  const sorted = times.filter(Number.isFinite).slice().sort((a, b) => a - b);
  if (sorted.length < 3) return 300;
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i] - sorted[i - 1]);
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 300;
  const median = positive[Math.floor(positive.length / 2)];
  const regular = gaps.filter((g) => Math.abs(g - median) <= median * 0.01).length / gaps.length;
  if (regular >= 0.8 && median >= 1000) return Math.round(median / 1000);
  const duration = (sorted[sorted.length - 1] - sorted[0]) / 1000;
  const ratePerS = sorted.length / Math.max(duration, 1);
  const minimum = duration >= 86400 ? 300 : 60;
  for (const s of NICE_SPANS_S) if (s >= minimum && s * ratePerS >= 20) return s;
  return NICE_SPANS_S[NICE_SPANS_S.length - 1];
}
