/**
 * What every integration test needs: the URL of the real node (OPENSEARCH_URL, set by `npm test`
 * after `backend/scripts/opensearch.sh start`), a client, and throw-away index names.
 * Without OPENSEARCH_URL the tests fail with one line; they never skip.
 */
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../backend/src/opensearch/client';
import { osRequest } from '../../backend/src/opensearch/request';

export const MISSING_URL =
  'OPENSEARCH_URL is not set: start a node with `backend/scripts/opensearch.sh start` and export OPENSEARCH_URL=<the URL it prints>';

export function openSearchUrl(): string {
  const url = process.env.OPENSEARCH_URL;
  if (!url) throw new Error(MISSING_URL);
  return url;
}

export function testClient(url = openSearchUrl(), maxRetries = 0): Client {
  return createClient({ url, maxRetries, requestTimeoutMs: 30_000 });
}

/** A unique lower-case index name for one test file run. */
export function testIndexName(stem: string): string {
  return `vigil-it-${stem}-${process.pid}-${Date.now().toString(36)}`.toLowerCase();
}

export async function deleteIndices(client: Client, pattern: string): Promise<void> {
  await osRequest(client, 'DELETE', `/${pattern}`, undefined, { ignore: [404] });
}

export async function countDocs(client: Client, index: string, query?: Record<string, unknown>): Promise<number> {
  await osRequest(client, 'POST', `/${index}/_refresh`);
  const res = await osRequest<{ count: number }>(client, 'POST', `/${index}/_count`, query ? { query } : undefined);
  return res.body.count;
}
