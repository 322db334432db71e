/**
 * Reads the NAB corpus from the shared data folder (an adapter: file I/O, outside the engine).
 * Windows are converted from label timestamps to row indices by their first 19 characters.
 */
import * as fs from 'fs';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import type { NabFile, NabProfiles, NabRow } from './types';

const NAB_DIR = ['datasets', 'nab'];

/** Parses a NAB CSV (`timestamp,value`); throws naming file, line and field on bad input. */
export function parseNabCsv(text: string, fileLabel: string): NabRow[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== 'timestamp,value') throw new Error(`${fileLabel}:1: expected header "timestamp,value", found "${lines[0]}"`);
  const rows: NabRow[] = [];
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln];
    if (line.trim() === '') continue;
    const comma = line.indexOf(',');
    const timestamp = comma < 0 ? line : line.slice(0, comma);
    const raw = comma < 0 ? '' : line.slice(comma + 1);
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(timestamp)) throw new Error(`${fileLabel}:${ln + 1}: field timestamp: "${timestamp}" is not YYYY-MM-DD HH:MM:SS`);
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`${fileLabel}:${ln + 1}: field value: "${raw}" is not a number`);
    rows.push({ timestamp, value });
  }
  return rows;
}

/** Converts label windows (`"2014-04-10 07:15:00.000000"`) to inclusive row indices. */
export function windowsToRows(name: string, rows: readonly NabRow[], windows: ReadonlyArray<readonly [string, string]>): Array<[number, number]> {
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = r.timestamp.slice(0, 19);
    if (!index.has(key)) index.set(key, i);
  });
  const find = (ts: string): number => {
    const i = index.get(ts.slice(0, 19));
    if (i === undefined) throw new Error(`${name}: window timestamp ${ts} matches no data row`);
    return i;
  };
  return windows.map(([s, e]) => [find(s), find(e)]);
}

/** Loads NAB profiles from `config/profiles.json`. */
export function loadNabProfiles(): NabProfiles {
  const file = sharedPath(...NAB_DIR, 'config', 'profiles.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { CostMatrix: { tpWeight: number; fpWeight: number; fnWeight: number } }>;
  const out: NabProfiles = {};
  for (const [name, p] of Object.entries(json)) {
    const { tpWeight, fpWeight, fnWeight } = p.CostMatrix;
    out[name] = { tpWeight, fpWeight, fnWeight };
  }
  return out;
}

/** Loads every file listed in `labels/combined_windows.json`, in sorted name order. */
export function loadNabCorpus(): NabFile[] {
  const labels = JSON.parse(fs.readFileSync(sharedPath(...NAB_DIR, 'labels', 'combined_windows.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  return Object.keys(labels)
    .sort()
    .map((name) => {
      const file = sharedPath(...NAB_DIR, 'data', ...name.split('/'));
      const rows = parseNabCsv(fs.readFileSync(file, 'utf8'), path.posix.join('nab/data', name));
      return { name, rows, windows: windowsToRows(name, rows, labels[name]) };
    });
}

/** A NAB timestamp (`YYYY-MM-DD HH:MM:SS`, UTC) as epoch milliseconds. */
export function nabTimestampMs(timestamp: string): number {
  return Date.parse(timestamp.replace(' ', 'T') + 'Z');
}
