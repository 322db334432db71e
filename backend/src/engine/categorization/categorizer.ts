/**
 * Online categoriser: groups messages into categories as they arrive.
 *
 * Each message is tokenised and masked (`masking.ts`). Categories are indexed by token count and
 * first token. A message joins the category of its group that has no hard difference with it (two
 * different constant words at one position, see `tokenComparison.ts`) and shares the largest part
 * of its constant tokens, when that part reaches the similarity threshold; the template's soft
 * differences (a variable against a word) become wildcards. A message that differs from categories
 * only by the word at one position merges them once that position has shown enough distinct words
 * (`mergeSiblings`). Otherwise it opens a new category, unless the category limit is reached, in
 * which case it stays uncategorised and is counted.
 *
 * Ids come from an `IdSequence` so several partitions can share one numbering; they depend only on
 * the order of the input, so they are the same across runs and across snapshot/restore.
 */
import { hasMask, tokenize } from './masking';
import { compareTokens, isKeyValuePair, maskShape } from './tokenComparison';
import {
  CategorizationStatus,
  CategorizerOptions,
  CategoryMatch,
  CategoryState,
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_SIMILARITY,
  MAX_EXAMPLE_LENGTH,
  MAX_EXAMPLES,
  WILDCARD,
} from './types';
import { compileFilters, applyFilters } from './filters';

/** Hands out category ids, one sequence per job (shared by its partitions). */
export class IdSequence {
  constructor(public next = 1) {}
  take(): number {
    return this.next++;
  }
}

export interface CategorizerSnapshot {
  version: 1;
  categories: CategoryState[];
  /** [merged id, id it was merged into] pairs. */
  aliases: [number, number][];
  mergedCount: number;
  failedCount: number;
  categorizedCount: number;
}

/** Distinct constant words at one position after which it becomes a variable. */
export const WORD_VALUES_TO_MERGE = 3;
/** The same for the value of a `key=value` token. */
export const KEY_VALUES_TO_MERGE = 5;

function groupKey(tokens: readonly string[]): string {
  const first = tokens[0];
  return `${tokens.length}\u0001${first === undefined || hasMask(first) ? '' : first}`;
}

function cutExample(message: string): string {
  return message.length > MAX_EXAMPLE_LENGTH ? message.slice(0, MAX_EXAMPLE_LENGTH - 3) + '...' : message;
}

export class Categorizer {
  private readonly groups = new Map<string, CategoryState[]>();
  private readonly byId = new Map<number, CategoryState>();
  private readonly filters: RegExp[];
  private readonly threshold: number;
  private readonly maxCategories: number;
  private readonly examplesLimit: number;
  private readonly aliases = new Map<number, number>();
  private mergedCount = 0;
  private failedCount = 0;
  private categorizedCount = 0;

  constructor(options: CategorizerOptions = {}, private readonly ids: IdSequence = new IdSequence()) {
    this.filters = compileFilters(options.filters ?? []);
    this.threshold = options.similarityThreshold ?? DEFAULT_SIMILARITY;
    this.maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
    this.examplesLimit = Math.min(MAX_EXAMPLES, Math.max(0, options.examplesLimit ?? MAX_EXAMPLES));
  }

  /** Categorises one message; returns its category id (null when it cannot be categorised). */
  categorize(message: string): CategoryMatch {
    const text = applyFilters(message, this.filters);
    const tokens = tokenize(text);
    if (tokens.length === 0) {
      this.failedCount++;
      return { categoryId: null, isNew: false };
    }
    let category = this.closest(tokens);
    if (!category) {
      if (this.byId.size >= this.maxCategories) {
        this.failedCount++;
        return { categoryId: null, isNew: false };
      }
      category = { id: this.ids.take(), tokens: tokens.slice(), numMatches: 0, maxLength: 0, examples: [] };
      this.add(category);
      this.record(category, text);
      return { categoryId: category.id, isNew: true };
    }
    this.record(category, text);
    return { categoryId: category.id, isNew: false };
  }

  /** The category the tokens join: a match without hard differences, or a merge of enumerated siblings. */
  private closest(tokens: string[]): CategoryState | undefined {
    const group = this.groups.get(groupKey(tokens));
    if (!group) return undefined;
    let best: CategoryState | undefined;
    let bestSim = -1;
    let near: CategoryState | undefined;
    let nearSim = -1;
    let nearPosition = -1;
    for (const c of group) {
      const cmp = compareTokens(c.tokens, tokens);
      if (cmp.similarity < this.threshold) continue;
      if (cmp.hardMismatches === 0) {
        if (cmp.similarity > bestSim) {
          bestSim = cmp.similarity;
          best = c;
        }
      } else if (cmp.hardMismatches === 1 && cmp.similarity > nearSim) {
        nearSim = cmp.similarity;
        near = c;
        nearPosition = cmp.hardPosition;
      }
    }
    if (best) {
      this.generalise(best, tokens);
      return best;
    }
    return near ? this.mergeSiblings(group, tokens, nearPosition) : undefined;
  }

  /**
   * Categories that differ from the tokens only by the constant word at `position` are siblings.
   * When the siblings and the message show enough distinct words there (`WORD_VALUES_TO_MERGE`, or
   * `KEY_VALUES_TO_MERGE` for `key=value` tokens, which are more often enumerations), the position
   * is a variable: the siblings merge into the oldest one, whose id the others become aliases of.
   */
  private mergeSiblings(group: CategoryState[], tokens: string[], position: number): CategoryState | undefined {
    const siblings: CategoryState[] = [];
    const values = new Set<string>([tokens[position]]);
    for (const c of group) {
      const t = c.tokens[position];
      if (t === WILDCARD || hasMask(t)) continue;
      const cmp = compareTokens(c.tokens, tokens);
      if (cmp.hardMismatches !== 1 || cmp.hardPosition !== position) continue;
      siblings.push(c);
      values.add(t);
    }
    if (siblings.length === 0) return undefined;
    const needed = isKeyValuePair(tokens[position], siblings[0].tokens[position]) ? KEY_VALUES_TO_MERGE : WORD_VALUES_TO_MERGE;
    if (values.size < needed) return undefined;
    siblings.sort((a, b) => a.id - b.id);
    const survivor = siblings[0];
    survivor.tokens[position] = WILDCARD;
    for (const other of siblings.slice(1)) this.absorb(survivor, other, group);
    this.generalise(survivor, tokens);
    this.mergedCount += siblings.length - 1;
    return survivor;
  }

  private absorb(survivor: CategoryState, other: CategoryState, group: CategoryState[]): void {
    this.generalise(survivor, other.tokens);
    survivor.numMatches += other.numMatches;
    survivor.maxLength = Math.max(survivor.maxLength, other.maxLength);
    for (const ex of other.examples) if (survivor.examples.length < this.examplesLimit && !survivor.examples.includes(ex)) survivor.examples.push(ex);
    group.splice(group.indexOf(other), 1);
    this.byId.delete(other.id);
    this.aliases.set(other.id, survivor.id);
  }

  private generalise(category: CategoryState, tokens: readonly string[]): void {
    const t = category.tokens;
    for (let i = 0; i < t.length; i++) {
      const a = t[i];
      const b = tokens[i];
      if (a === WILDCARD || a === b) continue;
      if (hasMask(a) && hasMask(b) && maskShape(a) === maskShape(b)) continue;
      t[i] = WILDCARD;
    }
  }

  /** The live id a category id stands for now (itself, or the category it was merged into). */
  resolve(id: number): number {
    let r = id;
    for (let next = this.aliases.get(r); next !== undefined; next = this.aliases.get(r)) r = next;
    return r;
  }

  /** Merged ids and the ids they now stand for. */
  mergedIds(): Map<number, number> {
    const out = new Map<number, number>();
    for (const id of this.aliases.keys()) out.set(id, this.resolve(id));
    return out;
  }

  private record(category: CategoryState, text: string): void {
    category.numMatches++;
    this.categorizedCount++;
    if (text.length > category.maxLength) category.maxLength = text.length;
    if (category.examples.length < this.examplesLimit) {
      const ex = cutExample(text);
      if (!category.examples.includes(ex)) category.examples.push(ex);
    }
  }

  private add(category: CategoryState): void {
    const key = groupKey(category.tokens);
    const group = this.groups.get(key);
    if (group) group.push(category);
    else this.groups.set(key, [category]);
    this.byId.set(category.id, category);
  }

  get(id: number): CategoryState | undefined {
    return this.byId.get(id);
  }

  /** Categories in id order. */
  categories(): CategoryState[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  get size(): number {
    return this.byId.size;
  }

  get status(): CategorizationStatus {
    return this.byId.size >= this.maxCategories ? 'limit_reached' : 'ok';
  }

  /** Categories merged into others so far. */
  get merged(): number {
    return this.mergedCount;
  }

  get failed(): number {
    return this.failedCount;
  }

  get categorized(): number {
    return this.categorizedCount;
  }

  snapshot(): CategorizerSnapshot {
    return {
      version: 1,
      categories: this.categories().map((c) => ({ ...c, tokens: c.tokens.slice(), examples: c.examples.slice() })),
      aliases: [...this.aliases.entries()],
      mergedCount: this.mergedCount,
      failedCount: this.failedCount,
      categorizedCount: this.categorizedCount,
    };
  }

  /** Restores a snapshot into a fresh categoriser (same options); the id sequence must be restored by the owner. */
  static restore(snapshot: CategorizerSnapshot, options: CategorizerOptions = {}, ids: IdSequence = new IdSequence()): Categorizer {
    if (snapshot.version !== 1) throw new Error(`categoriser snapshot: unknown version ${String(snapshot.version)}`);
    const c = new Categorizer(options, ids);
    for (const s of snapshot.categories) {
      c.add({ id: s.id, tokens: s.tokens.slice(), numMatches: s.numMatches, maxLength: s.maxLength, examples: s.examples.slice() });
      if (s.id >= ids.next) ids.next = s.id + 1;
    }
    for (const [from, to] of snapshot.aliases) {
      c.aliases.set(from, to);
      if (from >= ids.next) ids.next = from + 1;
    }
    c.mergedCount = snapshot.mergedCount;
    c.failedCount = snapshot.failedCount;
    c.categorizedCount = snapshot.categorizedCount;
    return c;
  }
}
