/**
 * A small stand-alone runner of one job's lookback (no HTTP server): creates the job when it is not
 * stored yet, opens it and starts its datafeed over `[--start, --end)`, persisting snapshots as it
 * goes, and exits when the lookback is done. Run again after a crash, it takes the job up from the
 * stored run state and resumes from the latest snapshot (the SIGKILL test runs it this way).
 *
 *   OPENSEARCH_URL=… node backend/dist/scheduler/lookbackRunner.js --job job.json --start <ms> --end <ms>
 *     [--instance <name>] [--config-index …] [--state-index …] [--leases-index …] [--replicas 0]
 * Prints one line per event on stdout (snapshots, take-up, done) and exits 0, or 1 with the error.
 */
import * as fs from 'fs';
import { parseArgs } from 'node:util';
import type { JobConfig } from '../engine/config';
import { connectionFromEnv, createClient } from '../opensearch/client';
import { describeError } from '../opensearch/request';
import { JobManager } from './jobManager';

export async function runLookback(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      job: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      instance: { type: 'string', default: 'lookback-runner' },
      'config-index': { type: 'string' },
      'state-index': { type: 'string' },
      'leases-index': { type: 'string' },
      replicas: { type: 'string' },
    },
  });
  if (!values.job || !values.end) throw new Error('usage: lookbackRunner --job <job.json> --end <ms> [--start <ms>]');
  const config = JSON.parse(fs.readFileSync(values.job, 'utf8')) as JobConfig;
  const client = createClient(connectionFromEnv());
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const manager = new JobManager({
    client,
    instanceId: values.instance,
    logger: print,
    replicas: values.replicas !== undefined ? Number(values.replicas) : undefined,
    refreshResults: false,
    indices: { config: values['config-index'], state: values['state-index'], leases: values['leases-index'] },
  });
  await manager.init();
  const id = config.job_id;
  let status = await manager.status(id).catch(() => null);
  if (!status) {
    await manager.putJob(config);
    status = await manager.status(id);
  }
  if (status.datafeed_state === 'stopped') {
    if (status.state === 'closed' || status.node !== manager.instanceId) await manager.openJob(id);
    await manager.startDatafeed(id, { start: values.start, end: values.end });
    print(`${id}: started`);
  } else print(`${id}: resumed from the stored run state`);
  for (;;) {
    await manager.idle();
    status = await manager.status(id);
    if (status.datafeed_state === 'stopped') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  print(`${id}: done, ${status.bucket_count} buckets, last error ${status.last_error ?? 'none'}`);
  await manager.closeJob(id);
  await manager.shutdown();
  await client.close();
}

if (require.main === module) {
  runLookback(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`lookbackRunner: ${describeError(err)}\n`);
    process.exit(1);
  });
}
