/** JobSummary (the REST API's shape) of a job running here, or of a stored job that is not. */
import type { JobConfig } from '../engine/config';
import type { ModelSizeStats } from '../engine/job';
import type { StoredJob } from './configStore';
import { datafeedSettings, type DatafeedSettings } from './datafeedSettings';
import type { Lease } from './leaseStore';
import type { LocalJob } from './datafeedTick';
import type { DatafeedState, JobMetrics, JobState, JobSummary } from './types';

export interface SummaryInput {
  config: JobConfig;
  state: JobState;
  datafeedState: DatafeedState;
  processedRecords: number;
  bucketCount: number;
  /** End of the last processed bucket (bucket aligned), or null. */
  processedUntil: number | null;
  now: number;
  modelSizeStats: ModelSizeStats | null;
  lastError: string | null;
  indices: string[];
  settings: DatafeedSettings | null;
  lookback: { start: number; end: number } | null;
  node: string | null;
}

export const emptyModelSizeStats = (): ModelSizeStats => ({
  model_bytes: 0,
  total_by_field_count: 0,
  total_over_field_count: 0,
  total_partition_field_count: 0,
  bucket_allocation_failures_count: 0,
  memory_status: 'ok',
});

export function lookbackProgress(lookback: { start: number; end: number } | null, processedUntil: number | null): number | null {
  if (!lookback) return null;
  if (lookback.end <= lookback.start) return 1;
  const done = (processedUntil ?? lookback.start) - lookback.start;
  return Math.max(0, Math.min(1, done / (lookback.end - lookback.start)));
}

export function buildSummary(s: SummaryInput): JobSummary {
  const span = s.settings?.bucketSpanMs ?? 0;
  const mss = s.modelSizeStats ?? emptyModelSizeStats();
  return {
    job_id: s.config.job_id,
    description: s.config.description ?? '',
    state: s.state,
    datafeed_state: s.datafeedState,
    processed_record_count: s.processedRecords,
    bucket_count: s.bucketCount,
    latest_bucket_timestamp: s.processedUntil !== null && s.bucketCount > 0 ? s.processedUntil - span : null,
    lag_ms: s.processedUntil !== null ? Math.max(0, s.now - s.processedUntil) : null,
    memory_status: mss.memory_status,
    model_bytes: mss.model_bytes,
    last_error: s.lastError,
    indices: s.indices,
    time_field: s.settings?.timeField ?? s.config.data_description?.time_field ?? '@timestamp',
    lookback_progress: lookbackProgress(s.lookback, s.processedUntil),
    read_path: s.settings ? { path: s.settings.readPath, reason: s.settings.readPathReason } : null,
    node: s.node,
    model_size_stats: mss,
  };
}

/** The summary of a stored job not running here: its wanted state, the counts it had when it last stopped, the lease holder. */
export function storedJobSummary(stored: StoredJob, lease: Lease | null, now: number): JobSummary {
  let settings: DatafeedSettings | null = null;
  try {
    settings = datafeedSettings(stored.config);
  } catch {
    settings = null;
  }
  const live = lease !== null && lease.expires_at > now;
  const last = stored.summary ?? null;
  const opened = stored.run.job_state === 'opened';
  const lastBucket = last?.latest_bucket_timestamp ?? null;
  const summary = buildSummary({
    config: stored.config,
    state: opened ? 'opened' : 'closed',
    datafeedState: opened ? stored.run.datafeed_state : 'stopped',
    processedRecords: last?.processed_record_count ?? 0,
    bucketCount: last?.bucket_count ?? 0,
    processedUntil: lastBucket !== null && settings ? lastBucket + settings.bucketSpanMs : null,
    now,
    modelSizeStats: last?.model_size_stats ?? null,
    lastError: last?.last_error ?? null,
    indices: stored.config.datafeed_config?.indices ?? last?.indices ?? [],
    settings,
    lookback: null,
    node: live ? lease.owner : null,
  });
  if (last) summary.lookback_progress = last.lookback_progress;
  return summary;
}

/** The summary of a job opened on this instance. */
export function localJobSummary(l: LocalJob, now: number, node: string): JobSummary {
  const stats = l.runtime.stats();
  const problem = l.runtime.writeProblem;
  const settings = l.runtime.source.settings;
  return buildSummary({
    config: l.config,
    state: l.failed ? 'failed' : 'opened',
    datafeedState: l.datafeedState,
    // on the aggregated path the engine sees one summarised record per series and bucket: count documents
    processedRecords: settings.readPath === 'aggregated' ? l.runtime.counters.documentsRead : stats.processed_record_count,
    bucketCount: stats.bucket_count,
    processedUntil: l.runtime.processedUntil,
    now,
    modelSizeStats: stats.model_size_stats,
    lastError: l.lastError ?? (problem ? `writing results: ${problem} (retrying)` : null),
    indices: l.runtime.source.indices,
    settings,
    lookback: l.lookback,
    node,
  });
}

export function localJobMetrics(l: LocalJob, now: number): JobMetrics {
  const pu = l.runtime.processedUntil;
  return {
    buckets_processed: l.runtime.stats().bucket_count,
    documents_read: l.runtime.counters.documentsRead,
    results_written: l.runtime.counters.resultsWritten,
    errors: l.runtime.counters.errors,
    lag_ms: pu !== null ? Math.max(0, now - pu) : null,
  };
}
