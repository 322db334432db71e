/**
 * The NAB detector built directly on the engine's series model: one series of kind `metric`, bucket span
 * = the file's usual row interval, rows of one bucket averaged, each row scored by its bucket's
 * normalised score / 100 (rows are never resampled).
 */
import { SeriesModelSet } from '../engine/models/seriesModel';
import { emptyObservation } from '../engine/models/types';
import { QuantileScoreNormaliser } from '../engine/scoring/normaliser';
import { rawScore } from '../engine/scoring/rawScore';
import { seriesProbability } from '../engine/scoring/seriesProbability';
import { nabTimestampMs } from '../evaluation/nab';

export interface NabInputRow {
  timestamp: string;
  value: number;
}

export type NabDetector = (rows: readonly NabInputRow[], intervalMs: number) => number[];

/** The most common gap between consecutive rows (the file's row interval). */
export function rowIntervalMs(rows: readonly NabInputRow[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const d = nabTimestampMs(rows[i].timestamp) - nabTimestampMs(rows[i - 1].timestamp);
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 300_000;
  let bestCount = -1;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) { best = d; bestCount = c; }
  return best;
}

export const seriesModelDetector: NabDetector = (rows, intervalMs) => {
  const models = new SeriesModelSet({ bucketSpanMs: intervalMs, kind: 'metric' });
  const id = models.add();
  const normaliser = new QuantileScoreNormaliser({ bucketSpanMs: intervalMs });
  const obs = emptyObservation();
  const scores = new Array<number>(rows.length).fill(0);
  let i = 0;
  while (i < rows.length) {
    const bucket = Math.floor(nabTimestampMs(rows[i].timestamp) / intervalMs);
    let j = i;
    let sum = 0;
    while (j < rows.length && Math.floor(nabTimestampMs(rows[j].timestamp) / intervalMs) === bucket) {
      sum += rows[j].value;
      j++;
    }
    const start = bucket * intervalMs;
    models.observe(id, start, sum / (j - i), true, obs, j - i);
    const raw = rawScore(seriesProbability(obs, 'both'));
    normaliser.observe(raw, start);
    const score = normaliser.normalise(raw) / 100;
    for (let k = i; k < j; k++) scores[k] = score;
    i = j;
  }
  return scores;
};
