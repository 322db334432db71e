/** The search/eval pipeline: parse the one-line grammar, then filter and enrich records. */
export { parsePipeline } from '../engine/config/grammar/parsePipeline';
export type { ParsedPipeline, PipelineParseResult, AutodetectCommand } from '../engine/config/grammar/parsePipeline';
export { caretLine, formatPipelineError } from '../engine/config/grammar/tokens';
export type { PipelineError } from '../engine/config/grammar/tokens';
export type { SearchClause, SearchNode, SourceSelector } from '../engine/config/grammar/searchParser';
export { compilePipeline } from './compilePipeline';
export type { CompiledPipeline } from './compilePipeline';
export { compileSearch } from './searchMatcher';
export { compileEvals, compileExpr } from './evalRuntime';
export { formatNumber } from './values';
