/**
 * Whole-job throughput and memory (JSON lines): records per second through AnomalyJob (bucketing,
 * features, models, scoring, result documents) for three job shapes on seeded synthetic events,
 * and model bytes per series / per population member at the end.
 *   node --expose-gc backend/dist/bench/jobThroughput.js [--rounds 3] [--hosts 2000] [--members 20000]
 * With --expose-gc it also reports the measured growth of heap + array buffers per series / member (all job state, not
 * only the models' own accounting).
 */
import { parseArgs } from 'node:util';
import { AnomalyJob } from '../engine/job';
import type { JobConfig } from '../engine/config/jobConfigTypes';
import type { EventRecord } from '../engine/types';
import { SeededRandom } from '../engine/maths/seededRandom';

const SPAN_MS = 300_000;
const T0 = Date.UTC(2024, 0, 1);

interface Figure { bench: string; metric: string; value: number; unit: string; n: number; median: number; min: number; max: number }

function summary(bench: string, metric: string, unit: string, xs: number[]): Figure {
  const s = [...xs].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)];
  return { bench, metric, value: median, unit, n: xs.length, median, min: s[0], max: s[s.length - 1] };
}

/** `perBucket` events over `entities` entities for `buckets` buckets, in time order. */
function events(entities: number, perBucket: number, buckets: number, seed: number): EventRecord[] {
  const r = new SeededRandom(seed);
  const out: EventRecord[] = [];
  for (let b = 0; b < buckets; b++) {
    for (let i = 0; i < perBucket; i++) {
      const e = Math.floor(r.uniform() * entities);
      out.push({
        time: T0 + b * SPAN_MS + Math.floor((i / perBucket) * SPAN_MS),
        fields: { host: `host-${e}`, src: `10.${(e >> 16) & 255}.${(e >> 8) & 255}.${e & 255}`, bytes: 1000 + 100 * r.normal(), dest_port: 1 + Math.floor(r.uniform() * 50) },
      });
    }
  }
  return out;
}

function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function run(name: string, config: JobConfig, ev: EventRecord[], rounds: number, perEntity: (j: AnomalyJob) => [string, number]): Figure[] {
  const rates: number[] = [];
  let job: AnomalyJob | null = null;
  let heapBefore: number | null = null;
  for (let k = 0; k < rounds; k++) {
    job = null;
    heapBefore = heapUsed();
    job = new AnomalyJob('bench', config);
    const t0 = process.hrtime.bigint();
    for (const e of ev) job.push(e);
    job.flush();
    job.takeResults();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(ev.length / s);
  }
  const heapAfter = heapUsed();
  const st = job!.stats();
  const [what, count] = perEntity(job!);
  const figures = [
    summary(name, 'records_per_second', 'records/s', rates),
    summary(name, `model_bytes_per_${what}`, 'bytes', [st.model_size_stats.model_bytes / Math.max(1, count)]),
  ];
  if (heapBefore !== null && heapAfter !== null) {
    figures.push(summary(name, `heap_bytes_per_${what}`, 'bytes', [(heapAfter - heapBefore) / Math.max(1, count)]));
  }
  return figures;
}

function main(): void {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, hosts: { type: 'string' }, members: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 3);
  const hosts = Number(values.hosts ?? 2000);
  const members = Number(values.members ?? 20000);
  const cfg = (detectors: JobConfig['analysis_config']['detectors'], influencers: string[] = []): JobConfig =>
    ({ job_id: 'bench', analysis_config: { bucket_span: '5m', latency: '10m', detectors, influencers } }) as JobConfig;
  const figures: Figure[] = [
    ...run('job_count_by_host', cfg([{ function: 'count', by_field_name: 'host' }]), events(hosts, 20 * hosts, 48, 1), rounds,
      (j) => ['series', j.stats().model_size_stats.total_by_field_count]),
    ...run('job_mean_bytes_by_host', cfg([{ function: 'mean', field_name: 'bytes', by_field_name: 'host' }], ['src']),
      events(hosts, 20 * hosts, 48, 2), rounds, (j) => ['series', j.stats().model_size_stats.total_by_field_count]),
    ...run('job_population_dc_over_src', cfg([{ function: 'high_distinct_count', field_name: 'dest_port', over_field_name: 'src' }]),
      events(members, 4 * members, 24, 3), rounds, (j) => ['member', j.stats().model_size_stats.total_over_field_count]),
  ];
  for (const f of figures) process.stdout.write(JSON.stringify(f) + '\n');
}

main();
