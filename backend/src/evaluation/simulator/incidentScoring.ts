/**
 * Scores an analysis of a simulation against its labels (conventions §9): an incident is caught
 * when a record naming its entity reaches `critical` (≥ 75) within `detect_within_buckets` buckets
 * after the bucket holding its start (2 for sudden incidents, 12 for slow ones); a benign
 * fleet-wide event should flag no host. Pure: labels and result records in, outcomes out.
 */
import type { PipelineName, ScenarioLabel } from '../../simulator/labels';

/** The fields of a result record the scoring reads (as in the NDJSON results). */
export interface ScoredRecord {
  timestamp: number;
  record_score: number;
  initial_record_score?: number;
  function?: string;
  by_field_value?: string;
  over_field_value?: string;
  partition_field_value?: string;
}

export interface LabelOutcome {
  id: string;
  kind: string;
  class: 'incident' | 'benign';
  /** Incidents: flagged critical in time. Benign events: flagged no host (critical). */
  ok: boolean;
  /** Highest score of a record naming the entity, from the start bucket to the end of the detection window. */
  bestScore: number;
  /** Buckets from the start bucket to the first critical record naming the entity (null: none in time). */
  latencyBuckets: number | null;
  /** Benign events: hosts with a critical record about the event. */
  flaggedHosts?: string[];
}

export interface PipelineOutcome {
  pipeline: PipelineName;
  outcomes: LabelOutcome[];
  incidents: number;
  caught: number;
  /** Critical records per day, and those naming no labelled entity (false alarms) per day. */
  criticalPerDay: number;
  unexplainedCriticalPerDay: number;
}

export const CRITICAL = 75;

/** The score an alert sees when the bucket is first written: the initial score when present. */
export function alertScore(r: ScoredRecord): number {
  return r.initial_record_score ?? r.record_score;
}

function matchesEntity(r: ScoredRecord, entity: Record<string, string>): boolean {
  const fields = r as unknown as Record<string, unknown>;
  return Object.entries(entity).every(([k, v]) => fields[k] === v);
}

function hostOf(r: ScoredRecord): string | undefined {
  return r.partition_field_value ?? r.over_field_value;
}

/** Whether a record is about a benign event: its destinations (patch day) or its signature (rule update). */
function aboutBenign(r: ScoredRecord, l: ScenarioLabel): boolean {
  if (r.timestamp < l.start_ms - (l.start_ms % 300_000) || r.timestamp >= l.end_ms) return false;
  if (l.kind === 'patch_day') return (l.dests ?? []).some((d) => r.by_field_value === `${d}:${l.dest_port}`);
  return r.by_field_value === l.signature_name;
}

export function scorePipeline(labels: readonly ScenarioLabel[], pipeline: PipelineName, records: readonly ScoredRecord[], spanDays: number, bucketSpanSeconds = 300): PipelineOutcome {
  const span = bucketSpanSeconds * 1000;
  const mine = labels.filter((l) => l.pipeline === pipeline || (l.also_pipelines ?? []).includes(pipeline));
  const explained = new Set<ScoredRecord>();
  const outcomes = mine.map((l): LabelOutcome => {
    const startBucket = Math.floor(l.start_ms / span) * span;
    if (l.class === 'benign') {
      const about = records.filter((r) => aboutBenign(r, l));
      const critical = about.filter((r) => alertScore(r) >= CRITICAL);
      critical.forEach((r) => explained.add(r));
      const hosts = [...new Set(critical.map(hostOf).filter((h): h is string => h !== undefined))].sort();
      return { id: l.id, kind: l.kind, class: 'benign', ok: hosts.length === 0, bestScore: Math.max(0, ...about.map(alertScore)), latencyBuckets: null, flaggedHosts: hosts };
    }
    const within = l.detect_within_buckets ?? 2;
    const deadline = startBucket + within * span;
    const named = records.filter((r) => l.entity !== undefined && matchesEntity(r, l.entity) && r.timestamp >= startBucket && r.timestamp <= Math.max(deadline, l.end_ms));
    named.filter((r) => alertScore(r) >= CRITICAL).forEach((r) => explained.add(r));
    const inTime = named.filter((r) => r.timestamp <= deadline && alertScore(r) >= CRITICAL).sort((a, b) => a.timestamp - b.timestamp);
    return {
      id: l.id,
      kind: l.kind,
      class: 'incident',
      ok: inTime.length > 0,
      bestScore: Math.max(0, ...named.filter((r) => r.timestamp <= deadline).map(alertScore)),
      latencyBuckets: inTime.length > 0 ? (inTime[0].timestamp - startBucket) / span : null,
    };
  });
  const critical = records.filter((r) => alertScore(r) >= CRITICAL);
  const incidents = outcomes.filter((o) => o.class === 'incident');
  return {
    pipeline,
    outcomes,
    incidents: incidents.length,
    caught: incidents.filter((o) => o.ok).length,
    criticalPerDay: critical.length / spanDays,
    unexplainedCriticalPerDay: critical.filter((r) => !explained.has(r)).length / spanDays,
  };
}
