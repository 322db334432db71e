/** Parsed `metricFindQuery` text: `jobs()` or `entities(<job>[, <view_by>])`. Plain parsing, nothing evaluated. */
export type VariableQuery = { kind: 'jobs' } | { kind: 'entities'; jobId: string; viewBy: string };

export function parseVariableQuery(text: string): VariableQuery {
  const trimmed = text.trim();
  if (trimmed === '' || /^jobs\(\s*\)$/.test(trimmed)) {
    return { kind: 'jobs' };
  }
  const m = /^entities\(\s*([^,()]+?)\s*(?:,\s*([^,()]+?)\s*)?\)$/.exec(trimmed);
  if (m) {
    return { kind: 'entities', jobId: m[1], viewBy: m[2] ?? 'entity' };
  }
  throw new Error(`Unknown variable query "${trimmed}": use jobs() or entities(<job_id>[, <field or entity>])`);
}
