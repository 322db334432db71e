import type { ScenarioLabel } from '../../simulator/labels';
import { explainedByLabels, incidentReports, topFalseAlarms, type SecurityRecord } from './incidentReport';

const B0 = Date.parse('2026-01-08T10:00:00Z');
const SPAN = 300_000;

function label(over: Partial<ScenarioLabel>): ScenarioLabel {
  return {
    id: 'incident-01-exfiltration', class: 'incident', kind: 'exfiltration', description: '', start: '', end: '', start_ms: B0 + 150_000, end_ms: B0 + 40 * 60_000,
    pipeline: 'exfiltration', detector: '', stream: 'flows', expect: 'critical', speed: 'sudden', detect_within_buckets: 2, events: 10,
    entity: { partition_field_value: '10.20.0.1', by_field_value: '1.2.3.4:443' }, ...over,
  };
}

function rec(bucket: number, score: number, over: Partial<SecurityRecord> = {}): SecurityRecord {
  return { timestamp: B0 + bucket * SPAN, record_score: score, partition_field_value: '10.20.0.1', by_field_value: '1.2.3.4:443', function: 'metric', probability: 1e-3, ...over };
}

describe('incidentReports', () => {
  it('reports a late catch with its delay and the best record inside the window for the diagnosis', () => {
    const [r] = incidentReports([label({})], 'exfiltration', [rec(0, 20, { actual: [0.9], typical: [-0.5] }), rec(1, 60, { probability: 1e-5 }), rec(5, 88), rec(20, 99)]);
    expect(r).toEqual({
      id: 'incident-01-exfiltration', kind: 'exfiltration', withinBuckets: 2, ok: false, firstCriticalAfter: 5,
      bestInWindow: { bucketsAfterStart: 1, score: 60, probability: 1e-5, function: 'metric', detector_index: undefined, by: '1.2.3.4:443', over: undefined, partition: '10.20.0.1', actual: undefined, typical: undefined },
      bestOverall: expect.objectContaining({ bucketsAfterStart: 5, score: 88 }),
    });
  });

  it('is ok when critical within the window, and reports no record at all as nulls', () => {
    expect(incidentReports([label({})], 'exfiltration', [rec(2, 75)])[0]).toMatchObject({ ok: true, firstCriticalAfter: 2 });
    expect(incidentReports([label({})], 'exfiltration', [rec(2, 75, { partition_field_value: '10.20.0.2' })])[0]).toMatchObject({ ok: false, firstCriticalAfter: null, bestInWindow: null, bestOverall: null });
    expect(incidentReports([label({})], 'ids', [rec(2, 75)])).toEqual([]);
  });
});

describe('explainedByLabels and topFalseAlarms', () => {
  const patch = label({ id: 'benign-01-patch_day', class: 'benign', kind: 'patch_day', start_ms: B0, end_ms: B0 + 3_600_000, dests: ['5.6.7.8'], dest_port: 443, entity: undefined, also_pipelines: ['rare_outbound'] });

  it('explains records naming an incident entity during it, or a benign event during it', () => {
    const explained = explainedByLabels([label({}), patch], 'rare_outbound');
    expect(explained(rec(3, 90, { by_field_value: '5.6.7.8:443', partition_field_value: '10.1.0.9' }))).toBe(true);
    expect(explained(rec(12, 90, { by_field_value: '5.6.7.8:443', partition_field_value: '10.1.0.9' }))).toBe(false);
    expect(explained(rec(3, 90))).toBe(false);
    const forExfil = explainedByLabels([label({}), patch], 'exfiltration');
    expect(forExfil(rec(3, 90))).toBe(true);
    expect(forExfil(rec(11, 90))).toBe(false);
  });

  it('groups unexplained critical records by function and entity, most frequent first', () => {
    const records = [rec(0, 90), rec(1, 80, { probability: 1e-9 }), rec(2, 95, { partition_field_value: '10.20.0.7' }), rec(3, 70), rec(4, 99, { by_field_value: 'x' })];
    const groups = topFalseAlarms(records, (r) => r.by_field_value === 'x', B0, 5);
    expect(groups).toEqual([
      { function: 'metric', entity: '10.20.0.1 / 1.2.3.4:443', count: 2, maxScore: 90, minProbability: 1e-9 },
      { function: 'metric', entity: '10.20.0.7 / 1.2.3.4:443', count: 1, maxScore: 95, minProbability: 1e-3 },
    ]);
    expect(topFalseAlarms(records, () => false, B0 + SPAN, 1)).toEqual([{ function: 'metric', entity: '10.20.0.1 / x', count: 1, maxScore: 99, minProbability: 1e-3 }]);
  });
});
