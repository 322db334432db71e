/**
 * Per-label detail beyond pass/fail (evaluation/simulator scores pass/fail): for each incident, how
 * many buckets after its start bucket the first critical record naming its entity came (at any time
 * up to its end plus its detection window, so a late catch shows how late), and the best records in
 * and after the window with their detector, probability, actual and typical — what an engine owner
 * needs to see why a target was missed. Also which records are explained by a label, so false alarms
 * on normal traffic can be counted and listed. Pure.
 */
import type { PipelineName, ScenarioLabel } from '../../simulator/labels';
import { alertScore, type ScoredRecord } from '../simulator/incidentScoring';
import { CRITICAL_SCORE } from './severityPerDay';

/** A result record with the fields a diagnosis reads. */
export interface SecurityRecord extends ScoredRecord {
  detector_index?: number;
  probability?: number;
  actual?: number[];
  typical?: number[];
}

export interface RecordSummary {
  bucketsAfterStart: number;
  score: number;
  probability?: number;
  function?: string;
  detector_index?: number;
  by?: string;
  over?: string;
  partition?: string;
  actual?: number[];
  typical?: number[];
}

export interface IncidentReport {
  id: string;
  kind: string;
  withinBuckets: number;
  /** Critical within the window. */
  ok: boolean;
  /** Buckets from the start bucket to the first critical record naming the entity, any time up to end + window; null: never. */
  firstCriticalAfter: number | null;
  /** The highest-scoring record naming the entity inside the window (null: no record at all). */
  bestInWindow: RecordSummary | null;
  /** The highest-scoring record naming the entity from the start to end + window. */
  bestOverall: RecordSummary | null;
}

function matches(r: ScoredRecord, entity: Record<string, string>): boolean {
  const f = r as unknown as Record<string, unknown>;
  return Object.entries(entity).every(([k, v]) => f[k] === v);
}

export function labelsFor(labels: readonly ScenarioLabel[], pipeline: PipelineName): ScenarioLabel[] {
  return labels.filter((l) => l.pipeline === pipeline || (l.also_pipelines ?? []).includes(pipeline));
}

function summarise(r: SecurityRecord, startBucket: number, spanMs: number): RecordSummary {
  return {
    bucketsAfterStart: Math.round((r.timestamp - startBucket) / spanMs),
    score: alertScore(r),
    probability: r.probability,
    function: r.function,
    detector_index: r.detector_index,
    by: r.by_field_value,
    over: r.over_field_value,
    partition: r.partition_field_value,
    actual: r.actual,
    typical: r.typical,
  };
}

function best(rs: SecurityRecord[]): SecurityRecord | undefined {
  let top: SecurityRecord | undefined;
  for (const r of rs) if (top === undefined || alertScore(r) > alertScore(top)) top = r;
  return top;
}

export function incidentReports(labels: readonly ScenarioLabel[], pipeline: PipelineName, records: readonly SecurityRecord[], bucketSpanSeconds = 300): IncidentReport[] {
  const span = bucketSpanSeconds * 1000;
  return labelsFor(labels, pipeline)
    .filter((l) => l.class === 'incident' && l.entity !== undefined)
    .map((l) => {
      const startBucket = Math.floor(l.start_ms / span) * span;
      const within = l.detect_within_buckets ?? 2;
      const deadline = startBucket + within * span;
      const horizon = Math.max(deadline, l.end_ms + within * span);
      const named = records.filter((r) => r.timestamp >= startBucket && r.timestamp <= horizon && matches(r, l.entity as Record<string, string>));
      const critical = named.filter((r) => alertScore(r) >= CRITICAL_SCORE).sort((a, b) => a.timestamp - b.timestamp);
      const inWindow = best(named.filter((r) => r.timestamp <= deadline));
      const overall = best(named);
      return {
        id: l.id,
        kind: l.kind,
        withinBuckets: within,
        ok: critical.length > 0 && critical[0].timestamp <= deadline,
        firstCriticalAfter: critical.length > 0 ? (critical[0].timestamp - startBucket) / span : null,
        bestInWindow: inWindow ? summarise(inWindow, startBucket, span) : null,
        bestOverall: overall ? summarise(overall, startBucket, span) : null,
      };
    });
}

/** Whether a record is about a label of the pipeline: names an incident's entity during it (plus its window), or a benign event's destinations/signature during it. */
export function explainedByLabels(labels: readonly ScenarioLabel[], pipeline: PipelineName, bucketSpanSeconds = 300): (r: ScoredRecord) => boolean {
  const span = bucketSpanSeconds * 1000;
  const mine = labelsFor(labels, pipeline);
  return (r) =>
    mine.some((l) => {
      const startBucket = Math.floor(l.start_ms / span) * span;
      if (l.class === 'incident') {
        const within = l.detect_within_buckets ?? 2;
        const horizon = Math.max(startBucket + within * span, l.end_ms + within * span);
        return l.entity !== undefined && r.timestamp >= startBucket && r.timestamp <= horizon && matches(r, l.entity);
      }
      if (r.timestamp < startBucket || r.timestamp >= l.end_ms) return false;
      if (l.kind === 'patch_day') return (l.dests ?? []).some((d) => r.by_field_value === `${d}:${l.dest_port}`);
      return r.by_field_value === l.signature_name;
    });
}

export interface FalseAlarmGroup {
  function: string;
  entity: string;
  count: number;
  maxScore: number;
  minProbability: number | null;
}

/** Critical records not explained by a label, grouped by detector function and entity, most frequent first. */
export function topFalseAlarms(records: readonly SecurityRecord[], explained: (r: ScoredRecord) => boolean, fromMs: number, n = 5): FalseAlarmGroup[] {
  const groups = new Map<string, FalseAlarmGroup>();
  for (const r of records) {
    if (r.timestamp < fromMs || alertScore(r) < CRITICAL_SCORE || explained(r)) continue;
    const entity = [r.partition_field_value, r.over_field_value, r.by_field_value].filter((v) => v !== undefined).join(' / ');
    const key = `${r.function ?? '?'}|${entity}`;
    const g = groups.get(key) ?? { function: r.function ?? '?', entity, count: 0, maxScore: 0, minProbability: null };
    g.count++;
    g.maxScore = Math.max(g.maxScore, alertScore(r));
    if (r.probability !== undefined) g.minProbability = g.minProbability === null ? r.probability : Math.min(g.minProbability, r.probability);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.maxScore - a.maxScore).slice(0, n);
}
