/** A small seeded pseudo-random generator (for simulations, tests and benchmarks; never unseeded). */
export class SeededRandom {
  private state: number;
  private spare = NaN;

  constructor(seed: number) {
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  /** Uniform in [0, 1) (xorshift32). */
  uniform(): number {
    let x = this.state;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.state = x;
    return x / 4294967296;
  }

  /** Standard normal (Box–Muller, pairs cached). */
  normal(): number {
    if (!Number.isNaN(this.spare)) { const v = this.spare; this.spare = NaN; return v; }
    const u = Math.max(this.uniform(), 1e-300);
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }

  /** Poisson count with mean `lambda` (Knuth for small means, normal approximation above 50). */
  poisson(lambda: number): number {
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do { k++; p *= this.uniform(); } while (p > l);
    return k - 1;
  }
}

/** mulberry32: a small seeded generator of floats in [0, 1), as a function (fuzz inputs, synthetic series, benches). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
