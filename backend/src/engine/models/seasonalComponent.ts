/**
 * A periodic component stored as K knots in a slab: a cyclic piecewise-linear function of the phase,
 * with zero mean (the level lives in the residual moments). Learned by a normalised least-mean-squares
 * step on the two knots around the phase.
 */

/** Position of `timeMs` in the cycle, in knots (0 <= position < knots). */
export function knotPosition(timeMs: number, periodMs: number, knots: number): number {
  const inCycle = ((timeMs % periodMs) + periodMs) % periodMs;
  return (inCycle / periodMs) * knots;
}

export function componentValue(slab: Float64Array, offset: number, knots: number, position: number): number {
  if (knots === 0) return 0;
  const j = Math.floor(position);
  const f = position - j;
  const j1 = j + 1 === knots ? 0 : j + 1;
  return (1 - f) * slab[offset + j] + f * slab[offset + j1];
}

/**
 * Move the component toward `error` (observed minus predicted) at `position` with step `gain`;
 * with `recentre`, also re-centre it to zero mean (callers do that every few steps: each step moves the
 * mean by only gain · error / knots).
 */
export function componentLearn(
  slab: Float64Array, offset: number, knots: number, position: number, error: number, gain: number, recentre: boolean,
): void {
  if (knots === 0) return;
  const j = Math.floor(position);
  const f = position - j;
  const j1 = j + 1 === knots ? 0 : j + 1;
  const norm = (1 - f) * (1 - f) + f * f;
  const step = (gain * error) / norm;
  slab[offset + j] += step * (1 - f);
  slab[offset + j1] += step * f;
  if (!recentre) return;
  let sum = 0;
  for (let i = 0; i < knots; i++) sum += slab[offset + i];
  const mean = sum / knots;
  for (let i = 0; i < knots; i++) slab[offset + i] -= mean;
}

/**
 * Move a positive profile (e.g. relative variance by phase) toward `target` at `position` with step `gain`;
 * with `rescale`, also rescale it to mean 1.
 */
export function profileLearn(
  slab: Float64Array, offset: number, knots: number, position: number, target: number, gain: number, rescale: boolean,
): void {
  if (knots === 0) return;
  const j = Math.floor(position);
  const f = position - j;
  const j1 = j + 1 === knots ? 0 : j + 1;
  slab[offset + j] += gain * (1 - f) * (target - slab[offset + j]);
  slab[offset + j1] += gain * f * (target - slab[offset + j1]);
  if (!rescale) return;
  let sum = 0;
  for (let i = 0; i < knots; i++) sum += slab[offset + i];
  const scale = knots / sum;
  for (let i = 0; i < knots; i++) slab[offset + i] *= scale;
}
