/**
 * Prelert's detector grammar → Elastic detectors (conventions §3):
 * - `fn(x) by F` (metric, count): `{fn, field_name: x, by_field_name: F}`;
 * - `rare(x) by F` (and rare_count, freq_rare, freq_rare_count): `{rare, by_field_name: x, partition_field_name: F}`;
 * - `population_fn(x) by F`: as `fn(x) over F` (rare family: `{rare, by_field_name: x, over_field_name: F}`);
 * - a bare field `x`: `metric(x)`;
 * - `partitionfield=P` before the detectors, or after the last one, sets every detector's partition
 *   (a detector's own `partitionfield=` before a comma wins);
 * - in a list, a population detector written without `by` takes the `by` of the list's last detector
 *   (`population_rare(a), population_distinct_count(b) by src`: src is the population of both).
 */
import { ML_CATEGORY_FIELD } from '../functions';
import type { AnalysisConfig, DetectorConfig } from '../jobConfigTypes';
import type { GrammarAutodetect, GrammarDetector, Located } from './autodetectParser';
import { PipelineSyntaxError } from './tokens';

/** The field categorised when a detector uses `mlcategory` and no `categorizationfield=` is given. */
export const DEFAULT_CATEGORIZATION_FIELD = 'message';

/** Functions whose argument names the values to find rare: it becomes by_field_name. */
function argumentIsByField(d: GrammarDetector): boolean {
  return d.spec.needsBy && d.spec.fieldName === 'forbidden';
}

function mapDetector(d: GrammarDetector, partition: Located<string> | undefined): DetectorConfig {
  const out: DetectorConfig = { function: d.spec.name };
  const name = d.written;
  if (d.population) {
    if (!d.by) throw new PipelineSyntaxError(`${name} needs "by F" naming the population`, d.column);
    if (d.over) throw new PipelineSyntaxError(`${name} takes its population from "by"; write ${d.spec.name}(…) by … over … instead`, d.over.column);
  }
  if (argumentIsByField(d)) {
    if (d.argument) {
      out.by_field_name = d.argument.value;
      if (d.population) out.over_field_name = d.by?.value;
      else if (d.by) out.partition_field_name = d.by.value;
    } else {
      if (!d.by) throw new PipelineSyntaxError(`${name} needs the field whose rare values it finds: ${name}(field) or ${name} by field`, d.column);
      if (d.population) throw new PipelineSyntaxError(`write the rare field in parentheses: ${name}(field) by population`, d.column);
      out.by_field_name = d.by.value;
    }
    if (d.over) out.over_field_name = d.over.value;
  } else {
    if (d.argument) out.field_name = d.argument.value;
    if (d.population) out.over_field_name = d.by?.value;
    else {
      if (d.by) out.by_field_name = d.by.value;
      if (d.over) out.over_field_name = d.over.value;
    }
  }
  if (partition) {
    if (out.partition_field_name !== undefined && out.partition_field_name !== partition.value) {
      throw new PipelineSyntaxError(
        `${name}(…) by ${out.partition_field_name} already partitions by ${out.partition_field_name}; partitionfield=${partition.value} conflicts`,
        partition.column,
      );
    }
    out.partition_field_name = partition.value;
  }
  if (d.excludeFrequent) out.exclude_frequent = d.excludeFrequent.value;
  if (d.useNull) out.use_null = d.useNull.value;
  return out;
}

/** The default influencers: every by/over/partition field of the detectors, in order of appearance. */
export function splitFieldsOf(detectors: DetectorConfig[]): string[] {
  const fields: string[] = [];
  for (const d of detectors) {
    for (const f of [d.by_field_name, d.over_field_name, d.partition_field_name]) {
      if (f !== undefined && !fields.includes(f)) fields.push(f);
    }
  }
  return fields;
}

/** The analysis_config of an autodetect command (not yet validated). */
export function toAnalysisConfig(command: GrammarAutodetect): AnalysisConfig {
  const list = command.detectors;
  const last = list[list.length - 1];
  const trailingPartition = list.length > 1 ? last.partitionField : undefined;
  const detectors = list.map((d) => {
    const withBy = d.population && !d.by && d !== last && last.by ? { ...d, by: last.by } : d;
    return mapDetector(withBy, d.partitionField ?? trailingPartition ?? command.options.partitionField);
  });
  const o = command.options;
  const config = {} as AnalysisConfig;
  if (o.bucketSpan) config.bucket_span = o.bucketSpan.value;
  if (o.latency) config.latency = o.latency.value;
  config.detectors = detectors;
  config.influencers = o.influencers ? o.influencers.value : splitFieldsOf(detectors);
  if (o.summaryCountField) config.summary_count_field_name = o.summaryCountField.value;
  if (o.perPartitionCategorization) config.per_partition_categorization = { enabled: o.perPartitionCategorization.value };
  if (o.categorizationField) config.categorization_field_name = o.categorizationField.value;
  else if (usesCategories(config)) {
    config.categorization_field_name = DEFAULT_CATEGORIZATION_FIELD;
    command.notes.push(
      `autodetect: "${ML_CATEGORY_FIELD}" is used without categorizationfield=; categorising the field "${DEFAULT_CATEGORIZATION_FIELD}"`,
    );
  }
  return config;
}

function usesCategories(config: AnalysisConfig): boolean {
  return (
    (config.influencers ?? []).includes(ML_CATEGORY_FIELD) ||
    config.detectors.some((d) => [d.field_name, d.by_field_name, d.over_field_name, d.partition_field_name].includes(ML_CATEGORY_FIELD))
  );
}
