/**
 * Benign fleet-wide events: every host does the same unusual thing at once, which per-host
 * analysis should not flag. Patch day: every host downloads large updates from the update server
 * it checks every day. Rule update: a new IDS signature starts firing on every host.
 */
import type { Fleet } from './fleet';
import type { ScenarioActor } from './incidents';
import type { ScenarioLabel } from './labels';
import { deriveSeed } from './random';
import { alertEvent, flowEvent } from './records';
import { DAY_MS, HOUR_MS } from './rhythm';
import type { Signature } from './signatures';

/** Each host downloads 2-5 patches at times fixed by the seed and the host. */
export function patchDay(label: ScenarioLabel, fleet: Fleet, seed: number): ScenarioActor {
  const duration = label.end_ms - label.start_ms;
  const downloads = fleet.hosts.map((h) => {
    const n = 2 + (deriveSeed(seed, 'patch', h.index) % 4);
    return Array.from({ length: n }, (_, k) => label.start_ms + (deriveSeed(seed, 'patch', h.index, k) % duration));
  });
  return {
    label,
    emit(rng, from, to, sink) {
      fleet.hosts.forEach((h, i) => {
        for (const t of downloads[i]) {
          if (t < from || t >= to) continue;
          const s = h.updateService;
          sink.flows.push(flowEvent(t, { src: h.ip, dest: s.dests[0], destPort: s.port, protocol: s.protocol, srcBytes: Math.round(rng.logNormal(3_000, 0.4)), destBytes: Math.round(rng.logNormal(250_000_000, 0.6)) }));
          label.events++;
        }
      });
    },
  };
}

/** Per host per day after the first firing. */
const FLEET_SIGNATURE_PER_DAY = 4;

/** A rule update: the signature fires on every host within the first hour, then about 4 times a day. */
export function fleetNewSignature(label: ScenarioLabel, fleet: Fleet, seed: number, sig: Signature): ScenarioActor {
  const firstAt = fleet.hosts.map((h) => label.start_ms + (deriveSeed(seed, 'rule-update', h.index) % HOUR_MS));
  return {
    label,
    emit(rng, from, to, sink) {
      fleet.hosts.forEach((h, i) => {
        const dest = h.updateService.dests[0];
        if (firstAt[i] >= from && firstAt[i] < to) {
          sink.alerts.push(alertEvent(firstAt[i], h.ip, dest, sig.ports[0], sig));
          label.events++;
        }
        const n = rng.poisson((FLEET_SIGNATURE_PER_DAY * (to - from)) / DAY_MS);
        for (let k = 0; k < n; k++) {
          const t = from + Math.floor(rng.uniform() * (to - from));
          if (t <= firstAt[i]) continue;
          sink.alerts.push(alertEvent(t, h.ip, dest, sig.ports[0], sig));
          label.events++;
        }
      });
    },
  };
}
