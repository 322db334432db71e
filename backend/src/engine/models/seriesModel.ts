/**
 * SeriesModelSet: the per-series time-series models of a detector, stored in one Float64Array slab.
 *
 * A value x at time t is predicted as level (or trend) + daily(t) + weekly(t). The daily and weekly
 * components and the linear trend are each used only once an out-of-sample test on the data has shown
 * that they predict better (seasonalityTest.ts, learnTrend). The deseasonalised value y = x − active
 * seasonality is scored by the residual mixture (normal, log-normal, gamma, Poisson for counts, weighted
 * by posterior probability; residualMixture.ts), with a time-of-day variance profile once the daily
 * component is on. Learning is weighted down for improbable values; two CUSUMs of standardised
 * residuals detect lasting level shifts (flagged on their first bucket by the old model, then adopted),
 * and the previous level stays a minor mode so a series flipping between two levels is not flagged at
 * every flip. The mean residual of the last 12 buckets is scored by its own moments (multi-bucket feature).
  */
import type { SeriesModelOptions, SeriesModels, SeriesObservation } from './types';
import { normalLowerTail, normalUpperTail } from '../maths/normal';
import { MixtureEvaluation, interval95, predictiveVariance } from './residualMixture';
import { componentValue, knotPosition, profileLearn } from './seasonalComponent';
import { SeasonalStep, learnSeasonality, seasonalCycles } from './seasonalityTest';
import {
  CANDIDATES, DAY_MS, F, MULTI_BUCKET_LENGTH, NORMAL, SeriesLayout, TUNING, WEEK_MS, layoutFor,
} from './seriesLayout';

/** Version 2 added VALUE_MIN and SPIKE_SCALE (version 1 states are migrated on restore). */
const STATE_VERSION = 2;
/** Fields inserted before F.KNOTS by version 2, and their values in a migrated version 1 state. */
const V2_FIELDS = [-Infinity, 0];
/** Seasonal components are re-centred (and the variance profile rescaled) every this many values. */
const RECENTRE_EVERY = 16;
/** Values beyond ± this are learned as ± this (their squares stay finite). */
const MAX_LEARNED_MAGNITUDE = 1e100;
/** A candidate's log-likelihood of one value is floored here (never -Infinity or NaN in its weight). */
const MAX_LOG_LIKELIHOOD_LOSS = 1e6;

export interface SeriesModelSetState {
  version: number;
  bucketSpanMs: number;
  kind: SeriesModelOptions['kind'];
  size: number;
  stride: number;
  /** The slab, little-endian float64, base64. */
  slab: string;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export class SeriesModelSet implements SeriesModels {
  private slab: Float64Array;
  private count = 0;
  private readonly layout: SeriesLayout;
  private readonly isCount: boolean;
  private readonly keepPerBucket: number;
  private readonly testKeepPerBucket: number;
  private readonly shiftRateKeepPerBucket: number;
  private readonly trendGain: number;
  private readonly trendMinBuckets: number;
  private readonly minBuckets: number;
  private readonly mix = new MixtureEvaluation();
  private readonly bounds = new Float64Array(2);
  /** Reused argument of learnSeasonality (no allocation per value). */
  private readonly seasonalStep: SeasonalStep;

  constructor(private readonly opts: SeriesModelOptions) {
    if (!(opts.bucketSpanMs > 0) || !Number.isFinite(opts.bucketSpanMs)) {
      throw new Error(`SeriesModelSet: bucketSpanMs must be a positive number, got ${opts.bucketSpanMs}`);
    }
    if (opts.kind !== 'count' && opts.kind !== 'metric') {
      throw new Error(`SeriesModelSet: kind must be "count" or "metric", got ${String(opts.kind)}`);
    }
    this.layout = layoutFor(opts.bucketSpanMs);
    this.isCount = opts.kind === 'count';
    const hours = opts.bucketSpanMs / 3_600_000;
    this.keepPerBucket = 1 - clamp(TUNING.decayPerHour * hours, 1e-6, 0.2);
    this.testKeepPerBucket = 1 - clamp(TUNING.testDecayPerHour * hours, 1e-6, 0.3);
    this.shiftRateKeepPerBucket = 1 - clamp(TUNING.shiftRateDecayPerHour * hours, 1e-6, 0.2);
    this.trendGain = clamp(TUNING.trendGainPerHour * hours, 1e-4, 0.5);
    this.trendMinBuckets = Math.ceil(TUNING.trendMinHours / hours);
    this.minBuckets = Math.max(TUNING.minBuckets, Math.ceil(TUNING.minHours / hours));
    this.slab = new Float64Array(this.layout.stride * 16);
    this.seasonalStep = {
      value: 0, level: 0, daily: 0, weekly: 0, dPos: 0, wPos: 0, omega: 1, cycles: 0,
      bucketSpanMs: opts.bucketSpanMs, recentre: false, testKeep: 1,
    };
  }

  static restore(state: unknown): SeriesModelSet {
    const s = state as SeriesModelSetState;
    if (!s || typeof s !== 'object') throw new Error('SeriesModelSet.restore: state is not an object');
    if (s.version !== STATE_VERSION && s.version !== 1) throw new Error(`SeriesModelSet.restore: unsupported version ${String(s.version)}`);
    const set = new SeriesModelSet({ bucketSpanMs: s.bucketSpanMs, kind: s.kind });
    const inserted = s.version === 1 ? V2_FIELDS.length : 0;
    if (s.stride + inserted !== set.layout.stride) throw new Error(`SeriesModelSet.restore: stride ${s.stride} != ${set.layout.stride - inserted}`);
    const bytes = Buffer.from(s.slab, 'base64');
    if (bytes.length !== s.size * s.stride * 8) throw new Error('SeriesModelSet.restore: slab length does not match size');
    set.ensureCapacity(s.size);
    const view = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    if (inserted === 0) set.slab.set(view);
    else {
      const at = F.KNOTS - inserted;
      const to = set.layout.stride;
      for (let i = 0; i < s.size; i++) {
        const from = i * s.stride;
        set.slab.set(view.subarray(from, from + at), i * to);
        set.slab.set(V2_FIELDS, i * to + at);
        set.slab.set(view.subarray(from + at, from + s.stride), i * to + F.KNOTS);
      }
    }
    set.count = s.size;
    return set;
  }

  get size(): number {
    return this.count;
  }

  private ensureCapacity(n: number): void {
    const need = n * this.layout.stride;
    if (need <= this.slab.length) return;
    const next = new Float64Array(Math.max(need, this.slab.length * 2));
    next.set(this.slab);
    this.slab = next;
  }

  add(): number {
    const id = this.count;
    this.ensureCapacity(id + 1);
    this.count++;
    const base = id * this.layout.stride;
    const s = this.slab;
    s.fill(0, base, base + this.layout.stride);
    s[base + F.MIN] = Infinity;
    s[base + F.LAST] = NaN;
    s[base + F.FIRST] = NaN;
    for (let i = 0; i < MULTI_BUCKET_LENGTH; i++) s[base + F.RING_BUCKET + i] = -Infinity;
    s[base + F.ALT_LEVEL] = NaN;
    s[base + F.VALUE_MIN] = Infinity;
    s.fill(1, base + this.layout.dailyVarianceOffset, base + this.layout.dailyVarianceOffset + this.layout.dailyKnots);
    return id;
  }

  bytesPerSeries(): number {
    return this.layout.stride * 8;
  }

  totalBytes(): number {
    return this.slab.length * 8;
  }

  snapshot(): SeriesModelSetState {
    const used = this.slab.subarray(0, this.count * this.layout.stride);
    return {
      version: STATE_VERSION, bucketSpanMs: this.opts.bucketSpanMs, kind: this.opts.kind, size: this.count,
      stride: this.layout.stride, slab: Buffer.from(used.buffer, used.byteOffset, used.byteLength).toString('base64'),
    };
  }

  observe(id: number, timeMs: number, value: number | null, learn: boolean, out: SeriesObservation, weight = 1): void {
    if (!(id >= 0 && id < this.count)) throw new Error(`SeriesModelSet.observe: no series ${id}`);
    const s = this.slab;
    const L = this.layout;
    const base = id * L.stride;
    const bucket = Math.floor(timeMs / this.opts.bucketSpanMs);
    const dPos = knotPosition(timeMs, DAY_MS, L.dailyKnots);
    const wPos = knotPosition(timeMs, WEEK_MS, L.weeklyKnots);
    const daily = componentValue(s, base + L.dailyOffset, L.dailyKnots, dPos);
    const weekly = componentValue(s, base + L.weeklyOffset, L.weeklyKnots, wPos);
    const seasonal = (s[base + F.DAILY_ON] === 1 ? daily : 0) + (s[base + F.WEEKLY_ON] === 1 ? weekly : 0);
    const nObs = s[base + F.NOBS];
    const last0 = s[base + F.LAST];
    const elapsed0 = Number.isNaN(last0) ? 1 : Math.max(0, bucket - last0);
    const trendOn = s[base + F.TREND_ON] === 1;
    const trendCentre = s[base + F.TREND_LEVEL] + s[base + F.TREND_SLOPE] * elapsed0;
    const mean = trendOn ? trendCentre : s[base + F.MEAN];

    out.scored = false;
    out.pLower = 1; out.pUpper = 1; out.multiBucketPLower = 1; out.multiBucketPUpper = 1;
    out.typical = NaN; out.lowerBound = NaN; out.upperBound = NaN;

    const wBar = s[base + F.WBAR];
    const w = weight > 0 && Number.isFinite(weight) ? weight : 1;
    const dailyOn = s[base + F.DAILY_ON] === 1;
    const phaseScale = dailyOn
      ? clamp(componentValue(s, base + L.dailyVarianceOffset, L.dailyKnots, dPos), TUNING.phaseVarianceMin, TUNING.phaseVarianceMax)
      : 1;
    const varScale = (wBar > 0 ? clamp(wBar / w, 0.25, 4) : 1) * phaseScale;
    if (nObs > 0) {
      out.typical = seasonal + mean;
      let best = NORMAL;
      for (let c = 1; c < CANDIDATES; c++) if (s[base + F.LOGW + c] > s[base + F.LOGW + best]) best = c;
      if (!this.isCount && best === 3) best = NORMAL;
      interval95(s, base, mean, varScale, best, this.bounds);
      out.lowerBound = seasonal + this.bounds[0];
      out.upperBound = seasonal + this.bounds[1];
      // A series that has never gone below 0 (every count) is predicted within its support.
      if (this.isCount || s[base + F.VALUE_MIN] >= 0) {
        out.typical = Math.max(out.typical, 0);
        out.lowerBound = Math.max(out.lowerBound, 0);
        out.upperBound = Math.max(out.upperBound, 0);
      }
    }
    if (value === null || !Number.isFinite(value)) return;

    const y = value - seasonal;
    const scored = nObs >= this.minBuckets;
    if (nObs > 0) this.mix.evaluate(s, base, y, mean, varScale, this.isCount);
    const sd = Math.sqrt(predictiveVariance(s, base) * varScale);
    const residual = y - mean;
    const clipped = clamp(residual, -TUNING.multiBucketClip * sd, TUNING.multiBucketClip * sd);
    let mbSum = clipped;
    let mbCount = 1;
    for (let i = 0; i < MULTI_BUCKET_LENGTH; i++) {
      const rb = s[base + F.RING_BUCKET + i];
      if (rb > bucket - MULTI_BUCKET_LENGTH && rb < bucket) { mbSum += s[base + F.RING + i]; mbCount++; }
    }
    const mbMean = mbSum / mbCount;
    const mbFull = mbCount === MULTI_BUCKET_LENGTH;
    let mbP2 = 1;
    if (scored) {
      out.scored = true;
      let pl = this.mix.pLower;
      let pu = this.mix.pUpper;
      const alt = s[base + F.ALT_LEVEL];
      if (!Number.isNaN(alt)) {
        const a = (s[base + F.SHIFTS] + TUNING.altLevelPriorShifts) / (s[base + F.ALL_N] + TUNING.altLevelPriorBuckets);
        const zAlt = (y - alt) / sd;
        pl = (1 - a) * pl + a * normalLowerTail(zAlt);
        pu = (1 - a) * pu + a * normalUpperTail(zAlt);
      }
      // Heavy tail of a sparse series (values in under heavyTailMaxFill of its buckets, e.g. one pair's
      // flows): the decayed largest residual learned is a mode of its own, weight 1/(scored buckets + prior),
      // so a deviation like one already seen (1 flow in 127) is not scored as if it were impossible.
      const spike = s[base + F.SPIKE_SCALE] * (elapsed0 <= 1 ? this.keepPerBucket : Math.pow(this.keepPerBucket, elapsed0));
      const sparse = nObs < TUNING.heavyTailMaxFill * (bucket - s[base + F.FIRST] + 1);
      if (sparse && spike > sd && Number.isFinite(spike)) {
        const e = 1 / (s[base + F.ALL_N] + TUNING.heavyTailPriorBuckets);
        const zWide = residual / (spike * TUNING.heavyTailScale);
        pl = (1 - e) * pl + e * normalLowerTail(zWide);
        pu = (1 - e) * pu + e * normalUpperTail(zWide);
      }
      out.pLower = Math.max(pl, Number.MIN_VALUE);
      out.pUpper = Math.max(pu, Number.MIN_VALUE);
      if (mbFull && s[base + F.MB_N] >= this.minBuckets) {
        const mbN = s[base + F.MB_N];
        const mbVar = Math.max(s[base + F.MB_VAR], 1e-12 + 1e-8 * sd * sd) * (1 + 2 / mbN);
        const z = (mbMean - s[base + F.MB_MEAN]) / Math.sqrt(mbVar);
        out.multiBucketPLower = Math.max(normalLowerTail(z), Number.MIN_VALUE);
        out.multiBucketPUpper = Math.max(normalUpperTail(z), Number.MIN_VALUE);
        mbP2 = 2 * Math.min(out.multiBucketPLower, out.multiBucketPUpper);
      }
    }
    if (!learn) return;

    // ---- learning ----
    // Outlier-robust: a scored value teaches the model at most TUNING.learnClip predictive standard
    // deviations away from its prediction, and no value beyond ±MAX_LEARNED_MAGNITUDE, so one absurd
    // value (1e200) cannot overflow the moments, tests or seasonal components.
    const yl = this.learnedValue(base, y, mean, sd, scored, elapsed0);
    const yShift = yl - y;
    const residualL = residual + yShift;
    // The CUSUMs measure a level shift by the mean of the residuals of its run: they see them unclipped
    // (but finite), so a genuine shift far beyond the noise is adopted at its size.
    const residualC = clamp(residual, -MAX_LEARNED_MAGNITUDE, MAX_LEARNED_MAGNITUDE);
    let last = s[base + F.LAST];
    if (Number.isNaN(last)) { s[base + F.FIRST] = bucket; last = bucket - 1; }
    const elapsed = Math.max(0, bucket - last);
    const keep = elapsed === 1 ? this.keepPerBucket : Math.pow(this.keepPerBucket, elapsed);
    const p2 = scored ? 2 * Math.min(this.mix.pLower, this.mix.pUpper) : 1;
    if (scored) {
      const keepRate = Math.pow(this.shiftRateKeepPerBucket, elapsed);
      s[base + F.ALL_N] = s[base + F.ALL_N] * keepRate + 1;
      s[base + F.SHIFTS] *= keepRate;
    }
    const omega = scored ? clamp(Math.sqrt(p2 / TUNING.outlierFullWeightP), TUNING.outlierMinWeight, 1) : 1;
    const relWeight = wBar > 0 ? Math.min(1, w / wBar) : 1;
    s[base + F.WBAR] = wBar > 0 ? wBar + 0.05 * (w - wBar) : w;

    if (scored) {
      // The candidates learn the likelihood of the value as learned (a clipped value is evaluated again).
      if (yShift !== 0) this.mix.evaluate(s, base, yl, mean, varScale, this.isCount);
      const ll = this.mix.logLik;
      for (let c = 0; c < CANDIDATES; c++) {
        let add = this.mix.available[c] ? ll[c] : ll[NORMAL] - 5;
        if (!(add > -MAX_LOG_LIKELIHOOD_LOSS)) add = -MAX_LOG_LIKELIHOOD_LOSS;
        s[base + F.LOGW + c] = s[base + F.LOGW + c] * keep + omega * add;
      }
    }
    const wl = omega * relWeight;
    const n = s[base + F.N] * keep + wl;
    const alpha = wl / n;
    const delta = yl - mean;
    s[base + F.N] = n;
    s[base + F.MEAN] = s[base + F.MEAN] + alpha * (yl - s[base + F.MEAN]);
    s[base + F.VAR] = (1 - alpha) * (s[base + F.VAR] + alpha * delta * delta);
    this.learnTrend(base, yl, nObs === 0 ? yl : trendCentre, omega, elapsed);
    if (s[base + F.TREND_ON] === 1) s[base + F.MEAN] = s[base + F.TREND_LEVEL];
    if (yl < s[base + F.MIN]) s[base + F.MIN] = yl;
    if (value < s[base + F.VALUE_MIN]) s[base + F.VALUE_MIN] = value;

    if (mbFull) {
      const mbOmega = clamp(Math.sqrt(mbP2 / TUNING.multiBucketFullWeightP), TUNING.outlierMinWeight, 1);
      const mn = s[base + F.MB_N] * keep + mbOmega;
      const a = mbOmega / mn;
      const d = mbMean - s[base + F.MB_MEAN];
      s[base + F.MB_N] = mn;
      s[base + F.MB_MEAN] += a * d;
      s[base + F.MB_VAR] = (1 - a) * (s[base + F.MB_VAR] + a * d * d);
    }
    const pos = s[base + F.RING_POS];
    s[base + F.RING + pos] = clipped;
    s[base + F.RING_BUCKET + pos] = bucket;
    s[base + F.RING_POS] = (pos + 1) % MULTI_BUCKET_LENGTH;

    const cycles = L.dailyKnots > 0 || L.weeklyKnots > 0 ? seasonalCycles(s, base, bucket, this.opts.bucketSpanMs) : 0;
    const recentre = nObs % RECENTRE_EVERY === 0;
    if (dailyOn) {
      const target = Math.min((residualL * residualL) / (sd * sd / phaseScale), TUNING.phaseVarianceCap);
      const gain = Math.max(1 / (cycles + 1), TUNING.seasonalMinGain) * Math.min(1, (L.dailyKnots * this.opts.bucketSpanMs) / DAY_MS);
      profileLearn(s, base + L.dailyVarianceOffset, L.dailyKnots, dPos, target, gain * Math.pow(omega, TUNING.phaseVarianceOutlierPower), recentre);
    }
    if (scored && (L.dailyKnots === 0 || cycles >= 1)) {
      // A deviation that a (not yet used) seasonal component explains is no level shift: the CUSUMs see
      // the smallest of the residuals with and without the components that have seen a full cycle.
      let r = residualC;
      const withDaily = !dailyOn && L.dailyKnots > 0 ? residualC - daily : residualC;
      if (Math.abs(withDaily) < Math.abs(r)) r = withDaily;
      if (L.weeklyKnots > 0 && cycles >= 7 && s[base + F.WEEKLY_ON] !== 1) {
        if (Math.abs(residualC - weekly) < Math.abs(r)) r = residualC - weekly;
        if (Math.abs(withDaily - weekly) < Math.abs(r)) r = withDaily - weekly;
      }
      this.detectLevelShift(base, r / sd, r);
    }
    if (L.dailyKnots > 0 || L.weeklyKnots > 0) {
      const st = this.seasonalStep;
      st.value = yl + seasonal; st.level = mean; st.daily = daily; st.weekly = weekly; st.dPos = dPos; st.wPos = wPos;
      st.omega = omega; st.cycles = cycles; st.recentre = recentre;
      st.testKeep = elapsed === 1 ? this.testKeepPerBucket : Math.pow(this.testKeepPerBucket, elapsed);
      const changed = learnSeasonality(s, base, L, st);
      if (changed) this.resetShortMemory(base);
    }
    s[base + F.NOBS] = nObs + 1;
    if (bucket > s[base + F.LAST] || Number.isNaN(s[base + F.LAST])) s[base + F.LAST] = bucket;
  }

  /**
   * The value a bucket teaches the model: y within ±MAX_LEARNED_MAGNITUDE and, once scored, within
   * learnClip × max(sd, spike scale) of the prediction. The spike scale is the decayed largest residual
   * learned, so one absurd value (1e200) moves the model by at most 30 sd, while a series with repeated
   * large spikes learns them fully after a few (each may be 30 times the last).
   */
  private learnedValue(base: number, y: number, mean: number, sd: number, scored: boolean, elapsed: number): number {
    const s = this.slab;
    let v = clamp(y, -MAX_LEARNED_MAGNITUDE, MAX_LEARNED_MAGNITUDE);
    const spike = s[base + F.SPIKE_SCALE] * (elapsed <= 1 ? this.keepPerBucket : Math.pow(this.keepPerBucket, elapsed));
    const scale = Math.max(sd, spike);
    if (scored && scale > 0 && Number.isFinite(scale)) v = clamp(v, mean - TUNING.learnClip * scale, mean + TUNING.learnClip * scale);
    s[base + F.SPIKE_SCALE] = scored ? Math.max(spike, Math.abs(v - mean)) : spike;
    return v;
  }

  /**
   * The trend: a local linear level (Holt's method, gains fixed per hour of data) learned on the
   * deseasonalised values, and its out-of-sample test against the plain level. Once on, it centres
   * the predictions (the plain level follows it).
   */
  private learnTrend(base: number, y: number, predicted: number, omega: number, elapsed: number): void {
    const s = this.slab;
    const e = y - predicted;
    const eLevel = y - s[base + F.MEAN];
    const gain = this.trendGain * omega;
    s[base + F.TREND_LEVEL] = predicted + gain * e;
    s[base + F.TREND_SLOPE] += gain * TUNING.slopeGainRatio * e;
    const k = elapsed === 1 ? this.testKeepPerBucket : Math.pow(this.testKeepPerBucket, elapsed);
    s[base + F.SSE_TREND] = s[base + F.SSE_TREND] * k + omega * e * e;
    s[base + F.SSE_LEVEL] = s[base + F.SSE_LEVEL] * k + omega * eLevel * eLevel;
    if (s[base + F.NOBS] < this.trendMinBuckets) return;
    const on = s[base + F.TREND_ON] === 1;
    if (!on && s[base + F.SSE_TREND] < TUNING.trendOnRatio * s[base + F.SSE_LEVEL]) s[base + F.TREND_ON] = 1;
    else if (on && s[base + F.SSE_TREND] > TUNING.trendOffRatio * s[base + F.SSE_LEVEL]) s[base + F.TREND_ON] = 0;
  }

  /** Two one-sided CUSUMs of clipped standardised residuals; on a lasting shift the level moves by the run's mean. */
  private detectLevelShift(base: number, z0: number, residual: number): void {
    const s = this.slab;
    const z = clamp(z0, -TUNING.cusumClip, TUNING.cusumClip);
    const k = TUNING.cusumAllowance;
    let shift = 0;
    const up = Math.max(0, s[base + F.CUSUM_UP] + z - k);
    if (up > 0) { s[base + F.SUM_UP] += residual; s[base + F.RUN_UP] += 1; } else { s[base + F.SUM_UP] = 0; s[base + F.RUN_UP] = 0; }
    s[base + F.CUSUM_UP] = up;
    const down = Math.max(0, s[base + F.CUSUM_DOWN] - z - k);
    if (down > 0) { s[base + F.SUM_DOWN] += residual; s[base + F.RUN_DOWN] += 1; } else { s[base + F.SUM_DOWN] = 0; s[base + F.RUN_DOWN] = 0; }
    s[base + F.CUSUM_DOWN] = down;
    if (up > TUNING.cusumThreshold && s[base + F.RUN_UP] >= TUNING.cusumMinRun) shift = s[base + F.SUM_UP] / s[base + F.RUN_UP];
    else if (down > TUNING.cusumThreshold && s[base + F.RUN_DOWN] >= TUNING.cusumMinRun) shift = s[base + F.SUM_DOWN] / s[base + F.RUN_DOWN];
    if (shift !== 0) {
      s[base + F.ALT_LEVEL] = s[base + F.MEAN];
      s[base + F.SHIFTS] += 1;
      s[base + F.MEAN] += shift;
      s[base + F.TREND_LEVEL] += shift;
      this.resetShortMemory(base);
    }
  }

  /** Forget the CUSUM runs and the multi-bucket window (after a level shift or a new seasonal component). */
  private resetShortMemory(base: number): void {
    const s = this.slab;
    for (let f = F.CUSUM_UP; f <= F.RUN_DOWN; f++) s[base + f] = 0;
    for (let i = 0; i < MULTI_BUCKET_LENGTH; i++) s[base + F.RING_BUCKET + i] = -Infinity;
  }
}
