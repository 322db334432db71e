/**
 * Each provisioned alert rule (provisioning/alerting/anomaly-rules.yaml) run as the OpenSearch query it means, on a
 * real results index holding what `vigil analyze` found in a real day of Zeek flows: filter (its Lucene query and
 * relative time range), terms per label field, max of the score field, then its condition. The entities it fires for
 * must be those whose max score in the window lies in the rule's severity band, computed from the documents directly.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from '@opensearch-project/opensearch';
import YAML from 'yaml';
import { osRequest } from '../../backend/src/opensearch/request';
import { OpenSearchResultsSink } from '../../backend/src/sinks/openSearchResultsSink';
import type { ResultDocLike } from '../../backend/src/sinks/types';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const PIPELINE = 'autodetect bucketspan=15m high_count by src, high_sum(dest_app_bytes) by dest_port';

interface RuleModel {
  query: string;
  timeField: string;
  metrics: Array<{ type: string; field: string }>;
  bucketAggs: Array<{ type: string; field: string; settings?: { size?: string } }>;
}
interface Rule {
  uid: string;
  condition: string;
  labels: Record<string, string>;
  data: Array<{ refId: string; datasourceUid: string; relativeTimeRange?: { from: number; to: number }; model: RuleModel & { type?: string; expression?: string } }>;
}
type Doc = ResultDocLike & Record<string, unknown>;

const rules: Rule[] = YAML.parse(fs.readFileSync(path.join(ROOT, 'provisioning', 'alerting', 'anomaly-rules.yaml'), 'utf8')).groups.flatMap(
  (g: { rules: Rule[] }) => g.rules
);

/** `$B >= 50 && $B < 75` → a predicate; only comparisons of one variable with numbers joined by && (nothing evaluated). */
function conditionOf(expression: string): (v: number) => boolean {
  const parts = expression.split('&&').map((p) => {
    const m = /^\s*\$[A-Z]\s*(>=|>|<=|<)\s*(-?\d+(\.\d+)?)\s*$/.exec(p);
    if (!m) throw new Error(`unsupported condition "${expression}"`);
    return { op: m[1], n: Number(m[2]) };
  });
  return (v) => parts.every(({ op, n }) => (op === '>=' ? v >= n : op === '>' ? v > n : op === '<=' ? v <= n : v < n));
}

/** The band a severity label stands for (conventions: critical >= 75, major >= 50). */
const BAND: Record<string, (v: number) => boolean> = { critical: (v) => v >= 75, major: (v) => v >= 50 && v < 75 };

interface Fired {
  labels: Record<string, string>;
  value: number;
}

async function evaluateRule(client: Client, index: string, rule: Rule, now: number): Promise<Fired[]> {
  const query = rule.data.find((d) => d.datasourceUid !== '__expr__')!;
  const range = query.relativeTimeRange!;
  const metric = query.model.metrics[0];
  const terms = query.model.bucketAggs.filter((b) => b.type === 'terms');
  const maxAgg = { m: { [metric.type]: { field: metric.field } } };
  let aggs: Record<string, unknown> = maxAgg;
  for (let i = terms.length - 1; i >= 0; i--) {
    const t = terms[i];
    // each terms level orders its buckets by their max (m), as the datasource's orderBy: '1' does
    aggs = { [t.field]: { terms: { field: t.field, size: Number(t.settings?.size ?? 10), order: { m: 'desc' } }, aggs: { ...aggs, ...maxAgg } } };
  }
  const body = {
    size: 0,
    query: {
      bool: {
        filter: [
          { query_string: { query: query.model.query } },
          { range: { [query.model.timeField]: { gte: now - range.from * 1000, lte: now - range.to * 1000, format: 'epoch_millis' } } },
        ],
      },
    },
    aggs,
  };
  const res = await osRequest<{ aggregations: Record<string, unknown> }>(client, 'POST', `/${index}/_search`, body);
  const fired: Fired[] = [];
  const walk = (node: Record<string, unknown>, depth: number, labels: Record<string, string>) => {
    const field = terms[depth].field;
    for (const b of (node[field] as { buckets: Array<Record<string, unknown>> }).buckets) {
      const next = { ...labels, [field]: String(b.key) };
      if (depth + 1 < terms.length) walk(b, depth + 1, next);
      else fired.push({ labels: next, value: (b.m as { value: number }).value });
    }
  };
  walk(res.body.aggregations, 0, {});
  const expr = rule.data.find((d) => d.refId === rule.condition)!.model.expression!;
  const holds = conditionOf(expr);
  return fired.filter((f) => holds(f.value)).sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}

/** The same from the documents: max score per label set in the window, kept when it lies in the severity band. */
function expectedFiring(docs: Doc[], rule: Rule, now: number): Fired[] {
  const query = rule.data.find((d) => d.datasourceUid !== '__expr__')!;
  const type = /result_type:(\w+)/.exec(query.model.query)![1];
  const field = query.model.metrics[0].field;
  const labelFields = query.model.bucketAggs.filter((b) => b.type === 'terms').map((b) => b.field);
  const from = now - query.relativeTimeRange!.from * 1000;
  const max = new Map<string, number>();
  for (const d of docs) {
    if (d.result_type !== type || d.is_interim || (d.timestamp as number) < from || (d.timestamp as number) > now) continue;
    const key = JSON.stringify(Object.fromEntries(labelFields.map((f) => [f, String(d[f])])));
    max.set(key, Math.max(max.get(key) ?? -Infinity, d[field] as number));
  }
  return [...max.entries()]
    .filter(([, v]) => BAND[rule.labels.severity](v))
    .map(([k, v]) => ({ labels: JSON.parse(k), value: v }))
    .sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}

describe('provisioned alert rules on a real results index', () => {
  let client: Client;
  let docs: Doc[];
  const jobId = testIndexName('alerts').replace(/^vigil-it-/, 'it-');
  const index = `vigil-results-${jobId}`;

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-alerts-'));
    const out = path.join(tmp, 'results.ndjson');
    const input = path.join(ROOT, 'backend', 'demo', 'zeek-008', 'conn.log.labeled');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'backend', 'bin', 'vigil.js'), 'analyze', '--input', input, '--search', PIPELINE, '--out', out, '--no-progress', '--job-id', jobId], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`vigil analyze failed: ${run.stderr}`);
    docs = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    fs.rmSync(tmp, { recursive: true, force: true });
    await new OpenSearchResultsSink(client, { replicas: 0, refresh: true }).write(docs);
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, index);
  });

  /**
   * Mid-bucket evaluation times for a rule: the bucket where its own score peaks, the first bucket whose peak lies in
   * its severity band, and a quiet bucket (every score below 3).
   */
  function evaluationTimes(rule: Rule): Record<string, number> {
    const query = rule.data.find((d) => d.datasourceUid !== '__expr__')!;
    const type = /result_type:(\w+)/.exec(query.model.query)![1];
    const field = query.model.metrics[0].field;
    const scored = docs.filter((d) => d.result_type === type) as Array<Doc & { timestamp: number; bucket_span: number }>;
    const half = (scored[0].bucket_span * 1000) / 2;
    const byBucket = new Map<number, number>();
    for (const d of scored) byBucket.set(d.timestamp, Math.max(byBucket.get(d.timestamp) ?? 0, d[field] as number));
    const buckets = [...byBucket.entries()].sort((a, b) => a[0] - b[0]);
    const times: Record<string, number> = {};
    times.peak = [...buckets].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0] + half;
    const inBand = buckets.find(([, s]) => BAND[rule.labels.severity](s));
    if (inBand) times.band = inBand[0] + half;
    const quiet = buckets.find(([, s]) => s < 3);
    if (quiet) times.quiet = quiet[0] + half;
    return times;
  }

  it('the results carry critical and major records and a critical bucket (the rules have something to find)', () => {
    const scores = docs.filter((d) => d.result_type === 'record').map((d) => d.record_score as number);
    expect(scores.some((s) => s >= 75)).toBe(true);
    expect(scores.some((s) => s >= 50 && s < 75)).toBe(true);
    expect(docs.some((d) => d.result_type === 'bucket' && (d.anomaly_score as number) >= 75)).toBe(true);
  });

  it.each(rules.map((r) => [r.uid]))('%s fires for exactly the entities in its band, one instance per label set', async (uid) => {
    const rule = rules.find((r) => r.uid === uid)!;
    const times = evaluationTimes(rule);
    expect(Object.keys(times)).toEqual(['peak', 'band', 'quiet']);
    let firedSomewhere = false;
    for (const [name, now] of Object.entries(times)) {
      const fired = await evaluateRule(client, index, rule, now);
      const expected = expectedFiring(docs, rule, now);
      expect([name, fired.map((f) => f.labels)]).toEqual([name, expected.map((e) => e.labels)]);
      for (let i = 0; i < fired.length; i++) expect(fired[i].value).toBeCloseTo(expected[i].value, 4);
      if (name === 'quiet') expect(fired).toEqual([]);
      firedSomewhere ||= fired.length > 0;
    }
    expect(firedSomewhere).toBe(true);
  });
});
