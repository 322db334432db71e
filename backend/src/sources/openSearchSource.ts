/**
 * The raw read path of a datafeed: every document of `[start, end)` in time order, through a
 * point in time and `search_after` (sort on the time field, then a unique keyword we index,
 * `event_id`), one page of `pageSize` (the datafeed's `scroll_size`) at a time.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { EventRecord } from '../engine/types';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { flattenSource, timeRangeQuery, type QueryDsl } from './query';

export interface RawReadOptions extends RetryOptions {
  /** Index names or patterns (the datafeed's `indices`). */
  indices: string[];
  /** Epoch ms, inclusive / exclusive. */
  start: number;
  end: number;
  timeField?: string;
  /** Unique keyword field used to break ties between documents with the same time (default `event_id`). */
  tiebreaker?: string;
  query?: QueryDsl;
  /** Documents per page (default 1000, the datafeed's scroll_size). */
  pageSize?: number;
  /** PIT keep-alive between pages (default "2m"). */
  keepAlive?: string;
  /** Only these `_source` fields (default: all). */
  fields?: string[];
}

export interface ReadStats {
  documents: number;
  pages: number;
  /** Sum of OpenSearch's own `took` over the pages, ms (the server's share of the time). */
  tookMs?: number;
}

interface Hit {
  _source?: unknown;
  sort: unknown[];
}
interface SearchBody {
  pit_id?: string;
  took?: number;
  hits: { hits: Hit[] };
}

/** Documents of `[start, end)` as engine records, in (time, tiebreaker) order. `stats` fills as it goes. */
export async function* readDocuments(client: Client, opts: RawReadOptions, stats: ReadStats = { documents: 0, pages: 0 }): AsyncGenerator<EventRecord> {
  const timeField = opts.timeField ?? '@timestamp';
  const tiebreaker = opts.tiebreaker ?? 'event_id';
  const keepAlive = opts.keepAlive ?? '2m';
  const size = opts.pageSize ?? 1000;
  const pit = await withRetry(
    () =>
      osRequest<{ pit_id: string }>(client, 'POST', `/${opts.indices.map(encodeURIComponent).join(',')}/_search/point_in_time`, undefined, {
        querystring: { keep_alive: keepAlive },
      }),
    opts,
  );
  let pitId = pit.body.pit_id;
  try {
    let after: unknown[] | undefined;
    for (;;) {
      const body: Record<string, unknown> = {
        size,
        query: timeRangeQuery(timeField, opts.start, opts.end, opts.query),
        pit: { id: pitId, keep_alive: keepAlive },
        sort: [{ [timeField]: { order: 'asc' } }, { [tiebreaker]: { order: 'asc', unmapped_type: 'keyword' } }],
        track_total_hits: false,
      };
      if (opts.fields) body._source = opts.fields;
      if (after) body.search_after = after;
      const res = await withRetry(() => osRequest<SearchBody>(client, 'POST', '/_search', body), opts);
      if (res.body.pit_id) pitId = res.body.pit_id;
      const hits = res.body.hits.hits;
      stats.pages++;
      stats.tookMs = (stats.tookMs ?? 0) + (res.body.took ?? 0);
      for (const hit of hits) {
        stats.documents++;
        yield { time: Number(hit.sort[0]), fields: flattenSource(hit._source ?? {}) };
      }
      if (hits.length < size) break;
      after = hits[hits.length - 1].sort;
    }
  } finally {
    await osRequest(client, 'DELETE', '/_search/point_in_time', { pit_id: [pitId] }, { ignore: [404] }).catch(() => undefined);
  }
}
