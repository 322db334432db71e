/**
 * PopulationModelSet: for population ("over") analysis, one model per population (a partition and
 * by value) of the values its members take in a bucket, e.g. each source's event count. A member is
 * compared with the population, not with its own history, so the memory per member is nothing here.
 *
 * Each population keeps a decayed normal model of y = sign(x)·log(1 + |x|) (member values of machine
 * data are heavy tailed: a log scale keeps one heavy hitter from swamping the rest), learned with
 * weights that shrink for improbable values (an outlier moves it less), with a variance floor (for
 * counts the Poisson spread on that scale, λ/(1+λ)², so that 2 events among members with 1 is not
 * an anomaly). Scoring starts after 4 buckets and 10 member values.
 */
import { logNormalUpperTail } from '../maths/normal';

const VERSION = 1;
const STRIDE = 5; // n, mean, m2 (weighted), buckets, values
const HALF_LIFE_MS = 7 * 86_400_000;
const MIN_BUCKETS = 4;
const MIN_VALUES = 10;
const OUTLIER_FULL_WEIGHT_P = 0.05;
const OUTLIER_MIN_WEIGHT = 0.05;
const Z95 = 1.959963984540054;

export interface PopulationScore {
  scored: boolean;
  pLower: number;
  pUpper: number;
  typical: number;
  lowerBound: number;
  upperBound: number;
}

export function emptyPopulationScore(): PopulationScore {
  return { scored: false, pLower: 1, pUpper: 1, typical: NaN, lowerBound: NaN, upperBound: NaN };
}

export interface PopulationModelState {
  version: number;
  kind: 'count' | 'metric';
  bucketSpanMs: number;
  data: number[];
}

function toLog(x: number): number {
  return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
}

function fromLog(y: number): number {
  return y >= 0 ? Math.expm1(y) : -Math.expm1(-y);
}

export class PopulationModelSet {
  private data = new Float64Array(STRIDE * 8);
  private count = 0;
  private readonly keep: number;

  constructor(private readonly opts: { bucketSpanMs: number; kind: 'count' | 'metric' }) {
    this.keep = Math.pow(0.5, opts.bucketSpanMs / HALF_LIFE_MS);
  }

  get size(): number {
    return this.count;
  }

  add(): number {
    if ((this.count + 1) * STRIDE > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    return this.count++;
  }

  private variance(base: number): number {
    const d = this.data;
    const n = d[base];
    const mean = d[base + 1];
    let v = n > 0 ? d[base + 2] / n : 0;
    if (this.opts.kind === 'count') {
      const lambda = Math.max(fromLog(mean), 0.5);
      v = Math.max(v, lambda / ((1 + lambda) * (1 + lambda)));
    }
    v = Math.max(v, 0.0004);
    return v * (1 + 1 / Math.max(n, 1));
  }

  /** Score member value x against population `id` (no learning). */
  score(id: number, x: number, out: PopulationScore): void {
    const base = id * STRIDE;
    const d = this.data;
    out.scored = false; out.pLower = 1; out.pUpper = 1;
    out.typical = NaN; out.lowerBound = NaN; out.upperBound = NaN;
    if (d[base + 4] === 0) return;
    const mean = d[base + 1];
    const sd = Math.sqrt(this.variance(base));
    out.typical = fromLog(mean);
    out.lowerBound = fromLog(mean - Z95 * sd);
    out.upperBound = fromLog(mean + Z95 * sd);
    if (this.opts.kind === 'count') out.lowerBound = Math.max(0, out.lowerBound);
    if (d[base + 3] < MIN_BUCKETS || d[base + 4] < MIN_VALUES) return;
    const z = (toLog(x) - mean) / sd;
    out.scored = true;
    out.pUpper = Math.max(Math.exp(logNormalUpperTail(z)), Number.MIN_VALUE);
    out.pLower = Math.max(Math.exp(logNormalUpperTail(-z)), Number.MIN_VALUE);
  }

  /** Learn one member value; `pTwoSided` (from `score`) weighs outliers down. */
  learn(id: number, x: number, pTwoSided: number): void {
    const base = id * STRIDE;
    const d = this.data;
    const w = Math.min(1, Math.max(OUTLIER_MIN_WEIGHT, Math.sqrt(pTwoSided / OUTLIER_FULL_WEIGHT_P)));
    const y = toLog(x);
    const n = d[base] + w;
    const delta = y - d[base + 1];
    d[base + 1] += (w * delta) / n;
    d[base + 2] += w * delta * (y - d[base + 1]);
    d[base] = n;
    d[base + 4] += 1;
  }

  /** Close a bucket of population `id`: count it and decay the old evidence. */
  endBucket(id: number): void {
    const base = id * STRIDE;
    const d = this.data;
    d[base] *= this.keep;
    d[base + 2] *= this.keep;
    d[base + 3] += 1;
  }

  bytesPerSeries(): number {
    return STRIDE * 8;
  }

  totalBytes(): number {
    return this.count * STRIDE * 8;
  }

  snapshot(): PopulationModelState {
    return {
      version: VERSION, kind: this.opts.kind, bucketSpanMs: this.opts.bucketSpanMs,
      data: Array.from(this.data.subarray(0, this.count * STRIDE)),
    };
  }

  static restore(state: unknown): PopulationModelSet {
    const s = state as PopulationModelState;
    if (!s || s.version !== VERSION) throw new Error(`PopulationModelSet.restore: unsupported version ${String(s?.version)}`);
    const m = new PopulationModelSet({ bucketSpanMs: s.bucketSpanMs, kind: s.kind });
    const n = s.data.length / STRIDE;
    for (let i = 0; i < n; i++) m.add();
    m.data.set(s.data);
    return m;
  }
}
