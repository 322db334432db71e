/**
 * `vigil categorize`: groups the messages of a file into categories. Writes one
 * `{"line", "category_id"}` object per input record, in input order, optionally the category
 * definitions, and prints a summary of the top categories.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../main';
import { Progress } from '../progress';
import { openRecords } from '../../readers';
import { BadRecordLog } from '../../engine/types';
import { PartitionedCategorizer } from '../../engine/categorization/partitionedCategorizer';
import { DEFAULT_MAX_CATEGORIES } from '../../engine/categorization/types';
import { formatCategorySummary } from './categorizeSummary';

const USAGE = `Usage: vigil categorize --input <file> --out <file.ndjson> [options]

Groups log messages into categories (online, in one pass) and writes one line per input record:
{"line": <1-based line; for CSV the record's ordinal after the header>, "category_id": <id or null>}

Options:
  --input <file>           the file to read (required)
  --out <file.ndjson>      where to write the per-record categories (required)
  --format <name>          lines | syslog | csv | ndjson | bgl | ... (default: detected)
  --field <name>           the field holding the message (default: message)
  --categories <file>      also write the category definitions (NDJSON, one per category)
  --partition-field <name> categorise each value of this field separately
  --filter <regex>         remove matches of this regular expression first (repeatable)
  --max-categories <n>     limit of categories per partition (default 10000)
  --year <yyyy>            year for syslog lines without one (default: the current UTC year)
  --timezone <zone>        zone of times written without one (default UTC)
  --top <n>                categories in the summary (default 10)
  --progress               draw a progress bar even when stderr is not a terminal`;

interface Options {
  input: string;
  out: string;
  format?: string;
  field: string;
  categories?: string;
  partitionField?: string;
  filters: string[];
  maxCategories?: number;
  year?: number;
  timezone?: string;
  top: number;
  progress: boolean;
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      field: { type: 'string' },
      categories: { type: 'string' },
      'partition-field': { type: 'string' },
      filter: { type: 'string', multiple: true },
      'max-categories': { type: 'string' },
      year: { type: 'string' },
      timezone: { type: 'string' },
      top: { type: 'string' },
      progress: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.input) throw new Error('--input <file> is required');
  if (!values.out) throw new Error('--out <file.ndjson> is required');
  return {
    input: values.input,
    out: values.out,
    format: values.format,
    field: values.field ?? 'message',
    categories: values.categories,
    partitionField: values['partition-field'],
    filters: values.filter ?? [],
    maxCategories: positiveInt('max-categories', values['max-categories']),
    year: positiveInt('year', values.year),
    timezone: values.timezone,
    top: positiveInt('top', values.top) ?? 10,
    progress: values.progress ?? false,
  };
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Rewrites the per-record file with merged ids replaced by the ids they joined (streaming). */
async function resolveMergedIds(file: string, categorizer: PartitionedCategorizer): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const out = fs.createWriteStream(tmp);
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const doc = JSON.parse(line) as { line: number; category_id: number | null };
    if (doc.category_id !== null) doc.category_id = categorizer.resolve(doc.category_id);
    if (!out.write(JSON.stringify(doc) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  fs.renameSync(tmp, file);
}

async function writeLines(file: string, docs: object[]): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const d of docs) if (!out.write(JSON.stringify(d) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function run(argv: string[]): Promise<number> {
  let opts: Options;
  let categorizer: PartitionedCategorizer;
  try {
    opts = parseOptions(argv);
    categorizer = new PartitionedCategorizer({ filters: opts.filters, maxCategories: opts.maxCategories }, opts.partitionField);
  } catch (err) {
    process.stderr.write(`vigil categorize: ${(err as Error).message}\n`);
    return 2;
  }
  const badRecords = new BadRecordLog();
  let stream;
  try {
    stream = openRecords(opts.input, { format: opts.format, year: opts.year, timezone: opts.timezone, badRecords, timeField: false });
  } catch (err) {
    process.stderr.write(`vigil categorize: ${(err as Error).message}\n`);
    return 1;
  }
  const out = fs.createWriteStream(opts.out);
  const progress = new Progress('categorize', stream.totalBytes, opts.progress ? { enabled: true } : {});
  let records = 0;
  let uncategorised = 0;
  try {
    for await (const { record, line, ordinal } of stream) {
      records++;
      const message = textOf(record.fields[opts.field]);
      let id: number | null = null;
      if (message === null) {
        badRecords.add({ file: opts.input, line, field: opts.field, reason: `no field "${opts.field}"` });
      } else {
        const partition = opts.partitionField === undefined ? undefined : textOf(record.fields[opts.partitionField]);
        id = categorizer.categorize(message, partition).categoryId;
      }
      if (id === null) uncategorised++;
      const doc = { line: ordinal ?? line, category_id: id };
      if (!out.write(JSON.stringify(doc) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      if ((records & 1023) === 0) progress.update(stream.bytesRead(), `${records} records, ${categorizer.categoryCount} categories`);
    }
  } catch (err) {
    process.stderr.write(`vigil categorize: ${(err as Error).message}\n`);
    out.destroy();
    return 1;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  progress.done(`${records} records`);
  const stats = categorizer.stats();
  if (categorizer.mergedCount > 0) await resolveMergedIds(opts.out, categorizer);
  if (opts.categories) await writeLines(opts.categories, categorizer.definitions());
  process.stdout.write(formatCategorySummary({ records, uncategorised, badRecords, stats, definitions: categorizer.definitions(), top: opts.top, format: stream.format ?? '?', maxCategories: opts.maxCategories ?? DEFAULT_MAX_CATEGORIES }));
  return 0;
}

export const command: CliCommand = {
  name: 'categorize',
  summary: 'group log messages into categories (mlcategory)',
  usage: USAGE,
  run,
};
