import { createDataFrame, type DataFrame, FieldType } from '@grafana/data';

import type { JobsResponse } from '../api/types';

/** Jobs → table frame (state, lag, memory status, counts). */
export function parseJobs(resp: JobsResponse, refId: string): DataFrame {
  const jobs = [...resp.jobs].sort((a, b) => a.job_id.localeCompare(b.job_id));
  const str = (name: string, values: Array<string | null>, displayName?: string) => ({
    name,
    type: FieldType.string,
    values,
    config: displayName ? { displayName } : {},
  });
  return createDataFrame({
    refId,
    name: 'jobs',
    meta: { preferredVisualisationType: 'table' },
    fields: [
      str('job_id', jobs.map((j) => j.job_id), 'Job'),
      str('description', jobs.map((j) => j.description ?? '')),
      str('state', jobs.map((j) => j.state)),
      str('datafeed_state', jobs.map((j) => j.datafeed_state), 'Datafeed'),
      { name: 'processed_record_count', type: FieldType.number, values: jobs.map((j) => j.processed_record_count), config: { displayName: 'Records', unit: 'short' } },
      { name: 'bucket_count', type: FieldType.number, values: jobs.map((j) => j.bucket_count), config: { displayName: 'Buckets', unit: 'short' } },
      { name: 'latest_bucket_timestamp', type: FieldType.time, values: jobs.map((j) => j.latest_bucket_timestamp), config: { displayName: 'Latest bucket' } },
      { name: 'lag_ms', type: FieldType.number, values: jobs.map((j) => j.lag_ms), config: { displayName: 'Lag', unit: 'ms' } },
      str('memory_status', jobs.map((j) => j.memory_status), 'Memory'),
      { name: 'model_bytes', type: FieldType.number, values: jobs.map((j) => j.model_bytes), config: { displayName: 'Model size', unit: 'bytes' } },
      str('last_error', jobs.map((j) => j.last_error), 'Last error'),
    ],
  });
}
