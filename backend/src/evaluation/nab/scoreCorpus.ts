/**
 * NAB corpus scoring (nab-scoring.md §5-§6): per profile, optimise one θ over all files, score
 * each file at θ, sum, and normalise against the null and perfect detectors. Pure.
 */
import { prepareNabFile, scorePreparedFile } from './fileScore';
import { optimiseThreshold } from './thresholdSweep';
import type { NabCorpusResult, NabCounts, NabFile, NabProfileResult, NabProfiles } from './types';

/** The three NAB profiles (config/profiles.json of NAB v1.1). */
export const NAB_PROFILES: NabProfiles = {
  standard: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  reward_low_FP_rate: { tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  reward_low_FN_rate: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
};

/** Anomaly scores per file name: one number in [0, 1] per row (severity 0-100 → severity / 100). */
export type ScoresByFile = ReadonlyMap<string, ArrayLike<number>> | Readonly<Record<string, ArrayLike<number>>>;

function scoresOf(scoresByFile: ScoresByFile, name: string): ArrayLike<number> {
  const s = scoresByFile instanceof Map ? scoresByFile.get(name) : (scoresByFile as Record<string, ArrayLike<number>>)[name];
  if (!s) throw new Error(`no anomaly scores for NAB file ${name}`);
  return s;
}

/** NAB's normalisation: 100·(raw − null)/(perfect − null) with null = −fnW·N, perfect = tpW·N. */
export function normaliseNabScore(raw: number, windowCount: number, profile: { tpWeight: number; fnWeight: number }): number {
  const nullScore = -profile.fnWeight * windowCount;
  const perfect = profile.tpWeight * windowCount;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

/**
 * Scores a detector over `files`. With `threshold` given per profile, uses it instead of the
 * sweep (to reproduce published per-file results); otherwise optimises θ over these files.
 */
export function scoreCorpus(
  files: readonly NabFile[],
  scoresByFile: ScoresByFile,
  profiles: NabProfiles = NAB_PROFILES,
  fixedThresholds: Readonly<Record<string, number>> = {},
): NabCorpusResult {
  const result: NabCorpusResult = { final: {}, profiles: {} };
  for (const [name, profile] of Object.entries(profiles)) {
    const prepared = files.map((f) => prepareNabFile(f.name, f.rows.length, f.windows, scoresOf(scoresByFile, f.name), profile));
    const threshold = fixedThresholds[name] ?? optimiseThreshold(prepared, profile).threshold;
    const perFile = prepared.map((p) => scorePreparedFile(p, profile, threshold));
    const totals: NabCounts = { tp: 0, tn: 0, fp: 0, fn: 0, total: 0 };
    let rawScore = 0;
    for (const r of perFile) {
      rawScore += r.score;
      totals.tp += r.tp;
      totals.tn += r.tn;
      totals.fp += r.fp;
      totals.fn += r.fn;
      totals.total += r.total;
    }
    const windowCount = files.reduce((n, f) => n + f.windows.length, 0);
    const normalisedScore = normaliseNabScore(rawScore, windowCount, profile);
    const pr: NabProfileResult = { profile: name, threshold, rawScore, normalisedScore, windowCount, totals, files: perFile };
    result.profiles[name] = pr;
    result.final[name] = normalisedScore;
  }
  return result;
}
