/**
 * NAB's per-row weighted score S(t) (upstream "sweepScore"): the reward for detecting at row i.
 * Pure. Follows nab-scoring.md §2-§3 (numenta/NAB sweeper.py, MIT), re-derived.
 */
import type { NabProfile } from './types';

export const PROBATION_PCT = 0.15;

/** Number of leading rows excluded from scoring: min(floor(0.15 n), 0.15 · 5000). */
export function probationLength(rowCount: number): number {
  return Math.min(Math.floor(PROBATION_PCT * rowCount), PROBATION_PCT * 5000);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** 2·sigmoid(−5y) − 1, and exactly −1 for y > 3. */
export function scaledSigmoid(y: number): number {
  if (y > 3.0) return -1.0;
  return 2 * sigmoid(-5 * y) - 1.0;
}

/** The score of a detection at the left edge of a window, before weighting. */
export const MAX_TP = scaledSigmoid(-1.0);

/**
 * S(t) for each of `rowCount` rows, given the windows as inclusive row indices.
 * Inside a window it falls from tpW (left edge) towards 0; outside it is −fpW before the first
 * window and rises from ~0 to −fpW over about one window width after a window.
 */
export function weightedScores(rowCount: number, windows: ReadonlyArray<readonly [number, number]>, profile: NabProfile): Float64Array {
  const w = new Float64Array(rowCount);
  let next = 0; // index of the next window not yet entered
  let inWindow = -1; // index of the current window, or -1
  let lastEnd = -1; // end row of the most recent finished window
  let lastWidth = 0;
  for (let i = 0; i < rowCount; i++) {
    if (next < windows.length && windows[next][0] === i) {
      inWindow = next;
      next++;
    }
    if (inWindow >= 0) {
      const [s, e] = windows[inWindow];
      const width = e - s + 1;
      const y = -(e - i + 1) / width;
      w[i] = (scaledSigmoid(y) * profile.tpWeight) / MAX_TP;
    } else if (lastEnd < 0) {
      w[i] = -1.0 * profile.fpWeight;
    } else {
      // Upstream divides by (W − 1); a one-row window would divide by 0: treat it as width 2.
      const y = Math.abs(lastEnd - i) / Math.max(1, lastWidth - 1);
      w[i] = scaledSigmoid(y) * profile.fpWeight;
    }
    if (inWindow >= 0 && i === windows[inWindow][1]) {
      lastEnd = windows[inWindow][1];
      lastWidth = windows[inWindow][1] - windows[inWindow][0] + 1;
      inWindow = -1;
    }
  }
  return w;
}

/** For each row, the index of the window holding it, or −1. */
export function windowIndexOfRows(rowCount: number, windows: ReadonlyArray<readonly [number, number]>): Int32Array {
  const out = new Int32Array(rowCount).fill(-1);
  windows.forEach(([s, e], k) => {
    for (let i = Math.max(0, s); i <= Math.min(rowCount - 1, e); i++) out[i] = k;
  });
  return out;
}
