/**
 * Search terms as a record predicate, Splunk's semantics:
 * - `f=v` needs `f` present; `*` is a wildcard; plain text compares case-insensitively; when both sides
 *   are numeric they compare as numbers (`port=080` matches 80);
 * - `f!=v` matches records where `f` exists and does not match (`NOT f=v` also matches records without `f`);
 * - `f=*` matches records that have `f`;
 * - `<`, `<=`, `>`, `>=` compare numbers, else text;
 * - a free term matches when any field's text contains it (or matches it, when it has a wildcard).
 */
import type { SearchNode } from '../engine/config/grammar/searchParser';
import type { FieldValue } from '../engine/types';
import { toNumber, toText, wildcardRegExp } from './values';

type Fields = Record<string, FieldValue>;
export type RecordPredicate = (fields: Fields) => boolean;

function valueOf(fields: Fields, name: string): FieldValue {
  return Object.hasOwn(fields, name) ? fields[name] : null;
}

/** A matcher of one value against the written value `pattern` (for `=`). */
function equalityMatcher(pattern: string): (value: string | number) => boolean {
  if (pattern.includes('*')) {
    const regexp = wildcardRegExp(pattern);
    return (value) => regexp.test(toText(value) as string);
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
  const regexp = wildcardRegExp(pattern.includes('*') ? pattern : `*${pattern}*`);
  return (fields) => {
    for (const name in fields) {
      const text = toText(fields[name]);
      if (text !== null && regexp.test(text)) return true;
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
