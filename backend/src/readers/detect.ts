import * as path from 'path';
import { guessDelimiter, splitDelimited } from './delimited';
import { firstLines } from './lineStream';
import { FORMAT_NAMES, type FormatName } from './types';

const ALIASES: Record<string, FormatName> = {
  json: 'ndjson', jsonl: 'ndjson', 'eve.json': 'eve', suricata: 'eve', 'fast.log': 'fastlog', fast: 'fastlog',
  snort: 'fastlog', argus: 'binetflow', 'conn.log': 'zeek', bro: 'zeek', tsv: 'csv', text: 'lines', line: 'lines',
};

/** The canonical format of a `--format` value (aliases such as `json`, `eve.json`, `fast.log` accepted). */
export function parseFormatName(name: string): FormatName {
  const lower = name.trim().toLowerCase();
  if ((FORMAT_NAMES as readonly string[]).includes(lower)) return lower as FormatName;
  const alias = ALIASES[lower];
  if (alias) return alias;
  throw new Error(`unknown input format "${name}" (one of: ${FORMAT_NAMES.join(', ')})`);
}

/** Suricata's names: `eve.json`, `eve-2021-06-06.json`, `eve.1.json`, `suricata.eve.json`. */
const EVE_NAME = /^(?:eve(?:[-_.].*)?|.*[-_.]eve)\.json$/;
const FAST = /^\d\d\/\d\d(?:\/\d{2,4})?-\d\d:\d\d:\d\d(?:\.\d+)?\s+\[\*\*\]\s+\[\d+:\d+:\d+\]/;
const BGL = /^\S+ \d{9,10} \d{4}\.\d\d\.\d\d /;
const SYSLOG = [
  /^(?:<\d{1,3}>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)? \S+/,
  /^<\d{1,3}>1 \S+ \S+ \S+ \S+ \S+/,
  /^(?:<\d{1,3}>)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* \S+ \S+/,
];

/** True when at least half of `lines` (and the first) match `test`. */
function mostly(lines: string[], test: (line: string) => boolean): boolean {
  if (lines.length === 0 || !test(lines[0])) return false;
  return lines.filter(test).length * 2 >= lines.length;
}

function looksDelimited(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const delimiter = guessDelimiter(lines[0]);
  const columns = splitDelimited(lines[0], delimiter).fields.length;
  if (columns < 2) return false;
  const rows = lines.slice(1);
  return rows.filter((l) => splitDelimited(l, delimiter).fields.length === columns).length * 2 >= rows.length;
}

/**
 * The format of a file from its name and first lines. Content decides first (Zeek `#` header, JSON
 * objects, an Argus header, fast.log, BGL and syslog line shapes, a delimited header with rows of the
 * same width); the name decides when the content cannot (`.binetflow`, `eve*.json`, `.csv`,
 * `.json`/`.ndjson`/`.jsonl`); anything else is `lines`.
 */
export function detectFormat(fileName: string, sample: string[]): FormatName {
  const base = path.basename(fileName).toLowerCase().replace(/\.gz$/, '');
  const lines = sample.filter((l) => l.trim() !== '').slice(0, 20);
  const head = lines[0] ?? '';
  if (head.startsWith('#separator') || head.startsWith('#fields')) return 'zeek';
  if (head.startsWith('{')) {
    if (EVE_NAME.test(base)) return 'eve';
    if (/"event_type"\s*:/.test(head) && /"(?:src_ip|flow_id)"\s*:/.test(head)) return 'eve';
    if (/"rule"\s*:/.test(head) && /"(?:src_ap|src_addr|msg)"\s*:/.test(head)) return 'eve'; // Snort 3 alert_json
    return 'ndjson';
  }
  const delimiter = guessDelimiter(head);
  const header = splitDelimited(head, delimiter).fields.map((c) => c.trim());
  if (header.includes('StartTime') && (header.includes('SrcAddr') || header.includes('DstAddr'))) return 'binetflow';
  if (mostly(lines, (l) => FAST.test(l))) return 'fastlog';
  if (mostly(lines, (l) => BGL.test(l))) return 'bgl';
  if (mostly(lines, (l) => SYSLOG.some((re) => re.test(l)))) return 'syslog';
  if (base.endsWith('.binetflow')) return 'binetflow';
  if (EVE_NAME.test(base)) return 'eve';
  if (/\.(ndjson|jsonl|json)$/.test(base)) return 'ndjson';
  if (base.endsWith('.csv') || base.endsWith('.tsv') || looksDelimited(lines)) return 'csv';
  return 'lines';
}

/** The format of a file on disk, from its name and its first 20 lines. */
export async function detectFileFormat(file: string): Promise<FormatName> {
  return detectFormat(file, await firstLines(file, 20));
}
