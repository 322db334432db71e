/**
 * bench:security on the real labelled captures in ../shared/datasets: the brief's flow pipelines on the
 * Stratosphere Zeek conn logs (host-level precision and recall per conventions §9: NjRAT capture 001
 * for the infected host, the mixed days for the Internet scanners) and on the CTU binetflow files
 * (test5-mixed is labelled per flow; test2-malicious has one known infected host; the Normal captures
 * only false alarms), and the IDS pipeline on the Suricata eve.json (no labels: counts and top records).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { flaggedHosts, hostScores, maliciousSources, type HostScores, type LabelledFlow, type SecurityRecord } from '../evaluation/security';
import { BadRecordLog } from '../engine/types';
import { openRecords } from '../readers';
import type { PipelineName } from '../simulator/labels';
import { sharedPath } from '../support/sharedData';
import { emit, fmt, fmtP, readRecordResults, runPipeline, say } from './securityShared';
import { CRITICAL_SCORE, MAJOR_SCORE } from '../evaluation/security/severityPerDay';
import { alertScore } from '../evaluation/simulator/incidentScoring';

const BENCH = 'security';
const FLOW_PIPELINES: PipelineName[] = ['rare_outbound', 'exfiltration'];

interface Capture {
  name: string;
  file: string[];
  /** How a flow is malicious: a field and a test of its value; or a fixed set of known infected sources. */
  malicious?: (fields: Record<string, unknown>) => boolean;
  known?: string[];
  /** What precision/recall mean on this capture. */
  positivesAre: string;
}

const CAPTURES: Capture[] = [
  { name: 'zeek-001-njrat', file: ['stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log'], malicious: (f) => f.label === 'Malicious', positivesAre: 'the NjRAT-infected host' },
  { name: 'zeek-008-mixed', file: ['stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled'], malicious: (f) => f.label === 'Malicious', positivesAre: 'Internet scanners (the monitored host is benign)' },
  { name: 'zeek-010-mixed', file: ['stratosphere-zeek', '010-zeek-mixed', 'conn.log.labeled'], malicious: (f) => f.label === 'Malicious', positivesAre: 'Internet scanners (the monitored host is benign)' },
  { name: 'zeek-012-mixed', file: ['stratosphere-zeek', '012-zeek-mixed', 'conn.log.labeled'], malicious: (f) => f.label === 'Malicious', positivesAre: 'Internet scanners (the monitored host is benign)' },
  { name: 'ctu-test5-mixed', file: ['ctu-binetflow', 'test5-mixed.binetflow'], malicious: (f) => typeof f.Label === 'string' && /Malware|Botnet/i.test(f.Label), positivesAre: 'sources of flow=Malware-* flows' },
  { name: 'ctu-test2-malicious', file: ['ctu-binetflow', 'test2-malicious.binetflow'], known: ['10.8.0.69'], positivesAre: 'the infected host named in the README (no per-flow labels)' },
  { name: 'ctu-normal-7', file: ['ctu-binetflow', 'CTU-Normal-7-2013-13-07.binetflow'], known: [], positivesAre: 'none (normal capture: only false alarms)' },
  { name: 'ctu-normal-2013-10-21', file: ['ctu-binetflow', '2013-10-21_capture-1.binetflow'], known: [], positivesAre: 'none (normal capture: only false alarms)' },
];

/** Every source of the capture, and those with a malicious flow. */
async function labelledSources(file: string, c: Capture): Promise<{ sources: Set<string>; positives: Set<string> }> {
  const sources = new Set<string>();
  const flows: LabelledFlow[] = [];
  for await (const { record } of openRecords(file, { badRecords: new BadRecordLog() })) {
    const src = record.fields.src;
    if (typeof src !== 'string') continue;
    sources.add(src);
    if (c.malicious) flows.push({ source: src, malicious: c.malicious(record.fields) });
  }
  return { sources, positives: c.malicious ? maliciousSources(flows) : new Set(c.known) };
}

function counts(records: SecurityRecord[]): { critical: number; major: number } {
  return { critical: records.filter((r) => alertScore(r) >= CRITICAL_SCORE).length, major: records.filter((r) => alertScore(r) >= MAJOR_SCORE).length };
}

function top(records: SecurityRecord[], n: number): string {
  return [...records]
    .sort((a, b) => alertScore(b) - alertScore(a))
    .slice(0, n)
    .map((r) => `${fmt(alertScore(r), 1)} ${r.function} ${[r.partition_field_value, r.over_field_value, r.by_field_value].filter((v) => v !== undefined).join(' / ')} p=${fmtP(r.probability)}`)
    .join('; ');
}

function scoreLine(s: HostScores): string {
  return `precision ${fmt(s.precision)} recall ${fmt(s.recall)} (${s.truePositives} of ${s.positives} positives, ${s.flagged} flagged${s.falsePositiveHosts.length ? `; false: ${s.falsePositiveHosts.slice(0, 3).join(', ')}` : ''})`;
}

/** Names accepted by benchCapture: the flow captures, and `suricata-eve`. */
export const CAPTURE_NAMES = [...CAPTURES.map((c) => c.name), 'suricata-eve'];

/** Runs the brief's pipelines on one capture (by name) and prints its JSON lines and summary. */
export async function benchCapture(name: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-security-real-'));
  try {
    if (name === 'suricata-eve') await eveCapture(dir);
    else {
      const c = CAPTURES.find((x) => x.name === name);
      if (!c) throw new Error(`unknown capture "${name}" (known: ${CAPTURE_NAMES.join(', ')})`);
      await flowCapture(c, dir);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function flowCapture(c: Capture, dir: string): Promise<void> {
  const file = sharedPath('datasets', ...c.file);
  const { sources, positives } = await labelledSources(file, c);
  say(`${c.name}: ${sources.size} sources, positives = ${c.positivesAre}: ${positives.size}`);
  const union = new Set<string>();
  for (const name of FLOW_PIPELINES) {
    const out = path.join(dir, `${c.name}-${name}.ndjson`);
    const run = await runPipeline(name, [file], out, `${c.name}-${name}`);
    const records = await readRecordResults(out);
    const flagged = flaggedHosts(records, sources);
    flagged.forEach((h) => union.add(h));
    const s = hostScores(positives, flagged);
    const n = counts(records);
    const extra = { dataset: c.name, pipeline: name };
    emit(BENCH, 'critical_records', n.critical, 'records', { ...extra, buckets: run.summary.stats.bucket_count });
    emit(BENCH, 'major_records', n.major, 'records', extra);
    if (s.precision !== null) emit(BENCH, 'host_precision', s.precision, 'ratio', { ...extra, flagged: s.flagged, true_positives: s.truePositives });
    if (s.recall !== null) emit(BENCH, 'host_recall', s.recall, 'ratio', { ...extra, positives: s.positives, true_positives: s.truePositives });
    emit(BENCH, 'hosts_flagged', s.flagged, 'hosts', extra);
    say(`  ${name.padEnd(13)} ${run.summary.recordsMatched}/${run.summary.recordsRead} flows analysed, ${run.summary.stats.bucket_count} buckets; critical ${n.critical}, major ${n.major}; ${scoreLine(s)}`);
    if (records.length > 0) say(`    top: ${top(records, 3)}`);
  }
  const any = hostScores(positives, union);
  if (any.precision !== null) emit(BENCH, 'host_precision', any.precision, 'ratio', { dataset: c.name, pipeline: 'any', flagged: any.flagged });
  if (any.recall !== null) emit(BENCH, 'host_recall', any.recall, 'ratio', { dataset: c.name, pipeline: 'any', positives: any.positives });
  say(`  ${'any'.padEnd(13)} ${scoreLine(any)}`);
}

async function eveCapture(dir: string): Promise<void> {
  const eve = sharedPath('datasets', 'stratosphere-suricata', 'eve.json');
  const out = path.join(dir, 'eve-ids.ndjson');
  const run = await runPipeline('ids', [eve], out, 'eve-ids');
  const records = await readRecordResults(out);
  const n = counts(records);
  emit(BENCH, 'critical_records', n.critical, 'records', { dataset: 'suricata-eve', pipeline: 'ids', buckets: run.summary.stats.bucket_count });
  emit(BENCH, 'major_records', n.major, 'records', { dataset: 'suricata-eve', pipeline: 'ids' });
  say(`suricata-eve (no labels; 489 alerts, all inbound to 192.168.1.129): ids ${run.summary.recordsRead} events, ${run.summary.stats.bucket_count} buckets; critical ${n.critical}, major ${n.major}`);
  if (records.length > 0) say(`  top: ${top(records, 5)}`);
}
