/** `vigil analyze`: run an analysis over files and print the top anomalies. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../main';
import { formatAnomalyTable } from '../anomalyTable';
import { AnalysisSpecError, buildAnalysisSpec } from '../analysisSpec';
import { formatRunSummary, runAnalysis } from '../runAnalysis';

const usage = `Usage: vigil analyze --input <file>... (--search '<pipeline>' | --detect '<detectors>' | --job <job.json>)
                     [--bucket-span 5m|300|auto] [--time-field F] [--time-format epoch|epoch_ms]
                     [--format F] [--latency 10m]
                     [--timezone Z] [--year Y] [--out results.ndjson] [--report report.html]
                     [--job-id ID] [--top N] [--min-score S] [--no-progress]

  --input F        input file (repeat for several; read in the order given). Formats: csv, ndjson, zeek,
                   binetflow, eve, fastlog, syslog, lines, bgl (detected, or --format)
  --search P       a pipeline: [search terms] | eval x=… | autodetect [bucketspan=…] detector, …
  --detect D       detectors only, as after "autodetect": e.g. 'mean(value)' or 'rare(dp) by src'
  --job F          an Elastic-compatible job config JSON file
  --time-field F   the field holding the time (CSV, NDJSON); --time-format epoch_ms when numeric times are ms
  --bucket-span S  bucket span (5m, 300, 1h or auto); a bucketspan= in the pipeline wins
  --latency D      out-of-order tolerance (default: 2 bucket spans); later records are counted
  --out F          write every result document as NDJSON (also when nothing is anomalous)
  --report F       write a self-contained HTML report (swimlane, actual vs typical charts)
  --top N          rows in the top-anomalies table (default 15); --min-score S hides lower scores

Exit status: 0 when the analysis ran (whatever it found), 1 when it could not run, 2 for a usage error.`;

export const command: CliCommand = {
  name: 'analyze',
  summary: 'analyse files with a pipeline, detectors or a job config; print the top anomalies',
  usage,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          input: { type: 'string', multiple: true, short: 'i' },
          search: { type: 'string' },
          detect: { type: 'string' },
          job: { type: 'string' },
          'bucket-span': { type: 'string' },
          'time-field': { type: 'string' },
          'time-format': { type: 'string' },
          format: { type: 'string' },
          latency: { type: 'string' },
          timezone: { type: 'string' },
          year: { type: 'string' },
          out: { type: 'string', short: 'o' },
          report: { type: 'string' },
          'job-id': { type: 'string' },
          top: { type: 'string' },
          'min-score': { type: 'string' },
          'no-progress': { type: 'boolean' },
        },
        allowPositionals: false,
      }));
    } catch (e) {
      process.stderr.write(`vigil analyze: ${(e as Error).message}\n${usage}\n`);
      return 2;
    }
    const inputs = values.input ?? [];
    if (inputs.length === 0) {
      process.stderr.write(`vigil analyze: --input is required\n${usage}\n`);
      return 2;
    }
    const top = values.top !== undefined ? Number(values.top) : 15;
    const minScore = values['min-score'] !== undefined ? Number(values['min-score']) : 0;
    if (!Number.isInteger(top) || top < 1 || top > 10000) {
      process.stderr.write(`vigil analyze: --top must be a whole number from 1 to 10000, not "${values.top}"\n`);
      return 2;
    }
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 100) {
      process.stderr.write(`vigil analyze: --min-score must be a number from 0 to 100, not "${values['min-score']}"\n`);
      return 2;
    }
    try {
      const spec = buildAnalysisSpec({
        search: values.search,
        detect: values.detect,
        job: values.job,
        bucketSpan: values['bucket-span'],
        timeField: values['time-field'],
        latency: values.latency,
        jobId: values['job-id'],
        modelPlot: values.report !== undefined,
      });
      for (const n of spec.notes) process.stderr.write(`${n}\n`);
      const year = values.year !== undefined ? Number(values.year) : undefined;
      if (year !== undefined && !Number.isInteger(year)) throw new AnalysisSpecError(`--year must be a whole number, not "${values.year}"`);
      const timeFormat = values['time-format'] ?? spec.config.data_description?.time_format;
      if (timeFormat !== undefined && timeFormat !== 'epoch' && timeFormat !== 'epoch_ms') {
        throw new AnalysisSpecError(`--time-format must be epoch or epoch_ms, not "${timeFormat}" (text times are recognised by themselves)`);
      }
      const summary = await runAnalysis({
        inputs,
        spec,
        reader: { format: values.format, timeField: values['time-field'], timeFormat, timezone: values.timezone, year },
        out: values.out,
        report: values.report,
        top,
        progress: values['no-progress'] ? false : undefined,
      });
      for (const n of summary.notes.slice(spec.notes.length)) process.stderr.write(`${n}\n`);
      process.stderr.write(formatRunSummary(summary) + '\n');
      process.stdout.write(formatAnomalyTable(summary.top, { minScore }) + '\n');
      if (values.out) process.stderr.write(`results: ${values.out}\n`);
      if (values.report) process.stderr.write(`report: ${values.report}\n`);
      return 0;
    } catch (e) {
      process.stderr.write(`vigil analyze: ${(e as Error).message}\n`);
      return 1;
    }
  },
};
