import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';

import type { BucketsResponse, ModelPlotResponse } from '../api/types';

/** Bucket docs → time series of the overall anomaly score (and event count), oldest first. */
export function parseBuckets(resp: BucketsResponse, refId: string, jobId: string): DataFrame {
  const buckets = [...resp.buckets].sort((a, b) => a.timestamp - b.timestamp);
  return createDataFrame({
    refId,
    name: `buckets ${jobId}`,
    fields: [
      { name: 'timestamp', type: FieldType.time, values: buckets.map((b) => b.timestamp) },
      {
        name: 'anomaly_score',
        type: FieldType.number,
        values: buckets.map((b) => b.anomaly_score),
        config: { displayName: 'Anomaly score', unit: 'none', min: 0, max: 100, decimals: 1 },
      },
      {
        name: 'event_count',
        type: FieldType.number,
        values: buckets.map((b) => b.event_count),
        config: { displayName: 'Events', unit: 'short' },
      },
    ],
  });
}

/** Model plot points → actual, typical (model median) and the 95% band (model lower/upper). */
export function parseModelPlot(resp: ModelPlotResponse, refId: string, seriesName: string): DataFrame {
  const points = [...resp.points].sort((a, b) => a.timestamp - b.timestamp);
  const num = (name: string, displayName: string, values: Array<number | null>) => ({
    name,
    type: FieldType.number,
    values,
    config: { displayName },
  });
  return createDataFrame({
    refId,
    name: seriesName,
    fields: [
      { name: 'timestamp', type: FieldType.time, values: points.map((p) => p.timestamp) },
      num('actual', 'Actual', points.map((p) => p.actual)),
      num('model_median', 'Typical', points.map((p) => p.model_median)),
      num('model_lower', 'Lower bound (95%)', points.map((p) => p.model_lower)),
      num('model_upper', 'Upper bound (95%)', points.map((p) => p.model_upper)),
    ],
  });
}
