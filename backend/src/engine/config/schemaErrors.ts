/** Turns ajv's errors into one-line messages that name the JSON path: `analysis_config.detectors[0].function: …`. */
import type { ErrorObject } from 'ajv';
import { didYouMean } from './suggest';

/** `/analysis_config/detectors/0/function` → `analysis_config.detectors[0].function`. */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A path and a child key joined the same way. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function where(path: string): string {
  return path === '' ? '(job config)' : path;
}

function messageOf(error: ErrorObject): string {
  const path = jsonPointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${childPath(path, String(params.missingProperty))}: is required`;
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${childPath(path, extra)}: unknown property "${extra}"${didYouMean(extra, known)}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const given = String(error.data);
      return `${where(path)}: must be one of ${allowed.join(', ')}, not ${describe(error.data)}${didYouMean(given, allowed)}`;
    }
    case 'type':
      return `${where(path)}: must be ${params.type}, not ${describe(error.data)}`;
    case 'anyOf': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return `${where(path)}: must be ${description ?? 'one of the allowed forms'}, not ${describe(error.data)}`;
    }
    case 'pattern':
      return `${where(path)}: ${describe(error.data)} is not allowed (must match ${params.pattern})`;
    case 'format':
      return `${where(path)}: ${describe(error.data)} is not a valid ${params.format}`;
    case 'minItems':
      return `${where(path)}: must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return `${where(path)}: must not be empty`;
    default:
      return `${where(path)}: ${error.message ?? 'is invalid'}`;
  }
}

/**
 * One message per problem. Errors of the branches of an `anyOf` are folded into the anyOf's own message,
 * so a bad duration reads `analysis_config.bucket_span: must be a duration such as "5m" …` once.
 */
export function formatSchemaErrors(errors: readonly ErrorObject[]): string[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  const kept = errors.filter((e) => e.keyword === 'anyOf' || !anyOfPaths.some((p) => e.schemaPath.startsWith(p)));
  const messages: string[] = [];
  for (const error of kept) {
    const message = messageOf(error);
    if (!messages.includes(message)) messages.push(message);
  }
  return messages;
}
