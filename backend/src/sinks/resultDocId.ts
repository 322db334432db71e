/**
 * Deterministic `_id` of a result document when the job gives none: a hash of job, result type,
 * bucket start, bucket span, detector and entity (engine-anchors §5 row 9: a replay overwrites).
 */
import { createHash } from 'crypto';
import type { ResultDocLike } from './types';

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function resultDocId(doc: ResultDocLike): string {
  const key = [
    doc.job_id,
    doc.result_type,
    doc.timestamp,
    str(doc.bucket_span),
    str(doc.detector_index),
    str(doc.function_description ?? doc.function),
    str(doc.entity_key),
    str(doc.influencer_field_name),
    str(doc.influencer_field_value),
    str(doc.model_feature),
    str(doc.category_id),
    str(doc.annotation_id),
  ].join('\u0000');
  return `${doc.job_id}_${doc.result_type}_${doc.timestamp}_${createHash('sha1').update(key).digest('hex').slice(0, 20)}`;
}
