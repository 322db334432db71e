/** Validates a job config (parsed JSON) against the schema and the cross-field rules. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { JobConfig, ValidationResult } from './jobConfigTypes';
import { jobConfigSchema } from './jobConfigSchema';
import { formatSchemaErrors } from './schemaErrors';
import { semanticErrors } from './semanticChecks';
export { configWarnings } from './semanticChecks';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['date-time']);
const validateSchema = ajv.compile(jobConfigSchema);

/**
 * `{ok: true, config}` (a copy of the input) or `{ok: false, errors}` where each error is one line naming
 * the JSON path, e.g. `analysis_config.detectors[0].function: unknown function "meen" (did you mean "mean"?)`.
 */
export function validateJobConfig(json: unknown): ValidationResult {
  if (!validateSchema(json)) return { ok: false, errors: formatSchemaErrors(validateSchema.errors ?? []) };
  const config = structuredClone(json) as unknown as JobConfig;
  const errors = semanticErrors(config);
  return errors.length ? { ok: false, errors } : { ok: true, config };
}
