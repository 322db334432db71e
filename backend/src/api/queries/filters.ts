/**
 * The filter clauses every results query shares: job, result type, time range (bucket start,
 * `[start, end)`), minimum score, interim results excluded unless asked for, and entity filters.
 *
 * An entity filter `field=value` matches a result whose `entity_key` holds that pair (alone or
 * among others), or whose influencers name that value for that field. Filters on the same field
 * are alternatives (OR); filters on different fields must all hold (AND).
 */
import type { EntityFilter, ResultQuery } from '../resultParams';

export type Clause = Record<string, unknown>;

export type ResultType = 'bucket' | 'record' | 'influencer' | 'model_plot' | 'category_definition' | 'annotation';

/** `*`, `?` and `\` taken literally in a wildcard pattern. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}

/** The clauses of one `field=value` filter (any of them may match). */
export function entityClauses(e: EntityFilter): Clause[] {
  const pair = `${e.field}=${e.value}`;
  const w = escapeWildcard(pair);
  return [
    { term: { entity_key: pair } },
    { wildcard: { entity_key: { value: `${w},*` } } },
    { wildcard: { entity_key: { value: `*,${w}` } } },
    { wildcard: { entity_key: { value: `*,${w},*` } } },
    { bool: { filter: [{ term: { influencer_field_name: e.field } }, { term: { influencer_field_value: e.value } }] } },
    { bool: { filter: [{ term: { 'influencers.influencer_field_name': e.field } }, { term: { 'influencers.influencer_field_values': e.value } }] } },
  ];
}

/** One clause per distinct field: a `bool.should` of its values' clauses. */
export function entityFilter(entities: EntityFilter[]): Clause[] {
  const byField = new Map<string, EntityFilter[]>();
  for (const e of entities) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  return [...byField.values()].map((es) => ({ bool: { should: es.flatMap(entityClauses), minimum_should_match: 1 } }));
}

export function timeRange(start: number | undefined, end: number | undefined): Clause[] {
  if (start === undefined && end === undefined) return [];
  const range: Record<string, unknown> = { format: 'epoch_millis' };
  if (start !== undefined) range.gte = start;
  if (end !== undefined) range.lt = end;
  return [{ range: { timestamp: range } }];
}

export interface FilterOptions {
  jobId: string;
  resultTypes: ResultType[];
  /** Score field `min_score` applies to (none: no score filter). */
  scoreField?: string;
  /** Apply the entity filters (not on buckets, which have no entity). */
  entities?: boolean;
}

/** The `bool` query of a results search. */
export function resultsQuery(q: Pick<ResultQuery, 'start' | 'end' | 'minScore' | 'entities' | 'includeInterim'>, o: FilterOptions): Clause {
  const filter: Clause[] = [
    { term: { job_id: o.jobId } },
    o.resultTypes.length === 1 ? { term: { result_type: o.resultTypes[0] } } : { terms: { result_type: o.resultTypes } },
    ...timeRange(q.start, q.end),
  ];
  if (o.scoreField && q.minScore !== undefined && q.minScore > 0) filter.push({ range: { [o.scoreField]: { gte: q.minScore } } });
  if (o.entities && q.entities.length) filter.push(...entityFilter(q.entities));
  const bool: Record<string, unknown> = { filter };
  if (!q.includeInterim) bool.must_not = [{ term: { is_interim: true } }];
  return { bool };
}
