/**
 * `npm run bench`: runs the throughput/memory benchmarks one after another, each in its own Node process
 * (so one bench's heap does not disturb the next), passing their JSON lines through to stdout.
 * With `OPENSEARCH_URL` set (or through `npm run bench:opensearch`, which starts a node with
 * backend/scripts/opensearch.sh) it also runs the OpenSearch figures: documents/s per read path, lookback time of a
 * simulated day, time from bucket end to result indexed, REST API query times.
 * Add a bench by adding its compiled file name to a list. NAB quality is `npm run bench:nab`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const BENCHES = ['seriesThroughput.js', 'jobThroughput.js', 'readers.js', 'pipeline.js', 'securityThroughput.js'];
const OPENSEARCH_BENCHES = ['opensearchRead.js', 'scheduler.js', 'apiQueries.js'];

function runAll(files: string[]): void {
  for (const file of files) {
    const script = path.join(__dirname, file);
    if (!fs.existsSync(script)) throw new Error(`bench script missing: ${script} (run npm run build)`);
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }
}

function main(argv: string[]): void {
  const onlyOpenSearch = argv.includes('--only-opensearch');
  if (!onlyOpenSearch) runAll(BENCHES);
  if (process.env.OPENSEARCH_URL) runAll(OPENSEARCH_BENCHES);
  else process.stderr.write('bench: OPENSEARCH_URL is not set, so the OpenSearch figures were not measured (npm run bench:opensearch starts a node and runs them)\n');
}

if (require.main === module) main(process.argv.slice(2));
