/** Reading a search response: total hit count and the documents' sources. */

export interface SearchHit<T> {
  _id?: string;
  _source?: T;
}

export interface SearchResponse<T = Record<string, unknown>> {
  hits?: { total?: number | { value: number; relation?: string }; hits?: SearchHit<T>[] };
  aggregations?: Record<string, unknown>;
}

export function totalOf(res: SearchResponse<unknown>): number {
  const t = res.hits?.total;
  if (typeof t === 'number') return t;
  return t?.value ?? 0;
}

export function sourcesOf<T>(res: SearchResponse<T>): T[] {
  return (res.hits?.hits ?? []).flatMap((h) => (h._source ? [h._source] : []));
}
