/**
 * Deletes the documents matching a query with search + bulk delete, so it also works on nodes
 * without the reindex module (`_delete_by_query` lives there; the integ-test distribution lacks it).
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from './request';

/** Deletes every document of `index` matching `query`; returns how many were deleted. */
export async function deleteWhere(client: Client, index: string, query: Record<string, unknown>, pageSize = 1000): Promise<number> {
  let deleted = 0;
  for (;;) {
    await osRequest(client, 'POST', `/${index}/_refresh`, undefined, { ignore: [404] });
    const res = await osRequest<{ hits?: { hits: { _index: string; _id: string }[] } }>(
      client,
      'POST',
      `/${index}/_search`,
      { size: pageSize, _source: false, query, sort: ['_doc'] },
      { ignore: [404] },
    );
    const hits = res.body.hits?.hits ?? [];
    if (hits.length === 0) return deleted;
    const body = hits.map((h) => ({ delete: { _index: h._index, _id: h._id } }));
    const bulk = await client.bulk({ body, refresh: true });
    const items = (bulk.body as unknown as { items: { delete?: { status: number; error?: { reason?: string } } }[] }).items;
    for (const item of items) {
      const r = item.delete;
      if (r && r.status !== 200 && r.status !== 404) throw new Error(`deleting from ${index}: HTTP ${r.status} ${r.error?.reason ?? ''}`);
      if (r?.status === 200) deleted++;
    }
  }
}
