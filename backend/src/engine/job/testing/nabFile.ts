/**
 * Test helper: a NAB csv file (timestamp,value) as event records, read with a tiny inline parser.
 */
import * as fs from 'fs';
import { sharedPath } from '../../../support/sharedData';
import type { EventRecord } from '../../types';

export function nabRecords(relative: string): EventRecord[] {
  const text = fs.readFileSync(sharedPath('datasets', 'nab', 'data', relative), 'utf8');
  const out: EventRecord[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [ts, v] = line.split(',');
    out.push({ time: Date.parse(ts.replace(' ', 'T') + 'Z'), fields: { value: Number(v) } });
  }
  return out;
}
