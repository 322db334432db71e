/**
 * Search terms → OpenSearch query DSL, for the OpenSearch datafeed (conventions §7):
 * - `index=` → the index pattern (returned aside); `sourcetype=` → a term on the keyword field (other tools' names
 *   for a kind, e.g. `snort`, also match the kind `vigil ingest` writes: `ids`);
 * - `f=v` → term (keyword terms case-insensitive, as Splunk), `f=a*b` → wildcard, `f=*` → exists;
 * - on ip fields, octet wildcards become CIDR terms: `10.*` → `10.0.0.0/8`, `192.168.*` → `/16`;
 * - `f!=v` → `bool{filter: exists f, must_not: v}` (f exists and differs);
 * - `<`, `<=`, `>`, `>=` → range; AND → bool.filter, OR → bool.should, NOT → bool.must_not;
 * - free-text terms → query_string over all fields.
 */
import { didYouMean } from './suggest';
import { tokenize } from './grammar/lexer';
import { parseSearch, type SearchClause, type SearchNode } from './grammar/searchParser';
import { PipelineSyntaxError } from './grammar/tokens';

export type QueryDsl = Record<string, unknown>;

export interface OpenSearchQueryOptions {
  /** Field → mapping type (`ip`, `keyword`, `text`, `long`, `date`, …); unknown fields are taken as keyword. */
  fieldTypes?: Record<string, string>;
  /** The keyword field `sourcetype=` selects on (default `sourcetype`). */
  sourcetypeField?: string;
}

export interface OpenSearchSearch {
  /** Index patterns from `index=` (empty when none was given). */
  indices: string[];
  query: QueryDsl;
}

const numericTypes = ['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long'];
const textTypes = ['text', 'match_only_text'];
const numericValue = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const octetWildcard = /^(\d{1,3}\.){1,3}\*$/;

/** `10.*` → `10.0.0.0/8`, `10.1.*` → `10.1.0.0/16`, `10.1.2.*` → `10.1.2.0/24`; null when not an octet wildcard. */
export function octetWildcardToCidr(pattern: string): string | null {
  if (!octetWildcard.test(pattern)) return null;
  const octets = pattern.slice(0, -2).split('.');
  if (octets.some((o) => Number(o) > 255)) return null;
  const bits = octets.length * 8;
  while (octets.length < 4) octets.push('0');
  return `${octets.join('.')}/${bits}`;
}

function positiveMatch(field: string, value: string, quoted: boolean, type: string | undefined, column: number): QueryDsl {
  const wildcard = value.includes('*');
  if (value === '*' && !quoted) return { exists: { field } };
  if (type === 'ip') {
    if (!wildcard) return { term: { [field]: value } };
    const cidr = octetWildcardToCidr(value);
    if (cidr === null) throw new PipelineSyntaxError(`ip field "${field}" takes whole-octet wildcards such as 10.* or 10.1.*, not "${value}"`, column);
    return { term: { [field]: cidr } };
  }
  if (type !== undefined && numericTypes.includes(type)) {
    if (!numericValue.test(value)) throw new PipelineSyntaxError(`numeric field "${field}" cannot match "${value}"`, column);
    return { term: { [field]: Number(value) } };
  }
  if (type !== undefined && textTypes.includes(type)) {
    return wildcard ? { wildcard: { [field]: { value: value.toLowerCase(), case_insensitive: true } } } : { match_phrase: { [field]: value } };
  }
  if (wildcard) return { wildcard: { [field]: { value, case_insensitive: true } } };
  if (type === undefined && numericValue.test(value)) return { term: { [field]: value } };
  if (type === 'keyword' || type === 'constant_keyword' || type === 'wildcard' || type === undefined) {
    return { term: { [field]: { value, case_insensitive: true } } };
  }
  return { term: { [field]: value } };
}

function rangeOf(field: string, op: '<' | '<=' | '>' | '>=', value: string): QueryDsl {
  const key = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }[op];
  return { range: { [field]: { [key]: numericValue.test(value) ? Number(value) : value } } };
}

/** query_string syntax for one free-text term: reserved characters escaped, `*` kept, phrases quoted. */
function queryStringTerm(value: string, quoted: boolean): string {
  if (quoted && !value.includes('*')) return `"${value.replace(/["\\]/g, '\\$&')}"`;
  return value.replace(/[+\-=&|><!(){}[\]^"~?:\\/\s]/g, '\\$&');
}

function nodeToDsl(node: SearchNode, options: OpenSearchQueryOptions): QueryDsl {
  const types = options.fieldTypes ?? {};
  switch (node.kind) {
    case 'and':
      return { bool: { filter: node.children.map((c) => nodeToDsl(c, options)) } };
    case 'or':
      return { bool: { should: node.children.map((c) => nodeToDsl(c, options)), minimum_should_match: 1 } };
    case 'not':
      return { bool: { must_not: [nodeToDsl(node.child, options)] } };
    case 'term':
      return { query_string: { query: queryStringTerm(node.value, node.quoted), lenient: true } };
    case 'compare': {
      const type = Object.hasOwn(types, node.field) ? types[node.field] : undefined;
      if (node.op === '=') return positiveMatch(node.field, node.value, node.quoted, type, node.column);
      if (node.op === '!=') {
        if (node.value === '*' && !node.quoted) return { match_none: {} };
        return {
          bool: {
            filter: [{ exists: { field: node.field } }],
            must_not: [positiveMatch(node.field, node.value, node.quoted, type, node.column)],
          },
        };
      }
      return rangeOf(node.field, node.op, node.value);
    }
  }
}

/**
 * Source types as users of other tools name them (Splunk's `sourcetype=snort`, as in the product brief), mapped to the
 * kind `vigil ingest` writes in `sourcetype` (conventions §4: `netflow`, `ids`, `syslog`), so the brief's searches run
 * verbatim on ingested indices: `sourcetype=snort` selects documents whose sourcetype is `snort` or `ids`.
 */
export const SOURCETYPE_KINDS: Readonly<Record<string, string>> = {
  snort: 'ids', suricata: 'ids', eve: 'ids', 'eve.json': 'ids', fastlog: 'ids', ids: 'ids',
  netflow: 'netflow', flow: 'netflow', flows: 'netflow', zeek: 'netflow', bro: 'netflow', conn: 'netflow',
  binetflow: 'netflow', argus: 'netflow', ipfix: 'netflow', sflow: 'netflow',
  syslog: 'syslog', linux_secure: 'syslog', linux_messages_syslog: 'syslog',
};

function sourcetypeTerm(field: string, value: string): QueryDsl {
  const kind = SOURCETYPE_KINDS[value.toLowerCase()];
  if (kind === undefined || kind === value) return { term: { [field]: value } };
  return { terms: { [field]: [value, kind] } };
}

/**
 * The query and index patterns of parsed search terms (or of search text without `|`). Throws a
 * PipelineSyntaxError (reason and column) for a term OpenSearch cannot express on that field's type.
 */
export function toOpenSearchQuery(search: SearchClause | string, options: OpenSearchQueryOptions = {}): OpenSearchSearch {
  const clause = typeof search === 'string' ? parseSearch(tokenize(search, 0, 'search')) : search;
  const sourcetypeField = options.sourcetypeField ?? 'sourcetype';
  const indices: string[] = [];
  const filter: QueryDsl[] = [];
  const mustNot: QueryDsl[] = [];
  for (const selector of clause.selectors) {
    if (selector.field === 'index') indices.push(selector.value);
    else {
      // Kind aliases apply to Vigil's own `sourcetype` field; a user's own field is matched as written.
      const term = options.sourcetypeField === undefined ? sourcetypeTerm(sourcetypeField, selector.value) : { term: { [sourcetypeField]: selector.value } };
      (selector.negated ? mustNot : filter).push(term);
    }
  }
  if (clause.filter) {
    const dsl = nodeToDsl(clause.filter, options);
    if (clause.filter.kind === 'and') filter.push(...(dsl.bool as { filter: QueryDsl[] }).filter);
    else filter.push(dsl);
  }
  if (filter.length === 0 && mustNot.length === 0) return { indices, query: { match_all: {} } };
  const bool: QueryDsl = {};
  if (filter.length) bool.filter = filter;
  if (mustNot.length) bool.must_not = mustNot;
  return { indices, query: { bool } };
}

/** Field names of the search that the mapping does not know, each with a suggestion where one is close. */
export function unknownSearchFields(clause: SearchClause, fieldTypes: Record<string, string>): string[] {
  const known = Object.keys(fieldTypes);
  const out: string[] = [];
  const visit = (node: SearchNode): void => {
    if (node.kind === 'and' || node.kind === 'or') node.children.forEach(visit);
    else if (node.kind === 'not') visit(node.child);
    else if (node.kind === 'compare' && !Object.hasOwn(fieldTypes, node.field)) {
      out.push(`field "${node.field}" at column ${node.column} is not in the index mapping${didYouMean(node.field, known)}`);
    }
  };
  if (clause.filter) visit(clause.filter);
  return out;
}
