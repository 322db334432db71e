/**
 * The NAB detector run through the whole job (engine/job AnomalyJob) with one detector `mean(value)`,
 * bucket span = the file's row interval. Each row gets the bucket's anomaly_score / 100 (the highest of
 * the bucket result and its records).
 */
import { AnomalyJob } from '../engine/job';
import type { JobConfig } from '../engine/config/jobConfigTypes';
import { nabTimestampMs, rowScoresFromBuckets } from '../evaluation/nab';
import type { BucketScore } from '../evaluation/nab';
import type { NabDetector } from './nabDetector';

export const anomalyJobDetector: NabDetector = (rows, intervalMs) => {
  const config = {
    job_id: 'nab',
    analysis_config: { bucket_span: `${Math.round(intervalMs / 1000)}s`, detectors: [{ function: 'mean', field_name: 'value' }] },
  } as JobConfig;
  const job = new AnomalyJob('nab', config);
  const scores: BucketScore[] = [];
  const drain = (): void => {
    for (const d of job.takeResults()) {
      if (d.result_type === 'bucket') scores.push({ timestamp: d.timestamp, score: d.anomaly_score });
      else if (d.result_type === 'record') scores.push({ timestamp: d.timestamp, score: d.record_score });
    }
  };
  for (const r of rows) {
    job.push({ time: nabTimestampMs(r.timestamp), fields: { value: r.value } });
    drain();
  }
  job.flush();
  drain();
  return Array.from(rowScoresFromBuckets(rows, scores, intervalMs));
};
