/**
 * validateJobConfig on mutated configs (fixed seed): every value of a full config replaced in turn by
 * odd JSON values. It never throws, each error names a path that starts with a config key, and what
 * passes gives an analysis plan with a usable bucket span.
 */
import { toAnalysisPlan } from './analysisPlan';
import { validateJobConfig } from './validateJobConfig';
import { mulberry32 as random } from '../maths/seededRandom';


const base = {
  job_id: 'fuzz',
  analysis_config: {
    bucket_span: '5m',
    latency: 30,
    detectors: [
      {
        function: 'mean',
        field_name: 'bytes',
        by_field_name: 'dest',
        partition_field_name: 'src',
        custom_rules: [{ actions: ['skip_result'], conditions: [{ applies_to: 'actual', operator: 'lt', value: 1 }], scope: { src: { filter_id: 'f' } } }],
      },
      { function: 'rare', by_field_name: 'mlcategory' },
    ],
    influencers: ['src'],
    categorization_field_name: 'message',
    categorization_filters: ['\\d+'],
    per_partition_categorization: { enabled: false },
  },
  data_description: { time_field: 'ts' },
  analysis_limits: { model_memory_limit: '64mb' },
  filters: { f: ['a'] },
  datafeed_config: { indices: ['x'], start: 0, end: 10, chunking_config: { mode: 'auto' } },
};

const oddValues: unknown[] = [null, 0, -1, 1e308, '', 'x', '5 m', '(', true, [], [1], {}, { a: 1 }, ['mean'], 'meen', 'count'];

/** Every path (array of keys) to a value in the object. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function withValue(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

describe('validateJobConfig on mutated configs', () => {
  it('the base config is valid', () => {
    expect(validateJobConfig(base)).toMatchObject({ ok: true });
  });

  it('never throws and names a path for every mutation', () => {
    const next = random(3);
    const problems: string[] = [];
    let rejected = 0;
    for (const path of paths(base)) {
      for (let k = 0; k < 4; k++) {
        const value = oddValues[Math.floor(next() * oddValues.length)];
        try {
          const result = validateJobConfig(withValue(path, value));
          if (result.ok) {
            const plan = toAnalysisPlan(result.config);
            if (!(plan.bucketSpanMs >= 1000 && Number.isFinite(plan.bucketSpanMs))) problems.push(`bucket span ${plan.bucketSpanMs}`);
            if (!(plan.latencyMs >= 0 && Number.isFinite(plan.latencyMs))) problems.push(`latency ${plan.latencyMs}`);
          } else {
            rejected++;
            for (const error of result.errors) {
              if (!/^(\(job config\)|[a-z_]+)[^:]*: \S/.test(error)) problems.push(`${path.join('.')}=${JSON.stringify(value)}: ${error}`);
            }
          }
        } catch (e) {
          problems.push(`${path.join('.')}=${JSON.stringify(value)} threw ${(e as Error).message}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(rejected).toBeGreaterThan(100);
  });
});
