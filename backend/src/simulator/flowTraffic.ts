/**
 * Normal netflow traffic of the fleet in one time slice: habitual services, laptop browsing,
 * update checks, nightly jobs, and inbound clients of the web servers. Byte counts are log-normal
 * around each service's medians with a Pareto tail, so volumes are heavy-tailed.
 */
import type { Fleet, FlowService, Host } from './fleet';
import type { Random } from './random';
import { flowEvent, type SimEvent } from './records';
import { DAY_MS, HOUR_MS, hourOfDay, sliceLevels } from './rhythm';

/** Update checks per host per day (tiny flows to the host's update server). */
const UPDATE_CHECKS_PER_DAY = 4;

export interface FlowBytes {
  up: number;
  down: number;
}

/** Log-scale spread of byte counts: people's traffic varies more than machines' (APIs, backups, mail). */
export const HUMAN_SPREAD = 1.0;
export const MACHINE_SPREAD = 0.7;

/** Bytes of one flow around the medians: log-normal spread, 3% heavy-tail flows, 0.5% failed. */
export function flowBytes(rng: Random, upMedian: number, downMedian: number, spread = HUMAN_SPREAD): FlowBytes {
  if (rng.chance(0.005)) return { up: 0, down: 0 };
  let up = rng.logNormal(upMedian, spread - 0.1);
  let down = rng.logNormal(downMedian, spread);
  if (rng.chance(0.03)) {
    const tail = Math.min(1e4, rng.pareto(1, 1.2));
    if (upMedian > downMedian) up *= tail;
    else down *= tail;
  }
  return { up: Math.max(1, Math.round(up)), down: Math.max(0, Math.round(down)) };
}

function destOf(rng: Random, s: FlowService): string {
  return s.destChoice ? s.dests[s.destChoice.draw(rng)] : s.dests[0];
}

/** Share of a laptop's flows that carry an attachment or a small upload (ratio near 0, rarely > 0). */
const LAPTOP_UPLOAD_SHARE = 0.02;

function serviceFlow(rng: Random, t: number, host: Host, s: FlowService, upload = false): SimEvent {
  const b = flowBytes(rng, upload ? s.upMedian * 30 : s.upMedian, s.downMedian, host.role === 'laptop' ? HUMAN_SPREAD : MACHINE_SPREAD);
  return flowEvent(t, { src: host.ip, dest: destOf(rng, s), destPort: s.port, protocol: s.protocol, srcBytes: b.up, destBytes: b.down });
}

function within(rng: Random, start: number, span: number): number {
  return start + Math.floor(rng.uniform() * span);
}

/** Appends the normal flows of [start, start + span) to `out`. */
export function normalFlows(fleet: Fleet, rng: Random, start: number, span: number, out: SimEvent[]): void {
  const levels = sliceLevels(start, span);
  const hour = hourOfDay(start);
  for (const host of fleet.hosts) {
    const n = rng.poisson((host.flowsPerWorkday * levels[host.role] * span) / DAY_MS);
    for (let k = 0; k < n; k++) {
      const t = within(rng, start, span);
      if (host.browseShare > 0 && rng.chance(host.browseShare)) {
        const b = flowBytes(rng, 1_200, 90_000);
        const dest = fleet.pools.browsing[fleet.browsingChoice.draw(rng)];
        out.push(flowEvent(t, { src: host.ip, dest, destPort: rng.chance(0.9) ? 443 : 80, protocol: 'tcp', srcBytes: b.up, destBytes: b.down }));
        continue;
      }
      const s = host.services[host.serviceChoice.draw(rng)];
      out.push(serviceFlow(rng, t, host, s, host.role === 'laptop' && rng.chance(LAPTOP_UPLOAD_SHARE)));
    }
    const checks = rng.poisson((UPDATE_CHECKS_PER_DAY * span) / DAY_MS);
    for (let k = 0; k < checks; k++) out.push(serviceFlow(rng, within(rng, start, span), host, host.updateService));
    if (host.nightly) nightlyFlows(rng, host, hour, start, span, out);
    if (host.inboundPerWorkday > 0) inboundClientFlows(fleet, rng, host, (host.inboundPerWorkday * levels.web * span) / DAY_MS, start, span, out);
  }
}

function nightlyFlows(rng: Random, host: Host, h: number, start: number, span: number, out: SimEvent[]): void {
  const job = host.nightly!;
  if (h < job.startHour || h >= job.startHour + job.hours) return;
  const n = rng.poisson((job.flows * span) / (job.hours * HOUR_MS));
  for (let k = 0; k < n; k++) out.push(serviceFlow(rng, within(rng, start, span), host, job.services[job.choice.draw(rng)]));
}

function inboundClientFlows(fleet: Fleet, rng: Random, host: Host, expected: number, start: number, span: number, out: SimEvent[]): void {
  const n = rng.poisson(expected);
  for (let k = 0; k < n; k++) {
    const b = flowBytes(rng, 1_500, 70_000);
    const src = fleet.pools.webClients[fleet.webClientChoice.draw(rng)];
    out.push(flowEvent(within(rng, start, span), { src, dest: host.ip, destPort: 443, protocol: 'tcp', srcBytes: b.up, destBytes: b.down }));
  }
}
