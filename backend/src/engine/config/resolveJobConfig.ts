/**
 * A job config from what a user sends (`PUT /api/jobs/{id}`, a job file): either an Elastic-compatible
 * config, or `{"search": "<pipeline>", …}` whose autodetect command gives the analysis_config. One
 * place for both, so the API, the scheduler and the CLI agree.
 * - `search` without `analysis_config`: the pipeline's autodetect gives analysis_config (errors carry
 *   the column); the other keys (description, datafeed_config, data_description, …) are kept.
 * - `search` with `analysis_config`: the config is used as given and the pipeline must still parse
 *   (its search and evals filter and enrich the records).
 * - `datafeed_config` without `indices` takes the pipeline's `index=` patterns.
 * The datafeed query is not filled in here: compiling the search needs the index mapping's field
 * types (`toOpenSearchQuery(search, {fieldTypes})`), which the scheduler reads.
 */
import { parsePipeline, type ParsedPipeline } from './grammar/parsePipeline';
import type { JobConfig } from './jobConfigTypes';
import { configWarnings, validateJobConfig } from './validateJobConfig';

export interface ConfigProblem {
  message: string;
  /** JSON path of the problem, when it is in the config. */
  path?: string;
  /** 1-based column in `search`, when it is in the pipeline. */
  column?: number;
}

export type ResolvedJobConfig =
  | { ok: true; config: JobConfig; pipeline: ParsedPipeline | null; notes: string[] }
  | { ok: false; errors: ConfigProblem[]; notes: string[] };

function problemOf(error: string): ConfigProblem {
  const colon = error.indexOf(': ');
  return colon > 0 ? { message: error, path: error.slice(0, colon) } : { message: error };
}

/** Resolves a request body into a validated job config; `jobId` (e.g. from the URL) is used when the body has none. */
export function resolveJobConfig(body: unknown, jobId: string): ResolvedJobConfig {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, errors: [{ message: '(job config): must be a JSON object' }], notes: [] };
  }
  const input = { ...(body as Record<string, unknown>) };
  if (input.job_id !== undefined && input.job_id !== jobId) {
    return { ok: false, errors: [{ message: `job_id: "${String(input.job_id)}" differs from the job id "${jobId}"`, path: 'job_id' }], notes: [] };
  }
  input.job_id = jobId;
  let pipeline: ParsedPipeline | null = null;
  const notes: string[] = [];
  if (input.search !== undefined) {
    if (typeof input.search !== 'string') return { ok: false, errors: [{ message: 'search: must be a string', path: 'search' }], notes };
    const parsed = parsePipeline(input.search);
    notes.push(...parsed.notes);
    if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ message: e.message, column: e.column })), notes };
    pipeline = parsed.pipeline;
    if (input.analysis_config === undefined) {
      if (!pipeline.autodetect) {
        const message = 'search: the pipeline has no autodetect command (add "| autodetect <detectors>") and there is no analysis_config';
        return { ok: false, errors: [{ message, path: 'search' }], notes };
      }
      input.analysis_config = pipeline.autodetect.analysisConfig;
    }
    const indices = pipeline.search.selectors.filter((s) => s.field === 'index').map((s) => s.value);
    const feed = input.datafeed_config;
    if (indices.length && feed && typeof feed === 'object' && !Array.isArray(feed) && !('indices' in feed)) {
      input.datafeed_config = { ...feed, indices };
    }
  }
  const result = validateJobConfig(input);
  if (!result.ok) return { ok: false, errors: result.errors.map(problemOf), notes };
  if (!pipeline?.autodetect || input.analysis_config !== pipeline.autodetect.analysisConfig) notes.push(...configWarnings(result.config));
  return { ok: true, config: result.config, pipeline, notes };
}
