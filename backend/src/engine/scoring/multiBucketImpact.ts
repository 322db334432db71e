/**
 * Multi-bucket impact (engine-anchors §1.6): from -5 (the anomaly is entirely a single-bucket effect)
 * to +5 (entirely a sustained, multi-bucket effect), floored to 2 decimals.
 */
export function multiBucketImpact(pSingle: number, pMulti: number): number {
  const ls = Math.log(Math.max(pSingle, Number.MIN_VALUE));
  const lm = Math.log(Math.max(pMulti, Number.MIN_VALUE));
  const scale = Math.min(ls, lm) / Math.min(Math.max(ls, lm), -0.001) / Math.log(1000);
  const impact = Math.max(-5, Math.min(5, 5 * scale * (ls - lm)));
  return Math.floor(impact * 100 + 1e-9) / 100;
}
