/**
 * Index templates for the indices Vigil reads (flows, IDS alerts, syslog) and writes (results,
 * state, config, leases), and `ensureIndex` for an explicitly named index (ingest into any name).
 */
import type { Client } from '@opensearch-project/opensearch';
import {
  configMappings,
  flowMappings,
  idsMappings,
  leaseMappings,
  resultsMappings,
  stateMappings,
  syslogMappings,
  type Mappings,
} from './mappings';
import { osRequest } from './request';

export type EventKind = 'netflow' | 'ids' | 'syslog';

export const RESULTS_INDEX_PREFIX = 'vigil-results-';
export const STATE_INDEX = 'vigil-state';
export const CONFIG_INDEX = 'vigil-config';
export const LEASES_INDEX = 'vigil-leases';

export interface TemplateOptions {
  /** Replicas of every index the templates create (default 1; tests on a single node use 0). */
  replicas?: number;
  shards?: number;
}

export interface IndexTemplate {
  name: string;
  index_patterns: string[];
  priority: number;
  mappings: Mappings;
}

/** The mappings of each kind of event index. */
export const eventMappings: Record<EventKind, Mappings> = { netflow: flowMappings, ids: idsMappings, syslog: syslogMappings };

/** Index name of a job's results. Job ids are lower-case already (Elastic's rule); this lower-cases defensively. */
export function resultsIndexOf(jobId: string): string {
  return RESULTS_INDEX_PREFIX + jobId.toLowerCase();
}

/** Every template Vigil installs, with the index patterns it covers. */
export function vigilTemplates(): IndexTemplate[] {
  return [
    { name: 'vigil-flows', index_patterns: ['netflow*', 'flows*', 'zeek*', 'vigil-flows*'], priority: 100, mappings: flowMappings },
    { name: 'vigil-ids', index_patterns: ['ids*', 'suricata*', 'snort*', 'vigil-ids*'], priority: 100, mappings: idsMappings },
    { name: 'vigil-syslog', index_patterns: ['syslog*', 'vigil-syslog*'], priority: 100, mappings: syslogMappings },
    { name: 'vigil-results', index_patterns: [`${RESULTS_INDEX_PREFIX}*`], priority: 200, mappings: resultsMappings },
    { name: 'vigil-state', index_patterns: [STATE_INDEX], priority: 200, mappings: stateMappings },
    { name: 'vigil-config', index_patterns: [CONFIG_INDEX], priority: 200, mappings: configMappings },
    { name: 'vigil-leases', index_patterns: [LEASES_INDEX], priority: 200, mappings: leaseMappings },
  ];
}

function settingsOf(opts: TemplateOptions): Record<string, unknown> {
  return { number_of_shards: opts.shards ?? 1, number_of_replicas: opts.replicas ?? 1 };
}

/** The body of PUT _index_template/<name>. */
export function templateBody(t: IndexTemplate, opts: TemplateOptions = {}): Record<string, unknown> {
  return {
    index_patterns: t.index_patterns,
    priority: t.priority,
    template: { settings: settingsOf(opts), mappings: t.mappings },
    _meta: { managed_by: 'vigil' },
  };
}

/** Installs (or updates) every Vigil index template. */
export async function installTemplates(client: Client, opts: TemplateOptions = {}): Promise<string[]> {
  const names: string[] = [];
  for (const t of vigilTemplates()) {
    await osRequest(client, 'PUT', `/_index_template/${t.name}`, templateBody(t, opts));
    names.push(t.name);
  }
  return names;
}

/**
 * Creates `index` with `mappings` when it does not exist (a 400 resource_already_exists from a
 * concurrent creator counts as success). Returns true when this call created it.
 */
export async function ensureIndex(client: Client, index: string, mappings: Mappings, opts: TemplateOptions = {}): Promise<boolean> {
  const exists = await osRequest<unknown>(client, 'HEAD', `/${encodeURIComponent(index)}`, undefined, { ignore: [404] });
  if (exists.statusCode === 200) return false;
  const res = await osRequest<{ error?: { type?: string; reason?: string } }>(
    client,
    'PUT',
    `/${encodeURIComponent(index)}`,
    { settings: settingsOf(opts), mappings },
    { ignore: [400] },
  );
  if (res.statusCode === 400) {
    if (res.body.error?.type === 'resource_already_exists_exception') return false;
    throw new Error(`cannot create index "${index}": ${res.body.error?.type}: ${res.body.error?.reason}`);
  }
  return true;
}
