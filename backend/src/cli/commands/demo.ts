/**
 * `vigil demo` (= `npm start`): the main jobs on the real data bundled in backend/demo/, printed as tables,
 * with NDJSON results and an HTML report per job in an output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../main';
import { formatAnomalyTable } from '../anomalyTable';
import { buildAnalysisSpec } from '../analysisSpec';
import { formatRunSummary, runAnalysis } from '../runAnalysis';

/** backend/demo, from backend/dist/cli/commands (built) or backend/src/cli/commands (tests). */
export function demoDataDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'demo');
}

export interface DemoJob {
  id: string;
  title: string;
  input: string;
  search?: string;
  detect?: string;
  bucketSpan?: string;
  /** Zeek writes a connection when it ends, stamped with its start: up to hours out of order. */
  latency?: string;
}

export function demoJobs(dir = demoDataDir()): DemoJob[] {
  const zeek = path.join(dir, 'zeek-008', 'conn.log.labeled');
  return [
    {
      id: 'exfiltration',
      title: "Exfiltration (the brief's NetFlow pipeline) on a real day of Zeek flows",
      input: zeek,
      search: 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp',
      latency: '8h',
    },
    {
      id: 'rare-outbound',
      // The brief's `rare(dp) by src` by port: this host meets new addresses all day (many CDN hosts), its ports are steady.
      title: 'Rare outbound ports per host on the same flows (the brief\'s rare-connection search)',
      input: zeek,
      search: 'dest!=10.* | autodetect bucketspan=300 rare(dest_port) by src',
      latency: '8h',
    },
    {
      id: 'ec2-network-in',
      title: "A metric job on an EC2 instance's network traffic (NAB, AWS CloudWatch)",
      input: path.join(dir, 'nab', 'ec2_network_in_257a54.csv'),
      detect: 'mean(value)',
      bucketSpan: '5m',
    },
  ];
}

const usage = `Usage: vigil demo [--out-dir DIR] [--top N]

Runs Vigil's demo jobs on real data shipped in backend/demo/ (see its README for sources and licences)
and prints the top anomalies of each. Writes <job>.ndjson and <job>.html per job to DIR (default ./vigil-demo).`;

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the demo jobs on bundled real data (netflow exfiltration, rare connections, a metric)',
  usage,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { 'out-dir': { type: 'string' }, top: { type: 'string' } } });
    const outDir = path.resolve(values['out-dir'] ?? 'vigil-demo');
    const top = values.top ? Number(values.top) : 8;
    fs.mkdirSync(outDir, { recursive: true });
    let failures = 0;
    for (const job of demoJobs()) {
      const flags = job.latency ? `   (with --latency ${job.latency})\n` : '';
      process.stdout.write(`\n== ${job.title}\n   ${job.search ?? job.detect}\n${flags}   input: ${path.relative(path.resolve(demoDataDir(), '..', '..'), job.input)}\n\n`);
      try {
        const spec = buildAnalysisSpec({
          search: job.search, detect: job.detect, bucketSpan: job.bucketSpan, latency: job.latency, jobId: job.id, modelPlot: true,
        });
        const summary = await runAnalysis({
          inputs: [job.input],
          spec,
          reader: {},
          out: path.join(outDir, `${job.id}.ndjson`),
          report: path.join(outDir, `${job.id}.html`),
          top,
          label: job.id,
        });
        process.stdout.write(formatAnomalyTable(summary.top, { minScore: 3 }) + '\n');
        process.stdout.write(`\n${formatRunSummary(summary)}\n`);
      } catch (e) {
        failures++;
        process.stdout.write(`could not run: ${(e as Error).message}\n`);
      }
    }
    process.stdout.write(`\nResults and HTML reports: ${outDir}\n`);
    return failures ? 1 : 0;
  },
};
