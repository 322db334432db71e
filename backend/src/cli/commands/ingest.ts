/**
 * `vigil ingest`: reads netflow, IDS and syslog files with the engine's readers and indexes them
 * into OpenSearch (bulk helper, mappings per sourcetype, deterministic `_id`s so a re-run does
 * not duplicate). Failed documents are counted and the first reasons printed.
 */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../main';
import { Progress } from '../progress';
import { openRecords } from '../../readers';
import { connectionFromEnv, createClient, redactUrl } from '../../opensearch/client';
import { ingestFiles, type IngestReport } from '../../opensearch/ingest';
import { installTemplates, type EventKind } from '../../opensearch/templates';

const USAGE = `Usage: vigil ingest --input <file> [<file>...] --index <name> [options]

Indexes the records of netflow (Zeek conn.log, Argus binetflow), IDS (Suricata eve.json, Snort
fast.log) and syslog files into OpenSearch, with the brief's field names beside each format's own,
@timestamp, sourcetype (netflow | ids | syslog) and a deterministic event_id (_id): running the
same files again overwrites instead of duplicating.

Options:
  --input <file>...        files to read (repeat --input, or list them after it)
  --index <name>           target index (created with the mappings of its sourcetype when missing)
  --format <name>          zeek | binetflow | eve | fastlog | syslog | csv | ndjson | ... (default: detected per file)
  --sourcetype <kind>      netflow | ids | syslog (default: from the format; needed for csv/ndjson)
  --url <url>              OpenSearch URL (default: $OPENSEARCH_URL, else http://127.0.0.1:9200);
                           basic auth from OPENSEARCH_USERNAME / OPENSEARCH_PASSWORD
  --replicas <n>           replicas of a new index (default 1; 0 on a single node)
  --year <yyyy>            year for syslog lines without one (default: the current UTC year)
  --timezone <zone>        zone of times written without one (default UTC)
  --time-field <name>      csv/ndjson: the field holding the time (default: @timestamp, timestamp, time, _time, ts)
  --time-format <fmt>      csv/ndjson numeric times: epoch (seconds, default) or epoch_ms
  --refresh                accepted for scripts: the index is always refreshed at the end
  --install-templates      first install (or update) Vigil's index templates: flows, IDS, syslog,
                           vigil-results-*, vigil-state, vigil-config, vigil-leases
  --progress               draw a progress bar even when stderr is not a terminal`;

interface Options {
  inputs: string[];
  index: string;
  format?: string;
  sourcetype?: EventKind;
  url?: string;
  replicas?: number;
  year?: number;
  timezone?: string;
  timeField?: string;
  timeFormat?: 'epoch' | 'epoch_ms';
  refresh: boolean;
  installTemplates: boolean;
  progress: boolean;
}

function wholeNumber(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got "${text}"`);
  return n;
}

export function parseIngestOptions(argv: string[]): Options {
  const { values, tokens } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string', multiple: true },
      index: { type: 'string' },
      format: { type: 'string' },
      sourcetype: { type: 'string' },
      url: { type: 'string' },
      replicas: { type: 'string' },
      year: { type: 'string' },
      timezone: { type: 'string' },
      'time-field': { type: 'string' },
      'time-format': { type: 'string' },
      refresh: { type: 'boolean' },
      'install-templates': { type: 'boolean' },
      progress: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
    tokens: true,
  });
  // inputs in command-line order, whether repeated (--input a --input b) or listed (--input a b)
  const inputs: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'positional' || (t.kind === 'option' && t.name === 'input' && t.value !== undefined)) inputs.push(t.value as string);
  }
  if (inputs.length === 0) throw new Error('--input <file> is required');
  if (!values.index) throw new Error('--index <name> is required');
  if (values.index !== values.index.toLowerCase() || /[\s,/\\*?"<>|#]/.test(values.index)) {
    throw new Error(`--index "${values.index}" is not a valid index name (lower case, no spaces or , / \\ * ? " < > | #)`);
  }
  const tf = values['time-format'];
  if (tf !== undefined && tf !== 'epoch' && tf !== 'epoch_ms') throw new Error(`--time-format must be epoch or epoch_ms, got "${tf}"`);
  const st = values.sourcetype;
  if (st !== undefined && st !== 'netflow' && st !== 'ids' && st !== 'syslog') throw new Error(`--sourcetype must be netflow, ids or syslog, got "${st}"`);
  return {
    inputs,
    index: values.index,
    format: values.format,
    sourcetype: st as EventKind | undefined,
    url: values.url,
    replicas: wholeNumber('replicas', values.replicas, 0),
    year: wholeNumber('year', values.year, 1),
    timezone: values.timezone,
    timeField: values['time-field'],
    timeFormat: tf as 'epoch' | 'epoch_ms' | undefined,
    refresh: Boolean(values.refresh),
    installTemplates: Boolean(values['install-templates']),
    progress: Boolean(values.progress),
  };
}

/** The summary printed at the end (stdout): per file, totals, failures and bad lines. */
export function formatIngestReport(r: IngestReport): string {
  const lines: string[] = [];
  for (const f of r.files) {
    lines.push(`${f.file}: ${f.records} records (${f.format ?? 'unknown format'}, sourcetype ${f.sourcetype ?? '-'}), ${f.badRecords} bad lines`);
  }
  const rate = r.elapsedMs > 0 ? Math.round((r.indexed / r.elapsedMs) * 1000) : r.indexed;
  lines.push(`indexed ${r.indexed} documents into ${r.index} in ${(r.elapsedMs / 1000).toFixed(1)} s (${rate}/s), ${r.failed} failed`);
  for (const f of r.firstFailures) lines.push(`  failed: ${f.file}:${f.line}: HTTP ${f.status} ${f.reason}`);
  if (r.failed > r.firstFailures.length) lines.push(`  ... and ${r.failed - r.firstFailures.length} more failed documents`);
  if (r.badRecords.count > 0) {
    lines.push(`${r.badRecords.count} bad lines skipped:`);
    for (const b of r.badRecords.first) lines.push(`  ${b}`);
  }
  if (r.documentsWithIgnoredValues) {
    lines.push(`${r.documentsWithIgnoredValues} documents in ${r.index} have values their field type could not take (kept in _source, listed in _ignored)`);
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'ingest',
  summary: 'index netflow, IDS and syslog files into OpenSearch',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    let opts: Options;
    try {
      opts = parseIngestOptions(argv);
    } catch (err) {
      process.stderr.write(`vigil ingest: ${(err as Error).message}\n`);
      return 2;
    }
    const conn = connectionFromEnv(process.env, { url: opts.url });
    const client = createClient(conn);
    const progress = new Progress('ingest', null, { enabled: opts.progress || undefined });
    try {
      if (opts.installTemplates) {
        const names = await installTemplates(client, { replicas: opts.replicas });
        process.stderr.write(`installed index templates: ${names.join(', ')}\n`);
      }
      const report = await ingestFiles(client, {
        index: opts.index,
        files: opts.inputs,
        open: (file) => openRecords(file, { format: opts.format, year: opts.year, timezone: opts.timezone, timeField: opts.timeField, timeFormat: opts.timeFormat }),
        sourcetype: opts.sourcetype,
        replicas: opts.replicas,
        refresh: opts.refresh,
        onProgress: (done, total, docs) => {
          const pct = total > 0 ? ((done / total) * 100).toFixed(1) : '0.0';
          progress.update(docs, `documents, ${pct}% of ${(total / 1e6).toFixed(1)} MB`);
        },
      });
      progress.done(`${report.indexed} documents`);
      process.stdout.write(formatIngestReport(report) + '\n');
      return report.failed > 0 ? 1 : 0;
    } catch (err) {
      progress.done('failed');
      // errors of the connection name the server (without credentials); errors of the files name the file
      const fromClient = err instanceof Error && ('meta' in err || /Connection|Timeout|NoLivingConnections/.test(err.name));
      process.stderr.write(`vigil ingest: ${fromClient ? `${redactUrl(conn.url)}: ` : ''}${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await client.close();
    }
  },
};
