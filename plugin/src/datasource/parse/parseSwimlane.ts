import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';

import type { SwimlaneResponse } from '../api/types';

/** Swimlane response → one long frame: a row per cell, overall cells first (lane_type `overall`). */
export function parseSwimlane(resp: SwimlaneResponse, refId: string): DataFrame {
  const time: number[] = [];
  const laneType: string[] = [];
  const lane: string[] = [];
  const fieldName: string[] = [];
  const fieldValue: string[] = [];
  const score: number[] = [];
  for (const c of resp.overall?.cells ?? []) {
    time.push(c.timestamp);
    laneType.push('overall');
    lane.push('Overall');
    fieldName.push('');
    fieldValue.push('');
    score.push(c.score);
  }
  for (const l of resp.lanes ?? []) {
    for (const c of l.cells) {
      time.push(c.timestamp);
      laneType.push('lane');
      lane.push(l.lane);
      fieldName.push(l.field_name);
      fieldValue.push(l.field_value);
      score.push(c.score);
    }
  }
  return createDataFrame({
    refId,
    name: `swimlane ${resp.job_id}`,
    meta: {
      custom: { vigilKind: 'swimlane', jobId: resp.job_id, intervalMs: resp.interval_ms, bucketSpan: resp.bucket_span },
    },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: time },
      { name: 'lane_type', type: FieldType.string, values: laneType },
      { name: 'lane', type: FieldType.string, values: lane },
      { name: 'field_name', type: FieldType.string, values: fieldName },
      { name: 'field_value', type: FieldType.string, values: fieldValue },
      { name: 'score', type: FieldType.number, values: score, config: { unit: 'none', min: 0, max: 100, decimals: 1 } },
      { name: 'job_id', type: FieldType.string, values: time.map(() => resp.job_id) },
    ],
  });
}
