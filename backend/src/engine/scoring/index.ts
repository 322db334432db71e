/** Scoring: probability -> raw score -> normalised 0-100, probability aggregation, multi-bucket impact. */
export { rawScore, probabilityOfRawScore } from './rawScore';
export { QuantileScoreNormaliser } from './normaliser';
export type { QuantileScoreNormaliserState } from './normaliser';
export { multiBucketImpact } from './multiBucketImpact';
export { combineProbabilities, DETECTOR_STYLE } from './combineProbabilities';
export { seriesProbability, singleBucketProbability, multiBucketProbability } from './seriesProbability';
export type { ScoredSide } from './seriesProbability';
export type { AggregationStyle } from './combineProbabilities';
export type { ScoreNormaliser, ScoreNormaliserState } from './types';
