/** Reading the provisioning files, the compose file and the plugin ids for the provisioning checks. */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import YAML from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PROVISIONING = path.join(ROOT, 'provisioning');

export function readYaml<T = Record<string, unknown>>(file: string): T {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { merge: true });
  if (doc.errors.length > 0) throw new Error(`${path.relative(ROOT, file)}: ${doc.errors[0].message}`);
  return doc.toJS() as T;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function filesIn(dir: string, ext: RegExp): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** ajv 8 (draft 2019-09) as the backend workspace declares it. */
const backendRequire = createRequire(path.join(ROOT, 'backend', 'package.json'));

export interface Validator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

export function compileSchema(schema: object, formats: Record<string, RegExp> = {}): Validator {
  const Ajv2019 = backendRequire('ajv/dist/2019').default;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
  for (const [name, re] of Object.entries(formats)) ajv.addFormat(name, re);
  return ajv.compile(schema) as Validator;
}

export function errorsOf(v: Validator): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Draft-04 `id` annotations of the early Compose schema (ajv 8 rejects them; they carry no validation). */
export function dropLegacyIds(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => dropLegacyIds(n));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'id' && typeof v === 'string' && parentKey !== 'properties') continue;
      out[k] = dropLegacyIds(v, k);
    }
    return out;
  }
  return node;
}

/** Formats the Compose Specification defines in its text (Go durations, port and expose syntax, CIDR subnets). */
export const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/,
  ports: /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?):)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F.:]+\/\d{1,3}$/,
};

/** Ids of the app and its nested plugins, from their plugin.json files. */
export function pluginIds(): { app: string; datasource: string; panel: string } {
  const src = path.join(ROOT, 'plugin', 'src');
  return {
    app: readJson<{ id: string }>(path.join(src, 'plugin.json')).id,
    datasource: readJson<{ id: string }>(path.join(src, 'datasource', 'plugin.json')).id,
    panel: readJson<{ id: string }>(path.join(src, 'panels', 'swimlane', 'plugin.json')).id,
  };
}

/** Dotted names of every field of an OpenSearch mapping (`influencers.influencer_field_name`). */
export function mappedFields(properties: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, m] of Object.entries(properties)) {
    const mapping = m as { type?: string; properties?: Record<string, unknown> };
    if (mapping.properties) {
      for (const [k, v] of mappedFields(mapping.properties, `${prefix}${name}.`)) out.set(k, v);
    } else {
      out.set(`${prefix}${name}`, mapping.type ?? 'object');
    }
  }
  return out;
}

/** Field names a Lucene query string filters on (`result_type:record AND job_id:"$job"` → result_type, job_id). */
export function luceneFields(query: string): string[] {
  return [...query.matchAll(/(?:^|[\s(])([A-Za-z_@][\w.@]*):/g)].map((m) => m[1]);
}
