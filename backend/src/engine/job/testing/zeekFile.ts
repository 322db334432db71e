/**
 * Test helper: a Zeek conn.log as event records, read with a tiny inline parser
 * (`#fields` header, tab-separated, `-` = null, numeric columns as numbers, `ts` epoch seconds).
 */
import * as fs from 'fs';
import { sharedPath } from '../../../support/sharedData';
import type { EventRecord } from '../../types';

const NUMERIC = new Set(['ts', 'id.orig_p', 'id.resp_p', 'duration', 'orig_bytes', 'resp_bytes', 'missed_bytes',
  'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes']);

export function zeekRecords(...relative: string[]): EventRecord[] {
  const text = fs.readFileSync(sharedPath('datasets', 'stratosphere-zeek', ...relative), 'utf8');
  let names: string[] = [];
  const out: EventRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#fields')) { names = line.split('\t').slice(1); continue; }
    if (line.startsWith('#') || !line.trim()) continue;
    const cells = line.split('\t');
    const fields: EventRecord['fields'] = {};
    names.forEach((n, i) => {
      const c = cells[i];
      fields[n] = c === undefined || c === '-' ? null : NUMERIC.has(n) ? Number(c) : c;
    });
    out.push({ time: Math.round(Number(fields.ts) * 1000), fields });
  }
  return out;
}
