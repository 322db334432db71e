/**
 * Critical and major records per day after a warm-up (the "after the first 5 days"). A record
 * counts with the score an alert sees when its bucket is first written (`initial_record_score` when
 * present). Critical: score >= 75; major: score >= 50 (criticals included, as the brief writes it).
 * Pure: records in, counts out.
 */
import { alertScore, type ScoredRecord } from '../simulator/incidentScoring';

export const CRITICAL_SCORE = 75;
export const MAJOR_SCORE = 50;
const DAY_MS = 86_400_000;

export interface DayCount {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  critical: number;
  major: number;
}

export interface SeverityPerDay {
  /** Days counted (after the warm-up), and their counts in order. */
  days: DayCount[];
  criticalPerDay: number;
  majorPerDay: number;
  /** The worst day's critical count (the target is at most 2 a day on normal traffic). */
  maxCriticalInADay: number;
}

/**
 * Counts records per UTC day from `startMs + skipDays` to `startMs + totalDays` (days fully inside).
 * `exclude` drops records explained by labelled incidents, to count false alarms on normal traffic.
 */
export function severityPerDay(records: readonly ScoredRecord[], startMs: number, totalDays: number, skipDays = 5, exclude?: (r: ScoredRecord) => boolean): SeverityPerDay {
  if (!Number.isInteger(totalDays) || totalDays < 1) throw new Error(`totalDays must be a whole number >= 1, got ${totalDays}`);
  const first = Math.min(skipDays, totalDays);
  const days: DayCount[] = [];
  for (let d = first; d < totalDays; d++) days.push({ date: new Date(startMs + d * DAY_MS).toISOString().slice(0, 10), critical: 0, major: 0 });
  for (const r of records) {
    const d = Math.floor((r.timestamp - startMs) / DAY_MS) - first;
    if (d < 0 || d >= days.length) continue;
    if (exclude?.(r)) continue;
    const s = alertScore(r);
    if (s >= MAJOR_SCORE) days[d].major++;
    if (s >= CRITICAL_SCORE) days[d].critical++;
  }
  const n = days.length;
  const sum = (k: 'critical' | 'major'): number => days.reduce((t, x) => t + x[k], 0);
  return {
    days,
    criticalPerDay: n > 0 ? sum('critical') / n : 0,
    majorPerDay: n > 0 ? sum('major') / n : 0,
    maxCriticalInADay: days.reduce((m, x) => Math.max(m, x.critical), 0),
  };
}
