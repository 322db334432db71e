/**
 * The catalogue of detector functions (engine-anchors §1.2): names, abbreviations, families and what
 * each needs (field_name, by_field_name, over_field_name). Facts from Elastic's documented functions;
 * the table is ours.
 */

export type FunctionFamily = 'count' | 'distinct_count' | 'rare' | 'info_content' | 'time' | 'metric' | 'geo';

/** Which tail of the feature is anomalous: high and low values, only high, or only low. */
export type FunctionSide = 'both' | 'high' | 'low';

export interface FunctionSpec {
  /** Canonical config name, e.g. `high_mean`. */
  name: string;
  family: FunctionFamily;
  /** The feature without its side, e.g. `mean` for `high_mean`, `count` for `low_count`. */
  base: string;
  side: FunctionSide;
  /** field_name must be given (`required`) or must not be given (`forbidden`). */
  fieldName: 'required' | 'forbidden';
  /** by_field_name must be given (the rare family). */
  needsBy: boolean;
  /** over_field_name must be given (freq_rare, freq_rare_count). */
  needsOver: boolean;
  /** A population (over) variant exists. */
  allowsOver: boolean;
  /** Allowed with summary_count_field_name (pre-aggregated input). */
  allowsSummaryCount: boolean;
}

const specs: FunctionSpec[] = [];

function add(
  base: string,
  family: FunctionFamily,
  sides: FunctionSide[],
  opts: Partial<Pick<FunctionSpec, 'fieldName' | 'needsBy' | 'needsOver' | 'allowsOver' | 'allowsSummaryCount'>>,
): void {
  for (const side of sides) {
    specs.push({
      name: side === 'both' ? base : `${side}_${base}`,
      family,
      base,
      side,
      fieldName: opts.fieldName ?? 'required',
      needsBy: opts.needsBy ?? false,
      needsOver: opts.needsOver ?? false,
      allowsOver: opts.allowsOver ?? true,
      allowsSummaryCount: opts.allowsSummaryCount ?? true,
    });
  }
}

const all: FunctionSide[] = ['both', 'high', 'low'];
const byBase = (name: string): FunctionSpec | undefined => specs.find((x) => x.name === name);
// Count family.
add('count', 'count', all, { fieldName: 'forbidden' });
add('non_zero_count', 'count', all, { fieldName: 'forbidden', allowsOver: false });
add('rare_non_zero_count', 'count', ['both'], { fieldName: 'forbidden', needsBy: true, allowsOver: false });
add('distinct_count', 'distinct_count', all, {});
// Rare family: the rare values are the by field's values.
add('rare', 'rare', ['both'], { fieldName: 'forbidden', needsBy: true });
add('rare_count', 'rare', ['both'], { fieldName: 'forbidden', needsBy: true });
add('freq_rare', 'rare', ['both'], { fieldName: 'forbidden', needsBy: true, needsOver: true });
add('freq_rare_count', 'rare', ['both'], { fieldName: 'forbidden', needsBy: true, needsOver: true });
// Information content.
add('info_content', 'info_content', all, {});
// Time of occurrence.
add('time_of_day', 'time', ['both'], { fieldName: 'forbidden' });
add('time_of_week', 'time', ['both'], { fieldName: 'forbidden' });
// Metric family.
add('metric', 'metric', ['both'], { allowsSummaryCount: false });
add('mean', 'metric', all, {});
add('median', 'metric', all, {});
// A minimum is anomalous when unusually low and a maximum when unusually high (one-sided, as in Elastic).
add('min', 'metric', ['both'], {});
add('max', 'metric', ['both'], {});
(byBase('min') as FunctionSpec).side = 'low';
(byBase('max') as FunctionSpec).side = 'high';
add('sum', 'metric', all, {});
add('non_null_sum', 'metric', all, { allowsOver: false });
add('varp', 'metric', all, {});
// Geographic.
add('lat_long', 'geo', ['both'], {});

const byName = new Map<string, FunctionSpec>(specs.map((s) => [s.name, s]));

/** Other names accepted for a function (abbreviations and `avg`), mapped to the canonical name. */
export const functionAliases: Readonly<Record<string, string>> = {
  c: 'count',
  nzc: 'non_zero_count',
  rnzc: 'rare_non_zero_count',
  dc: 'distinct_count',
  fr: 'freq_rare',
  frc: 'freq_rare_count',
  nns: 'non_null_sum',
  avg: 'mean',
  high_avg: 'high_mean',
  low_avg: 'low_mean',
};

/** Every canonical function name, in catalogue order. */
export const functionNames: readonly string[] = specs.map((s) => s.name);

/** The spec of a function by canonical name or alias; undefined when unknown. */
export function functionSpec(name: string): FunctionSpec | undefined {
  return byName.get(name) ?? byName.get(functionAliases[name] ?? '');
}

/** The canonical name of a function or alias (the input itself when unknown). */
export function canonicalFunctionName(name: string): string {
  return functionAliases[name] ?? name;
}

/** The field an autodetect detector reads for categorisation: `mlcategory` stands for the category id. */
export const ML_CATEGORY_FIELD = 'mlcategory';
