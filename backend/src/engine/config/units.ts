/** Elastic-style durations ("5m", "300s", "1h", or a number of seconds) and byte sizes ("1024mb"). */

const durationUnitsMs: Readonly<Record<string, number>> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A duration in milliseconds. A number (or a string of digits) means seconds, as Prelert's `bucketspan=300`
 * and Elastic's numeric bucket_span. Throws an Error with a one-line reason on anything else.
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid duration ${value}: expected a non-negative number of seconds`);
    return Math.round(value * 1000);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(nanos|micros|ms|s|m|h|d)?\s*$/.exec(value);
  if (!match) throw new Error(`invalid duration "${value}": expected a number and a unit (ms, s, m, h, d), e.g. "5m"`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  return Math.round(amount * durationUnitsMs[unit]);
}

/** A duration as Elastic writes it: the largest whole unit ("5m", "90s", "1500ms"). */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const byteUnits: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

/**
 * A byte size in bytes ("1024mb", "2gb", "512kb", "100b"; units are powers of 1024 as in Elastic).
 * A number is taken in `numberUnit` (Elastic reads a bare model_memory_limit as megabytes).
 */
export function parseByteSize(value: string | number, numberUnit: keyof typeof byteUnits = 'b'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid byte size ${value}: expected a non-negative number`);
    return Math.round(value * byteUnits[numberUnit]);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?b)?\s*$/i.exec(value);
  if (!match) throw new Error(`invalid byte size "${value}": expected a number and a unit (b, kb, mb, gb, tb), e.g. "1024mb"`);
  const unit = (match[2] ?? numberUnit).toLowerCase();
  return Math.round(Number(match[1]) * byteUnits[unit]);
}
