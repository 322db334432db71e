/**
 * Influence of an influencer value on an anomalous bucket value (engine-anchors §1.5, §5 row 20):
 * "would there still be an anomaly without the records carrying this value?"
 *
 * influence = clamp(1 − log P(value without v) / log P(value), 0, 1), where both tail probabilities
 * are taken on the function's side from a normal approximation of the model at that bucket
 * (centre = typical, spread from its 95 % interval), so the ratio compares like with like.
 * When removing v's records leaves no value at all (the bucket becomes empty for a metric, or for a
 * non-zero count), the anomaly cannot remain: influence 1. For count/sum an empty remainder is 0.
 */
import { logNormalUpperTail } from '../maths/normal';
import { FeatureAccumulator } from './featureAccumulator';
import type { FeatureName, Side } from './functionCatalog';
import { MISSING_INFLUENCER } from './bucketGatherer';

/** Values with influence below this are not reported (Elastic's cutoff). */
export const INFLUENCE_CUTOFF = 0.4;
/** At most this many values of one field are tested per record (largest event counts first). */
export const MAX_VALUES_TESTED = 50;

export interface ModelBand {
  typical: number;
  lower: number;
  upper: number;
}

/** log P on the function's side of value x under N(typical, σ²), σ from the 95 % band. */
export function sidedLogProbability(side: Side, x: number, band: ModelBand): number {
  const sigma = Math.max((band.upper - band.lower) / (2 * 1.959963984540054), 1e-9 * Math.max(1, Math.abs(band.typical)));
  const z = (x - band.typical) / sigma;
  if (side === 'high') return logNormalUpperTail(z);
  if (side === 'low') return logNormalUpperTail(-z);
  return Math.min(0, Math.LN2 + logNormalUpperTail(Math.abs(z)));
}

export interface FeatureContext {
  feature: FeatureName;
  side: Side;
  /** An empty remainder counts as 0 (count, sum, distinct_count) rather than "no value". */
  emptyIsZero: boolean;
}

function featureWithout(groups: Map<string, FeatureAccumulator>, without: string, ctx: FeatureContext,
  template: FeatureAccumulator): number | null {
  // Additive features: the whole minus the value's records, without merging every other group.
  const g = groups.get(without);
  if (g && (ctx.feature === 'count' || ctx.feature === 'sum' || ctx.feature === 'mean')) {
    const count = template.count - g.count;
    const n = template.n - g.n;
    if (!(count > 1e-9)) return ctx.emptyIsZero ? 0 : null;
    if (ctx.feature === 'count') return count;
    if (!(n > 1e-9)) return ctx.emptyIsZero ? 0 : null;
    const sum = template.sum - g.sum;
    return ctx.feature === 'sum' ? sum : sum / n;
  }
  const rest = new FeatureAccumulator({ values: template.values !== null, distinct: template.distinct !== null });
  for (const [v, acc] of groups) if (v !== without) rest.merge(acc);
  if (rest.isEmpty()) return ctx.emptyIsZero ? 0 : null;
  const f = rest.feature(ctx.feature);
  return f === null && ctx.emptyIsZero ? 0 : f;
}

/**
 * Influence of each value of one influencer field on the anomalous `actual` of a series bucket.
 * Returns the values whose influence reaches the cutoff, most influential first (ties by value).
 */
export function influencingValues(
  groups: Map<string, FeatureAccumulator>, whole: FeatureAccumulator, actual: number, band: ModelBand,
  ctx: FeatureContext,
): Array<{ value: string; influence: number }> {
  const logP = sidedLogProbability(ctx.side, actual, band);
  if (!(logP < 0)) return [];
  const candidates = [...groups.entries()]
    .filter(([v]) => v !== MISSING_INFLUENCER)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_VALUES_TESTED);
  const out: Array<{ value: string; influence: number }> = [];
  for (const [value] of candidates) {
    const x = featureWithout(groups, value, ctx, whole);
    let influence: number;
    if (x === null) influence = 1;
    else influence = Math.max(0, Math.min(1, 1 - sidedLogProbability(ctx.side, x, band) / logP));
    if (influence >= INFLUENCE_CUTOFF) out.push({ value, influence });
  }
  out.sort((a, b) => b.influence - a.influence || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}
