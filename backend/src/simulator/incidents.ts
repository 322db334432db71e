/**
 * Injected incidents: each is a label plus an emitter that adds its flows or alerts to every time
 * slice it overlaps. The first record of each incident is at its labelled start. Stateless per
 * slice, so a slice's output depends only on the seed and the slice.
 */
import type { Fleet, FlowService, Host } from './fleet';
import type { ScenarioLabel } from './labels';
import type { Random } from './random';
import { alertEvent, flowEvent, type SimEvent } from './records';
import { HOUR_MS } from './rhythm';
import { signaturesOf, type Signature } from './signatures';

export interface SliceSink {
  flows: SimEvent[];
  alerts: SimEvent[];
}

export interface ScenarioActor {
  label: ScenarioLabel;
  /** Adds the records of [from, to) (already clipped to the label's interval). */
  emit(rng: Random, from: number, to: number, sink: SliceSink): void;
}

const SLICE_MS = 300_000;

/** Random times in [from, to); the label's start itself when the interval begins there. */
function times(rng: Random, label: ScenarioLabel, from: number, to: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(from + Math.floor(rng.uniform() * (to - from)));
  if (from === label.start_ms) out[0] = from;
  return out;
}

/** Per-slice count, scaled to the part of a 5-minute slice that [from, to) covers (at least 1). */
function perSlice(rng: Random, from: number, to: number, lo: number, hi: number): number {
  return Math.max(1, Math.round((rng.between(lo, hi) * (to - from)) / SLICE_MS));
}

function push(label: ScenarioLabel, list: SimEvent[], e: SimEvent): void {
  list.push(e);
  label.events++;
}

/** A large upload to one of the host's habitual destinations (ratio flips from consumer to producer). */
export function exfiltration(label: ScenarioLabel, host: Host, s: FlowService): ScenarioActor {
  return {
    label,
    emit(rng, from, to, sink) {
      for (const t of times(rng, label, from, to, perSlice(rng, from, to, 3, 6))) {
        push(label, sink.flows, flowEvent(t, { src: host.ip, dest: s.dests[0], destPort: s.port, protocol: s.protocol, srcBytes: Math.round(rng.logNormal(60_000_000, 0.6)), destBytes: Math.round(rng.logNormal(30_000, 0.5)) }));
      }
    },
  };
}

/** Uploads over hours, ramping up over the first hour, to one of the host's habitual destinations. */
export function slowExfiltration(label: ScenarioLabel, host: Host, s: FlowService): ScenarioActor {
  return {
    label,
    emit(rng, from, to, sink) {
      const ramp = Math.min(1, (from - label.start_ms) / HOUR_MS);
      for (const t of times(rng, label, from, to, perSlice(rng, from, to, 1, 3))) {
        push(label, sink.flows, flowEvent(t, { src: host.ip, dest: s.dests[0], destPort: s.port, protocol: s.protocol, srcBytes: Math.round(rng.logNormal(4_000_000 * (0.3 + 0.7 * ramp), 0.4)), destBytes: Math.round(rng.logNormal(15_000, 0.4)) }));
      }
    },
  };
}

/** A host's first-ever FTP session: a control exchange, then large uploads to dest:21. */
export function firstFtpUpload(label: ScenarioLabel, host: Host, dest: string): ScenarioActor {
  return {
    label,
    emit(rng, from, to, sink) {
      const ts = times(rng, label, from, to, perSlice(rng, from, to, 2, 4));
      ts.forEach((t, k) => {
        const control = from === label.start_ms && k === 0;
        push(label, sink.flows, flowEvent(t, { src: host.ip, dest, destPort: 21, protocol: 'tcp', srcBytes: control ? 1_200 : Math.round(rng.logNormal(150_000_000, 0.5)), destBytes: control ? 2_500 : Math.round(rng.logNormal(5_000, 0.3)) }));
      });
    },
  };
}

/** A server fires a signature that, in this fleet, only laptops fire. */
export function newSignatureForKind(label: ScenarioLabel, host: Host, sig: Signature, dest: string): ScenarioActor {
  return {
    label,
    emit(rng, from, to, sink) {
      for (const t of times(rng, label, from, to, perSlice(rng, from, to, 1, 3))) push(label, sink.alerts, alertEvent(t, host.ip, dest, sig.ports[0], sig));
    },
  };
}

/** A burst of alerts of many categories (one signature per category) against internal hosts. */
export function reconBurst(label: ScenarioLabel, host: Host, fleet: Fleet, signatures: Signature[]): ScenarioActor {
  return {
    label,
    emit(rng, from, to, sink) {
      for (const sig of signatures) {
        for (const t of times(rng, label, from, to, perSlice(rng, from, to, 2, 4))) push(label, sink.alerts, alertEvent(t, host.ip, rng.pick(fleet.hosts).ip, sig.ports[0], sig));
      }
    },
  };
}

/** Lateral movement: alerts (and flows) to many internal dest:port pairs the host never reached. */
export function lateralMovement(label: ScenarioLabel, host: Host, targets: Array<{ dest: string; port: number }>): ScenarioActor {
  const lateral = signaturesOf('incident').filter((s) => s.name.startsWith('ET LATERAL') || s.name.includes('SMB Scan') || s.name.includes('RDP Sweep'));
  const duration = label.end_ms - label.start_ms;
  return {
    label,
    emit(rng, from, to, sink) {
      // Target j is first reached at start + j/targets × duration.
      targets.forEach((target, j) => {
        const at = label.start_ms + Math.floor((j * duration) / targets.length);
        if (at < from || at >= to) return;
        const sigs = lateral.filter((s) => s.ports.includes(target.port));
        const n = rng.between(1, 3);
        for (let k = 0; k < n; k++) {
          const t = k === 0 ? at : Math.min(to - 1, at + rng.int(60_000));
          push(label, sink.alerts, alertEvent(t, host.ip, target.dest, target.port, rng.pick(sigs.length > 0 ? sigs : lateral)));
        }
        push(label, sink.flows, flowEvent(at, { src: host.ip, dest: target.dest, destPort: target.port, protocol: 'tcp', srcBytes: rng.between(400, 40_000), destBytes: rng.between(200, 8_000) }));
      });
    },
  };
}
