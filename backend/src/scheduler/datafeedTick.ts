/**
 * One run of a job's datafeed (what its timer fires): with an end, the lookback to it, then the
 * final buckets and a snapshot; without, everything up to `now - query_delay` (the whole lookback on
 * the first run), then the delayed-data check, interim results for the open bucket, a periodic
 * snapshot, and the time of the next run (aligned to the frequency, which divides the bucket span,
 * + query_delay). A failure keeps the state and asks to run again after a backoff.
 */
import type { JobConfig } from '../engine/config';
import { describeError } from '../opensearch/request';
import { backoffDelayMs, isRetryableError } from '../opensearch/retry';
import type { WantedRunState } from './configStore';
import type { JobRuntime } from './jobRuntime';
import type { DatafeedState } from './types';

/** Snapshot every 3 h of data in real time; during a lookback (no interval configured) every day of data. */
export const DEFAULT_PERSIST_MS = 3 * 3_600_000;
export const DEFAULT_LOOKBACK_PERSIST_MS = 24 * 3_600_000;

/** A job opened on this instance. */
export interface LocalJob {
  runtime: JobRuntime;
  config: JobConfig;
  datafeedState: DatafeedState;
  /** The lookback's range (progress figure); null before the datafeed first started. */
  lookback: { start: number; end: number } | null;
  /** The datafeed's end (null = real time after the lookback). */
  end: number | null;
  run: WantedRunState;
  timer: unknown;
  stopRequested: boolean;
  running: Promise<void> | null;
  lastError: string | null;
  failures: number;
  /** The last run failed with an error retrying cannot cure (missing index, mapping conflict): state `failed` until a run succeeds. */
  failed: boolean;
  /** `background_persist_interval` in data time; null = the defaults. */
  persistMs: number | null;
}

export type TickOutcome = { kind: 'next'; inMs: number } | { kind: 'ended' } | { kind: 'stopped' };

export async function runDatafeedTick(l: LocalJob, now: () => number, log: (line: string) => void): Promise<TickOutcome> {
  const rt = l.runtime;
  const s = rt.source.settings;
  const span = s.bucketSpanMs;
  const inLookback = (): boolean => l.lookback !== null && (rt.processedUntil ?? 0) < l.lookback.end;
  const persistMs = (): number => l.persistMs ?? (inLookback() ? DEFAULT_LOOKBACK_PERSIST_MS : DEFAULT_PERSIST_MS);
  const afterChunk = async (): Promise<boolean> => {
    if (rt.snapshotDue(persistMs())) {
      // real-time datafeeds renormalise before a snapshot; a bounded run keeps its scores as written
      if (l.end === null && !inLookback()) await rt.renormalise();
      await rt.saveSnapshot('periodic');
    }
    return !l.stopRequested;
  };
  try {
    if (l.end !== null) {
      await rt.processTo(Math.floor(l.end / span) * span, afterChunk);
      if (l.stopRequested) return { kind: 'stopped' };
      // a bounded (historical) run keeps its scores as written, like a run over files
      await rt.finish(l.end);
      await rt.refreshResults();
      await rt.saveSnapshot('datafeed end');
      l.lastError = null;
      l.failed = false;
      return { kind: 'ended' };
    }
    const startedAt = now();
    const before = rt.processedUntil;
    await rt.processTo(Math.floor((startedAt - s.queryDelayMs) / span) * span, afterChunk);
    if (l.stopRequested) return { kind: 'stopped' };
    if (l.lookback && rt.processedUntil! >= l.lookback.end) {
      // the lookback ended in this run: scores of its early buckets came from young normalisers
      if (before === null || before < l.lookback.end) await rt.renormalise();
      if (s.delayedDataCheck.enabled && rt.processedUntil !== before) await rt.checkDelayedData(s.delayedDataCheck.windowMs);
      if (s.frequencyMs < span) await rt.writeInterim(startedAt - s.queryDelayMs);
      if (rt.snapshotDue(persistMs())) {
        await rt.renormalise();
        await rt.saveSnapshot('periodic');
      }
    }
    await rt.refreshResults();
    l.lastError = null;
    l.failures = 0;
    l.failed = false;
    const next = Math.floor((startedAt - s.queryDelayMs) / s.frequencyMs) * s.frequencyMs + s.frequencyMs + s.queryDelayMs;
    return { kind: 'next', inMs: next - now() };
  } catch (err) {
    l.failures++;
    l.failed = !isRetryableError(err);
    rt.counters.errors++;
    l.lastError = `${describeError(err)} (attempt ${l.failures}; state kept, retrying)`;
    log(`${l.config.job_id}: ${l.lastError}`);
    return { kind: 'next', inMs: Math.min(s.frequencyMs, backoffDelayMs(l.failures, { baseDelayMs: 1_000, maxDelayMs: 60_000 })) };
  }
}
