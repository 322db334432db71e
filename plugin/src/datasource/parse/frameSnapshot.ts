import type { DataFrame } from '@grafana/data';

/** Plain JSON view of a frame for golden files: name, refId, meta and each field's name, type, config, labels, values. */
export function frameSnapshot(frame: DataFrame) {
  return {
    name: frame.name,
    refId: frame.refId,
    meta: frame.meta ?? null,
    length: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      config: f.config,
      labels: f.labels ?? null,
      values: [...f.values],
    })),
  };
}
