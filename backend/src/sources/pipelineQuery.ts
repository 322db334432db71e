/**
 * The search part of a pipeline (`index=flows sourcetype="netflow" dest!=10.*`) as a datafeed's
 * indices and query: the index mappings give each field's type (so `10.*` on an ip field becomes
 * a CIDR term) and `toOpenSearchQuery` (engine/config) compiles the terms. `eval` stays in Vigil.
 */
import type { Client } from '@opensearch-project/opensearch';
import { toOpenSearchQuery } from '../engine/config';
import { osRequest } from '../opensearch/request';
import type { QueryDsl } from './query';

type Props = Record<string, { type?: string; properties?: Props; fields?: Record<string, { type?: string }> }>;

function collect(props: Props, prefix: string, out: Record<string, string>): void {
  for (const [name, m] of Object.entries(props)) {
    const full = prefix ? `${prefix}.${name}` : name;
    if (m.properties) collect(m.properties, full, out);
    if (m.type && !(full in out)) out[full] = m.type;
    for (const [sub, sm] of Object.entries(m.fields ?? {})) if (sm.type && !(`${full}.${sub}` in out)) out[`${full}.${sub}`] = sm.type;
  }
}

/** Field (dotted name) → mapping type over the given indices or patterns; the first index seen wins on conflicts. */
export async function fieldTypesOf(client: Client, indices: string[]): Promise<Record<string, string>> {
  const res = await osRequest<Record<string, { mappings?: { properties?: Props } }>>(client, 'GET', `/${indices.map(encodeURIComponent).join(',')}/_mapping`, undefined, {
    querystring: { allow_no_indices: true, ignore_unavailable: true },
  });
  const out: Record<string, string> = {};
  for (const index of Object.keys(res.body).sort()) collect(res.body[index].mappings?.properties ?? {}, '', out);
  return out;
}

export interface DatafeedSearch {
  indices: string[];
  query: QueryDsl;
  fieldTypes: Record<string, string>;
}

/**
 * Indices and query of a pipeline's search: `index=` terms, else `defaultIndices` (the datafeed's
 * `indices`). Throws when neither names an index, and the compiler's error (with its column) for a
 * term the field's type cannot take.
 */
export async function datafeedSearch(
  client: Client,
  search: Parameters<typeof toOpenSearchQuery>[0],
  defaultIndices: string[] = [],
  opts: { sourcetypeField?: string } = {},
): Promise<DatafeedSearch> {
  const selectors = toOpenSearchQuery(search, { sourcetypeField: opts.sourcetypeField });
  const indices = selectors.indices.length > 0 ? selectors.indices : defaultIndices;
  if (indices.length === 0) throw new Error('the search names no index: add index=<pattern> or set the datafeed\'s indices');
  const fieldTypes = await fieldTypesOf(client, indices);
  const compiled = toOpenSearchQuery(search, { fieldTypes, sourcetypeField: opts.sourcetypeField });
  return { indices, query: compiled.query, fieldTypes };
}
