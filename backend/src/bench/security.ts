/**
 * `npm run bench:security` (`node backend/dist/bench/security.js [--days 14] [--hosts 1600] [--seed 1]
 * [--start 2026-01-05] [--cache DIR] [--fresh] [--only simulated|real] [--pipelines ids,exfiltration,rare_outbound]`):
 * the brief's three security pipelines, verbatim, on a seeded simulation (kept in a cache folder,
 * by default <tmp>/vigil-bench-security, and reused on the next run) and on the real labelled captures.
 * JSON lines `{"bench","metric","value","unit",...}` on stdout, a human summary on stderr. Each real
 * capture runs in its own Node process (memory cap, time limit), so one that breaks the engine is
 * reported as `run_failed` and the others still run; `--capture NAME` runs one in this process.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import type { PipelineName } from '../simulator/labels';
import { CAPTURE_NAMES, benchCapture } from './securityCaptures';
import { PIPELINE_ORDER, emit, say } from './securityShared';
import { benchSimulated } from './securitySimulated';

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      days: { type: 'string' }, hosts: { type: 'string' }, seed: { type: 'string' }, start: { type: 'string' },
      cache: { type: 'string' }, fresh: { type: 'boolean' }, only: { type: 'string' }, pipelines: { type: 'string' }, capture: { type: 'string' },
    },
  });
  if (values.capture !== undefined) return benchCapture(values.capture);
  const only = values.only;
  if (only !== undefined && only !== 'simulated' && only !== 'real') throw new Error(`--only must be simulated or real, got "${only}"`);
  const pipelines = (values.pipelines?.split(',') ?? PIPELINE_ORDER) as PipelineName[];
  for (const p of pipelines) if (!PIPELINE_ORDER.includes(p)) throw new Error(`--pipelines: unknown pipeline "${p}" (known: ${PIPELINE_ORDER.join(', ')})`);
  if (only !== 'real') {
    await benchSimulated({
      seed: whole('seed', values.seed, 1),
      days: whole('days', values.days, 14),
      hosts: whole('hosts', values.hosts, 1600),
      start: values.start ?? '2026-01-05',
      cacheDir: values.cache ?? path.join(os.tmpdir(), 'vigil-bench-security'),
      fresh: values.fresh === true,
      pipelines,
    });
  }
  if (only !== 'simulated') runCapturesIsolated();
}

const CAPTURE_HEAP_MB = 2048;
const CAPTURE_TIMEOUT_MS = 300_000;

function runCapturesIsolated(): void {
  say('\n== real labelled captures (flagged = a record >= 50 naming the source; conventions §9)');
  for (const name of CAPTURE_NAMES) {
    const r = spawnSync(process.execPath, [`--max-old-space-size=${CAPTURE_HEAP_MB}`, __filename, '--capture', name], { stdio: ['ignore', 'inherit', 'pipe'], timeout: CAPTURE_TIMEOUT_MS });
    const err = r.stderr?.toString() ?? '';
    const fatal = err.split('\n').find((l) => /FATAL ERROR|^bench security:/.test(l));
    process.stderr.write(err.split('\n').filter((l) => !/^\s*\d+: 0x|^<---|^\[\d+:0x|^\s*$|^-{5}/.test(l)).map((l) => l + '\n').join(''));
    if (r.status !== 0) {
      const why = r.error ? r.error.message : fatal ?? `exit ${r.status ?? r.signal}`;
      emit('security', 'run_failed', 1, 'bool', { dataset: name, reason: why });
      say(`  ${name}: RUN FAILED (${why}; heap cap ${CAPTURE_HEAP_MB} MB, time limit ${CAPTURE_TIMEOUT_MS / 1000} s)`);
    }
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench security: ${e.message}\n`);
  process.exitCode = 1;
});
