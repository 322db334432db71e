/**
 * The categorisation step of a job: before bucketing, each record gets `mlcategory` (its category id
 * as text, or null) from the `categorization_field_name` field, so `mlcategory` can be a by, over or
 * partition field and an influencer like any other. Result records and influencers on a category
 * are annotated with its id and terms; changed category definitions are handed out for writing
 * beside the results. Snapshot/restore keeps ids stable.
 */
import { fieldOf, type EventRecord, type FieldValue } from '../types';
import type { AnalysisPlan } from '../config/analysisPlan';
import { PartitionedCategorizer, type PartitionedCategorizerSnapshot } from './partitionedCategorizer';
import { type CategorizationStats, type CategorizerOptions, type CategoryDefinitionDoc, DEFAULT_MAX_CATEGORIES, MLCATEGORY } from './types';

export interface CategorizingStageSnapshot {
  categorizer: PartitionedCategorizerSnapshot;
  touched: number[];
}

type CategorizationPlan = Pick<
  AnalysisPlan,
  'jobId' | 'detectors' | 'influencers' | 'categorizationFieldName' | 'categorizationFilters' | 'perPartitionCategorization' |
  'categorizationExamplesLimit' | 'modelMemoryLimitBytes'
>;

/** Budget per category used to derive the category limit from model_memory_limit (a category holds ~0.7 KB). */
export const CATEGORY_BUDGET_BYTES = 2048;
/** Share of model_memory_limit categories may take. */
export const CATEGORY_MEMORY_SHARE = 0.1;

/** Categories per partition: a tenth of model_memory_limit at 2 KB each, between 10 and DEFAULT_MAX_CATEGORIES. */
export function maxCategoriesFor(modelMemoryLimitBytes: number): number {
  const n = Math.floor((modelMemoryLimitBytes * CATEGORY_MEMORY_SHARE) / CATEGORY_BUDGET_BYTES);
  return Math.max(10, Math.min(DEFAULT_MAX_CATEGORIES, n));
}

/** A result document as far as the stage reads and annotates it. */
export interface CategoryAnnotatable {
  result_type: string;
  by_field_name?: string;
  by_field_value?: string;
  over_field_name?: string;
  over_field_value?: string;
  partition_field_name?: string;
  partition_field_value?: string;
  influencer_field_name?: string;
  influencer_field_value?: string;
}

function textOf(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

export class CategorizingStage {
  private readonly categorizer: PartitionedCategorizer;
  private readonly field: string;
  private readonly partitionField?: string;
  private readonly options: CategorizerOptions;
  private touched = new Set<number>();

  /** The stage for a plan, or null when the plan does not categorise. */
  static forPlan(plan: CategorizationPlan, state?: CategorizingStageSnapshot): CategorizingStage | null {
    return plan.categorizationFieldName === undefined ? null : new CategorizingStage(plan, state);
  }

  private constructor(private readonly plan: CategorizationPlan, state?: CategorizingStageSnapshot) {
    this.field = plan.categorizationFieldName ?? 'message';
    if (plan.perPartitionCategorization.enabled) {
      const d = plan.detectors.find((x) => x.partitionFieldName !== undefined && [x.byFieldName, x.overFieldName, x.fieldName].includes(MLCATEGORY));
      this.partitionField = d?.partitionFieldName;
    }
    this.options = {
      filters: plan.categorizationFilters,
      examplesLimit: plan.categorizationExamplesLimit,
      maxCategories: maxCategoriesFor(plan.modelMemoryLimitBytes),
    };
    this.categorizer = state
      ? PartitionedCategorizer.restore(state.categorizer, this.options, this.partitionField)
      : new PartitionedCategorizer(this.options, this.partitionField);
    if (state) this.touched = new Set(state.touched);
  }

  /** The record with `mlcategory` set (a new record; the input is not changed). */
  apply(record: EventRecord): EventRecord {
    const message = textOf(fieldOf(record.fields, this.field));
    let id: number | null = null;
    if (message !== null) {
      const partition = this.partitionField === undefined ? undefined : textOf(fieldOf(record.fields, this.partitionField));
      id = this.categorizer.categorize(message, partition).categoryId;
      if (id !== null) this.touched.add(id);
    }
    return { time: record.time, fields: { ...record.fields, [MLCATEGORY]: id === null ? null : String(id) } };
  }

  /** The live id (as text) for an id written earlier: merged categories stand for the one they joined. */
  resolve(idText: string): string {
    const id = Number(idText);
    return Number.isInteger(id) ? String(this.categorizer.resolve(id)) : idText;
  }

  /** Adds `mlcategory` and `mlcategory_terms` to a record or influencer that is about a category. */
  annotate<T extends CategoryAnnotatable>(doc: T): T {
    let id: string | undefined;
    if (doc.by_field_name === MLCATEGORY) id = doc.by_field_value;
    else if (doc.over_field_name === MLCATEGORY) id = doc.over_field_value;
    else if (doc.partition_field_name === MLCATEGORY) id = doc.partition_field_value;
    else if (doc.influencer_field_name === MLCATEGORY) id = doc.influencer_field_value;
    if (id === undefined) return doc;
    const live = this.resolve(id);
    return { ...doc, [MLCATEGORY]: live, mlcategory_terms: this.categorizer.terms(Number(live)) };
  }

  /** Definitions of the categories matched since the last call (to write beside the results). */
  takeDefinitionUpdates(): CategoryDefinitionDoc[] {
    if (this.touched.size === 0) return [];
    const live = new Set([...this.touched].map((id) => this.categorizer.resolve(id)));
    this.touched.clear();
    return this.categorizer.definitions(this.plan.jobId).filter((d) => live.has(d.category_id));
  }

  /** Every category's definition. */
  definitions(): CategoryDefinitionDoc[] {
    return this.categorizer.definitions(this.plan.jobId);
  }

  stats(): CategorizationStats {
    return this.categorizer.stats();
  }

  snapshot(): CategorizingStageSnapshot {
    return { categorizer: this.categorizer.snapshot(), touched: [...this.touched].sort((a, b) => a - b) };
  }
}
