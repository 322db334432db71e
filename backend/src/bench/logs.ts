/**
 * Log categorisation benchmark (`npm run bench:logs`), on loghub's 2k samples in the shared folder:
 * - grouping accuracy (loghub's measure) of the `Content` column against `EventId`, per system and
 *   on average, beside Drain's published figures;
 * - messages categorised per second on one core (fresh categoriser per run, all four systems);
 * - bytes per category (heap growth while holding the categorisers, and the categoriser's estimate);
 * - anomaly runs (`count by mlcategory` on BGL, `high_count by mlcategory` per syslog host), see
 *   `logAnomalyRuns.ts`.
 * Prints JSON lines `{"bench","metric","value","unit","n","median","min","max"}`.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { Categorizer } from '../engine/categorization/categorizer';
import { groupingAccuracy } from '../engine/categorization/groupingAccuracy';
import { PartitionedCategorizer } from '../engine/categorization/partitionedCategorizer';
import { LOGHUB_SYSTEMS, readStructuredLog, type StructuredLog } from './loghubStructured';
import { runLogAnomalyBenches } from './logAnomalyRuns';

const DRAIN: Record<string, number> = { HDFS: 0.998, BGL: 0.963, Linux: 0.69, OpenSSH: 0.788 };

export function emit(bench: string, metric: string, values: number[], unit: string, n: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  process.stdout.write(JSON.stringify({ bench, metric, value: median, unit, n, median, min: sorted[0], max: sorted[sorted.length - 1] }) + '\n');
}

function accuracyOf(log: StructuredLog): number {
  const c = new Categorizer();
  const predicted = log.contents.map((m) => c.categorize(m).categoryId);
  return groupingAccuracy(predicted.map((id) => (id === null ? null : c.resolve(id))), log.eventIds).accuracy;
}

function accuracy(logs: StructuredLog[]): void {
  const values: number[] = [];
  for (const log of logs) {
    const a = accuracyOf(log);
    values.push(a);
    emit('logs_grouping_accuracy', log.system, [a], `accuracy (Drain ${DRAIN[log.system]})`, log.contents.length);
  }
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  emit('logs_grouping_accuracy', 'average', [mean], 'accuracy (Drain 0.860)', values.length);
}

/**
 * Messages per second of CPU time (user + system of this single-threaded process, so other load on
 * a shared machine does not count) and per second of wall time, after 5 warm-up runs.
 */
function throughput(logs: StructuredLog[]): void {
  const messages = logs.flatMap((l) => l.contents);
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  for (let run = 0; run < 25; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let rep = 0; rep < 5; rep++) {
      const c = new Categorizer();
      for (const m of messages) c.categorize(m);
    }
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    if (run < 5) continue;
    cpuRates.push((5 * messages.length) / ((cpu.user + cpu.system) / 1e6));
    wallRates.push((5 * messages.length) / wall);
  }
  emit('logs_categorize', 'messages_per_cpu_second', cpuRates, 'messages/s of CPU time (one core; fresh categoriser per pass over 8000 messages)', messages.length * 5);
  emit('logs_categorize', 'messages_per_wall_second', wallRates, 'messages/s of wall time (shared machine)', messages.length * 5);
}

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 3; i++) gc();
  };
}

function memory(logs: StructuredLog[]): void {
  const gc = collectGarbage();
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: PartitionedCategorizer[] = [];
  for (let copy = 0; copy < 20; copy++) {
    for (const log of logs) {
      const c = new PartitionedCategorizer();
      for (const m of log.contents) c.categorize(m);
      held.push(c);
    }
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  const categories = held.reduce((s, c) => s + c.categoryCount, 0);
  const estimate = held.reduce((s, c) => s + c.approxBytes(), 0);
  emit('logs_categorize', 'heap_bytes_per_category', [(after - before) / categories], 'bytes (heap growth holding 20 copies of the 4 sets / categories; 4 examples each at most)', categories);
  emit('logs_categorize', 'estimated_bytes_per_category', [estimate / categories], 'bytes (approxCategoryBytes)', categories);
}

async function main(): Promise<void> {
  const logs = LOGHUB_SYSTEMS.map((s) => readStructuredLog(s));
  accuracy(logs);
  throughput(logs);
  memory(logs);
  await runLogAnomalyBenches(emit);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:logs: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
