/** The scenario plan for runs of any length: every event inside the run, after the warm-up. */
import { buildFleet } from './fleet';
import { DAY_MS, dayOfWeek } from './rhythm';
import { INCIDENT_ORDER, planScenario, reconSignatures, signatureNewToServers } from './scenario';

const fleet = buildFleet(5, 80);

describe('planScenario', () => {
  it.each([
    ['2026-01-05', 1],
    ['2026-01-05', 2],
    ['2026-01-09', 3],
    ['2026-01-05', 7],
    ['2026-01-07', 7],
    ['2026-01-05', 14],
    ['2026-03-01', 21],
  ])('starting %s for %i days: all events inside the run, after the warm-up', (start, days) => {
    const startMs = Date.parse(`${start}T00:00:00Z`);
    const end = startMs + days * DAY_MS;
    const labels = planScenario(fleet, 5, startMs, days).map((a) => a.label);
    const rounds = Math.max(1, Math.floor(days / 7));
    expect(labels.filter((l) => l.class === 'incident')).toHaveLength(6 * rounds);
    expect(labels.filter((l) => l.class === 'benign').map((l) => l.kind)).toEqual(['patch_day', 'fleet_new_signature']);
    for (const l of labels) {
      expect(l.start_ms).toBeGreaterThanOrEqual(startMs + Math.min(3 * DAY_MS, 0.4 * days * DAY_MS));
      expect(l.end_ms).toBeGreaterThan(l.start_ms);
      expect(l.end_ms).toBeLessThanOrEqual(end);
      expect(l.start).toBe(new Date(l.start_ms).toISOString());
    }
    const incidents = labels.filter((l) => l.class === 'incident');
    expect(incidents.map((l) => l.kind)).toEqual(Array.from({ length: rounds }, () => INCIDENT_ORDER).flat());
    // one slot each: incidents do not overlap
    for (let i = 1; i < incidents.length; i++) expect(incidents[i].start_ms).toBeGreaterThanOrEqual(incidents[i - 1].end_ms);
    const patch = labels.find((l) => l.kind === 'patch_day')!;
    if (days >= 14) {
      expect(dayOfWeek(patch.start_ms)).toBe(2);
      expect(patch.start.slice(11, 16)).toBe('10:00');
    }
    expect(patch.end_ms - patch.start_ms).toBe(4 * 3_600_000);
  });

  it('picks a laptop-only signature for the server incident and 12 categories for the recon burst', () => {
    const sig = signatureNewToServers(fleet);
    expect(sig.group).toBe('laptop');
    expect([...fleet.byRole.web, ...fleet.byRole.database, ...fleet.byRole.batch].some((h) => h.alerts.signatures.includes(sig))).toBe(false);
    expect(new Set(reconSignatures().map((s) => s.category)).size).toBe(12);
  });

  it('is the same plan for the same seed', () => {
    const a = planScenario(fleet, 5, Date.parse('2026-01-05T00:00:00Z'), 14).map((x) => x.label);
    const b = planScenario(buildFleet(5, 80), 5, Date.parse('2026-01-05T00:00:00Z'), 14).map((x) => x.label);
    expect(a).toEqual(b);
  });
});
