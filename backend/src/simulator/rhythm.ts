/**
 * Daily and weekly rhythms per role. `hourShape` has mean 1 over a day, so a day's volume is set
 * by `dayVolume` alone; within the day the shape moves it between night and peak hours.
 */
export type Role = 'laptop' | 'web' | 'database' | 'batch';
export const ROLES: readonly Role[] = ['laptop', 'web', 'database', 'batch'];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** 0 = Sunday … 6 = Saturday (UTC). */
export function dayOfWeek(timeMs: number): number {
  return new Date(timeMs).getUTCDay();
}

export function isWeekend(timeMs: number): boolean {
  const d = dayOfWeek(timeMs);
  return d === 0 || d === 6;
}

/** Fractional hour of day, UTC. */
export function hourOfDay(timeMs: number): number {
  return (((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

// Raw hourly levels (index = hour, linear between hours), normalised to mean 1 below.
const LAPTOP_WORKDAY = [0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.08, 0.3, 0.8, 1.0, 1.0, 0.95, 0.75, 0.9, 1.0, 1.0, 0.95, 0.8, 0.45, 0.25, 0.15, 0.1, 0.06, 0.04];
const LAPTOP_WEEKEND = [0.05, 0.04, 0.03, 0.03, 0.03, 0.03, 0.04, 0.06, 0.1, 0.15, 0.2, 0.22, 0.22, 0.22, 0.2, 0.2, 0.18, 0.16, 0.15, 0.14, 0.12, 0.1, 0.08, 0.06];
const WEB = Array.from({ length: 24 }, (_, h) => 0.55 + 0.45 * Math.cos((2 * Math.PI * (h - 15)) / 24));
const DATABASE = Array.from({ length: 24 }, (_, h) => 0.75 + 0.25 * Math.cos((2 * Math.PI * (h - 15)) / 24));
const BATCH = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 19 ? 1.0 : 0.6));

function normalised(levels: number[]): number[] {
  const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
  return levels.map((v) => v / mean);
}

const SHAPES: Record<Role, { workday: number[]; weekend: number[] }> = {
  laptop: { workday: normalised(LAPTOP_WORKDAY), weekend: normalised(LAPTOP_WEEKEND) },
  web: { workday: normalised(WEB), weekend: normalised(WEB) },
  database: { workday: normalised(DATABASE), weekend: normalised(DATABASE) },
  batch: { workday: normalised(BATCH), weekend: normalised(BATCH) },
};

/** Relative activity at a time of day (mean 1 over the day). */
export function hourShape(role: Role, timeMs: number): number {
  const levels = isWeekend(timeMs) ? SHAPES[role].weekend : SHAPES[role].workday;
  const h = hourOfDay(timeMs);
  const i = Math.floor(h);
  const f = h - i;
  return levels[i] * (1 - f) + levels[(i + 1) % 24] * f;
}

/** A day's volume relative to a workday (weekly rhythm). */
export function dayVolume(role: Role, timeMs: number): number {
  if (!isWeekend(timeMs)) return 1;
  switch (role) {
    case 'laptop':
      return 0.12;
    case 'web':
      return 0.75;
    case 'database':
      return 0.8;
    case 'batch':
      return 0.9;
  }
}

/** dayVolume × hourShape at the middle of [t, t + spanMs), per role: one slice's activity levels. */
export function sliceLevels(timeMs: number, spanMs: number): Record<Role, number> {
  const mid = timeMs + spanMs / 2;
  return {
    laptop: dayVolume('laptop', timeMs) * hourShape('laptop', mid),
    web: dayVolume('web', timeMs) * hourShape('web', mid),
    database: dayVolume('database', timeMs) * hourShape('database', mid),
    batch: dayVolume('batch', timeMs) * hourShape('batch', mid),
  };
}

export { HOUR_MS, DAY_MS };
