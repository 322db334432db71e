import type { FieldValue } from '../../engine/types';
import { RecordError } from '../types';
import { clip, flattenJson } from '../values';

/** Parses one JSON line into flattened fields; throws `RecordError` for bad JSON or a non-object. */
export function jsonFields(text: string): Record<string, FieldValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RecordError(`bad JSON (${(err as Error).message}): ${clip(text)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RecordError(`expected a JSON object, found ${clip(text)}`);
  }
  const fields: Record<string, FieldValue> = {};
  try {
    flattenJson(parsed, '', fields);
  } catch (err) {
    if (err instanceof RangeError) throw new RecordError('JSON nested too deeply to flatten');
    throw err;
  }
  return fields;
}
