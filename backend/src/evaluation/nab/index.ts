/**
 * NAB (Numenta Anomaly Benchmark) scoring, reproduced exactly (spec: shared/reference/nab-scoring.md).
 *
 * Usage:
 * ```ts
 * import { loadNabCorpus, scoreCorpus, rowScoresFromBuckets, nabTimestampMs } from '../evaluation/nab';
 * const files = loadNabCorpus();                 // 35 dev files: {name, rows: {timestamp, value}[], windows: [startRow, endRow][]}
 * const scores = new Map<string, Float64Array>();
 * for (const f of files) {
 *   // run a detector over f.rows (time = nabTimestampMs(row.timestamp)); one score in [0, 1] per row,
 *   // e.g. rowScoresFromBuckets(f.rows, [{timestamp: bucketStartMs, score: 0-100}], bucketSpanMs)
 *   scores.set(f.name, perRowScores);
 * }
 * const result = scoreCorpus(files, scores);     // profiles default to NAB_PROFILES (= config/profiles.json)
 * result.final;                                  // {standard, reward_low_FP_rate, reward_low_FN_rate}, 0-100
 * result.profiles.standard.files;                // per file {file, threshold, score, tp, tn, fp, fn, total}
 * result.profiles.standard.totals;               // corpus {tp, tn, fp, fn, total}; also threshold, rawScore
 * ```
 * Everything except `loadNabCorpus`/`loadNabProfiles` is pure. Scores must be finite and in [0, 1];
 * a wrong count or value throws naming the file and row.
 */
export type { NabFile, NabRow, NabProfile, NabProfiles, NabCounts, NabFileResult, NabProfileResult, NabCorpusResult } from './types';
export { loadNabCorpus, loadNabProfiles, parseNabCsv, windowsToRows, nabTimestampMs } from './corpus';
export { scoreCorpus, normaliseNabScore, NAB_PROFILES } from './scoreCorpus';
export type { ScoresByFile } from './scoreCorpus';
export { prepareNabFile, scorePreparedFile } from './fileScore';
export type { PreparedNabFile } from './fileScore';
export { optimiseThreshold, thresholdCandidates } from './thresholdSweep';
export { weightedScores, scaledSigmoid, probationLength, MAX_TP } from './weightedScores';
export { rowScoresFromBuckets } from './alignScores';
export type { BucketScore } from './alignScores';
export { loadNabResultRows, loadNabPublishedScores } from './referenceResults';
export type { NabResultRows, NabPublishedFileScore } from './referenceResults';
