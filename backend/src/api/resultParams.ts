/**
 * Query parameters of the results routes, parsed and checked: a bad value is a 400 naming the
 * parameter. Times are epoch ms or ISO date-times; `entity` is repeatable `field=value`.
 */
import { badRequest } from './http';

export const DEFAULT_SIZE = 100;
export const MAX_SIZE = 10_000;

export interface EntityFilter {
  field: string;
  value: string;
}

export interface ResultQuery {
  start?: number;
  end?: number;
  minScore?: number;
  from: number;
  size: number;
  entities: EntityFilter[];
  includeInterim: boolean;
}

export function parseTime(text: string, name: string): number {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Math.floor(Number(t));
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw badRequest(`${name}: "${text}" is neither epoch ms nor an ISO date-time`, [{ message: `"${text}" is neither epoch ms nor an ISO date-time`, path: name }]);
  return ms;
}

function single(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw badRequest(`${name}: given ${all.length} times`, [{ message: 'given more than once', path: name }]);
  return all.length ? all[0] : undefined;
}

export function numberParam(q: URLSearchParams, name: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const text = single(q, name);
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  const fail = (why: string): never => {
    throw badRequest(`${name}: "${text}" ${why}`, [{ message: `"${text}" ${why}`, path: name }]);
  };
  if (!Number.isFinite(n)) fail('is not a number');
  if (opts.integer && !Number.isInteger(n)) fail('is not a whole number');
  if (opts.min !== undefined && n < opts.min) fail(`is below ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) fail(`is above ${opts.max}`);
  return n;
}

export function boolParam(q: URLSearchParams, name: string, fallback: boolean): boolean {
  const text = single(q, name);
  if (text === undefined || text === '') return fallback;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw badRequest(`${name}: "${text}" is not true or false`, [{ message: `"${text}" is not true or false`, path: name }]);
}

export function enumParam<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const text = single(q, name);
  if (text === undefined || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text)) {
    throw badRequest(`${name}: "${text}" is not one of ${allowed.join(', ')}`, [{ message: `"${text}" is not one of ${allowed.join(', ')}`, path: name }]);
  }
  return text as T;
}

export function stringParam(q: URLSearchParams, name: string): string | undefined {
  return single(q, name);
}

export function parseEntity(text: string): EntityFilter {
  const eq = text.indexOf('=');
  if (eq <= 0) throw badRequest(`entity: "${text}" is not field=value`, [{ message: `"${text}" is not field=value`, path: 'entity' }]);
  return { field: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
}

/** The parameters every results route takes. */
export function parseResultQuery(q: URLSearchParams): ResultQuery {
  const startText = single(q, 'start');
  const endText = single(q, 'end');
  const start = startText ? parseTime(startText, 'start') : undefined;
  const end = endText ? parseTime(endText, 'end') : undefined;
  if (start !== undefined && end !== undefined && end < start) throw badRequest(`end: ${end} is before start ${start}`, [{ message: 'before start', path: 'end' }]);
  const from = numberParam(q, 'from', { min: 0, integer: true }) ?? 0;
  const size = numberParam(q, 'size', { min: 0, max: MAX_SIZE, integer: true }) ?? DEFAULT_SIZE;
  if (from + size > MAX_SIZE) throw badRequest(`from + size: ${from + size} is above ${MAX_SIZE} (page with a narrower time range)`, [{ message: `above ${MAX_SIZE}`, path: 'from' }]);
  return {
    start,
    end,
    minScore: numberParam(q, 'min_score', { min: 0, max: 100 }),
    from,
    size,
    entities: q.getAll('entity').filter((e) => e.trim() !== '').map(parseEntity),
    includeInterim: boolParam(q, 'include_interim', false),
  };
}
