/**
 * Detection benchmark on the simulator (`node backend/dist/bench/simulatorDetection.js
 * [--hosts 200] [--days 7] [--seed 1]`): simulates an enterprise into a temporary folder, runs the
 * brief's three pipelines (labels.ts PIPELINES) over its flows and IDS alerts, and scores the
 * results against the labels (evaluation/simulator): incidents caught critical in time, benign
 * fleet-wide events that flagged hosts, and critical records per day. JSON lines
 * `{"bench","metric","value","unit","n","median","min","max"}` on stdout; one line per label on stderr.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { parseArgs } from 'node:util';
import { buildAnalysisSpec } from '../cli/analysisSpec';
import { runAnalysis } from '../cli/runAnalysis';
import { scorePipeline, type ScoredRecord } from '../evaluation/simulator/incidentScoring';
import { PIPELINES, type LabelsFile, type PipelineName } from '../simulator/labels';
import { FILE_NAMES, simulate } from '../simulator/simulate';

function emit(metric: string, value: number, unit: string, n: number): void {
  process.stdout.write(JSON.stringify({ bench: 'simulator_detection', metric, value, unit, n, median: value, min: value, max: value }) + '\n');
}

async function readRecords(file: string): Promise<ScoredRecord[]> {
  const out: ScoredRecord[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"result_type":"record"')) continue;
    out.push(JSON.parse(line) as ScoredRecord);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string' }, hosts: { type: 'string' }, seed: { type: 'string' } } });
  const days = Number(values.days ?? 7);
  const hosts = Number(values.hosts ?? 200);
  const seed = Number(values.seed ?? 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-simdetect-'));
  try {
    await simulate({ seed, days, hosts, start: '2026-01-05', outDir: dir });
    const labels = (JSON.parse(fs.readFileSync(path.join(dir, FILE_NAMES.labels), 'utf8')) as LabelsFile).labels;
    for (const name of Object.keys(PIPELINES) as PipelineName[]) {
      const p = PIPELINES[name];
      const out = path.join(dir, `results-${name}.ndjson`);
      const spec = buildAnalysisSpec({ search: p.search, jobId: `sim-${name}` });
      const input = path.join(dir, p.stream === 'flows' ? FILE_NAMES.flows : FILE_NAMES.ids);
      await runAnalysis({ inputs: [input], spec, reader: {}, out, progress: false });
      const scored = scorePipeline(labels, name, await readRecords(out), days);
      for (const o of scored.outcomes) {
        process.stderr.write(`${name}  ${o.id.padEnd(40)} ${o.ok ? 'ok  ' : 'MISS'} best ${o.bestScore.toFixed(1).padStart(5)}` +
          `${o.latencyBuckets !== null ? `  after ${o.latencyBuckets} buckets` : ''}${o.flaggedHosts ? `  flagged hosts ${o.flaggedHosts.length}` : ''}\n`);
      }
      emit(`${name}_incidents_caught`, scored.caught, 'incidents', scored.incidents);
      emit(`${name}_critical_per_day`, scored.criticalPerDay, 'records/day', days);
      emit(`${name}_unexplained_critical_per_day`, scored.unexplainedCriticalPerDay, 'records/day', days);
      const benign = scored.outcomes.filter((o) => o.class === 'benign');
      if (benign.length > 0) emit(`${name}_benign_flagged_hosts`, benign.reduce((n, o) => n + (o.flaggedHosts?.length ?? 0), 0), 'hosts', benign.length);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench simulatorDetection: ${e.message}\n`);
  process.exitCode = 1;
});
