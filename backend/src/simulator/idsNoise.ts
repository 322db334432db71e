/**
 * The benign IDS noise of one time slice: inbound alerts on the web servers from internet sources
 * (a few noisy scanners, a long tail of one-off sources), and each internal host's habitual
 * signatures. Daily volume: ALERTS_PER_DAY scaled by hosts / 1600 (100k-150k a day at 1,600 hosts).
 */
import type { Fleet, Host } from './fleet';
import type { Random } from './random';
import { alertEvent, type SimEvent } from './records';
import { DAY_MS, hourOfDay, hourShape, isWeekend, type Role } from './rhythm';
import type { Signature } from './signatures';

/** Laptop alerts keep half their volume off hours (OS telemetry, background sync). */
const LAPTOP_WEEKEND_ALERTS = 0.55;

export function alertRate(role: Role, t: number): number {
  if (role === 'laptop') return (isWeekend(t) ? LAPTOP_WEEKEND_ALERTS : 1) * (0.5 + 0.5 * hourShape('laptop', t));
  // Server alert volume is the same every day (hourShape has mean 1 over each day).
  return hourShape(role, t);
}

export function portOf(rng: Random, sig: Signature): number {
  return sig.ports.length === 1 || rng.chance(0.75) ? sig.ports[0] : sig.ports[1 + rng.int(sig.ports.length - 1)];
}

export function habitualAlert(fleet: Fleet, rng: Random, host: Host, t: number): SimEvent {
  const sig = host.alerts.signatures[host.alerts.choice.draw(rng)];
  const dest = sig.destination === 'internal' ? rng.pick(host.alerts.internalDests) : rng.chance(0.8) ? rng.pick(host.alerts.externalDests) : fleet.pools.browsing[fleet.browsingChoice.draw(rng)];
  return alertEvent(t, host.ip, dest, portOf(rng, sig), sig);
}

/** Appends the benign alerts of [start, start + span) to `out`. */
export function idsNoise(fleet: Fleet, rng: Random, start: number, span: number, out: SimEvent[]): void {
  const mid = start + span / 2;
  const inbound = fleet.inbound;
  if (inbound.webChoice) {
    const n = rng.poisson((inbound.perDay * (1 + 0.15 * Math.cos((2 * Math.PI * (hourOfDay(mid) - 3)) / 24)) * span) / DAY_MS);
    for (let k = 0; k < n; k++) {
      const sig = inbound.signatures[inbound.choice.draw(rng)];
      const src = fleet.pools.inboundSources[inbound.sourceChoice.draw(rng)];
      const dest = fleet.byRole.web[inbound.webChoice.draw(rng)].ip;
      out.push(alertEvent(start + Math.floor(rng.uniform() * span), src, dest, portOf(rng, sig), sig));
    }
  }
  const rates = { laptop: alertRate('laptop', mid), web: alertRate('web', mid), database: alertRate('database', mid), batch: alertRate('batch', mid) };
  for (const host of fleet.hosts) {
    const n = rng.poisson((host.alerts.perWorkday * rates[host.role] * span) / DAY_MS);
    for (let k = 0; k < n; k++) out.push(habitualAlert(fleet, rng, host, start + Math.floor(rng.uniform() * span)));
  }
}
