/**
 * NAB benchmark (`npm run bench:nab`): runs a detector over the 35-file development subset and prints
 * the NAB scores (standard, reward_low_FP_rate, reward_low_FN_rate) as JSON lines.
 * `--detector model` (default) scores with the series model directly, `--detector job` runs the whole
 * AnomalyJob with detector `mean(value)`; `--files` prints per-file
 * standard-profile results on stderr.
 */
import { parseArgs } from 'node:util';
import { loadNabCorpus, scoreCorpus } from '../evaluation/nab';
import { NabDetector, rowIntervalMs, seriesModelDetector } from './nabDetector';
import { anomalyJobDetector } from './nabJobDetector';

const DETECTORS: Record<string, NabDetector> = { model: seriesModelDetector, job: anomalyJobDetector };

export function runNab(detector: NabDetector): ReturnType<typeof scoreCorpus> {
  const files = loadNabCorpus();
  const scores = new Map<string, number[]>();
  for (const f of files) scores.set(f.name, detector(f.rows, rowIntervalMs(f.rows)));
  return scoreCorpus(files, scores);
}

function main(): void {
  const { values } = parseArgs({
    options: { detector: { type: 'string', default: 'model' }, files: { type: 'boolean', default: false } },
  });
  const name = values.detector ?? 'model';
  const detector = DETECTORS[name];
  if (!detector) throw new Error(`unknown --detector ${name} (known: ${Object.keys(DETECTORS).join(', ')})`);
  const t0 = process.hrtime.bigint();
  const result = runNab(detector);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (values.files) {
    for (const r of result.profiles.standard.files) {
      process.stderr.write(`${r.file} score=${r.score.toFixed(3)} tp=${r.tp} fp=${r.fp} fn=${r.fn}\n`);
    }
    process.stderr.write(`threshold=${result.profiles.standard.threshold}\n`);
  }
  for (const [metric, value] of Object.entries(result.final)) {
    process.stdout.write(JSON.stringify({ bench: `nab_${name}`, metric, value, unit: 'NAB score', n: 35, median: value, min: value, max: value }) + '\n');
  }
  process.stdout.write(JSON.stringify({ bench: `nab_${name}`, metric: 'run_time', value: seconds, unit: 's', n: 1, median: seconds, min: seconds, max: seconds }) + '\n');
}

if (require.main === module) main();
