/**
 * Simulator benchmark (`node backend/dist/bench/simulate.js [--days 14] [--hosts 1600] [--seed 1]`):
 * runs `vigil simulate` at full scale into a temporary folder (deleted afterwards) and prints JSON
 * lines `{"bench","metric","value","unit","n","median","min","max"}`: flows and IDS alerts per day
 * (median/min/max over the days; the issue asks 100k-150k alerts a day), records written per
 * second, output size, and peak resident memory (bounded: the output streams slice by slice).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { simulate } from '../simulator/simulate';

function emit(metric: string, values: number[], unit: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  process.stdout.write(JSON.stringify({ bench: 'simulate', metric, value: median, unit, n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] }) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string' }, hosts: { type: 'string' }, seed: { type: 'string' } } });
  const days = Number(values.days ?? 14);
  const hosts = Number(values.hosts ?? 1600);
  const seed = Number(values.seed ?? 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-simulate-'));
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    const t0 = process.hrtime.bigint();
    const s = await simulate({ seed, days, hosts, start: '2026-01-05', outDir: dir, onProgress: () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)) });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    emit('alerts_per_day', s.daily.map((d) => d.alerts), 'alerts/day');
    emit('flows_per_day', s.daily.map((d) => d.flows), 'flows/day');
    emit('records_per_second', [(s.flows + s.alerts) / seconds], 'records/s');
    emit('output_size', [(s.flowBytes + s.alertBytes) / 1e6], 'MB');
    emit('peak_rss', [peakRss / 1e6], 'MB');
  } finally {
    clearInterval(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench simulate: ${e.message}\n`);
  process.exitCode = 1;
});
