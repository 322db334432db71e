/** Reads a simulation's output folder back (for tests and checks): records, inventory, labels. */
import * as fs from 'fs';
import * as path from 'path';
import type { LabelsFile } from './labels';
import { FILE_NAMES } from './simulate';

export interface SimRecord {
  '@timestamp': string;
  t: number;
  src: string;
  dest: string;
  dest_port: number;
  protocol: string;
  src_app_bytes?: number;
  dest_app_bytes?: number;
  app_byte_ratio?: number | null;
  signature_name?: string;
  category?: string;
  sourcetype: string;
  index?: string;
}

export interface SimOutput {
  flows: SimRecord[];
  alerts: SimRecord[];
  hosts: Array<{ ip: string; name: string; role: string }>;
  labels: LabelsFile;
}

function readNdjson<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON`);
      }
    });
}

export function readSimulation(dir: string): SimOutput {
  const withTime = (r: SimRecord): SimRecord => ({ ...r, t: Date.parse(r['@timestamp']) });
  return {
    flows: readNdjson<SimRecord>(path.join(dir, FILE_NAMES.flows)).map(withTime),
    alerts: readNdjson<SimRecord>(path.join(dir, FILE_NAMES.ids)).map(withTime),
    hosts: readNdjson(path.join(dir, FILE_NAMES.hosts)),
    labels: JSON.parse(fs.readFileSync(path.join(dir, FILE_NAMES.labels), 'utf8')) as LabelsFile,
  };
}

/** app_byte_ratio as the flow readers derive it; null when both sides are 0. */
export function appByteRatio(r: SimRecord): number | null {
  const s = r.src_app_bytes ?? 0;
  const d = r.dest_app_bytes ?? 0;
  return s + d === 0 ? null : (s - d) / (s + d);
}

export function median(values: number[]): number {
  const v = values.slice().sort((a, b) => a - b);
  return v.length === 0 ? NaN : v[Math.floor(v.length / 2)];
}
