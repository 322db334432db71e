/**
 * A category as users see it: its `terms` (the constant words of its template), a `regex` that
 * matches every message of the category, its examples and counts (Elastic's `category_definition`).
 */
import { hasMask } from './masking';
import { CategoryDefinitionDoc, CategoryState, WILDCARD } from './types';

const MASK_SPLIT = /<(?:IP|UUID|HEX|NUM|TIME|DATE|PATH|URL|EMAIL|HOST|QUOTED|VAR)>/;
const MASK_STRIP = /<(?:IP|UUID|HEX|NUM|TIME|DATE|PATH|URL|EMAIL|HOST|QUOTED|VAR)>/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The constant words of a template, space-separated (punctuation and variables left out). */
export function termsOf(tokens: readonly string[]): string {
  const words: string[] = [];
  for (const t of tokens) {
    if (t === WILDCARD) continue;
    const text = hasMask(t) ? t.replace(MASK_STRIP, ' ') : t;
    for (const w of text.split(/[^A-Za-z0-9_\-.]+/)) {
      const word = w.replace(/^[.-]+|[.-]+$/g, '');
      if (word && /[A-Za-z]/.test(word)) words.push(word);
    }
  }
  return words.join(' ');
}

/** A regular expression (source) matching the messages of a template: its constant parts in order. */
export function regexOf(tokens: readonly string[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t === WILDCARD) continue;
    const pieces = t.split(MASK_SPLIT).filter((p) => p.length > 0).map(escapeRegex);
    if (pieces.length > 0) parts.push(pieces.join('.*?'));
  }
  return parts.length === 0 ? '.*' : `.*?${parts.join('.*?')}.*`;
}

/** Elastic's `max_matching_length`: the longest message matched, plus 10 %. */
export function maxMatchingLength(category: CategoryState): number {
  return Math.floor(category.maxLength * 1.1);
}

export interface DefinitionContext {
  jobId?: string;
  partitionFieldName?: string;
  partitionFieldValue?: string;
}

export function toDefinitionDoc(category: CategoryState, context: DefinitionContext = {}): CategoryDefinitionDoc {
  const doc: CategoryDefinitionDoc = {
    result_type: 'category_definition',
    category_id: category.id,
    terms: termsOf(category.tokens),
    regex: regexOf(category.tokens),
    max_matching_length: maxMatchingLength(category),
    examples: category.examples.slice(),
    num_matches: category.numMatches,
  };
  if (context.jobId !== undefined) doc.job_id = context.jobId;
  if (context.partitionFieldName !== undefined) {
    doc.partition_field_name = context.partitionFieldName;
    doc.partition_field_value = context.partitionFieldValue ?? '';
  }
  return doc;
}

/** Rough bytes a category holds in memory (strings at 2 bytes a character, plus object overheads). */
export function approxCategoryBytes(category: CategoryState): number {
  let bytes = 120;
  for (const t of category.tokens) bytes += 24 + 2 * t.length;
  for (const e of category.examples) bytes += 24 + 2 * e.length;
  return bytes;
}
