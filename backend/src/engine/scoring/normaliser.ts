/**
 * Normalisation of raw scores to 0..100 (engine-anchors §1.4(5), §5 row 18).
 * The normaliser keeps a decayed sketch of the job's raw scores, fed with one high-water mark per fixed
 * interval of 3600 / clamp(2 · bucket span, 300 s, 3600 s) buckets, so short bucket spans do not flood it
 * with small scores; the sketch forgets with a half-life of 120 samples (about 60 h at 5-minute buckets), so
 * scores are relative to the recent past. The normalised score is the minimum of four ceilings:
 *  - noise: signal strength in dB above the median ("noise") raw score (floored at 0.1). The points per dB
 *    depend on how the detector's probabilities are calibrated (`ScoreCalibration`):
 *    * `series` (series models: metric, count, sum, ... without an over field): 3.33 points per dB, so a
 *      quiet normaliser gives 75 at p ≈ 1e-18 and 50 at p ≈ 1e-8. A series model's tail probability is an
 *      extrapolation of a fitted distribution: heavy-tailed metrics routinely give p = 1e-6..1e-10 on
 *      ordinary traffic, so it needs this much evidence (and NAB, tuned across files with one threshold,
 *      wants it: a steeper scale there costs ~0.4 NAB points and puts 8x more criticals on the simulator's
 *      exfiltration pipeline).
 *    * `occurrence` (the rare family and every population (over) detector): 6 points per dB, so a
 *      quiet normaliser gives 0 at p = 1e-3 (raw 0.1, the floor), 30 at p = 3e-4, 60 at p = 1e-4 (raw 1),
 *      75 at p ≈ 1.8e-5 and 79 at p = 1e-5, 90 at p = 1e-6. These
 *      probabilities are counted frequencies (a value never seen in 10^6 opportunities; a member unlike all
 *      of its population), they peak at p ≈ 1e-4..1e-8, and a first one in a quiet job is big news
 *      (engine-anchors §5 rows 17, 13). In a noisy job the median rises and the same p scores lower;
 *      the percentile and max-score ceilings still make repeated anomalies score lower.
 *  - percentile: the score's percentile (point estimate) mapped through the knots (0,0) (70,1) (85,1.2) (90,1.5) (95,3)
 *    (97,20) (99,50) (99.9,90) (100,100);
 *  - max score: 100 · min(1.5 r, 0.5 + 0.5 r), r = score / (slowly forgotten) largest score seen;
 *  - probability: log-interpolated from 5 at p = 0.05 to 100 at p = 1e-4.
 */
import type { ScoreNormaliser, ScoreNormaliserState } from './types';
import { SKETCH_BINS, binOf, percentileOf, quantileOf } from './scoreSketch';
import { probabilityOfRawScore } from './rawScore';

/** How a normaliser's probabilities are calibrated: fitted series models, or counted occurrences. */
export type ScoreCalibration = 'series' | 'occurrence';

/** Version 2 adds `calibration`; a version 1 state restores with the calibration its owner gives. */
const VERSION = 2;
const KNOTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0], [70, 1], [85, 1.2], [90, 1.5], [95, 3], [97, 20], [99, 50], [99.9, 90], [100, 100],
];
/** Tuning of the normaliser (fixed; `series` tuned on NAB, `occurrence` on the simulator's security pipelines). */
export const NORMALISER_TUNING = {
  /** Half-life of the sketch and of the max score, in samples (one sample per interval, about an hour). */
  sketchHalfLifeSamples: 120,
  maxScoreHalfLifeSamples: 24 * 30,
  /** Noise floor of the dB ceiling, in raw-score units, and ceiling points per dB above the noise. */
  noiseFloor: 0.1,
  pointsPerDb: { series: 3.33, occurrence: 6 } as Record<ScoreCalibration, number>,
  /** Which ceilings take part (all four by default; switches exist for tuning experiments). */
  ceilings: { noise: true, percentile: true, maxScore: true, probability: true },
};
const LOG_P_HIGH = Math.log(0.05);
const LOG_P_LOW = Math.log(1e-4);

export interface QuantileScoreNormaliserState extends ScoreNormaliserState {
  version: number;
  bucketSpanMs: number;
  calibration?: ScoreCalibration;
  counts: number[];
  total: number;
  maxScore: number;
  intervalIndex: number | null;
  intervalMax: number;
}

function percentileCeiling(percentile: number): number {
  for (let i = 1; i < KNOTS.length; i++) {
    const [x1, y1] = KNOTS[i];
    if (percentile <= x1) {
      const [x0, y0] = KNOTS[i - 1];
      return y0 + ((percentile - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return 100;
}

export function probabilityCeiling(raw: number): number {
  const p = probabilityOfRawScore(raw);
  if (p >= 0.05) return 0;
  const f = (LOG_P_HIGH - Math.log(p)) / (LOG_P_HIGH - LOG_P_LOW);
  return Math.min(100, 5 + 95 * f);
}

export class QuantileScoreNormaliser implements ScoreNormaliser {
  private readonly bucketSpanMs: number;
  private readonly calibration: ScoreCalibration;
  private readonly intervalMs: number;
  private readonly counts = new Float64Array(SKETCH_BINS + 1);
  private total = 0;
  private maxScore = 0;
  private intervalIndex: number | null = null;
  private intervalMax = 0;

  constructor(opts: { bucketSpanMs: number; calibration?: ScoreCalibration }) {
    if (!(opts.bucketSpanMs > 0)) throw new Error(`bucketSpanMs must be > 0, got ${opts.bucketSpanMs}`);
    const calibration = opts.calibration ?? 'series';
    if (calibration !== 'series' && calibration !== 'occurrence') throw new Error(`unknown score calibration: ${String(calibration)}`);
    this.bucketSpanMs = opts.bucketSpanMs;
    this.calibration = calibration;
    const spanS = opts.bucketSpanMs / 1000;
    const bucketsPerSample = Math.max(1, Math.round(3600 / Math.min(3600, Math.max(300, 2 * spanS))));
    this.intervalMs = bucketsPerSample * opts.bucketSpanMs;
  }

  /**
   * A normaliser from its snapshot. A version 1 state (before calibrations) takes `v1Calibration`: the
   * owner knows which detector it scores (default `series`, the only scale there was).
   */
  static restore(state: unknown, v1Calibration: ScoreCalibration = 'series'): QuantileScoreNormaliser {
    const s = state as QuantileScoreNormaliserState;
    if (!s || (s.version !== VERSION && s.version !== 1)) throw new Error(`unsupported normaliser state version: ${String(s?.version)}`);
    if (!Array.isArray(s.counts) || s.counts.length !== SKETCH_BINS + 1) throw new Error('normaliser state: bad counts');
    const n = new QuantileScoreNormaliser({ bucketSpanMs: s.bucketSpanMs, calibration: s.version === 1 ? v1Calibration : s.calibration });
    n.counts.set(s.counts);
    n.total = s.total;
    n.maxScore = s.maxScore;
    n.intervalIndex = s.intervalIndex;
    n.intervalMax = s.intervalMax;
    return n;
  }

  /** Learn one raw score of the bucket starting at `timeMs`; only each interval's maximum reaches the sketch. */
  observe(raw: number, timeMs: number): void {
    const index = Math.floor(timeMs / this.intervalMs);
    if (this.intervalIndex === null) {
      this.intervalIndex = index;
      this.intervalMax = raw;
      return;
    }
    if (index > this.intervalIndex) {
      this.flushInterval();
      this.intervalIndex = index;
      this.intervalMax = raw;
    } else if (raw > this.intervalMax) {
      this.intervalMax = raw;
    }
  }

  private flushInterval(): void {
    const decay = Math.pow(0.5, 1 / NORMALISER_TUNING.sketchHalfLifeSamples);
    for (let i = 0; i <= SKETCH_BINS; i++) this.counts[i] *= decay;
    this.total = this.total * decay + 1;
    this.counts[binOf(this.intervalMax)] += 1;
    this.maxScore = Math.max(this.maxScore * Math.pow(0.5, 1 / NORMALISER_TUNING.maxScoreHalfLifeSamples), this.intervalMax);
  }

  normalise(raw: number): number {
    if (!(raw > 0)) return 0;
    const maxScore = Math.max(this.maxScore, this.intervalMax, raw);
    const pct = percentileCeiling(percentileOf(this.counts, this.total, raw));
    const noise = Math.max(NORMALISER_TUNING.noiseFloor, quantileOf(this.counts, this.total, 50));
    const r = raw / maxScore;
    const maxCeiling = 100 * Math.min(1.5 * r, 0.5 + 0.5 * r);
    const noiseCeiling = raw <= noise ? 0 : Math.min(100, NORMALISER_TUNING.pointsPerDb[this.calibration] * 10 * Math.log10(raw / noise));
    const c = NORMALISER_TUNING.ceilings;
    const score = Math.min(c.maxScore ? maxCeiling : 100, c.percentile ? pct : 100, c.noise ? noiseCeiling : 100,
      c.probability ? probabilityCeiling(raw) : 100);
    return Math.max(0, Math.min(100, score));
  }

  snapshot(): QuantileScoreNormaliserState {
    return {
      version: VERSION, bucketSpanMs: this.bucketSpanMs, calibration: this.calibration, counts: Array.from(this.counts), total: this.total,
      maxScore: this.maxScore, intervalIndex: this.intervalIndex, intervalMax: this.intervalMax,
    };
  }
}
