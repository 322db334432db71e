import { createDataFrame, type DataFrame, type DataLink, FieldType } from '@grafana/data';

import { luceneForPairs, parseEntityKey } from '../../shared/entityKey';
import { sourceEventsExploreUrl } from '../../shared/exploreLinks';
import { severityOf } from '../../shared/severity';
import type { RecordDoc, RecordsResponse } from '../api/types';

export interface RecordLinkOptions {
  sourceDatasourceUid?: string;
  sourceTimeField?: string;
}

/** `high_sum(bytes) by src over dest partition proto` */
export function describeDetector(r: RecordDoc): string {
  const parts = [r.field_name ? `${r.function}(${r.field_name})` : r.function];
  if (r.by_field_name) {
    parts.push(`by ${r.by_field_name}`);
  }
  if (r.over_field_name) {
    parts.push(`over ${r.over_field_name}`);
  }
  if (r.partition_field_name) {
    parts.push(`partition ${r.partition_field_name}`);
  }
  return parts.join(' ');
}

function formatValues(values: number[] | undefined): string {
  return (values ?? []).map((v) => (Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, ''))).join(', ');
}

function formatInfluencers(r: RecordDoc): string {
  return (r.influencers ?? [])
    .map((i) => `${i.influencer_field_name}=${i.influencer_field_values.join('|')}`)
    .join(', ');
}

/**
 * Records → table frame, highest score first. Each row carries `source_events`, an Explore URL of its source
 * events (bucket time range, entity field values), used by the data link on `record_score` and `entity_key`.
 */
export function parseRecords(resp: RecordsResponse, refId: string, links: RecordLinkOptions = {}): DataFrame {
  const records = [...resp.records].sort((a, b) => b.record_score - a.record_score || a.timestamp - b.timestamp);
  const sourceUrls = records.map((r) =>
    links.sourceDatasourceUid
      ? sourceEventsExploreUrl({
          datasourceUid: links.sourceDatasourceUid,
          timeField: links.sourceTimeField || '@timestamp',
          lucene: luceneForPairs(parseEntityKey(r.entity_key)),
          from: r.timestamp,
          to: r.timestamp + r.bucket_span * 1000,
        })
      : ''
  );
  const dataLinks: DataLink[] = links.sourceDatasourceUid
    ? [{ title: 'Source events', url: '${__data.fields.source_events:raw}', targetBlank: false }]
    : [];
  return createDataFrame({
    refId,
    name: 'records',
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: records.map((r) => r.timestamp), config: { displayName: 'Time' } },
      { name: 'severity', type: FieldType.string, values: records.map((r) => severityOf(r.record_score)) },
      {
        name: 'record_score',
        type: FieldType.number,
        values: records.map((r) => r.record_score),
        config: { displayName: 'Score', unit: 'none', min: 0, max: 100, decimals: 1, links: dataLinks },
      },
      { name: 'detector', type: FieldType.string, values: records.map(describeDetector) },
      {
        name: 'entity_key',
        type: FieldType.string,
        values: records.map((r) => r.entity_key),
        config: { displayName: 'Entity', links: dataLinks },
      },
      { name: 'actual', type: FieldType.string, values: records.map((r) => formatValues(r.actual)) },
      { name: 'typical', type: FieldType.string, values: records.map((r) => formatValues(r.typical)) },
      {
        name: 'probability',
        type: FieldType.number,
        values: records.map((r) => r.probability),
        config: { unit: 'sci', decimals: 3 },
      },
      { name: 'influencers', type: FieldType.string, values: records.map(formatInfluencers) },
      { name: 'detector_index', type: FieldType.number, values: records.map((r) => r.detector_index) },
      { name: 'job_id', type: FieldType.string, values: records.map((r) => r.job_id) },
      // carried for the data links, hidden as a table column
      { name: 'source_events', type: FieldType.string, values: sourceUrls, config: { displayName: 'Source events URL', custom: { hidden: true } } },
    ],
  });
}

/** Records → annotation frame (time, timeEnd = end of bucket, title, text, tags). */
export function parseAnnotations(resp: RecordsResponse, refId: string): DataFrame {
  const records = [...resp.records].sort((a, b) => a.timestamp - b.timestamp || b.record_score - a.record_score);
  return createDataFrame({
    refId,
    name: 'anomalies',
    fields: [
      { name: 'time', type: FieldType.time, values: records.map((r) => r.timestamp) },
      { name: 'timeEnd', type: FieldType.time, values: records.map((r) => r.timestamp + r.bucket_span * 1000) },
      {
        name: 'title',
        type: FieldType.string,
        values: records.map((r) => `${severityOf(r.record_score)} anomaly ${r.record_score.toFixed(1)}`),
      },
      {
        name: 'text',
        type: FieldType.string,
        values: records.map(
          (r) =>
            `${describeDetector(r)}${r.entity_key ? ` for ${r.entity_key}` : ''}: actual ${formatValues(r.actual)}, typical ${formatValues(r.typical)}`
        ),
      },
      {
        name: 'tags',
        type: FieldType.other,
        values: records.map((r) => [`job:${r.job_id}`, `severity:${severityOf(r.record_score)}`, `detector:${r.detector_index}`]),
      },
    ],
  });
}
