/**
 * Where each number of one series lives in the model slab (a Float64Array, `stride` numbers per series),
 * and the tuning constants of the series model. Offsets of the seasonal knots depend on the bucket span.
 */

export const MULTI_BUCKET_LENGTH = 12;
/** Residual candidates, in slab order. */
export const CANDIDATES = 4;
export const NORMAL = 0;
export const LOG_NORMAL = 1;
export const GAMMA = 2;
export const POISSON = 3;

/** Fixed fields at the start of every series block. */
export const F = {
  /** Number of values observed (not decayed). */
  NOBS: 0,
  /** Decayed sample weight of the residual moments. */
  N: 1,
  MEAN: 2,
  VAR: 3,
  /** Smallest deseasonalised value seen (for the offsets of log-normal and gamma). */
  MIN: 4,
  /** Bucket index (time / bucket span) of the last and first buckets seen (NaN before any). */
  LAST: 5,
  FIRST: 6,
  /** Decayed mean sample weight (events per bucket). */
  WBAR: 7,
  /** Decayed log-likelihood of each candidate (posterior log weights), CANDIDATES slots. */
  LOGW: 8,
  /** Two one-sided CUSUMs of standardised residuals, the sum and count of residuals in each run. */
  CUSUM_UP: 12, SUM_UP: 13, RUN_UP: 14,
  CUSUM_DOWN: 15, SUM_DOWN: 16, RUN_DOWN: 17,
  /** Moments of the multi-bucket feature (mean residual of the last 12 buckets). */
  MB_N: 18, MB_MEAN: 19, MB_VAR: 20,
  /** Ring of the last residuals and their bucket indices. */
  RING_POS: 21,
  RING: 22,
  RING_BUCKET: 22 + MULTI_BUCKET_LENGTH,
  /** Decayed squared prediction errors: no seasonality, daily, daily + weekly; and their weight. */
  SSE_NONE: 22 + 2 * MULTI_BUCKET_LENGTH,
  SSE_DAILY: 23 + 2 * MULTI_BUCKET_LENGTH,
  SSE_BOTH: 24 + 2 * MULTI_BUCKET_LENGTH,
  SSE_N: 25 + 2 * MULTI_BUCKET_LENGTH,
  /** 1 when the component passed its test and is used in predictions. */
  DAILY_ON: 26 + 2 * MULTI_BUCKET_LENGTH,
  WEEKLY_ON: 27 + 2 * MULTI_BUCKET_LENGTH,
  /** Decayed count of scored buckets (the denominator of the level-shift rate). */
  ALL_N: 28 + 2 * MULTI_BUCKET_LENGTH,
  /** The level before the last level shift (NaN before any) and the decayed count of level shifts. */
  ALT_LEVEL: 29 + 2 * MULTI_BUCKET_LENGTH,
  SHIFTS: 30 + 2 * MULTI_BUCKET_LENGTH,
  /**
   * The trend: a local linear level (Holt) learned alongside, its decayed squared one-step errors and those
   * of the plain level over the same buckets, and 1 when its test passed and it centres the predictions.
   */
  TREND_LEVEL: 31 + 2 * MULTI_BUCKET_LENGTH,
  TREND_SLOPE: 32 + 2 * MULTI_BUCKET_LENGTH,
  SSE_TREND: 33 + 2 * MULTI_BUCKET_LENGTH,
  SSE_LEVEL: 34 + 2 * MULTI_BUCKET_LENGTH,
  TREND_ON: 35 + 2 * MULTI_BUCKET_LENGTH,
  /**
   * Smallest raw value seen (-Infinity: unknown, in state restored from version 1): a series that never
   * went below 0 gets no typical value or bound below 0.
   */
  VALUE_MIN: 36 + 2 * MULTI_BUCKET_LENGTH,
  /** Decayed largest |residual| learned: values are learned at most learnClip times max(sd, this) away. */
  SPIKE_SCALE: 37 + 2 * MULTI_BUCKET_LENGTH,
  /** First seasonal knot. */
  KNOTS: 38 + 2 * MULTI_BUCKET_LENGTH,
} as const;

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Tuning of the series model (fixed; part of the model's definition, not user options). */
export const TUNING = {
  /** Forgetting per hour of data for the residual moments and candidate weights. */
  decayPerHour: 0.005,
  /** Forgetting per hour of the seasonality test statistics. */
  testDecayPerHour: 0.04,
  /** Minimum buckets and minimum hours before a series is scored. */
  minBuckets: 8,
  minHours: 2,
  /**
   * Outlier weight of a value in everything it teaches the model (moments, candidate likelihoods, seasonal
   * components, tests): sqrt(p2 / pFull), clamped to [floor, 1], p2 = two-sided probability of the value.
   */
  outlierFullWeightP: 0.0005,
  outlierMinWeight: 0.1,
  /**
   * Once scored, a value is learned at most this many times max(predictive sd, SPIKE_SCALE) from the
   * prediction; the CUSUMs see the residual unclipped, so a level shift is adopted at its size.
   */
  learnClip: 100,
  /** CUSUM level-shift detection: allowance, threshold, clip of |z|, minimum run length. */
  cusumAllowance: 0.5,
  cusumThreshold: 8,
  cusumClip: 3,
  cusumMinRun: 6,
  /** Outlier weighting of the multi-bucket moments: full weight down to this two-sided probability. */
  multiBucketFullWeightP: 0.0002,
  /** Residuals entering the multi-bucket window are clipped at this many standard deviations. */
  multiBucketClip: 3,
  /** Seasonality: gain floor per cycle, cycles before a test can pass, on/off ratios of squared errors. */
  seasonalMinGain: 0.15,
  seasonalMinCycles: 2,
  dailyOnRatio: 0.9,
  dailyOffRatio: 0.95,
  weeklyOnRatio: 0.85,
  weeklyOffRatio: 0.97,
  /**
   * Trend: the local linear level's gain per hour of data (its slope learns at slopeGainRatio of that),
   * the hours of data before its test may pass, and the on/off ratios of its squared errors to the level's.
   */
  trendGainPerHour: 0.01,
  slopeGainRatio: 1,
  trendMinHours: 336,
  trendOnRatio: 0.8,
  trendOffRatio: 0.95,
  /** When a seasonal component switches, the residual moments keep the weight of this many hours of data. */
  reseedHours: 24,
  /** Bounds of the time-of-day variance scale and the cap of one squared standardised residual in it. */
  phaseVarianceMin: 0.2,
  phaseVarianceMax: 25,
  phaseVarianceCap: 50,
  /** The variance profile learns with weight omega^power. */
  phaseVarianceOutlierPower: 0.5,
  /**
   * Level memory: the previous level stays a mode of the residual mixture with weight
   * (shifts + prior) / (buckets + priorBuckets), so a series that flips between two levels is not
   * flagged at every flip.
   */
  altLevelPriorShifts: 0,
  altLevelPriorBuckets: 20,
  /**
   * Heavy tail of sparse series: a series with values in fewer than heavyTailMaxFill of the buckets since
   * its first, once it has learned a residual larger than its predictive sd (SPIKE_SCALE), gets a normal
   * mode of sd heavyTailScale × that residual in its tails, weight 1 / (decayed scored buckets + prior).
   * Chosen on the simulator (exfiltration false criticals 8 → 4.7/day at 200 hosts × 7 days, the slow
   * exfiltration still critical) with NAB through the job kept >= 65 (scale 0.5: 2.4/day but it is missed).
   */
  heavyTailMaxFill: 0.5,
  heavyTailScale: 0.35,
  heavyTailPriorBuckets: 1,
  /** Forgetting per hour of the level-shift rate. */
  shiftRateDecayPerHour: 0.005,
};

export interface SeriesLayout {
  dailyKnots: number;
  weeklyKnots: number;
  dailyOffset: number;
  /** Relative residual variance by time of day (mean 1), used while the daily component is on. */
  dailyVarianceOffset: number;
  weeklyOffset: number;
  stride: number;
}

/** Knot counts: up to 48 per day and 42 per week, never finer than a bucket; 0 when a component cannot exist. */
export function layoutFor(bucketSpanMs: number): SeriesLayout {
  const perDay = Math.floor(DAY_MS / bucketSpanMs);
  const perWeek = Math.floor(WEEK_MS / bucketSpanMs);
  const dailyKnots = perDay >= 4 ? Math.min(48, perDay) : 0;
  const weeklyKnots = perWeek >= 7 ? Math.min(42, perWeek) : 0;
  const dailyOffset = F.KNOTS;
  const dailyVarianceOffset = dailyOffset + dailyKnots;
  const weeklyOffset = dailyVarianceOffset + dailyKnots;
  return { dailyKnots, weeklyKnots, dailyOffset, dailyVarianceOffset, weeklyOffset, stride: weeklyOffset + weeklyKnots };
}
