import { severityPerDay } from './severityPerDay';

const START = Date.parse('2026-01-05T00:00:00Z');
const DAY = 86_400_000;

function rec(day: number, score: number, initial?: number) {
  return { timestamp: START + day * DAY + 3_600_000, record_score: score, initial_record_score: initial };
}

describe('severityPerDay', () => {
  it('counts critical (>= 75) and major (>= 50, criticals included) per day after the warm-up days', () => {
    const records = [rec(0, 99), rec(4, 99), rec(5, 75), rec(5, 74.9), rec(5, 50), rec(5, 49.9), rec(6, 80), rec(6, 90), rec(6, 91), rec(7, 10)];
    const out = severityPerDay(records, START, 7);
    expect(out.days).toEqual([
      { date: '2026-01-10', critical: 1, major: 3 },
      { date: '2026-01-11', critical: 3, major: 3 },
    ]);
    expect(out.criticalPerDay).toBe(2);
    expect(out.majorPerDay).toBe(3);
    expect(out.maxCriticalInADay).toBe(3);
  });

  it('scores a record by its initial score (what an alert saw), and can exclude explained records', () => {
    const records = [rec(5, 90, 40), rec(5, 40, 90), rec(5, 95)];
    expect(severityPerDay(records, START, 6).days[0]).toEqual({ date: '2026-01-10', critical: 2, major: 2 });
    const out = severityPerDay(records, START, 6, 5, (r) => r.record_score === 95);
    expect(out.days[0]).toEqual({ date: '2026-01-10', critical: 1, major: 1 });
  });

  it('has no days to count when the run is not longer than the warm-up', () => {
    const out = severityPerDay([rec(1, 99)], START, 3);
    expect(out).toEqual({ days: [], criticalPerDay: 0, majorPerDay: 0, maxCriticalInADay: 0 });
    expect(() => severityPerDay([], START, 0)).toThrow('totalDays must be a whole number >= 1, got 0');
  });
});
