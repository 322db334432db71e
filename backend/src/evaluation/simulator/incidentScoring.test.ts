import type { ScenarioLabel } from '../../simulator/labels';
import { scorePipeline, type ScoredRecord } from './incidentScoring';

const T0 = Date.parse('2026-01-08T10:02:30Z');
const B0 = Date.parse('2026-01-08T10:00:00Z');
const SPAN = 300_000;

function label(over: Partial<ScenarioLabel>): ScenarioLabel {
  return {
    id: 'incident-01-exfiltration', class: 'incident', kind: 'exfiltration', description: '', start: '', end: '', start_ms: T0, end_ms: T0 + 40 * 60_000,
    pipeline: 'exfiltration', detector: '', stream: 'flows', expect: 'critical', speed: 'sudden', detect_within_buckets: 2, events: 10,
    src: '10.20.0.1', dp: '1.2.3.4:443', entity: { partition_field_value: '10.20.0.1', by_field_value: '1.2.3.4:443' }, ...over,
  };
}

function rec(bucket: number, score: number, over: Partial<ScoredRecord> = {}): ScoredRecord {
  return { timestamp: B0 + bucket * SPAN, record_score: score, initial_record_score: score, partition_field_value: '10.20.0.1', by_field_value: '1.2.3.4:443', ...over };
}

describe('scorePipeline', () => {
  it('catches a sudden incident flagged critical within 2 buckets of the start bucket, with its latency', () => {
    const out = scorePipeline([label({})], 'exfiltration', [rec(0, 40), rec(1, 80), rec(2, 95)], 7);
    expect(out.outcomes[0]).toEqual({ id: 'incident-01-exfiltration', kind: 'exfiltration', class: 'incident', ok: true, bestScore: 95, latencyBuckets: 1 });
    expect(out).toMatchObject({ incidents: 1, caught: 1, criticalPerDay: 2 / 7, unexplainedCriticalPerDay: 0 });
  });

  it('misses it when critical comes too late, for another entity, or only after renormalisation', () => {
    const late = scorePipeline([label({})], 'exfiltration', [rec(3, 99)], 1);
    expect(late.outcomes[0]).toMatchObject({ ok: false, bestScore: 0, latencyBuckets: null });
    const other = scorePipeline([label({})], 'exfiltration', [rec(0, 99, { by_field_value: '1.2.3.4:80' })], 1);
    expect(other.outcomes[0].ok).toBe(false);
    expect(other.unexplainedCriticalPerDay).toBe(1);
    const renormalised = scorePipeline([label({})], 'exfiltration', [rec(0, 90, { initial_record_score: 30 })], 1);
    expect(renormalised.outcomes[0]).toMatchObject({ ok: false, bestScore: 30 });
  });

  it('gives slow incidents 12 buckets and ignores labels of other pipelines', () => {
    const slow = label({ id: 'incident-06-slow_exfiltration', kind: 'slow_exfiltration', speed: 'slow', detect_within_buckets: 12, end_ms: T0 + 4 * 3_600_000 });
    const ids = label({ id: 'incident-04-recon_burst', pipeline: 'ids', stream: 'ids' });
    const out = scorePipeline([slow, ids], 'exfiltration', [rec(12, 80)], 1);
    expect(out.outcomes.map((o) => [o.id, o.ok, o.latencyBuckets])).toEqual([['incident-06-slow_exfiltration', true, 12]]);
  });

  it('counts the hosts a benign fleet-wide event flags', () => {
    const patch = label({
      id: 'benign-01-patch_day', class: 'benign', kind: 'patch_day', expect: 'not_flagged_per_host', start_ms: B0, end_ms: B0 + 4 * 3_600_000,
      dests: ['5.6.7.8'], dest_port: 443, entity: undefined, also_pipelines: ['rare_outbound'],
    });
    const records = [rec(3, 90, { by_field_value: '5.6.7.8:443', partition_field_value: '10.1.0.1' }), rec(4, 20, { by_field_value: '5.6.7.8:443', partition_field_value: '10.1.0.2' })];
    const out = scorePipeline([patch], 'rare_outbound', records, 1);
    expect(out.outcomes[0]).toMatchObject({ ok: false, bestScore: 90, flaggedHosts: ['10.1.0.1'] });
    expect(out.unexplainedCriticalPerDay).toBe(0);
    expect(scorePipeline([patch], 'exfiltration', [records[1]], 1).outcomes[0]).toMatchObject({ ok: true, flaggedHosts: [] });
  });
});
