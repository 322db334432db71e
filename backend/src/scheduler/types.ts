/**
 * The scheduler's public shapes: the clock it is driven by (injected in tests), the job summary of
 * the REST API contract (snake_case on the wire), and the metrics `/metrics` exports.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { ModelSizeStats } from '../engine/job';

/** Time and timers; `systemClock` in production, a `ManualClock` in tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

export interface JobManagerOptions {
  client: Client;
  clock?: Clock;
  /** Name of this instance in leases (default `<hostname>-<pid>`). */
  instanceId?: string;
  /** A lease not renewed within this time passes to another instance (default 60 000). */
  leaseMs?: number;
  logger?: (line: string) => void;
  /** Replicas of the indices the manager creates (default 1; 0 on a single test node). */
  replicas?: number;
  /** Retry/backoff of OpenSearch calls inside one tick (default: 5 attempts from 200 ms). */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Refresh results after each write so they are searchable at once (default true). */
  refreshResults?: boolean;
  /** Names of the config, state and lease indices (default vigil-config, vigil-state, vigil-leases; tests isolate themselves). */
  indices?: { config?: string; state?: string; leases?: string };
}

export type JobState = 'closed' | 'opened' | 'failed';
export type DatafeedState = 'stopped' | 'starting' | 'started' | 'stopping';

/** One job as `GET /api/jobs` lists it. */
export interface JobSummary {
  job_id: string;
  description: string;
  state: JobState;
  datafeed_state: DatafeedState;
  processed_record_count: number;
  bucket_count: number;
  /** Start of the latest processed (final) bucket, epoch ms. */
  latest_bucket_timestamp: number | null;
  /** How far the processed time is behind the clock, ms (null before the first bucket). */
  lag_ms: number | null;
  memory_status: ModelSizeStats['memory_status'];
  model_bytes: number;
  last_error: string | null;
  indices: string[];
  time_field: string;
  /** Share of the lookback done, 0..1 (null when no lookback has run). */
  lookback_progress: number | null;
  /** Which read path the datafeed uses and why. */
  read_path?: { path: 'raw' | 'aggregated'; reason: string } | null;
  /** Instance holding the job's lease (null when none). */
  node?: string | null;
  model_size_stats?: ModelSizeStats;
  /** What the request did differently from what was asked (e.g. a start before the processed time). */
  note?: string;
}

export interface JobMetrics {
  buckets_processed: number;
  documents_read: number;
  results_written: number;
  errors: number;
  lag_ms: number | null;
}

export interface SchedulerMetrics {
  jobs: Record<string, JobMetrics>;
  totals: Omit<JobMetrics, 'lag_ms'>;
}
