/**
 * Deterministic document `_id`s for result documents, so re-running a time range overwrites
 * instead of duplicating (engine-anchors §5 row 9).
 */
import type { ResultDocument } from './resultTypes';

/** FNV-1a 64-bit hash of a string, as 16 hex digits (two 32-bit halves; pure and stable). */
export function fnv1a64(s: string): string {
  let h1 = 0x84222325 | 0; // low 32 bits of the offset basis 0xcbf29ce484222325
  let h2 = 0xcbf29ce4 | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 ^= c & 0xff;
    if (c > 0xff) h2 ^= c >>> 8;
    // multiply the 64-bit (h2:h1) by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const lo = h1 >>> 0;
    const hi = h2 >>> 0;
    const loMul = lo * 0x1b3;
    const newLo = loMul >>> 0;
    const carry = Math.floor(loMul / 0x100000000);
    const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    h1 = newLo | 0;
    h2 = newHi | 0;
  }
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** `_id` of a result document: job, type, timestamp, bucket span, detector and entity. */
export function resultId(doc: ResultDocument): string {
  const base = `${doc.job_id}_${doc.result_type}_${doc.timestamp}_${doc.bucket_span}`;
  switch (doc.result_type) {
    case 'bucket':
      return base;
    case 'record':
      return `${base}_${doc.detector_index}_${fnv1a64(`${doc.function_description}|${doc.entity_key}`)}`;
    case 'influencer':
      return `${base}_${fnv1a64(`${doc.influencer_field_name}=${doc.influencer_field_value}`)}`;
    case 'model_plot':
      return `${base}_${doc.detector_index}_${fnv1a64(`${doc.model_feature}|${doc.entity_key}`)}`;
  }
}
