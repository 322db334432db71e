/**
 * Categorisation for a whole job: one categoriser, or one per partition value when
 * `per_partition_categorization` is on. Category ids come from one sequence, so an id names one
 * category across the job; the category limit holds per partition.
 */
import { Categorizer, CategorizerSnapshot, IdSequence } from './categorizer';
import { approxCategoryBytes, DefinitionContext, termsOf, toDefinitionDoc } from './categoryDefinition';
import { CategorizationStats, CategorizerOptions, CategoryDefinitionDoc, CategoryMatch, CategoryState } from './types';

export interface PartitionedCategorizerSnapshot {
  version: 1;
  nextId: number;
  partitions: [string, CategorizerSnapshot][];
}

/** A category with few matches counts as rare in the stats (Elastic: one match). */
const RARE_CATEGORY_MATCHES = 1;
/** A category holding at least this share of the messages counts as frequent. */
const FREQUENT_CATEGORY_SHARE = 0.01;

export class PartitionedCategorizer {
  private readonly partitions = new Map<string, Categorizer>();
  private readonly partitionOf = new Map<number, string>();

  constructor(
    private readonly options: CategorizerOptions = {},
    /** The partition field's name when categorising per partition, else undefined (one categoriser). */
    readonly partitionFieldName?: string,
    private readonly ids: IdSequence = new IdSequence(),
  ) {}

  private categorizerFor(partition: string): Categorizer {
    let c = this.partitions.get(partition);
    if (!c) {
      c = new Categorizer(this.options, this.ids);
      this.partitions.set(partition, c);
    }
    return c;
  }

  private keyOf(partition: string | null | undefined): string {
    return this.partitionFieldName === undefined ? '' : (partition ?? '');
  }

  /** Categorises a message of a partition (the partition is ignored when not categorising per partition). */
  categorize(message: string, partition?: string | null): CategoryMatch {
    const key = this.keyOf(partition);
    const match = this.categorizerFor(key).categorize(message);
    if (match.isNew && match.categoryId !== null) this.partitionOf.set(match.categoryId, key);
    return match;
  }

  /** The live id an id stands for now (merged categories stand for the category they joined). */
  resolve(id: number): number {
    const p = this.partitionOf.get(id);
    const c = p === undefined ? undefined : this.partitions.get(p);
    return c ? c.resolve(id) : id;
  }

  /** The category behind an id (after resolving merges). */
  category(id: number): CategoryState | undefined {
    const live = this.resolve(id);
    const p = this.partitionOf.get(live);
    return p === undefined ? undefined : this.partitions.get(p)?.get(live);
  }

  /** The terms of a category, or '' for an unknown id. */
  terms(id: number): string {
    const c = this.category(id);
    return c ? termsOf(c.tokens) : '';
  }

  /** Every live category's definition document, by partition then id. */
  definitions(jobId?: string): CategoryDefinitionDoc[] {
    const docs: CategoryDefinitionDoc[] = [];
    for (const [partition, c] of [...this.partitions.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const ctx: DefinitionContext = { jobId };
      if (this.partitionFieldName !== undefined) {
        ctx.partitionFieldName = this.partitionFieldName;
        ctx.partitionFieldValue = partition;
      }
      for (const cat of c.categories()) docs.push(toDefinitionDoc(cat, ctx));
    }
    return docs;
  }

  stats(): CategorizationStats {
    let total = 0;
    let docs = 0;
    let failed = 0;
    let rare = 0;
    let frequent = 0;
    let limitReached = false;
    for (const c of this.partitions.values()) {
      total += c.size;
      docs += c.categorized;
      failed += c.failed;
      if (c.status === 'limit_reached') limitReached = true;
    }
    for (const c of this.partitions.values()) {
      for (const cat of c.categories()) {
        if (cat.numMatches <= RARE_CATEGORY_MATCHES) rare++;
        if (docs > 0 && cat.numMatches / docs >= FREQUENT_CATEGORY_SHARE) frequent++;
      }
    }
    return {
      categorized_doc_count: docs,
      total_category_count: total,
      frequent_category_count: frequent,
      rare_category_count: rare,
      failed_category_count: failed,
      categorization_status: limitReached ? 'limit_reached' : 'ok',
    };
  }

  /** Rough bytes held by the categories (see `approxCategoryBytes`). */
  approxBytes(): number {
    let bytes = 0;
    for (const c of this.partitions.values()) for (const cat of c.categories()) bytes += approxCategoryBytes(cat);
    return bytes;
  }

  /** Categories merged into others so far (their ids resolve to the survivors). */
  get mergedCount(): number {
    let n = 0;
    for (const c of this.partitions.values()) n += c.merged;
    return n;
  }

  get categoryCount(): number {
    let n = 0;
    for (const c of this.partitions.values()) n += c.size;
    return n;
  }

  snapshot(): PartitionedCategorizerSnapshot {
    return { version: 1, nextId: this.ids.next, partitions: [...this.partitions.entries()].map(([p, c]) => [p, c.snapshot()]) };
  }

  static restore(snapshot: PartitionedCategorizerSnapshot, options: CategorizerOptions = {}, partitionFieldName?: string): PartitionedCategorizer {
    if (snapshot.version !== 1) throw new Error(`categorisation snapshot: unknown version ${String(snapshot.version)}`);
    const ids = new IdSequence(snapshot.nextId);
    const pc = new PartitionedCategorizer(options, partitionFieldName, ids);
    for (const [partition, snap] of snapshot.partitions) {
      pc.partitions.set(partition, Categorizer.restore(snap, options, ids));
      for (const cat of snap.categories) pc.partitionOf.set(cat.id, partition);
      for (const [from] of snap.aliases) pc.partitionOf.set(from, partition);
    }
    ids.next = Math.max(ids.next, snapshot.nextId);
    return pc;
  }
}
