/** The annotation result written when a finished bucket received documents after it was read (engine-anchors §5 row 11). */
import type { ResultDocLike } from '../sinks/types';

export function delayedDataAnnotation(jobId: string, bucketStart: number, spanMs: number, read: number, now: number, createTime: number): ResultDocLike {
  const missed = now - read;
  return {
    job_id: jobId,
    result_type: 'annotation',
    annotation_id: `delayed_data_${bucketStart}`,
    annotation_type: 'delayed_data',
    timestamp: bucketStart,
    end_timestamp: bucketStart + spanMs,
    bucket_span: spanMs / 1000,
    is_interim: false,
    event_count: missed,
    annotation: `Datafeed has missed ${missed} document${missed === 1 ? '' : 's'} due to ingest latency in the bucket starting ${new Date(bucketStart).toISOString()} ` +
      `(${read} read when the bucket was analysed, ${now} there now)`,
    create_time: createTime,
  };
}
