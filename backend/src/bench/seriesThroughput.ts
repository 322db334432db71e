/**
 * Series-model throughput and size (JSON lines): series-buckets per second for `count` and `mean`
 * (metric) series over 100k series at steady state (scored, learning, seasonality being tested), and
 * bytes of model state per series. Rates are given per wall-clock second and per CPU second of this process
 * (the latter is the one-core figure when the machine is shared).
 *   node backend/dist/bench/seriesThroughput.js [--series 100000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { SeriesModelSet } from '../engine/models/seriesModel';
import { emptyObservation, type SeriesKind } from '../engine/models/types';
import { SeededRandom } from '../engine/maths/seededRandom';

const SPAN_MS = 3_600_000;
const WARM_BUCKETS = 12;
const BUCKETS_PER_ROUND = 3;

interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  n: number;
  median: number;
  min: number;
  max: number;
}

function summary(bench: string, metric: string, unit: string, xs: number[]): Figure {
  const sorted = [...xs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { bench, metric, value: median, unit, n: xs.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export function measureThroughput(kind: SeriesKind, seriesCount: number, rounds: number): Figure[] {
  const set = new SeriesModelSet({ bucketSpanMs: SPAN_MS, kind });
  for (let i = 0; i < seriesCount; i++) set.add();
  const r = new SeededRandom(7);
  // Pre-generate one bucket of values per series (reused with a per-bucket offset) so the bench times the model.
  const base = new Float64Array(seriesCount);
  for (let i = 0; i < seriesCount; i++) base[i] = kind === 'count' ? r.poisson(4) : 100 + 10 * r.normal();
  const o = emptyObservation();
  let bucket = 0;
  const step = (): void => {
    const t = bucket * SPAN_MS;
    const wobble = kind === 'count' ? bucket % 3 : 3 * Math.sin(bucket);
    for (let i = 0; i < seriesCount; i++) set.observe(i, t, base[i] + wobble, true, o);
    bucket++;
  };
  for (let b = 0; b < WARM_BUCKETS; b++) step();
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (let b = 0; b < BUCKETS_PER_ROUND; b++) step();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(c0);
    rates.push((seriesCount * BUCKETS_PER_ROUND) / seconds);
    cpuRates.push((seriesCount * BUCKETS_PER_ROUND) / ((cpu.user + cpu.system) / 1e6));
  }
  const name = `series_model_${kind === 'count' ? 'count' : 'mean'}`;
  const bytes = set.bytesPerSeries();
  return [
    summary(name, 'series_buckets_per_second', 'series-buckets/s', rates),
    // per second of this process's CPU time: the one-core figure on a shared, loaded machine
    summary(name, 'series_buckets_per_cpu_second', 'series-buckets/s', cpuRates),
    { bench: name, metric: 'bytes_per_series', value: bytes, unit: 'bytes', n: seriesCount, median: bytes, min: bytes, max: bytes },
  ];
}

export function runSeriesThroughput(seriesCount = 100_000, rounds = 5): Figure[] {
  return [...measureThroughput('count', seriesCount, rounds), ...measureThroughput('metric', seriesCount, rounds)];
}

function main(): void {
  const { values } = parseArgs({ options: { series: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } } });
  const series = Number(values.series);
  const rounds = Number(values.rounds);
  if (!(series > 0) || !(rounds > 0)) throw new Error('--series and --rounds must be positive numbers');
  for (const f of runSeriesThroughput(series, rounds)) process.stdout.write(JSON.stringify(f) + '\n');
}

if (require.main === module) main();
