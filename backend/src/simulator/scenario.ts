/**
 * The scenario of a run: when and on which hosts the incidents and benign fleet-wide events
 * happen. Incidents start after a warm-up (3 days, or 40% of a shorter run) so models have a
 * baseline, one slot each, interleaving kinds; laptop incidents happen in working hours.
 */
import { incidentExternalAddress } from './addresses';
import { fleetNewSignature, patchDay } from './benignEvents';
import type { Fleet, Host } from './fleet';
import { exfiltration, firstFtpUpload, lateralMovement, newSignatureForKind, reconBurst, slowExfiltration, type ScenarioActor } from './incidents';
import { PIPELINES, type IncidentKind, type PipelineName, type ScenarioLabel } from './labels';
import { Random } from './random';
import { DAY_MS, HOUR_MS, dayOfWeek } from './rhythm';
import { FLEET_RULE_UPDATE_SIGNATURE, signaturesOf, type Signature } from './signatures';

const MINUTE = 60_000;
export const INCIDENT_ORDER: readonly IncidentKind[] = ['exfiltration', 'first_ftp_upload', 'new_signature_for_kind', 'recon_burst', 'lateral_movement', 'slow_exfiltration'];
const LATERAL_PORTS = [445, 3389, 5985, 22, 135];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function baseLabel(id: string, cls: 'incident' | 'benign', kind: ScenarioLabel['kind'], pipeline: PipelineName, detector: string, description: string, start: number, end: number): ScenarioLabel {
  return {
    id, class: cls, kind, description, start: iso(start), end: iso(end), start_ms: start, end_ms: end, pipeline, detector, stream: PIPELINES[pipeline].stream,
    expect: cls === 'incident' ? 'critical' : 'not_flagged_per_host', events: 0,
  };
}

/** Hands out hosts of given roles, each once, in a seeded order (cycling when they run out). */
class HostPicker {
  private readonly queues = new Map<string, Host[]>();
  private readonly used = new Map<string, number>();
  constructor(private readonly fleet: Fleet, private readonly rng: Random) {}
  next(roles: Array<Host['role']>): Host {
    const key = roles.join('+');
    if (!this.queues.has(key)) this.queues.set(key, this.rng.shuffled(roles.flatMap((r) => this.fleet.byRole[r])));
    const q = this.queues.get(key)!;
    const i = this.used.get(key) ?? 0;
    this.used.set(key, i + 1);
    return q[i % q.length];
  }
}

/** The laptop-only signature the fewest laptops fire (but at least one): new to a server's kind. */
export function signatureNewToServers(fleet: Fleet): Signature {
  const counts = new Map<Signature, number>();
  for (const h of fleet.byRole.laptop) for (const s of h.alerts.signatures) counts.set(s, (counts.get(s) ?? 0) + 1);
  const used = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].id - b[0].id);
  if (used.length === 0) throw new Error('no laptop signature in use');
  return used[0][0];
}

/** One signature per category among the incident-only signatures. */
export function reconSignatures(): Signature[] {
  const byCategory = new Map<string, Signature>();
  for (const s of signaturesOf('incident')) if (!byCategory.has(s.category)) byCategory.set(s.category, s);
  return [...byCategory.values()];
}

interface Window {
  start: number;
  end: number;
}

export function planScenario(fleet: Fleet, seed: number, startMs: number, days: number): ScenarioActor[] {
  const rng = Random.for(seed, 'plan', fleet.hosts.length, days);
  const spanEnd = startMs + days * DAY_MS;
  const warmup = Math.min(3 * DAY_MS, 0.4 * days * DAY_MS);
  const rounds = Math.max(1, Math.floor(days / 7));
  const slots = rounds * INCIDENT_ORDER.length;
  const slotLen = (spanEnd - startMs - warmup) / slots;
  const picker = new HostPicker(fleet, rng);
  const actors: ScenarioActor[] = [];

  const windowIn = (slot: number, minutes: number, workingHours: boolean): Window => {
    const slotStart = startMs + warmup + slot * slotLen;
    const duration = Math.min(minutes * MINUTE, 0.8 * slotLen);
    let start = slotStart + (0.05 + 0.1 * rng.uniform()) * slotLen;
    if (workingHours && slotLen >= DAY_MS / 2) {
      const day = Math.floor(start / DAY_MS) * DAY_MS;
      const snapped = day + (9 + 5 * rng.uniform()) * HOUR_MS;
      const candidate = snapped < slotStart ? snapped + DAY_MS : snapped;
      if (candidate + duration <= slotStart + slotLen) start = candidate;
    }
    start = Math.floor(start / MINUTE) * MINUTE + rng.int(60) * 1000;
    return { start, end: Math.min(spanEnd, start + duration) };
  };

  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (const kind of INCIDENT_ORDER) {
      const slot = round * INCIDENT_ORDER.length + INCIDENT_ORDER.indexOf(kind);
      const id = `incident-${String(++n).padStart(2, '0')}-${kind}`;
      actors.push(incident(kind, id, slot));
    }
  }
  actors.push(...benign());
  return actors;

  function incident(kind: IncidentKind, id: string, slot: number): ScenarioActor {
    switch (kind) {
      case 'exfiltration': {
        const w = windowIn(slot, rng.between(35, 50), true);
        const host = picker.next(['laptop']);
        const s = host.services[0];
        const label = flowLabel(id, kind, 'exfiltration', `${host.name} (a data consumer) uploads tens of MB per flow to ${s.dests[0]}:${s.port}, a destination it normally downloads from`, w, host, s.dests[0], s.port, 'sudden');
        return exfiltration(label, host, s);
      }
      case 'slow_exfiltration': {
        const w = windowIn(slot, rng.between(240, 300), true);
        const host = picker.next(['laptop']);
        const s = host.services[Math.min(1, host.services.length - 1)];
        const label = flowLabel(id, kind, 'exfiltration', `${host.name} uploads a few MB per flow to ${s.dests[0]}:${s.port} for hours, ramping up over the first hour`, w, host, s.dests[0], s.port, 'slow');
        return slowExfiltration(label, host, s);
      }
      case 'first_ftp_upload': {
        const w = windowIn(slot, rng.between(15, 25), false);
        const host = picker.next(['batch', 'database']);
        const dest = incidentExternalAddress(n);
        const label = flowLabel(id, kind, 'rare_outbound', `${host.name} FTPs large files to ${dest}:21, its first FTP connection ever`, w, host, dest, 21, 'sudden');
        return firstFtpUpload(label, host, dest);
      }
      case 'new_signature_for_kind': {
        const w = windowIn(slot, rng.between(10, 20), false);
        const host = picker.next(['database', 'batch']);
        const sig = signatureNewToServers(fleet);
        const dest = fleet.pools.browsing[rng.int(fleet.pools.browsing.length)];
        const label = baseLabel(id, 'incident', kind, 'ids', 'population_rare(signature_name) by src', `${host.name} (${host.role}) fires "${sig.name}", a signature only laptops fire in this fleet`, w.start, w.end);
        Object.assign(label, hostFields(host), { dest, dest_port: sig.ports[0], protocol: sig.protocol, signature_name: sig.name, category: sig.category, speed: 'sudden', detect_within_buckets: 2 });
        label.entity = { over_field_value: host.ip, by_field_value: sig.name };
        label.entity_key = `signature_name=${sig.name},src=${host.ip}`;
        return newSignatureForKind(label, host, sig, dest);
      }
      case 'recon_burst': {
        const w = windowIn(slot, 10, true);
        const host = picker.next(['laptop']);
        const sigs = reconSignatures();
        const label = baseLabel(id, 'incident', kind, 'ids', 'population_distinct_count(category) by src', `${host.name} triggers alerts of ${sigs.length} categories against internal hosts within ten minutes`, w.start, w.end);
        Object.assign(label, hostFields(host), { categories: sigs.map((s) => s.category), speed: 'sudden', detect_within_buckets: 2 });
        label.entity = { over_field_value: host.ip };
        label.entity_key = `src=${host.ip}`;
        return reconBurst(label, host, fleet, sigs);
      }
      case 'lateral_movement': {
        const w = windowIn(slot, rng.between(40, 60), true);
        const host = picker.next(['laptop']);
        const servers = rng.shuffled([...fleet.byRole.web, ...fleet.byRole.database, ...fleet.byRole.batch]).filter((h) => !host.alerts.internalDests.includes(h.ip));
        const pairs = rng.shuffled(servers.flatMap((h) => LATERAL_PORTS.map((port) => ({ dest: h.ip, port })))).slice(0, 50);
        const label = baseLabel(id, 'incident', kind, 'ids', 'population_rare_count(dest:protocol:port) by src', `${host.name} reaches ${pairs.length} internal dest:port pairs (SMB, RDP, WinRM, SSH, RPC) it never reached before`, w.start, w.end);
        Object.assign(label, hostFields(host), { dest_ports: pairs.map((p) => `${p.dest}:${p.port}`), speed: 'sudden', detect_within_buckets: 2 });
        label.entity = { over_field_value: host.ip };
        return lateralMovement(label, host, pairs);
      }
    }
  }

  function benign(): ScenarioActor[] {
    const rest = spanEnd - startMs - warmup;
    // Patch day: the first Tuesday after the warm-up, 10:00-14:00 UTC; mid-way when none fits.
    let patchStart = Math.floor((startMs + warmup) / DAY_MS) * DAY_MS + 10 * HOUR_MS;
    while (dayOfWeek(patchStart) !== 2 || patchStart < startMs + warmup) patchStart += DAY_MS;
    if (patchStart + 4 * HOUR_MS > spanEnd) {
      const mid = startMs + warmup + 0.45 * rest;
      const morning = Math.floor(mid / DAY_MS) * DAY_MS + 10 * HOUR_MS;
      patchStart = morning >= startMs + warmup && morning + 4 * HOUR_MS <= spanEnd ? morning : Math.floor(mid / HOUR_MS) * HOUR_MS;
    }
    const patchEnd = Math.min(spanEnd, patchStart + 4 * HOUR_MS);
    const updates = [...new Set(fleet.hosts.map((h) => h.updateService.dests[0]))].sort();
    const patch = baseLabel('benign-01-patch_day', 'benign', 'patch_day', 'exfiltration', 'app_byte_ratio by dp partitionfield=src', `patch day: all ${fleet.hosts.length} hosts download large updates from the update servers they check daily`, patchStart, patchEnd);
    Object.assign(patch, { also_pipelines: ['rare_outbound'], hosts: fleet.hosts.length, dests: updates, dest_port: 443, protocol: 'tcp' });

    const ruleStart = Math.floor((startMs + warmup + 0.7 * rest) / HOUR_MS) * HOUR_MS;
    const sig = FLEET_RULE_UPDATE_SIGNATURE;
    const rule = baseLabel('benign-02-fleet_new_signature', 'benign', 'fleet_new_signature', 'ids', 'population_rare(signature_name) by src', `IDS rule update: "${sig.name}" starts firing on every host within an hour`, ruleStart, spanEnd);
    Object.assign(rule, { hosts: fleet.hosts.length, signature_name: sig.name, category: sig.category });
    return [patchDay(patch, fleet, seed), fleetNewSignature(rule, fleet, seed, sig)];
  }
}

function hostFields(host: Host): Partial<ScenarioLabel> {
  return { src: host.ip, host: host.name, role: host.role };
}

function flowLabel(id: string, kind: IncidentKind, pipeline: PipelineName, description: string, w: Window, host: Host, dest: string, port: number, speed: 'sudden' | 'slow'): ScenarioLabel {
  const detector = pipeline === 'exfiltration' ? 'app_byte_ratio by dp partitionfield=src' : 'rare(dp) by src';
  const label = baseLabel(id, 'incident', kind, pipeline, detector, description, w.start, w.end);
  const dp = `${dest}:${port}`;
  Object.assign(label, hostFields(host), { dest, dest_port: port, protocol: 'tcp', dp, speed, detect_within_buckets: speed === 'slow' ? 12 : 2 });
  label.entity = { partition_field_value: host.ip, by_field_value: dp };
  label.entity_key = `dp=${dp},src=${host.ip}`;
  return label;
}
