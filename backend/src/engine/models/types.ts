/**
 * The contract between the per-series models (models/) and the detectors and job (detectors/, job/).
 * Implemented by `SeriesModelSet` in models/seriesModel.ts.
 */

/** What kind of values a series holds: counts (non-negative integers, Poisson is a candidate) or metrics. */
export type SeriesKind = 'count' | 'metric';

export interface SeriesModelOptions {
  /** Bucket span in milliseconds: sets decay rates, seasonality windows and change-detection windows. */
  bucketSpanMs: number;
  kind: SeriesKind;
}

/** The outcome of scoring one bucket value of one series, filled in place (no allocation per call). */
export interface SeriesObservation {
  /** False while the series has too little history to score (its probabilities are then 1). */
  scored: boolean;
  /** P(a value this low or lower) under the model, in (0, 1]. */
  pLower: number;
  /** P(a value this high or higher) under the model, in (0, 1]. */
  pUpper: number;
  /** Same for the multi-bucket feature (mean of the last 12 buckets). 1 when not available. */
  multiBucketPLower: number;
  multiBucketPUpper: number;
  /** Expected value at this bucket time (trend + seasonality + residual centre). */
  typical: number;
  /** 95 % interval of the model at this bucket time. */
  lowerBound: number;
  upperBound: number;
}

export function emptyObservation(): SeriesObservation {
  return {
    scored: false, pLower: 1, pUpper: 1, multiBucketPLower: 1, multiBucketPUpper: 1,
    typical: NaN, lowerBound: NaN, upperBound: NaN,
  };
}

/**
 * A set of series models stored compactly (typed arrays, no object per series).
 * `observe` scores the value against the model as it was, then learns it
 * (with outlier-robust weighting) unless `learn` is false.
 */
export interface SeriesModels {
  readonly size: number;
  /** Allocate a new series; returns its id (0, 1, 2, ...). */
  add(): number;
  /**
   * Score then learn one bucket value of series `id` at bucket start `timeMs`.
   * `value` null means no value this bucket (sparse metric): nothing is scored, time still advances.
   * `weight` is the sample weight (e.g. number of events behind a mean; 1 by default).
   */
  observe(id: number, timeMs: number, value: number | null, learn: boolean, out: SeriesObservation, weight?: number): void;
  /** Bytes of model state per series at steady state (for memory accounting). */
  bytesPerSeries(): number;
  /** Total bytes of model state. */
  totalBytes(): number;
  /** Versioned, JSON-serialisable state; `restore` of it continues bit-for-bit identically. */
  snapshot(): unknown;
}
