/**
 * A parsed pipeline made runnable: the record filter (search terms), the eval steps (in place), the
 * validated job config of its autodetect command, and the source selectors a file input ignores.
 */
import type { ParsedPipeline } from '../engine/config/grammar/parsePipeline';
import type { SourceSelector } from '../engine/config/grammar/searchParser';
import type { JobConfig } from '../engine/config/jobConfigTypes';
import { validateJobConfig } from '../engine/config/validateJobConfig';
import type { EventRecord } from '../engine/types';
import { compileEvals } from './evalRuntime';
import { compileSearch } from './searchMatcher';

export interface CompiledPipeline {
  /** The job config of the autodetect command (with `search` = the pipeline text); null without autodetect. */
  jobConfig: JobConfig | null;
  /** True when the record passes the search terms (before any eval). */
  filter(record: EventRecord): boolean;
  /** Adds the eval fields to the record, in place. */
  evaluate(record: EventRecord): void;
  /** `index=` / `sourcetype=` terms: for an OpenSearch source; a file input ignores them. */
  sourceSelectors: SourceSelector[];
}

/** Throws (one line per problem) only when the job id is not a valid job id. */
export function compilePipeline(parsed: ParsedPipeline, options: { jobId: string }): CompiledPipeline {
  let jobConfig: JobConfig | null = null;
  if (parsed.autodetect) {
    const result = validateJobConfig({ job_id: options.jobId, analysis_config: parsed.autodetect.analysisConfig, search: parsed.text });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    jobConfig = result.config;
  }
  const matches = compileSearch(parsed.search.filter);
  const update = compileEvals(parsed.evals);
  return {
    jobConfig,
    filter: (record) => matches(record.fields),
    evaluate: (record) => update(record.fields),
    sourceSelectors: parsed.search.selectors,
  };
}
