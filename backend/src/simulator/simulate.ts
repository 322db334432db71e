/**
 * `vigil simulate`: writes a seeded, deterministic enterprise as NDJSON streams, time slice by
 * time slice (5 minutes), so memory stays bounded whatever the span:
 *   flows.ndjson  netflow records  (`@timestamp`, src, dest, dest_port, protocol, src/dest_app_bytes, app_byte_ratio)
 *   ids.ndjson    Snort alerts     (`@timestamp`, src, dest, dest_port, protocol, signature_name, category)
 *   hosts.ndjson  the inventory    (ip, name, role)
 *   labels.json   injected incidents and benign fleet-wide events (see labels.ts)
 * Same seed and options → byte-identical files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildFleet } from './fleet';
import { normalFlows } from './flowTraffic';
import { idsNoise } from './idsNoise';
import type { SliceSink } from './incidents';
import { BUCKET_SPAN_SECONDS, PIPELINES, type LabelsFile } from './labels';
import { NdjsonWriter } from './ndjsonWriter';
import { Random } from './random';
import { eventLine, sortEvents } from './records';
import { DAY_MS } from './rhythm';
import { planScenario } from './scenario';

export const SLICE_MS = BUCKET_SPAN_SECONDS * 1000;
/** Internal address blocks (10.1-10.3 servers, 10.20+ laptops) stay apart up to this fleet size. */
export const MAX_HOSTS = 100_000;

export interface SimulateOptions {
  seed: number;
  days: number;
  hosts: number;
  /** First day, `YYYY-MM-DD` (UTC midnight). */
  start: string;
  outDir: string;
  /** Which streams to write (both by default); labels and hosts are always written. */
  flows?: boolean;
  alerts?: boolean;
  onProgress?: (slicesDone: number, slicesTotal: number, flows: number, alerts: number) => void;
}

export interface DailyVolume {
  date: string;
  flows: number;
  alerts: number;
}

export interface SimulationSummary {
  seed: number;
  hosts: number;
  days: number;
  start: string;
  end: string;
  flows: number;
  alerts: number;
  flowBytes: number;
  alertBytes: number;
  daily: DailyVolume[];
  incidents: number;
  benignEvents: number;
  files: { flows: string; ids: string; hosts: string; labels: string };
}

export const FILE_NAMES = { flows: 'flows.ndjson', ids: 'ids.ndjson', hosts: 'hosts.ndjson', labels: 'labels.json' } as const;

export function parseStartDate(start: string): number {
  if (!/^\d{4}-\d\d-\d\d$/.test(start)) throw new Error(`--start must be a date YYYY-MM-DD, got "${start}"`);
  const ms = Date.parse(`${start}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`--start is not a valid date: "${start}"`);
  return ms;
}

export async function simulate(opts: SimulateOptions): Promise<SimulationSummary> {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new Error(`--days must be a whole number ≥ 1, got ${opts.days}`);
  if (!Number.isInteger(opts.hosts) || opts.hosts < 4 || opts.hosts > MAX_HOSTS) throw new Error(`--hosts must be a whole number in 4..${MAX_HOSTS}, got ${opts.hosts}`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new Error(`--seed must be a whole number in 0..4294967295, got ${opts.seed}`);
  const startMs = parseStartDate(opts.start);
  const endMs = startMs + opts.days * DAY_MS;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const file = (name: string): string => path.join(opts.outDir, name);

  const fleet = buildFleet(opts.seed, opts.hosts);
  const actors = planScenario(fleet, opts.seed, startMs, opts.days);
  const writeFlows = opts.flows !== false;
  const writeAlerts = opts.alerts !== false;

  const hostsOut = new NdjsonWriter(file(FILE_NAMES.hosts));
  for (const h of fleet.hosts) await hostsOut.write(`${JSON.stringify({ ip: h.ip, name: h.name, role: h.role })}\n`);
  await hostsOut.close();

  const flowsOut = new NdjsonWriter(file(FILE_NAMES.flows));
  const alertsOut = new NdjsonWriter(file(FILE_NAMES.ids));
  const daily: DailyVolume[] = [];
  const slices = opts.days * (DAY_MS / SLICE_MS);
  for (let k = 0; k < slices; k++) {
    const from = startMs + k * SLICE_MS;
    const to = from + SLICE_MS;
    const sink: SliceSink = { flows: [], alerts: [] };
    if (writeFlows) normalFlows(fleet, Random.for(opts.seed, 'flows', k), from, SLICE_MS, sink.flows);
    if (writeAlerts) idsNoise(fleet, Random.for(opts.seed, 'ids', k), from, SLICE_MS, sink.alerts);
    for (const a of actors) {
      const lo = Math.max(from, a.label.start_ms);
      const hi = Math.min(to, a.label.end_ms);
      if (lo < hi) a.emit(Random.for(opts.seed, a.label.id, k), lo, hi, sink);
    }
    if (k % (DAY_MS / SLICE_MS) === 0) daily.push({ date: new Date(from).toISOString().slice(0, 10), flows: 0, alerts: 0 });
    const today = daily[daily.length - 1];
    if (writeFlows) {
      for (const e of sortEvents(sink.flows)) if (flowsOut.add(eventLine(e))) await flowsOut.flush();
      today.flows += sink.flows.length;
    }
    if (writeAlerts) {
      for (const e of sortEvents(sink.alerts)) if (alertsOut.add(eventLine(e))) await alertsOut.flush();
      today.alerts += sink.alerts.length;
    }
    opts.onProgress?.(k + 1, slices, flowsOut.lines, alertsOut.lines);
  }
  await flowsOut.close();
  await alertsOut.close();

  const labels: LabelsFile = {
    generator: 'vigil simulate',
    seed: opts.seed,
    hosts: opts.hosts,
    days: opts.days,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    bucket_span: BUCKET_SPAN_SECONDS,
    files: { flows: FILE_NAMES.flows, ids: FILE_NAMES.ids, hosts: FILE_NAMES.hosts },
    pipelines: PIPELINES,
    labels: actors.map((a) => a.label),
  };
  fs.writeFileSync(file(FILE_NAMES.labels), `${JSON.stringify(labels, null, 2)}\n`);

  return {
    seed: opts.seed,
    hosts: opts.hosts,
    days: opts.days,
    start: labels.start,
    end: labels.end,
    flows: flowsOut.lines,
    alerts: alertsOut.lines,
    flowBytes: flowsOut.bytes,
    alertBytes: alertsOut.bytes,
    daily,
    incidents: actors.filter((a) => a.label.class === 'incident').length,
    benignEvents: actors.filter((a) => a.label.class === 'benign').length,
    files: { flows: file(FILE_NAMES.flows), ids: file(FILE_NAMES.ids), hosts: file(FILE_NAMES.hosts), labels: file(FILE_NAMES.labels) },
  };
}
