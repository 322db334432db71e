/**
 * Cross-field rules of a job config that JSON Schema cannot say well: known functions (with "did you
 * mean"), what each function needs, rule scopes, categorisation, durations. Runs after the schema passed.
 */
import { functionAliases, functionNames, functionSpec, ML_CATEGORY_FIELD } from './functions';
import type { DetectorConfig, JobConfig } from './jobConfigTypes';
import { childPath } from './schemaErrors';
import { didYouMean } from './suggest';
import { parseByteSize, parseDuration } from './units';

const knownFunctionNames = [...functionNames, ...Object.keys(functionAliases)];

function checkDetector(detector: DetectorConfig, path: string, config: JobConfig, errors: string[]): void {
  const spec = functionSpec(detector.function);
  if (!spec) {
    errors.push(`${path}.function: unknown function "${detector.function}"${didYouMean(detector.function, knownFunctionNames)}`);
    return;
  }
  const fn = detector.function;
  if (spec.fieldName === 'required' && detector.field_name === undefined) {
    errors.push(`${path}.field_name: function "${fn}" needs a field_name`);
  }
  if (spec.fieldName === 'forbidden' && detector.field_name !== undefined) {
    const hint = spec.family === 'rare' ? ' (the rare values are those of by_field_name)' : '';
    errors.push(`${path}.field_name: function "${fn}" takes no field_name${hint}`);
  }
  if (spec.needsBy && detector.by_field_name === undefined) {
    errors.push(`${path}.by_field_name: function "${fn}" needs a by_field_name (the field whose rare values it finds)`);
  }
  if (spec.needsOver && detector.over_field_name === undefined) {
    errors.push(`${path}.over_field_name: function "${fn}" needs an over_field_name (the population)`);
  }
  if (!spec.allowsOver && detector.over_field_name !== undefined) {
    errors.push(`${path}.over_field_name: function "${fn}" has no population variant; remove over_field_name`);
  }
  if (!spec.allowsSummaryCount && config.analysis_config.summary_count_field_name !== undefined) {
    errors.push(`${path}.function: function "${fn}" cannot be used with analysis_config.summary_count_field_name`);
  }
  const splits: [string, string | undefined][] = [
    ['by_field_name', detector.by_field_name],
    ['over_field_name', detector.over_field_name],
    ['partition_field_name', detector.partition_field_name],
  ];
  for (let i = 0; i < splits.length; i++) {
    for (let j = i + 1; j < splits.length; j++) {
      if (splits[i][1] !== undefined && splits[i][1] === splits[j][1]) {
        errors.push(`${path}.${splits[j][0]}: "${splits[j][1]}" is already the ${splits[i][0]}; the split fields must differ`);
      }
    }
  }
  if (detector.exclude_frequent === 'by' && detector.by_field_name === undefined) {
    errors.push(`${path}.exclude_frequent: "by" needs a by_field_name`);
  }
  if (detector.exclude_frequent === 'over' && detector.over_field_name === undefined) {
    errors.push(`${path}.exclude_frequent: "over" needs an over_field_name`);
  }
  const splitFields = splits.map(([, value]) => value).filter((v): v is string => v !== undefined);
  (detector.custom_rules ?? []).forEach((rule, r) => {
    const rulePath = `${path}.custom_rules[${r}]`;
    if ((rule.conditions ?? []).length === 0 && Object.keys(rule.scope ?? {}).length === 0) {
      errors.push(`${rulePath}: a rule needs at least one condition or a scope`);
    }
    if ((rule.conditions ?? []).length > 0 && spec.family === 'rare') {
      errors.push(`${rulePath}.conditions: function "${fn}" has no actual or typical value to compare; rules on it take a scope only`);
    }
    for (const [field, scope] of Object.entries(rule.scope ?? {})) {
      const scopePath = childPath(`${rulePath}.scope`, field);
      if (!splitFields.includes(field)) {
        const options = splitFields.length ? `one of ${splitFields.join(', ')}` : 'none: the detector has no by/over/partition field';
        errors.push(`${scopePath}: "${field}" is not a by/over/partition field of this detector (${options})`);
      }
      if (!config.filters || !(scope.filter_id in config.filters)) {
        const known = Object.keys(config.filters ?? {});
        errors.push(`${scopePath}.filter_id: no filter "${scope.filter_id}" in filters${didYouMean(scope.filter_id, known)}`);
      }
    }
  });
}

function usesCategory(detector: DetectorConfig): boolean {
  return [detector.field_name, detector.by_field_name, detector.over_field_name, detector.partition_field_name].includes(
    ML_CATEGORY_FIELD,
  );
}

/** Longest bucket span or latency accepted: a year. */
const MAX_DURATION_MS = 365 * 86_400_000;

function checkDuration(value: string | number | undefined, path: string, minMs: number, errors: string[]): void {
  if (value === undefined) return;
  const ms = parseDuration(value);
  if (ms < minMs) errors.push(`${path}: must be at least ${minMs / 1000}s, not ${JSON.stringify(value)}`);
  else if (!(ms <= MAX_DURATION_MS)) errors.push(`${path}: must be at most 365d, not ${JSON.stringify(value)}`);
  else if (minMs >= 1000 && ms % 1000 !== 0) errors.push(`${path}: must be a whole number of seconds, not ${JSON.stringify(value)}`);
}

function detectorKey(d: DetectorConfig): string {
  const fn = functionSpec(d.function)?.name ?? d.function;
  return JSON.stringify([fn, d.field_name, d.by_field_name, d.over_field_name, d.partition_field_name]);
}

/** Every cross-field problem of a schema-valid config, each naming its path. */
export function semanticErrors(config: JobConfig): string[] {
  const errors: string[] = [];
  const analysis = config.analysis_config;
  const seen = new Map<string, number>();
  analysis.detectors.forEach((detector, i) => {
    const path = `analysis_config.detectors[${i}]`;
    checkDetector(detector, path, config, errors);
    const key = detectorKey(detector);
    const first = seen.get(key);
    if (first !== undefined) errors.push(`${path}: duplicates analysis_config.detectors[${first}]`);
    else seen.set(key, i);
  });
  checkDuration(analysis.bucket_span, 'analysis_config.bucket_span', 1000, errors);
  checkDuration(analysis.latency, 'analysis_config.latency', 0, errors);
  const categoryDetectors = analysis.detectors.filter(usesCategory);
  const categoryInfluencer = (analysis.influencers ?? []).includes(ML_CATEGORY_FIELD);
  if ((categoryDetectors.length > 0 || categoryInfluencer) && analysis.categorization_field_name === undefined) {
    errors.push(`analysis_config.categorization_field_name: is required when a detector or influencer uses "${ML_CATEGORY_FIELD}"`);
  }
  if (analysis.per_partition_categorization?.enabled) {
    const partitions = new Set(categoryDetectors.map((d) => d.partition_field_name));
    if (partitions.size !== 1 || partitions.has(undefined)) {
      errors.push(
        'analysis_config.per_partition_categorization.enabled: every detector using "mlcategory" needs the same partition_field_name',
      );
    }
  }
  (analysis.categorization_filters ?? []).forEach((pattern, i) => {
    try {
      new RegExp(pattern);
    } catch (e) {
      errors.push(`analysis_config.categorization_filters[${i}]: invalid regular expression: ${(e as Error).message}`);
    }
  });
  const limit = config.analysis_limits?.model_memory_limit;
  if (limit !== undefined && parseByteSize(limit, 'mb') < 1024 * 1024) {
    errors.push(`analysis_limits.model_memory_limit: must be at least 1mb, not ${JSON.stringify(limit)}`);
  }
  const feed = config.datafeed_config;
  if (feed?.start !== undefined && feed.end !== undefined) {
    const start = typeof feed.start === 'number' ? feed.start : Date.parse(feed.start);
    const end = typeof feed.end === 'number' ? feed.end : Date.parse(feed.end);
    if (!(start < end)) errors.push(`datafeed_config.end: must be after datafeed_config.start`);
  }
  return errors;
}

/** Advice that does not make a config invalid (said on stderr or in the API's notes). */
export function configWarnings(config: JobConfig): string[] {
  const warnings: string[] = [];
  const span = config.analysis_config.bucket_span;
  if (span !== undefined) {
    const ms = parseDuration(span);
    if (ms > 0 && 86_400_000 % ms !== 0) {
      warnings.push(
        `analysis_config.bucket_span: ${JSON.stringify(span)} does not divide a day; daily patterns line up best with spans that do (5m, 10m, 15m, 1h, …)`,
      );
    }
  }
  return warnings;
}
