/**
 * Removing a job's results: all of them (job deletion) or those from a time on (a job resuming
 * from a snapshot replaces what it wrote after it; engine-anchors §5 row 9).
 */
import type { Client } from '@opensearch-project/opensearch';
import { deleteWhere } from '../opensearch/deleteWhere';
import { osRequest } from '../opensearch/request';
import { resultsIndexOf } from '../opensearch/templates';

/** Deletes the job's results index; false when it did not exist. */
export async function deleteAllResults(client: Client, jobId: string): Promise<boolean> {
  const res = await osRequest(client, 'DELETE', `/${resultsIndexOf(jobId)}`, undefined, { ignore: [404] });
  return res.statusCode === 200;
}

/** Deletes the job's results with `timestamp >= fromMs` (bucket start, epoch ms); returns how many. */
export async function deleteResultsFrom(client: Client, jobId: string, fromMs: number): Promise<number> {
  const index = resultsIndexOf(jobId);
  const exists = await osRequest(client, 'HEAD', `/${index}`, undefined, { ignore: [404] });
  if (exists.statusCode === 404) return 0;
  return deleteWhere(client, index, {
    bool: { filter: [{ term: { job_id: jobId } }, { range: { timestamp: { gte: fromMs, format: 'epoch_millis' } } }] },
  });
}
