/**
 * Population records per member: when a population detector has both a by and an over field, the
 * anomalous attributes (by values) of one member in one bucket make one record for the member
 * (engine-anchors §1.10: population records carry `causes[]`), its probability the combination of
 * the attributes' (joint and extreme, scoring/combineProbabilities). Several unusual signatures from
 * one source at once are then more anomalous than each alone. The record shows its most anomalous
 * cause's by value, actual and typical; influences are merged (largest per value).
 */
import { combineProbabilities } from '../scoring/combineProbabilities';
import type { InfluenceHit, RecordCandidate } from './detectorTypes';

/** At most this many causes are written on a record (the most anomalous first). */
export const MAX_CAUSES = 10;

const SEP = '\u0001';

export function aggregateByMember(records: RecordCandidate[]): RecordCandidate[] {
  const groups = new Map<string, RecordCandidate[]>();
  for (const r of records) {
    const key = r.detectorIndex + SEP + r.partitionKey + SEP + (r.split.over ?? '');
    const g = groups.get(key);
    if (g) g.push(r); else groups.set(key, [r]);
  }
  const out: RecordCandidate[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.probs.p - b.probs.p || a.seriesOrder - b.seriesOrder);
    const top = g[0];
    const p = g.length === 1 ? top.probs.p : combineProbabilities(g.map((c) => c.probs.p));
    const influence = new Map<string, InfluenceHit>();
    for (const c of g) {
      for (const h of c.influences) {
        const k = h.field + SEP + h.value;
        const seen = influence.get(k);
        if (!seen || h.influence > seen.influence) influence.set(k, h);
      }
    }
    out.push({
      ...top,
      seriesOrder: Math.min(...g.map((c) => c.seriesOrder)),
      probs: g.length === 1 ? top.probs : { single: p, multi: 1, p },
      influences: [...influence.values()],
      causes: g.slice(0, MAX_CAUSES).map((c) => ({ ...c, causes: undefined })),
    });
  }
  return out.sort((a, b) => a.seriesOrder - b.seriesOrder);
}
