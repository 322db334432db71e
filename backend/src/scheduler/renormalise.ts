/**
 * Renormalisation in place (conventions §6, engine-anchors §5 row 13): the job's final results of
 * the renormalisation window are scored again with its normalisers as they are now and written back
 * under their own `_id`s when a score changed; `initial_*` scores never change.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { AnomalyJob, ResultDocument } from '../engine/job';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { resultsIndexOf } from '../opensearch/templates';
import { OpenSearchResultsSink } from '../sinks/openSearchResultsSink';
import type { ResultDocLike } from '../sinks/types';

/** Elastic's default window: 30 days, or 100 buckets when that is longer. */
export function renormalisationWindowMs(days: number | undefined, bucketSpanMs: number): number {
  return Math.max(days !== undefined ? days * 86_400_000 : 30 * 86_400_000, 100 * bucketSpanMs);
}

const scoreOf = (d: ResultDocument): number =>
  d.result_type === 'record' ? d.record_score : d.result_type === 'influencer' ? d.influencer_score : d.result_type === 'bucket' ? d.anomaly_score : 0;

/** Rescores the final results with a score in `[from, until)`; returns how many documents changed. */
export async function renormaliseResults(client: Client, job: AnomalyJob, from: number, until: number, retry: RetryOptions = {}): Promise<number> {
  const index = resultsIndexOf(job.jobId);
  await osRequest(client, 'POST', `/${index}/_refresh`, undefined, { ignore: [404] });
  const res = await withRetry(() => osRequest<{ hits?: { hits: Array<{ _id: string; _source: ResultDocument }> } }>(client, 'POST', `/${index}/_search`, {
    size: 10_000,
    sort: [{ timestamp: 'desc' }],
    query: {
      bool: {
        filter: [{ term: { job_id: job.jobId } }, { term: { is_interim: false } }, { range: { timestamp: { gte: from, lt: until, format: 'epoch_millis' } } }],
        should: [{ range: { record_score: { gt: 0 } } }, { range: { anomaly_score: { gt: 0 } } }, { range: { influencer_score: { gt: 0 } } }],
        minimum_should_match: 1,
      },
    },
  }, { ignore: [404] }), retry);
  const hits = res.body.hits?.hits ?? [];
  if (hits.length === 0) return 0;
  const rescored = job.renormalise(hits.map((h) => h._source));
  const ids = new Map<ResultDocLike, string>();
  const changed: ResultDocLike[] = [];
  rescored.forEach((doc, i) => {
    if (Math.abs(scoreOf(doc) - scoreOf(hits[i]._source)) < 1e-9) return;
    const d = doc as unknown as ResultDocLike;
    ids.set(d, hits[i]._id);
    changed.push(d);
  });
  if (changed.length > 0) await new OpenSearchResultsSink(client, { ...retry, idOf: (d) => ids.get(d)! }).write(changed);
  return changed.length;
}
