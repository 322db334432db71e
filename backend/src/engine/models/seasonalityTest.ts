/**
 * Learning and testing of the daily and weekly components of a series.
 * Both components learn from the start; each is *used* only after an out-of-sample test on the data:
 * once it has seen `seasonalMinCycles` full cycles, its one-step-ahead squared prediction errors
 * (decayed, outlier-weighted) must be below `onRatio` times those of the model without it. It is dropped
 * again when the ratio rises above `offRatio`. When a component switches on, the residual variance is
 * re-seeded from the errors with the component, so the series is not judged by the old, wider spread.
 */
import { componentLearn, componentValue } from './seasonalComponent';
import { CANDIDATES, DAY_MS, F, SeriesLayout, TUNING, WEEK_MS } from './seriesLayout';

export interface SeasonalStep {
  value: number;
  /** Level of the series before this value was learned. */
  level: number;
  /** Component values at this time before learning (whether or not they are used). */
  daily: number;
  weekly: number;
  dPos: number;
  wPos: number;
  /** Outlier weight of this value (1 = ordinary). */
  omega: number;
  /** Full days seen since the first bucket. */
  cycles: number;
  bucketSpanMs: number;
  /** Re-centre the components this step (every RECENTRE_EVERY values). */
  recentre: boolean;
  /** Factor by which the test statistics are kept this step. */
  testKeep: number;
}

export function seasonalCycles(slab: Float64Array, base: number, bucket: number, bucketSpanMs: number): number {
  const first = slab[base + F.FIRST];
  if (Number.isNaN(first) || bucket < first) return 0;
  return Math.floor(((bucket - first) * bucketSpanMs) / DAY_MS);
}

/** Learn one value into the components and update the tests; returns true when a component switched on or off. */
export function learnSeasonality(slab: Float64Array, base: number, L: SeriesLayout, st: SeasonalStep): boolean {
  const e0 = st.value - st.level;
  const e1 = e0 - st.daily;
  const e2 = e1 - st.weekly;
  if (L.dailyKnots > 0) {
    const gain = Math.max(1 / (st.cycles + 1), TUNING.seasonalMinGain) *
      Math.min(1, (L.dailyKnots * st.bucketSpanMs) / DAY_MS) * st.omega;
    componentLearn(slab, base + L.dailyOffset, L.dailyKnots, st.dPos, e1, gain, st.recentre);
  }
  if (L.weeklyKnots > 0) {
    const dailyNow = componentValue(slab, base + L.dailyOffset, L.dailyKnots, st.dPos);
    const weeks = Math.floor(st.cycles / 7);
    const gain = Math.max(1 / (weeks + 1), TUNING.seasonalMinGain) *
      Math.min(1, (L.weeklyKnots * st.bucketSpanMs) / WEEK_MS) * st.omega;
    const ew = st.value - st.level - dailyNow - st.weekly;
    componentLearn(slab, base + L.weeklyOffset, L.weeklyKnots, st.wPos, ew, gain, st.recentre);
  }
  if (st.cycles < 1) return false;
  const k = st.testKeep;
  const w = st.omega;
  slab[base + F.SSE_NONE] = slab[base + F.SSE_NONE] * k + w * e0 * e0;
  slab[base + F.SSE_DAILY] = slab[base + F.SSE_DAILY] * k + w * (L.dailyKnots > 0 ? e1 * e1 : e0 * e0);
  slab[base + F.SSE_BOTH] = slab[base + F.SSE_BOTH] * k + w * (L.weeklyKnots > 0 ? e2 * e2 : e1 * e1);
  slab[base + F.SSE_N] = slab[base + F.SSE_N] * k + w;
  if (st.cycles < TUNING.seasonalMinCycles) return false;

  const sse0 = slab[base + F.SSE_NONE];
  const sse1 = slab[base + F.SSE_DAILY];
  const sse2 = slab[base + F.SSE_BOTH];
  let changed = false;
  if (L.dailyKnots > 0) {
    const on = slab[base + F.DAILY_ON] === 1;
    if (!on && sse1 < TUNING.dailyOnRatio * sse0) { slab[base + F.DAILY_ON] = 1; changed = true; }
    else if (on && sse1 > TUNING.dailyOffRatio * sse0) { slab[base + F.DAILY_ON] = 0; changed = true; }
  }
  if (L.weeklyKnots > 0 && st.cycles >= 7 * TUNING.seasonalMinCycles) {
    const on = slab[base + F.WEEKLY_ON] === 1;
    if (!on && sse2 < TUNING.weeklyOnRatio * sse1) { slab[base + F.WEEKLY_ON] = 1; changed = true; }
    else if (on && sse2 > TUNING.weeklyOffRatio * sse1) { slab[base + F.WEEKLY_ON] = 0; changed = true; }
  }
  if (changed) {
    const dailyOn = slab[base + F.DAILY_ON] === 1;
    const weeklyOn = slab[base + F.WEEKLY_ON] === 1;
    const sse = weeklyOn ? sse2 : dailyOn ? sse1 : sse0;
    slab[base + F.VAR] = sse / slab[base + F.SSE_N];
    // The re-seeded variance is a rough start: let the next hours of residuals count as much as it does.
    const reseedWeight = (TUNING.reseedHours * 3_600_000) / st.bucketSpanMs;
    if (slab[base + F.N] > reseedWeight) slab[base + F.N] = reseedWeight;
    for (let c = 0; c < CANDIDATES; c++) slab[base + F.LOGW + c] = 0;
    slab[base + F.MIN] = Infinity;
    slab.fill(1, base + L.dailyVarianceOffset, base + L.dailyVarianceOffset + L.dailyKnots);
  }
  return changed;
}
