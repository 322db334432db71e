/**
 * `vigil simulate`: writes a seeded, deterministic simulated enterprise (flows, IDS alerts,
 * inventory, labelled incidents and benign fleet-wide events) for tests, benchmarks and demos.
 */
import * as path from 'path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../main';
import { Progress } from '../progress';
import { MAX_HOSTS, simulate, type SimulateOptions, type SimulationSummary } from '../../simulator/simulate';

const USAGE = `Usage: vigil simulate --out <dir> [--days 14] [--seed 1] [--hosts 1600] [--start 2026-01-05]

Simulates an enterprise of about 1,600 hosts (web servers that mostly produce data, laptops that
mostly consume, databases, batch hosts with nightly jobs) with daily and weekly rhythms and
heavy-tailed volumes, and writes, in <dir>:
  flows.ndjson   netflow records: @timestamp, src, dest, dest_port, protocol, src_app_bytes,
                 dest_app_bytes, app_byte_ratio, sourcetype "netflow"
  ids.ndjson     Snort alerts (100k-150k a day at 1,600 hosts; volumes scale with --hosts):
                 @timestamp, src, dest, dest_port, protocol, signature_name, category,
                 sourcetype "snort", index "ids"
  hosts.ndjson   the inventory: ip (10.x), name, role
  labels.json    injected incidents (exfiltration, first-ever FTP upload, a signature new to a
                 host's kind, a recon burst, lateral movement, slow exfiltration) and benign
                 fleet-wide events (patch day, a new signature on every host), each with its
                 entity fields, start, end and the pipeline that should (or should not) flag it
The same options give byte-identical files.

Options:
  --out <dir>          output folder (created when missing)
  --days <n>           days to simulate (default 14)
  --seed <n>           seed, 0..4294967295 (default 1)
  --hosts <n>          number of internal hosts, 4..100000 (default 1600)
  --start <date>       first day, YYYY-MM-DD, UTC (default 2026-01-05, a Monday)
  --progress           draw the progress line even when stderr is not a terminal`;

function wholeNumber(name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`}, got "${text}"`);
  }
  return n;
}

export function parseSimulateOptions(argv: string[]): SimulateOptions & { progress: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      hosts: { type: 'string' },
      start: { type: 'string' },
      progress: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) throw new Error('--out <dir> is required');
  return {
    outDir: values.out,
    days: wholeNumber('days', values.days, 14, 1),
    seed: wholeNumber('seed', values.seed, 1, 0, 0xffffffff),
    hosts: wholeNumber('hosts', values.hosts, 1600, 4, MAX_HOSTS),
    start: values.start ?? '2026-01-05',
    progress: values.progress ?? false,
  };
}

function formatSummary(s: SimulationSummary): string {
  const lines = [`simulated ${s.hosts} hosts over ${s.days} days (${s.start} .. ${s.end}), seed ${s.seed}`];
  lines.push(`  flows  ${s.flows} (${(s.flowBytes / 1e6).toFixed(1)} MB)   alerts ${s.alerts} (${(s.alertBytes / 1e6).toFixed(1)} MB)`);
  lines.push(`  ${s.incidents} incidents and ${s.benignEvents} benign fleet-wide events labelled in ${path.basename(s.files.labels)}`);
  lines.push('  date        flows    alerts');
  for (const d of s.daily) lines.push(`  ${d.date}  ${String(d.flows).padStart(7)}  ${String(d.alerts).padStart(8)}`);
  lines.push(`  files in ${path.dirname(s.files.flows)}: flows.ndjson, ids.ndjson, hosts.ndjson, labels.json`);
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'simulate',
  summary: 'write a seeded simulated enterprise (flows, IDS alerts, labelled incidents)',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    let opts: ReturnType<typeof parseSimulateOptions>;
    try {
      opts = parseSimulateOptions(argv);
    } catch (e) {
      process.stderr.write(`vigil simulate: ${(e as Error).message}\n`);
      return 2;
    }
    const progress = new Progress('simulate', opts.days, { enabled: opts.progress || Boolean(process.stderr.isTTY) });
    try {
      const summary = await simulate({
        ...opts,
        onProgress: (done, total, flows, alerts) => progress.update((done / total) * opts.days, `day ${Math.ceil((done / total) * opts.days)}/${opts.days}  ${flows} flows  ${alerts} alerts`),
      });
      progress.done(`done: ${summary.flows} flows, ${summary.alerts} alerts`);
      process.stdout.write(`${formatSummary(summary)}\n`);
      return 0;
    } catch (e) {
      progress.done('failed');
      process.stderr.write(`vigil simulate: ${(e as Error).message}\n`);
      return 1;
    }
  },
};
