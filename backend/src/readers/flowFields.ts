import type { FieldValue } from '../engine/types';

/** The brief's names of a flow (conventions §4), taken from each format's own fields. */
export interface FlowNames {
  src: FieldValue;
  dest: FieldValue;
  destPort: FieldValue;
  protocol: FieldValue;
  srcAppBytes: number | null;
  destAppBytes: number | null;
}

/**
 * `(src - dest) / (src + dest)`: +1 all outbound, -1 all inbound; null when both are 0 or either
 * is missing.
 */
export function appByteRatio(srcAppBytes: number | null, destAppBytes: number | null): number | null {
  if (srcAppBytes === null || destAppBytes === null) return null;
  const total = srcAppBytes + destAppBytes;
  if (total === 0) return null;
  return (srcAppBytes - destAppBytes) / total;
}

/** Adds `src`, `dest`, `dest_port`, `protocol`, `src_app_bytes`, `dest_app_bytes`, `app_byte_ratio`. */
export function addFlowNames(fields: Record<string, FieldValue>, names: FlowNames): void {
  fields.src = names.src;
  fields.dest = names.dest;
  fields.dest_port = names.destPort;
  fields.protocol = names.protocol;
  fields.src_app_bytes = names.srcAppBytes;
  fields.dest_app_bytes = names.destAppBytes;
  fields.app_byte_ratio = appByteRatio(names.srcAppBytes, names.destAppBytes);
}

/** A field value as a number when it is one, else null. */
export function numberOrNull(value: FieldValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}
