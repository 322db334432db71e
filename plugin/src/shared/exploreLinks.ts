export interface SourceEventsTarget {
  datasourceUid: string;
  timeField: string;
  lucene: string;
  from: number;
  to: number;
}

/**
 * Grafana Explore URL that opens the source events in the official OpenSearch datasource: a raw-data Lucene query
 * for the entity's field values, restricted to [from, to) (the anomaly's bucket).
 */
export function sourceEventsExploreUrl(t: SourceEventsTarget): string {
  const pane = {
    datasource: t.datasourceUid,
    queries: [
      {
        refId: 'A',
        datasource: { type: 'grafana-opensearch-datasource', uid: t.datasourceUid },
        queryType: 'lucene',
        query: t.lucene,
        metrics: [{ id: '1', type: 'raw_data', settings: { size: '500' } }],
        bucketAggs: [],
        timeField: t.timeField,
      },
    ],
    range: { from: String(t.from), to: String(t.to) },
  };
  return `/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify({ a: pane }))}`;
}
