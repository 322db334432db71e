/**
 * Security throughput (`node backend/dist/bench/securityThroughput.js [--hosts 1600] [--seed 1] [--runs 1]`,
 * part of `npm run bench`): simulates one full day of the enterprise (flows and IDS alerts) into a
 * temporary folder, then times each of the brief's three pipelines reading it from NDJSON (reader,
 * search filter, eval, AnomalyJob; results drained but not written). JSON lines
 * `{"bench","metric","value","unit","n","median","min","max"}`: events/s per pipeline and the seconds
 * for the day (the issue asks well under a minute for a day of IDS alerts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { PIPELINES } from '../simulator/labels';
import { FILE_NAMES, simulate } from '../simulator/simulate';
import { PIPELINE_ORDER, runPipeline } from './securityShared';

function emit(metric: string, values: number[], unit: string, extra: Record<string, string | number>): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  process.stdout.write(JSON.stringify({ bench: 'security_throughput', metric, value: median, unit, n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1], ...extra }) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hosts: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' } } });
  const hosts = Number(values.hosts ?? 1600);
  const seed = Number(values.seed ?? 1);
  const runs = Number(values.runs ?? 1);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${values.runs}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-security-throughput-'));
  try {
    const day = await simulate({ seed, days: 1, hosts, start: '2026-01-05', outDir: dir });
    for (const name of PIPELINE_ORDER) {
      const stream = PIPELINES[name].stream;
      const input = path.join(dir, stream === 'flows' ? FILE_NAMES.flows : FILE_NAMES.ids);
      const rates: number[] = [];
      const seconds: number[] = [];
      let events = 0;
      for (let i = 0; i < runs; i++) {
        const run = await runPipeline(name, [input], undefined, `throughput-${name}`);
        events = run.summary.recordsRead;
        rates.push(run.summary.recordsRead / run.seconds);
        seconds.push(run.seconds);
      }
      const extra = { pipeline: name, stream, events, hosts, flows_per_day: day.flows, alerts_per_day: day.alerts };
      emit(`${name}_events_per_second`, rates, 'events/s', extra);
      emit(`${name}_seconds_per_day`, seconds, 's', extra);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`bench securityThroughput: ${e.message}\n`);
    process.exitCode = 1;
  });
}
