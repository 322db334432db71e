import { datafeedSettings } from './datafeedSettings';
import { delayedDataAnnotation } from './delayedData';
import { buildSummary, lookbackProgress, storedJobSummary } from './jobSummary';

const config = { job_id: 'flows', description: 'd', analysis_config: { bucket_span: '5m', detectors: [{ function: 'count' }] }, datafeed_config: { indices: ['netflow-*'] } };

describe('job summary', () => {
  it('reports lookback progress between 0 and 1', () => {
    expect(lookbackProgress(null, 5)).toBeNull();
    expect(lookbackProgress({ start: 0, end: 1000 }, null)).toBe(0);
    expect(lookbackProgress({ start: 0, end: 1000 }, 250)).toBe(0.25);
    expect(lookbackProgress({ start: 0, end: 1000 }, 2000)).toBe(1);
    expect(lookbackProgress({ start: 10, end: 10 }, 10)).toBe(1);
  });

  it('gives the latest processed bucket and the lag behind the clock', () => {
    const s = buildSummary({
      config, state: 'opened', datafeedState: 'started', processedRecords: 40, bucketCount: 4, processedUntil: 1_200_000, now: 1_290_000,
      modelSizeStats: null, lastError: null, indices: ['netflow-*'], settings: datafeedSettings(config), lookback: { start: 0, end: 2_400_000 }, node: 'a',
    });
    expect(s).toMatchObject({
      job_id: 'flows', description: 'd', latest_bucket_timestamp: 900_000, lag_ms: 90_000, lookback_progress: 0.5, memory_status: 'ok', model_bytes: 0,
      time_field: '@timestamp', read_path: { path: 'aggregated', reason: 'every detector can use per-bucket aggregations' }, node: 'a',
    });
  });

  it('summarises a stored job from its wanted state, its last summary and the lease', () => {
    const stored = { job_id: 'flows', config, run: { job_state: 'opened' as const, datafeed_state: 'started' as const, start: 0, end: null }, create_time: 1, update_time: 2, summary: null };
    const lease = { job_id: 'flows', owner: 'b', acquired_at: 0, expires_at: 5000 };
    expect(storedJobSummary(stored, lease, 4000)).toMatchObject({ state: 'opened', datafeed_state: 'started', node: 'b', bucket_count: 0, latest_bucket_timestamp: null });
    expect(storedJobSummary(stored, lease, 6000).node).toBeNull();
    const closed = { ...stored, run: { job_state: 'closed' as const, datafeed_state: 'stopped' as const, start: null, end: null } };
    expect(storedJobSummary(closed, null, 6000)).toMatchObject({ state: 'closed', datafeed_state: 'stopped' });
  });

  it('words the delayed-data annotation with the counts', () => {
    const doc = delayedDataAnnotation('flows', 600_000, 300_000, 10, 13, 99);
    expect(doc).toMatchObject({ result_type: 'annotation', timestamp: 600_000, end_timestamp: 900_000, bucket_span: 300, event_count: 3, create_time: 99 });
    expect(doc.annotation).toBe('Datafeed has missed 3 documents due to ingest latency in the bucket starting 1970-01-01T00:10:00.000Z (10 read when the bucket was analysed, 13 there now)');
  });
});
