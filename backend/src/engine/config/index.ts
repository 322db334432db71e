/** Job config: wire types, JSON Schema validation, the camelCase analysis plan, units, and the pipeline grammar. */
export * from './jobConfigTypes';
export { validateJobConfig, configWarnings } from './validateJobConfig';
export { toAnalysisPlan, describeDetector } from './analysisPlan';
export type { AnalysisPlan, DetectorPlan, CustomRulePlan, RuleConditionPlan, RuleScopePlan } from './analysisPlan';
export { parseDuration, parseByteSize, formatDuration } from './units';
export { functionSpec, functionNames, canonicalFunctionName, ML_CATEGORY_FIELD } from './functions';
export type { FunctionSpec, FunctionFamily, FunctionSide } from './functions';
export { parsePipeline } from './grammar/parsePipeline';
export type { ParsedPipeline, PipelineParseResult, AutodetectCommand } from './grammar/parsePipeline';
export { caretLine, formatPipelineError } from './grammar/tokens';
export type { PipelineError } from './grammar/tokens';
export type { SearchClause, SearchNode, SourceSelector } from './grammar/searchParser';
export { toOpenSearchQuery, octetWildcardToCidr, unknownSearchFields } from './openSearchQuery';
export type { OpenSearchQueryOptions, OpenSearchSearch, QueryDsl } from './openSearchQuery';
export { resolveJobConfig } from './resolveJobConfig';
export type { ResolvedJobConfig, ConfigProblem } from './resolveJobConfig';
export { jobConfigSchema } from './jobConfigSchema';
