/**
 * Helpers for the series-model behaviour tests and benchmarks: run a generated series through a model
 * and the real normaliser, collecting probabilities and scores.
 */
import { SeriesModelSet } from './seriesModel';
import { SeriesKind, SeriesObservation, emptyObservation } from './types';
import { QuantileScoreNormaliser } from '../scoring/normaliser';
import { rawScore } from '../scoring/rawScore';
import { seriesProbability } from '../scoring/seriesProbability';

export const FIVE_MINUTES = 300_000;
export const BUCKETS_PER_DAY = 288;

export interface RunStep {
  observation: SeriesObservation;
  /** Two-sided probability of the bucket (single and multi-bucket features). */
  probability: number;
  /** Normalised 0-100 score of the bucket. */
  score: number;
}

/** Runs `values` (one per bucket of `spanMs`, null = no value) through a fresh model and normaliser. */
export function runSeries(
  values: ReadonlyArray<number | null>, kind: SeriesKind = 'metric', spanMs = FIVE_MINUTES, startMs = 0,
): RunStep[] {
  const models = new SeriesModelSet({ bucketSpanMs: spanMs, kind });
  const id = models.add();
  const normaliser = new QuantileScoreNormaliser({ bucketSpanMs: spanMs });
  const out: RunStep[] = [];
  values.forEach((v, i) => {
    const t = startMs + i * spanMs;
    const o = emptyObservation();
    models.observe(id, t, v, true, o);
    const p = seriesProbability(o, 'both');
    const raw = rawScore(p);
    if (v !== null) normaliser.observe(raw, t);
    out.push({ observation: o, probability: p, score: v === null ? 0 : normaliser.normalise(raw) });
  });
  return out;
}
