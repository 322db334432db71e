/**
 * `npm run bench`: runs the throughput/memory benchmarks one after another, each in its own Node process
 * (so one bench's heap does not disturb the next), passing their JSON lines through to stdout.
 * Add a bench by adding its compiled file name to BENCHES. NAB quality is `npm run bench:nab`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const BENCHES = ['seriesThroughput.js', 'jobThroughput.js', 'pipeline.js', 'securityThroughput.js'];

function main(): void {
  for (const file of BENCHES) {
    const script = path.join(__dirname, file);
    if (!fs.existsSync(script)) throw new Error(`bench script missing: ${script} (run npm run build)`);
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }
}

if (require.main === module) main();
