/**
 * Host-level precision and recall on labelled captures (conventions §9): the entity is the flow's
 * source (`id.orig_h` in Zeek, `SrcAddr` in binetflow); a positive is a source with at least one
 * malicious flow; a host is flagged when any record of major or above (score >= 50) names it as its
 * by, over or partition value. Pure: labelled sources and result records in, scores out.
 */
import { alertScore, type ScoredRecord } from '../simulator/incidentScoring';
import { MAJOR_SCORE } from './severityPerDay';

export interface LabelledFlow {
  source: string;
  malicious: boolean;
}

export interface HostScores {
  positives: number;
  flagged: number;
  truePositives: number;
  /** null when nothing was flagged (precision undefined). */
  precision: number | null;
  /** null when there is no positive. */
  recall: number | null;
  /** Flagged hosts that are not positives, sorted. */
  falsePositiveHosts: string[];
  /** Positives not flagged, sorted (first 20). */
  missedHosts: string[];
}

/** Sources with at least one malicious flow. */
export function maliciousSources(flows: Iterable<LabelledFlow>): Set<string> {
  const out = new Set<string>();
  for (const f of flows) if (f.malicious) out.add(f.source);
  return out;
}

/** Every value a record names (by, over, partition). */
export function entitiesOf(r: ScoredRecord): string[] {
  return [r.by_field_value, r.over_field_value, r.partition_field_value].filter((v): v is string => v !== undefined);
}

/** Values named by a record scoring at least `minScore` (major by default), restricted to `universe` when given. */
export function flaggedHosts(records: Iterable<ScoredRecord>, universe?: ReadonlySet<string>, minScore = MAJOR_SCORE): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    if (alertScore(r) < minScore) continue;
    for (const v of entitiesOf(r)) if (universe === undefined || universe.has(v)) out.add(v);
  }
  return out;
}

export function hostScores(positives: ReadonlySet<string>, flagged: ReadonlySet<string>): HostScores {
  let tp = 0;
  for (const h of flagged) if (positives.has(h)) tp++;
  return {
    positives: positives.size,
    flagged: flagged.size,
    truePositives: tp,
    precision: flagged.size > 0 ? tp / flagged.size : null,
    recall: positives.size > 0 ? tp / positives.size : null,
    falsePositiveHosts: [...flagged].filter((h) => !positives.has(h)).sort(),
    missedHosts: [...positives].filter((h) => !flagged.has(h)).sort().slice(0, 20),
  };
}
