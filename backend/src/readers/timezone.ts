/**
 * Zone offsets for times written without one. A zone is `UTC`/`Z`/`GMT`, a fixed offset
 * (`+02:00`, `+0200`, `-05`), or an IANA name resolved through `Intl` (daylight saving included).
 * The returned function takes a wall-clock time written as if it were UTC (ms) and returns the
 * zone's offset in ms at that wall time, so that `utc = wall - offset`.
 */
export type ZoneOffset = (wallClockAsUtcMs: number) => number;

const HOUR = 3_600_000;

/** Parses a fixed offset such as `+02:00`, `+0200`, `-05`; null when `text` is not one. */
export function parseFixedOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d\d)(?::?(\d\d))?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * HOUR + minutes * 60_000);
}

/** Builds the offset function of a zone; throws a clear error for an unknown zone. */
export function zoneOffsetOf(zone: string | undefined): ZoneOffset {
  if (zone === undefined || zone === '' || /^(utc|gmt|z)$/i.test(zone)) return () => 0;
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return () => fixed;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`unknown time zone "${zone}" (use UTC, an offset such as +02:00, or an IANA name such as Europe/Prague)`);
  }
  const cache = new Map<number, number>();
  /** Offset of the zone at a UTC instant, cached per hour of the instant. */
  const offsetAtInstant = (utcMs: number): number => {
    const hour = Math.floor(utcMs / HOUR);
    const hit = cache.get(hour);
    if (hit !== undefined) return hit;
    const at = hour * HOUR;
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    const offset = wall - at;
    if (cache.size > 10_000) cache.clear();
    cache.set(hour, offset);
    return offset;
  };
  return (wall: number) => {
    const first = offsetAtInstant(wall - offsetAtInstant(wall));
    return offsetAtInstant(wall - first);
  };
}
