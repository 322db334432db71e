/**
 * The one-line pipeline: `[search terms] [| eval …]* [| autodetect …]`, where a pipeline may also start
 * directly with `eval` or `autodetect` (`prelertautodetect` is an alias). Returns the parsed commands,
 * the validated analysis_config of the autodetect command, and notes for stderr; or the first error
 * with its 1-based column.
 */
import type { AnalysisConfig } from '../jobConfigTypes';
import { didYouMean } from '../suggest';
import { configWarnings, validateJobConfig } from '../validateJobConfig';
import { parseAutodetect, type GrammarAutodetect } from './autodetectParser';
import { toAnalysisConfig } from './detectorMapping';
import type { EvalCommand } from './evalAst';
import { parseEval } from './evalParser';
import { splitSegments, tokenize } from './lexer';
import { parseSearch, type SearchClause } from './searchParser';
import { PipelineSyntaxError, type PipelineError } from './tokens';

export interface AutodetectCommand {
  column: number;
  /** Validated against the job config schema (with a placeholder job id). */
  analysisConfig: AnalysisConfig;
  /** Column of each detector, in detector order. */
  detectorColumns: number[];
}

export interface ParsedPipeline {
  text: string;
  search: SearchClause;
  evals: EvalCommand[];
  autodetect: AutodetectCommand | null;
}

export type PipelineParseResult =
  | { ok: true; pipeline: ParsedPipeline; notes: string[] }
  | { ok: false; error: PipelineError; errors: PipelineError[]; notes: string[] };

type CommandName = 'search' | 'eval' | 'autodetect';
const commandNames: Record<string, CommandName> = {
  search: 'search',
  eval: 'eval',
  autodetect: 'autodetect',
  prelertautodetect: 'autodetect',
};

class CommandError extends Error {
  constructor(readonly errors: PipelineError[]) {
    super(errors[0].message);
  }
}

function fail(command: string, e: PipelineSyntaxError): CommandError {
  return new CommandError([{ message: `${command}: ${e.reason} at column ${e.column}${e.hint}`, column: e.column }]);
}

/** The column of each option, keyed by the analysis_config key it sets. */
function optionColumns(grammar: GrammarAutodetect): Record<string, number | undefined> {
  const o = grammar.options;
  return {
    bucket_span: o.bucketSpan?.column,
    latency: o.latency?.column,
    influencers: o.influencers?.column,
    summary_count_field_name: o.summaryCountField?.column,
    categorization_field_name: o.categorizationField?.column,
    per_partition_categorization: o.perPartitionCategorization?.column,
  };
}

/** Validation errors of the mapped analysis_config, each placed at its detector's or option's column. */
function validateAnalysis(config: AnalysisConfig, grammar: GrammarAutodetect): PipelineError[] {
  const result = validateJobConfig({ job_id: 'pipeline', analysis_config: config });
  if (result.ok) return [];
  const options = optionColumns(grammar);
  return result.errors.map((error) => {
    const detector = /^analysis_config\.detectors\[(\d+)\][^:]*: (.*)$/.exec(error);
    if (detector) {
      const column = grammar.detectors[Number(detector[1])].column;
      return { message: `autodetect: ${detector[2]} at column ${column}`, column };
    }
    const key = /^analysis_config\.([a-z_]+)/.exec(error)?.[1] ?? '';
    const column = options[key] ?? grammar.column;
    return { message: `autodetect: ${error} at column ${column}`, column };
  });
}

function parseOrThrow(text: string, notes: string[]): ParsedPipeline {
  let segments;
  try {
    segments = splitSegments(text);
  } catch (e) {
    if (e instanceof PipelineSyntaxError) throw fail('pipeline', e);
    throw e;
  }
  const pipeline: ParsedPipeline = { text, search: { selectors: [], filter: null }, evals: [], autodetect: null };
  segments.forEach((segment, index) => {
    const head = /^(\s*)(\S*)/.exec(segment.text) as RegExpExecArray;
    const word = head[2];
    const column = segment.offset + head[1].length + 1;
    let command = commandNames[word.toLowerCase()];
    let bodyStart = head[0].length;
    if (index === 0 && command === undefined) {
      command = 'search';
      bodyStart = 0;
    }
    if (command === undefined) {
      const message = word === '' ? 'empty command between "|"' : `unknown command "${word}"`;
      const hint = word === '' ? '' : didYouMean(word.toLowerCase(), Object.keys(commandNames));
      throw fail('pipeline', new PipelineSyntaxError(message, column, hint));
    }
    if (pipeline.autodetect) throw fail(command, new PipelineSyntaxError('autodetect must be the last command', column));
    const body = segment.text.slice(bodyStart);
    const base = segment.offset + bodyStart;
    try {
      if (command === 'search') {
        if (index > 0) throw new PipelineSyntaxError('search terms go before the first "|"', column);
        pipeline.search = parseSearch(tokenize(body, base, 'search'));
      } else if (command === 'eval') {
        const parsed = parseEval(tokenize(body, base, 'eval'), column);
        pipeline.evals.push(parsed.command);
        notes.push(...parsed.notes);
      } else {
        const grammar = parseAutodetect(tokenize(body, base, 'autodetect'), column);
        const analysisConfig = toAnalysisConfig(grammar);
        notes.push(...grammar.notes);
        const errors = validateAnalysis(analysisConfig, grammar);
        if (errors.length) throw new CommandError(errors);
        const span = grammar.options.bucketSpan;
        if (span && configWarnings({ job_id: 'pipeline', analysis_config: analysisConfig }).length > 0) {
          notes.push(
            `autodetect: bucketspan=${span.value} at column ${span.column} does not divide a day; daily patterns line up best with spans that do (5m, 10m, 15m, 1h, …)`,
          );
        }
        pipeline.autodetect = { column, analysisConfig, detectorColumns: grammar.detectors.map((d) => d.column) };
      }
    } catch (e) {
      if (e instanceof PipelineSyntaxError) throw fail(command, e);
      throw e;
    }
  });
  return pipeline;
}

/** Parses a pipeline; never throws on bad input (the error carries message and column). */
export function parsePipeline(text: string): PipelineParseResult {
  const notes: string[] = [];
  try {
    return { ok: true, pipeline: parseOrThrow(text, notes), notes };
  } catch (e) {
    if (e instanceof CommandError) return { ok: false, error: e.errors[0], errors: e.errors, notes };
    throw e;
  }
}
