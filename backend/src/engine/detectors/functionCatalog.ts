/**
 * The detector functions: what each extracts from a bucket, which tail it scores,
 * and what an empty bucket means for it (engine-anchors §1.2, §5 rows 2 and 16).
 */
import { canonicalFunctionName } from '../config/functions';
import type { SeriesKind } from '../models/types';

/** The bucket feature a function looks at. */
export type FeatureName =
  | 'count' | 'mean' | 'min' | 'max' | 'sum' | 'median' | 'varp'
  | 'distinct_count' | 'info_content' | 'time_of_day' | 'time_of_week';

/** Which tail of the model's distribution makes an anomaly. */
export type Side = 'both' | 'high' | 'low';

/** How a function is analysed. */
export type AnalysisFamily = 'series' | 'rare';

export interface FeatureSpec {
  feature: FeatureName;
  side: Side;
}

export interface FunctionSpec {
  /** Canonical name (aliases resolved: avg → mean, c → count, …). */
  name: string;
  family: AnalysisFamily;
  /** One feature for most functions; `metric` has mean, min and max. */
  features: FeatureSpec[];
  /** Model kind for the series models. */
  kind: SeriesKind;
  /** True when a series once seen gets 0 in buckets where it has no events (count, sum). */
  emptyIsZero: boolean;
  /** True when the function reads `field_name`. */
  needsField: boolean;
  /** For the rare family: scores by frequency of events (freq_rare) rather than of appearance. */
  rareByFrequency?: boolean;
}

function sided(base: string): [string, Side][] {
  return [[base, 'both'], ['high_' + base, 'high'], ['low_' + base, 'low']];
}

function buildCatalog(): Map<string, FunctionSpec> {
  const m = new Map<string, FunctionSpec>();
  const add = (name: string, s: Omit<FunctionSpec, 'name'>): void => { m.set(name, { name, ...s }); };
  for (const [n, side] of sided('count')) {
    add(n, { family: 'series', features: [{ feature: 'count', side }], kind: 'count', emptyIsZero: true, needsField: false });
  }
  for (const [n, side] of sided('non_zero_count')) {
    add(n, { family: 'series', features: [{ feature: 'count', side }], kind: 'count', emptyIsZero: false, needsField: false });
  }
  for (const [n, side] of sided('distinct_count')) {
    add(n, { family: 'series', features: [{ feature: 'distinct_count', side }], kind: 'count', emptyIsZero: true, needsField: true });
  }
  for (const [n, side] of sided('info_content')) {
    add(n, { family: 'series', features: [{ feature: 'info_content', side }], kind: 'metric', emptyIsZero: false, needsField: true });
  }
  for (const base of ['mean', 'median', 'varp'] as const) {
    for (const [n, side] of sided(base)) {
      add(n, { family: 'series', features: [{ feature: base, side }], kind: 'metric', emptyIsZero: false, needsField: true });
    }
  }
  for (const [n, side] of sided('sum')) {
    add(n, { family: 'series', features: [{ feature: 'sum', side }], kind: 'metric', emptyIsZero: true, needsField: true });
  }
  for (const [n, side] of sided('non_null_sum')) {
    add(n, { family: 'series', features: [{ feature: 'sum', side }], kind: 'metric', emptyIsZero: false, needsField: true });
  }
  // A minimum is anomalous when it is unusually low, a maximum when unusually high.
  add('min', { family: 'series', features: [{ feature: 'min', side: 'low' }], kind: 'metric', emptyIsZero: false, needsField: true });
  add('max', { family: 'series', features: [{ feature: 'max', side: 'high' }], kind: 'metric', emptyIsZero: false, needsField: true });
  add('metric', {
    family: 'series', kind: 'metric', emptyIsZero: false, needsField: true,
    features: [{ feature: 'mean', side: 'both' }, { feature: 'min', side: 'low' }, { feature: 'max', side: 'high' }],
  });
  add('time_of_day', { family: 'series', features: [{ feature: 'time_of_day', side: 'both' }], kind: 'metric', emptyIsZero: false, needsField: false });
  add('time_of_week', { family: 'series', features: [{ feature: 'time_of_week', side: 'both' }], kind: 'metric', emptyIsZero: false, needsField: false });
  add('rare', { family: 'rare', features: [{ feature: 'count', side: 'high' }], kind: 'count', emptyIsZero: false, needsField: false });
  add('rare_count', { family: 'rare', features: [{ feature: 'count', side: 'high' }], kind: 'count', emptyIsZero: false, needsField: false });
  add('freq_rare', { family: 'rare', features: [{ feature: 'count', side: 'high' }], kind: 'count', emptyIsZero: false, needsField: false, rareByFrequency: true });
  add('rare_non_zero_count', { family: 'rare', features: [{ feature: 'count', side: 'high' }], kind: 'count', emptyIsZero: false, needsField: false });
  add('freq_rare_count', { family: 'rare', features: [{ feature: 'count', side: 'high' }], kind: 'count', emptyIsZero: false, needsField: false, rareByFrequency: true });
  return m;
}

const CATALOG = buildCatalog();

/** The spec of a function, or throws naming the unknown function. */
export function functionSpec(name: string): FunctionSpec {
  const spec = CATALOG.get(canonicalFunctionName(name));
  if (!spec) throw new Error(`unknown detector function "${name}"`);
  return spec;
}

export function isKnownFunction(name: string): boolean {
  return CATALOG.has(canonicalFunctionName(name));
}

/** All canonical names, sorted. */
export function knownFunctions(): string[] {
  return [...CATALOG.keys()].sort();
}
