/**
 * Search terms as a record predicate, Splunk's semantics:
 * - `f=v` needs `f` present; `*` is a wildcard; plain text compares case-insensitively; when both sides
 *   are numeric they compare as numbers (`port=080` matches 80);
 * - `f!=v` matches records where `f` exists and does not match (`NOT f=v` also matches records without `f`);
 * - `f=*` matches records that have `f`; `f=10.0.0.0/8` matches IPv4 addresses in the block;
 * - `<`, `<=`, `>`, `>=` compare numbers, else text;
 * - a free term matches when any field's text contains it (or matches it, when it has a wildcard).
 */
import type { SearchNode } from '../engine/config/grammar/searchParser';
import type { FieldValue } from '../engine/types';
import { toNumber, toText, wildcardMatcher } from './values';

type Fields = Record<string, FieldValue>;
export type RecordPredicate = (fields: Fields) => boolean;

function valueOf(fields: Fields, name: string): FieldValue {
  return Object.hasOwn(fields, name) ? fields[name] : null;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address as an unsigned 32-bit number; null when the text is not one. */
function ipv4Number(text: string): number | null {
  const m = ipv4.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

/** `10.0.0.0/8` as a matcher of IPv4 texts; null when the pattern is not an IPv4 CIDR block. */
function cidrMatcher(pattern: string): ((value: string | number) => boolean) | null {
  const slash = pattern.indexOf('/');
  if (slash < 0) return null;
  const base = ipv4Number(pattern.slice(0, slash));
  const bitsText = pattern.slice(slash + 1);
  const bits = /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (base === null || !(bits >= 0 && bits <= 32)) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const network = (base & mask) >>> 0;
  return (value) => {
    const address = typeof value === 'string' ? ipv4Number(value) : null;
    return address !== null && ((address & mask) >>> 0) === network;
  };
}

/** A matcher of one value against the written value `pattern` (for `=`): wildcard, CIDR, number or text. */
function equalityMatcher(pattern: string): (value: string | number) => boolean {
  const cidr = cidrMatcher(pattern);
  if (cidr) return cidr;
  if (pattern.includes('*')) {
    const wildcard = wildcardMatcher(pattern);
    return (value) => wildcard(toText(value) as string);
  }
  const number = toNumber(pattern);
  const lower = pattern.toLowerCase();
  return (value) => {
    if (number !== null) {
      const n = toNumber(value);
      if (n !== null) return n === number;
    }
    return (toText(value) as string).toLowerCase() === lower;
  };
}

function orderMatcher(op: '<' | '<=' | '>' | '>=', pattern: string): (value: string | number) => boolean {
  const number = toNumber(pattern);
  const test = <T>(a: T, b: T): boolean => (op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b);
  return (value) => {
    const n = toNumber(value);
    if (number !== null && n !== null) return test(n, number);
    return test(toText(value) as string, pattern);
  };
}

function compileCompare(node: Extract<SearchNode, { kind: 'compare' }>): RecordPredicate {
  const { field, op, value: pattern } = node;
  if ((op === '=' || op === '!=') && pattern === '*' && !node.quoted) {
    return op === '=' ? (fields) => valueOf(fields, field) !== null : () => false;
  }
  if (op === '=' || op === '!=') {
    const matches = equalityMatcher(pattern);
    const want = op === '=';
    return (fields) => {
      const value = valueOf(fields, field);
      return value !== null && matches(value) === want;
    };
  }
  const matches = orderMatcher(op, pattern);
  return (fields) => {
    const value = valueOf(fields, field);
    return value !== null && matches(value);
  };
}

function compileTerm(pattern: string): RecordPredicate {
  const wildcard = wildcardMatcher(pattern.includes('*') ? pattern : `*${pattern}*`);
  return (fields) => {
    for (const name in fields) {
      const text = toText(fields[name]);
      if (text !== null && wildcard(text)) return true;
    }
    return false;
  };
}

/** The filter as a predicate on a record's fields; a null filter matches everything. */
export function compileSearch(node: SearchNode | null): RecordPredicate {
  if (node === null) return () => true;
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map(compileSearch);
      return (fields) => parts.every((p) => p(fields));
    }
    case 'or': {
      const parts = node.children.map(compileSearch);
      return (fields) => parts.some((p) => p(fields));
    }
    case 'not': {
      const inner = compileSearch(node.child);
      return (fields) => !inner(fields);
    }
    case 'compare':
      return compileCompare(node);
    case 'term':
      return compileTerm(node.value);
  }
}
