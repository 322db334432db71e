/**
 * bench:security on the simulator: generates (or reuses from a cache folder) a seeded simulation,
 * runs the brief's three pipelines over it and scores the results against its labels: critical and
 * major records per day after day 5 (all, and on normal traffic = not explained by a label), each
 * incident critical in time or not and after how many buckets, benign fleet-wide events critical for
 * individual hosts. For every miss, the best record (detector, probability, actual, typical) is printed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { explainedByLabels, incidentReports, severityPerDay, topFalseAlarms, type IncidentReport, type RecordSummary } from '../evaluation/security';
import { scorePipeline } from '../evaluation/simulator/incidentScoring';
import { PIPELINES, type LabelsFile, type PipelineName } from '../simulator/labels';
import { FILE_NAMES, parseStartDate, simulate } from '../simulator/simulate';
import { BRIEF_PIPELINES, emit, fmt, fmtP, readRecordResults, runPipeline, say } from './securityShared';

export interface SimulatedOptions {
  seed: number;
  days: number;
  hosts: number;
  start: string;
  cacheDir: string;
  /** Regenerate the simulation even when the cache holds one with the same options. */
  fresh: boolean;
  pipelines: PipelineName[];
}

const BENCH = 'security';
const WARMUP_DAYS = 5;

async function ensureSimulation(o: SimulatedOptions): Promise<{ dir: string; labels: LabelsFile }> {
  const dir = path.join(o.cacheDir, `seed${o.seed}-hosts${o.hosts}-days${o.days}-${o.start}`);
  const labelsFile = path.join(dir, FILE_NAMES.labels);
  const complete = fs.existsSync(labelsFile) && fs.existsSync(path.join(dir, FILE_NAMES.flows)) && fs.existsSync(path.join(dir, FILE_NAMES.ids));
  if (!complete || o.fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    const t0 = process.hrtime.bigint();
    const s = await simulate({ seed: o.seed, days: o.days, hosts: o.hosts, start: o.start, outDir: dir });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    say(`simulated ${o.days} days x ${o.hosts} hosts (seed ${o.seed}): ${s.flows} flows, ${s.alerts} IDS alerts in ${seconds.toFixed(0)} s -> ${dir}`);
    emit(BENCH, 'simulate_seconds', seconds, 's', { dataset: 'simulated', days: o.days, hosts: o.hosts, flows: s.flows, alerts: s.alerts });
  } else {
    say(`reusing the simulation in ${dir} (--fresh to regenerate)`);
  }
  return { dir, labels: JSON.parse(fs.readFileSync(labelsFile, 'utf8')) as LabelsFile };
}

function describe(r: RecordSummary | null): string {
  if (r === null) return 'no record naming the entity';
  const at = [r.partition, r.over, r.by].filter((v) => v !== undefined).join(' / ');
  return `best ${fmt(r.score, 1)} at +${r.bucketsAfterStart} buckets (${r.function ?? '?'}#${r.detector_index ?? '?'} ${at}, p=${fmtP(r.probability)}, actual ${JSON.stringify(r.actual)}, typical ${JSON.stringify(r.typical?.map((t) => Number(t.toPrecision(4))))})`;
}

function incidentLine(p: PipelineName, r: IncidentReport): string {
  const when = r.firstCriticalAfter === null ? 'never critical' : `critical after ${r.firstCriticalAfter} buckets`;
  const detail = r.ok ? '' : `; in window: ${describe(r.bestInWindow)}; overall: ${describe(r.bestOverall)}`;
  return `  ${r.ok ? 'ok  ' : 'MISS'} ${p.padEnd(13)} ${r.id.padEnd(38)} ${when} (target ${r.withinBuckets})${detail}`;
}

export async function benchSimulated(o: SimulatedOptions): Promise<void> {
  const { dir, labels } = await ensureSimulation(o);
  const startMs = parseStartDate(o.start);
  const scale = { dataset: 'simulated', days: o.days, hosts: o.hosts, seed: o.seed };
  say(`\n== simulated: ${o.days} days, ${o.hosts} hosts; counts are per day after day ${WARMUP_DAYS}`);
  for (const name of o.pipelines) {
    const input = path.join(dir, PIPELINES[name].stream === 'flows' ? FILE_NAMES.flows : FILE_NAMES.ids);
    const out = path.join(dir, `results-${name}.ndjson`);
    const run = await runPipeline(name, [input], out, `sim-${name}`);
    const records = await readRecordResults(out);
    const extra = { ...scale, pipeline: name };
    const rate = run.summary.recordsRead / run.seconds;
    emit(BENCH, 'analyse_seconds', run.seconds, 's', { ...extra, events: run.summary.recordsRead, analysed: run.summary.recordsMatched });
    emit(BENCH, 'events_per_second', rate, 'events/s', extra);

    const all = severityPerDay(records, startMs, o.days, WARMUP_DAYS);
    const explained = explainedByLabels(labels.labels, name);
    const normal = severityPerDay(records, startMs, o.days, WARMUP_DAYS, explained);
    emit(BENCH, 'critical_per_day', all.criticalPerDay, 'records/day', { ...extra, days_counted: all.days.length });
    emit(BENCH, 'major_per_day', all.majorPerDay, 'records/day', { ...extra, days_counted: all.days.length, note: 'score >= 50, criticals included' });
    emit(BENCH, 'normal_traffic_critical_per_day', normal.criticalPerDay, 'records/day', { ...extra, max_in_a_day: normal.maxCriticalInADay, target: 2 });
    emit(BENCH, 'normal_traffic_major_per_day', normal.majorPerDay, 'records/day', extra);

    const reports = incidentReports(labels.labels, name, records);
    for (const r of reports) {
      emit(BENCH, 'incident_critical_in_time', r.ok ? 1 : 0, 'bool', { ...extra, incident: r.id, first_critical_after_buckets: r.firstCriticalAfter, target_buckets: r.withinBuckets, best_score_in_window: r.bestInWindow?.score ?? 0 });
    }
    const scored = scorePipeline(labels.labels, name, records, o.days);
    const benign = scored.outcomes.filter((b) => b.class === 'benign');
    for (const b of benign) emit(BENCH, 'benign_event_hosts_critical', b.flaggedHosts?.length ?? 0, 'hosts', { ...extra, event: b.id, best_score: b.bestScore, target: 0 });

    say(`${name}: ${BRIEF_PIPELINES[name]}`);
    say(`  ${run.summary.recordsRead} events (${run.summary.recordsMatched} analysed) in ${run.seconds.toFixed(0)} s = ${rate.toFixed(0)} events/s; ${records.length} records written`);
    say(`  per day after day ${WARMUP_DAYS}: critical ${fmt(all.criticalPerDay)}, major ${fmt(all.majorPerDay)}; on normal traffic critical ${fmt(normal.criticalPerDay)} (worst day ${normal.maxCriticalInADay}; target <= 2), major ${fmt(normal.majorPerDay)}`);
    say(`  critical by day: ${all.days.map((d) => `${d.date.slice(5)} ${d.critical}`).join(', ')}`);
    for (const r of reports) say(incidentLine(name, r));
    for (const b of benign) say(`  ${b.ok ? 'ok  ' : 'MISS'} ${name.padEnd(13)} ${b.id.padEnd(38)} hosts critical: ${b.flaggedHosts?.length ?? 0} (target 0), best score ${fmt(b.bestScore, 1)}${b.flaggedHosts?.length ? ` e.g. ${b.flaggedHosts.slice(0, 3).join(', ')}` : ''}`);
    const fa = topFalseAlarms(records, explained, startMs + WARMUP_DAYS * 86_400_000, 5);
    if (fa.length > 0) say(`  top unexplained criticals: ${fa.map((g) => `${g.function} ${g.entity} x${g.count} (max ${fmt(g.maxScore, 1)}, p=${fmtP(g.minProbability)})`).join('; ')}`);
  }
}
