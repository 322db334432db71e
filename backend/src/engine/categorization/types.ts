/** Shapes shared by the categoriser, its snapshot and the result documents it writes. */

/** The field name a detector uses to mean "the category of the categorisation field". */
export const MLCATEGORY = 'mlcategory';

/** A generalised position of a template (a variable seen to take several values there). */
export const WILDCARD = '<*>';

export interface CategorizerOptions {
  /** Share of constant tokens that must agree for a message to join a category (0..1). Default 0.5. */
  similarityThreshold?: number;
  /** Most categories one categoriser (one partition) may hold; later new messages stay uncategorised. */
  maxCategories?: number;
  /** Examples kept per category (Elastic's `categorization_examples_limit`, at most 4). */
  examplesLimit?: number;
  /** Regular expressions whose matches are removed from the message before categorising. */
  filters?: string[];
}

export const DEFAULT_MAX_CATEGORIES = 10_000;
export const DEFAULT_SIMILARITY = 0.5;
export const MAX_EXAMPLES = 4;
/** Examples longer than this are cut (with a marker), as Elastic does. */
export const MAX_EXAMPLE_LENGTH = 1000;

/** `ok` until the category limit is reached, then `limit_reached`: no new category is opened. */
export type CategorizationStatus = 'ok' | 'limit_reached';

/** The categoriser's answer for one message. */
export interface CategoryMatch {
  /** Null when the message could not be categorised (empty after filters, or the limit was reached). */
  categoryId: number | null;
  /** True when this message opened the category. */
  isNew: boolean;
}

/** The state of one category, as kept in memory and in snapshots. */
export interface CategoryState {
  id: number;
  /** Masked tokens; `WILDCARD` where messages of the category differ. */
  tokens: string[];
  numMatches: number;
  /** Longest message (after filters) matched, in characters. */
  maxLength: number;
  examples: string[];
}

/** The `category_definition` result document (Elastic's field names). */
export interface CategoryDefinitionDoc {
  result_type: 'category_definition';
  job_id?: string;
  category_id: number;
  terms: string;
  regex: string;
  max_matching_length: number;
  examples: string[];
  num_matches: number;
  partition_field_name?: string;
  partition_field_value?: string;
}

/** What the categoriser reports about itself (Elastic's categorisation stats, in part). */
export interface CategorizationStats {
  categorized_doc_count: number;
  total_category_count: number;
  frequent_category_count: number;
  rare_category_count: number;
  failed_category_count: number;
  categorization_status: CategorizationStatus;
}
