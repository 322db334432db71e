/**
 * Deterministic `_id` of a result document (engine-anchors §5 row 9: a replay overwrites): the
 * engine's `resultId` for buckets, records, influencers and model plots, else a hash of job,
 * result type, bucket start, bucket span, detector and entity.
 */
import { createHash } from 'crypto';
import { resultId } from '../engine/job/resultId';
import type { ResultDocument } from '../engine/job/resultTypes';
import type { ResultDocLike } from './types';

const ENGINE_TYPES = new Set(['bucket', 'record', 'influencer', 'model_plot']);

/** The `_id` the results sink writes a document under. */
export function resultsDocumentId(doc: ResultDocLike): string {
  return ENGINE_TYPES.has(doc.result_type) ? resultId(doc as unknown as ResultDocument) : resultDocId(doc);
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** A hash-based id for any result document (annotations, category definitions, …). */
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
