/**
 * `vigil serve`: the scheduler (JobManager) for every job plus the REST API, in one process.
 * Logs one line per lifecycle event (never a secret), answers /api/health at once and /api/ready
 * once OpenSearch answers and the job manager is initialised, and on SIGTERM/SIGINT stops taking
 * requests, snapshots the running jobs (`JobManager.shutdown()`) and exits 0.
 */
import { parseArgs } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import type { CliCommand } from '../main';
import { serviceClient } from '../../config/openSearchClient';
import { ConfigError, ENV_KEYS, loadServiceConfig, parseBind, redactedConfig, type ServiceConfig } from '../../config/serviceConfig';
import type { Readiness } from '../../api/context';
import { ResultsRepository } from '../../api/resultsRepository';
import { createApiServer, listen } from '../../api/server';
import { describeError, osRequest } from '../../opensearch/request';
import { CONFIG_INDEX } from '../../opensearch/templates';
import { JobManager } from '../../scheduler/jobManager';

const USAGE = `Usage: vigil serve [--config vigil.json] [options]

Runs every job's datafeed on its bucket cadence and serves the REST API (OpenAPI document:
backend/src/api/openapi.json). Jobs live in the OpenSearch index vigil-config, so a restarted
service takes them up again; SIGTERM/SIGINT snapshot the running jobs and exit.

Options:
  --config <file>     JSON config file: {"opensearch": {"url", "username", "password", "tls_ca",
                      "tls_insecure"}, "api": {"bind", "token"}}; environment variables win over it
  --bind <host:port>  API address (wins over VIGIL_API_BIND and the file; default 127.0.0.1:8686)
  --replicas <n>      replicas of the indices Vigil creates (default 1; 0 on a single node)
  --instance-id <id>  name of this instance in job leases (default <hostname>-<pid>)
  --print-config      print the effective configuration (secrets as ***) and exit

Environment:
${Object.entries(ENV_KEYS).map(([name, key]) => `  ${name.padEnd(30)} ${key}`).join('\n')}

With an API token every /api call except /api/health needs "Authorization: Bearer <token>";
/metrics (Prometheus text) is open. The token and passwords are never printed or logged.`;

interface ServeOptions {
  configFile?: string;
  bind?: string;
  replicas?: number;
  instanceId?: string;
  printConfig: boolean;
}

export function parseServeOptions(argv: string[]): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      bind: { type: 'string' },
      replicas: { type: 'string' },
      'instance-id': { type: 'string' },
      'print-config': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  let replicas: number | undefined;
  if (values.replicas !== undefined) {
    replicas = Number(values.replicas);
    if (!Number.isInteger(replicas) || replicas < 0) throw new ConfigError(`--replicas must be a whole number >= 0, got "${values.replicas}"`);
  }
  if (values.bind !== undefined) parseBind(values.bind, '--bind');
  return { configFile: values.config, bind: values.bind, replicas, instanceId: values['instance-id'], printConfig: values['print-config'] ?? false };
}

function logLine(line: string): void {
  process.stderr.write(`${new Date().toISOString()} vigil serve: ${line}\n`);
}

async function readinessOf(client: Client, initialised: () => string | null): Promise<Readiness> {
  const notYet = initialised();
  if (notYet) return { ready: false, reason: notYet };
  try {
    const health = await osRequest<{ status?: string }>(client, 'GET', '/_cluster/health', undefined, { querystring: { timeout: '2s' } });
    if (health.body.status === 'red') return { ready: false, reason: 'OpenSearch cluster health is red' };
    const cfg = await osRequest(client, 'HEAD', `/${CONFIG_INDEX}`, undefined, { ignore: [404] });
    if (cfg.statusCode === 404) return { ready: false, reason: `index ${CONFIG_INDEX} is missing` };
    const tpl = await osRequest(client, 'HEAD', '/_index_template/vigil-results', undefined, { ignore: [404] });
    if (tpl.statusCode === 404) return { ready: false, reason: 'index template vigil-results is missing' };
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: `OpenSearch unreachable: ${describeError(err)}` };
  }
}

/** Initialises the manager, retrying while OpenSearch is unreachable; false when shut down first. */
async function initWithRetry(manager: JobManager, stopping: () => boolean): Promise<boolean> {
  for (let attempt = 1; !stopping(); attempt++) {
    try {
      await manager.init();
      return true;
    } catch (err) {
      const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5));
      logLine(`job manager init failed (attempt ${attempt}): ${describeError(err)}; retrying in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay).unref()); // a pending retry never holds up the exit
    }
  }
  return false;
}

export async function serve(config: ServiceConfig, opts: Pick<ServeOptions, 'replicas' | 'instanceId'>): Promise<number> {
  const client = serviceClient(config.opensearch);
  const manager = new JobManager({ client, replicas: opts.replicas, instanceId: opts.instanceId, logger: (l) => logLine(`job ${l}`) });
  let initError: string | null = 'starting: the job manager is not initialised yet';
  let stopping = false;
  const server = createApiServer({
    context: { jobs: manager, results: new ResultsRepository(client), readiness: () => readinessOf(client, () => initError) },
    token: config.api.token,
    log: logLine,
  });
  const addr = await listen(server, config.api.host, config.api.port);
  logLine(`listening on http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port} (auth: ${config.api.token !== undefined ? 'bearer token' : 'none'})`);

  return new Promise<number>((resolve) => {
    let shuttingDown = false;
    const shutdown = (signal: string): void => {
      if (shuttingDown) {
        logLine(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      shuttingDown = true;
      stopping = true;
      logLine(`${signal}: shutting down (no new requests; snapshotting running jobs)`);
      server.close();
      server.closeIdleConnections?.();
      manager
        .shutdown()
        .then(() => logLine('job manager stopped: snapshots saved, leases released'))
        .catch((err) => logLine(`job manager shutdown: ${describeError(err)}`))
        .finally(() => {
          void client.close().catch(() => undefined);
          logLine('stopped');
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          resolve(0);
        });
    };
    const onTerm = (): void => shutdown('SIGTERM');
    const onInt = (): void => shutdown('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    void initWithRetry(manager, () => stopping).then((done) => {
      if (!done) return;
      initError = null;
      logLine(`job manager ready (instance ${manager.instanceId}): jobs stored as opened are taken up`);
    });
  });
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the job scheduler and the REST API (the Grafana sidecar)',
  usage: USAGE,
  async run(argv) {
    let opts: ServeOptions;
    let config: ServiceConfig;
    try {
      opts = parseServeOptions(argv);
      config = loadServiceConfig({ file: opts.configFile });
      if (opts.bind) {
        const b = parseBind(opts.bind, '--bind');
        config = { ...config, api: { ...config.api, host: b.host, port: b.port }, sources: { ...config.sources, 'api.bind': 'flag' } };
      }
    } catch (err) {
      process.stderr.write(`vigil serve: ${(err as Error).message}\n`);
      return 2;
    }
    if (opts.printConfig) {
      process.stdout.write(JSON.stringify(redactedConfig(config), null, 2) + '\n');
      return 0;
    }
    const r = redactedConfig(config) as { opensearch: { url: string; username: string | null; tls_ca: string | null; tls_insecure: boolean } };
    logLine(`starting: OpenSearch ${r.opensearch.url}${r.opensearch.username ? ` as ${r.opensearch.username}` : ''}${r.opensearch.tls_ca ? `, CA ${r.opensearch.tls_ca}` : ''}${r.opensearch.tls_insecure ? ', TLS unchecked' : ''}`);
    try {
      return await serve(config, opts);
    } catch (err) {
      process.stderr.write(`vigil serve: ${describeError(err)}\n`);
      return 1;
    }
  },
};
