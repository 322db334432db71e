/**
 * Score of one NAB file at a threshold θ (nab-scoring.md §4). Pure.
 * A row is scored when it is past the probation period, detected when its anomaly score ≥ θ.
 */
import type { NabFileResult, NabProfile } from './types';
import { probationLength, weightedScores, windowIndexOfRows } from './weightedScores';

/** A file ready to score under one profile: anomaly scores, S(t), and window membership per row. */
export interface PreparedNabFile {
  name: string;
  /** Detector output per row, in [0, 1]. */
  scores: ArrayLike<number>;
  /** S(t) per row for the profile. */
  weights: Float64Array;
  /** Window index per row, −1 outside windows. */
  windowOf: Int32Array;
  windowCount: number;
  /** First scored row. */
  firstScored: number;
}

/** Checks the windows are in range, sorted and disjoint; throws naming the file otherwise. */
export function checkWindows(name: string, rowCount: number, windows: ReadonlyArray<readonly [number, number]>): void {
  let prevEnd = -1;
  windows.forEach(([s, e], k) => {
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e >= rowCount || s > e) {
      throw new Error(`${name}: window ${k} [${s}, ${e}] is not a row range within 0..${rowCount - 1}`);
    }
    if (s <= prevEnd) throw new Error(`${name}: window ${k} starts at row ${s}, inside or before the previous window (ends ${prevEnd})`);
    prevEnd = e;
  });
}

/** Checks the detector output: one finite number in [0, 1] per row; throws naming file and row. */
export function checkScores(name: string, rowCount: number, scores: ArrayLike<number>): void {
  if (scores.length !== rowCount) throw new Error(`${name}: ${scores.length} anomaly scores for ${rowCount} rows`);
  for (let i = 0; i < rowCount; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new Error(`${name}: row ${i}: anomaly score ${String(v)} is not a number in [0, 1]`);
    }
  }
}

export function prepareNabFile(
  name: string,
  rowCount: number,
  windows: ReadonlyArray<readonly [number, number]>,
  scores: ArrayLike<number>,
  profile: NabProfile,
): PreparedNabFile {
  checkWindows(name, rowCount, windows);
  checkScores(name, rowCount, scores);
  const firstScored = probationLength(rowCount);
  const windowOf = windowIndexOfRows(rowCount, windows);
  // Windows with no scored row do not count (NAB never starts one inside probation).
  let windowCount = 0;
  windows.forEach(([, e]) => {
    if (e >= firstScored) windowCount++;
  });
  return { name, scores, weights: weightedScores(rowCount, windows, profile), windowOf, windowCount, firstScored };
}

/** Raw score and confusion counts of a prepared file at threshold θ. */
export function scorePreparedFile(f: PreparedNabFile, profile: NabProfile, threshold: number): NabFileResult {
  const n = f.weights.length;
  const best = new Float64Array(f.windowOf.length === 0 ? 0 : maxWindowIndex(f.windowOf) + 1).fill(-profile.fnWeight);
  const hasScoredRow = new Uint8Array(best.length);
  let fpSum = 0;
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = f.firstScored; i < n; i++) {
    const detected = f.scores[i] >= threshold;
    const k = f.windowOf[i];
    if (k >= 0) {
      hasScoredRow[k] = 1;
      if (detected) {
        tp++;
        if (f.weights[i] > best[k]) best[k] = f.weights[i];
      } else fn++;
    } else if (detected) {
      fp++;
      fpSum += f.weights[i];
    } else tn++;
  }
  let score = fpSum;
  for (let k = 0; k < best.length; k++) if (hasScoredRow[k]) score += best[k];
  return { file: f.name, threshold, score, tp, tn, fp, fn, total: tp + tn + fp + fn };
}

function maxWindowIndex(windowOf: Int32Array): number {
  let m = -1;
  for (let i = 0; i < windowOf.length; i++) if (windowOf[i] > m) m = windowOf[i];
  return m;
}
