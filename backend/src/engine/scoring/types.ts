/**
 * The contract of scoring: probability -> raw score -> normalised 0-100 score.
 * Implemented in scoring/ (rawScore.ts, normaliser.ts).
 */
export interface ScoreNormaliserState {
  version: number;
  [key: string]: unknown;
}

export interface ScoreNormaliser {
  /** Learn one raw score observed in the bucket starting at `timeMs` (the normaliser decides how to weight it). */
  observe(rawScore: number, timeMs: number): void;
  /** Map a raw score to 0-100 using what has been learned so far. */
  normalise(rawScore: number): number;
  snapshot(): ScoreNormaliserState;
}
