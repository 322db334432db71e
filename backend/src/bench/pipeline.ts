/**
 * Pipeline benchmark (`node backend/dist/bench/pipeline.js`): records per second through the brief's
 * exfiltration search and eval (filter, then eval on the kept records), and parse+compile time of
 * the brief's three pipelines. Synthetic flow records from a fixed seed.
 * Prints JSON lines `{"bench","metric","value","unit","n","median","min","max"}`.
 */
import { parsePipeline } from '../engine/config/grammar/parsePipeline';
import type { EventRecord } from '../engine/types';
import { compilePipeline } from '../pipeline/compilePipeline';
import { mulberry32 as random } from '../engine/maths/seededRandom';

const PIPELINES = [
  'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp',
  'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src',
  'dest!=10.* | eval dp=dest+":"+dest_port | autodetect rare(dp) by src',
];

function emit(bench: string, metric: string, values: number[], unit: string, n: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  process.stdout.write(JSON.stringify({ bench, metric, value: median, unit, n, median, min: sorted[0], max: sorted[sorted.length - 1] }) + '\n');
}


function flows(n: number): EventRecord[] {
  const next = random(42);
  const out: EventRecord[] = [];
  for (let i = 0; i < n; i++) {
    const internal = next() < 0.4;
    const dest = internal ? `10.0.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}` : `203.0.113.${Math.floor(next() * 256)}`;
    out.push({
      time: i * 100,
      fields: { src: `10.1.0.${Math.floor(next() * 64)}`, dest, dest_port: [22, 53, 80, 443, 8443][Math.floor(next() * 5)], app_byte_ratio: next() * 2 - 1 },
    });
  }
  return out;
}

function main(): void {
  const runs = 5;
  const n = 1_000_000;
  const records = flows(n);
  const parsed = parsePipeline(PIPELINES[0]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compilePipeline(parsed.pipeline, { jobId: 'bench' });
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const copies = records.map((r) => ({ time: r.time, fields: { ...r.fields } }));
    const start = process.hrtime.bigint();
    let kept = 0;
    for (const r of copies) {
      if (compiled.filter(r)) {
        compiled.evaluate(r);
        kept++;
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (kept === 0) throw new Error('no record kept');
    rates.push(n / seconds);
  }
  emit('pipeline', 'exfil_filter_eval_records_per_s', rates, 'records/s', n);

  const parseTimes: number[] = [];
  const iterations = 2000;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) {
      for (const text of PIPELINES) {
        const result = parsePipeline(text);
        if (!result.ok) throw new Error(result.error.message);
        compilePipeline(result.pipeline, { jobId: 'bench' });
      }
    }
    parseTimes.push(Number(process.hrtime.bigint() - start) / 1e3 / (iterations * PIPELINES.length));
  }
  emit('pipeline', 'parse_compile_us_per_pipeline', parseTimes, 'µs', iterations * PIPELINES.length);
}

if (require.main === module) main();
