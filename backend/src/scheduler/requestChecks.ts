/** Checks of what a job request asks, before the job manager changes anything. */
import { parseTimeValue } from './datafeedSettings';
import { JobManagerError } from './errors';

/** Equal as JSON, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

export function timeOrBadRequest(value: number | string, field: 'start' | 'end'): number {
  try {
    return parseTimeValue(value, field);
  } catch (err) {
    throw new JobManagerError((err as Error).message, 400, [{ message: (err as Error).message, path: field }]);
  }
}
