/**
 * Reads loghub's `<System>_2k.log_structured.csv` (from the shared folder; loghub data never enters
 * the repository): the `Content` column and its ground-truth `EventId`, in file order.
 */
import * as fs from 'fs';
import { sharedPath } from '../support/sharedData';

export const LOGHUB_SYSTEMS = ['HDFS', 'BGL', 'Linux', 'OpenSSH'] as const;

export interface StructuredLog {
  system: string;
  file: string;
  contents: string[];
  eventIds: string[];
}

/** Splits one CSV line (RFC 4180 quoting: `"a ""b"", c"`). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  let field = '';
  let quoted = false;
  while (i < line.length) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
    i++;
  }
  out.push(field);
  return out;
}

export function loghubStructuredPath(system: string): string {
  return sharedPath('datasets', 'loghub', system, `${system}_2k.log_structured.csv`);
}

export function readStructuredLog(system: string): StructuredLog {
  const file = loghubStructuredPath(system);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  const contentCol = header.indexOf('Content');
  const eventCol = header.indexOf('EventId');
  if (contentCol < 0 || eventCol < 0) throw new Error(`${file}:1: no Content or EventId column`);
  const contents: string[] = [];
  const eventIds: string[] = [];
  for (let k = 1; k < lines.length; k++) {
    const cells = splitCsvLine(lines[k]);
    if (cells.length !== header.length) throw new Error(`${file}:${k + 1}: ${cells.length} fields, expected ${header.length}`);
    contents.push(cells[contentCol]);
    eventIds.push(cells[eventCol]);
  }
  return { system, file, contents, eventIds };
}
