/**
 * The simulated fleet: ~1,600 internal hosts with roles, each with its habitual flow destinations
 * (services), byte profiles (who produces, who consumes), nightly jobs and IDS alert habits.
 * Built once from the seed; the traffic generators read it slice by slice.
 */
import { buildInternetPools, internalAddress, type InternetPools } from './addresses';
import { Random, WeightedChoice, zipfWeights } from './random';
import type { Role } from './rhythm';
import { signaturesOf, type Signature } from './signatures';

/** A habitual destination of a host's flows. `dests` holds one address or a pool drawn per flow. */
export interface FlowService {
  kind: 'saas' | 'mail' | 'api' | 'storage' | 'update' | 'data' | 'database' | 'replication' | 'monitoring';
  dests: readonly string[];
  destChoice: WeightedChoice | null;
  port: number;
  protocol: 'tcp' | 'udp';
  /** Median bytes the host sends / receives per flow (log-normal around these). */
  upMedian: number;
  downMedian: number;
  weight: number;
}

export interface NightlyJob {
  startHour: number;
  hours: number;
  /** Flows per run. */
  flows: number;
  services: FlowService[];
  choice: WeightedChoice;
}

export interface AlertHabits {
  /** Habitual alert destinations: internal peers and internet services. */
  internalDests: string[];
  externalDests: string[];
  signatures: Signature[];
  choice: WeightedChoice;
  /** Expected alerts on a workday. */
  perWorkday: number;
}

export interface Host {
  index: number;
  ip: string;
  name: string;
  role: Role;
  /** Heavy-tailed activity multiplier (log-normal, median 1). */
  activity: number;
  /** Expected outbound flows on a workday. */
  flowsPerWorkday: number;
  services: FlowService[];
  serviceChoice: WeightedChoice;
  /** Share of flows to a random browsing destination (laptops). */
  browseShare: number;
  /** The update server this host checks and patches from. */
  updateService: FlowService;
  nightly: NightlyJob | null;
  /** Web servers: expected inbound client flows on a workday. */
  inboundPerWorkday: number;
  alerts: AlertHabits;
}

export interface Fleet {
  hosts: Host[];
  byRole: Record<Role, Host[]>;
  pools: InternetPools;
  /** Inbound alerts on web servers from internet sources. */
  inbound: { signatures: Signature[]; choice: WeightedChoice; sourceChoice: WeightedChoice; webChoice: WeightedChoice | null; perDay: number };
  /** Per-pool Zipf choices, shared by all hosts. */
  browsingChoice: WeightedChoice;
  webClientChoice: WeightedChoice;
}

/** Reference fleet size: daily volumes scale with hosts / 1600. */
export const REFERENCE_HOSTS = 1600;
/** Alert volumes of the reference fleet on a workday (weekends: laptops × 0.55). */
export const ALERTS_PER_DAY = { inbound: 68_000, laptop: 36_000, server: 22_000 } as const;
const ROLE_SHARE: Array<[Role, number, number, string]> = [
  ['web', 0.3, 1, 'web'],
  ['database', 0.08, 2, 'db'],
  ['batch', 0.07, 3, 'batch'],
  ['laptop', 0.55, 20, 'lt'],
];
const FLOWS_PER_WORKDAY: Record<Role, number> = { laptop: 110, web: 150, database: 70, batch: 30 };

function roleCounts(hosts: number): Record<Role, number> {
  const counts = { laptop: 0, web: 0, database: 0, batch: 0 } as Record<Role, number>;
  if (hosts < 4) throw new Error(`--hosts must be at least 4 (one of each role), got ${hosts}`);
  let left = hosts;
  for (const [role, share] of ROLE_SHARE.slice(0, 3)) {
    counts[role] = Math.max(1, Math.round(hosts * share));
    left -= counts[role];
  }
  counts.laptop = left;
  return counts;
}

function service(kind: FlowService['kind'], dests: readonly string[], port: number, upMedian: number, downMedian: number, weight: number, zipf = 0, protocol: 'tcp' | 'udp' = 'tcp'): FlowService {
  return { kind, dests, destChoice: dests.length > 1 ? new WeightedChoice(zipf > 0 ? zipfWeights(dests.length, zipf) : new Float64Array(dests.length).fill(1)) : null, port, protocol, upMedian, downMedian, weight };
}

/** `k` distinct indices of `n`, favouring low indices (Zipf `s`). */
function distinctIndices(rng: Random, n: number, k: number, s: number): number[] {
  const choice = new WeightedChoice(zipfWeights(n, s));
  const out = new Set<number>();
  let guard = 0;
  while (out.size < Math.min(k, n) && guard++ < 10_000) out.add(choice.draw(rng));
  return [...out].sort((a, b) => a - b);
}

function habits(rng: Random, group: Signature[], k: number): { signatures: Signature[]; choice: WeightedChoice } {
  const signatures = distinctIndices(rng, group.length, k, 0.9).map((i) => group[i]);
  const weights = rng.shuffled(Array.from(zipfWeights(signatures.length, 1.2)));
  return { signatures, choice: new WeightedChoice(weights) };
}

function servicesOf(rng: Random, role: Role, selfIp: string, pools: InternetPools, databases: readonly string[], saasChoice: WeightedChoice): FlowService[] {
  const saas = (n: number): string[] => distinctIndices(rng, pools.saas.length, n, 1.0).map((i) => pools.saas[i]);
  switch (role) {
    case 'laptop':
      return saas(rng.between(6, 12)).map((d, i) => service('saas', [d], rng.chance(0.85) ? 443 : 80, rng.logNormal(1500, 0.5), rng.logNormal(60_000, 0.8), 1 / (i + 1)));
    case 'web': {
      const out = [service('mail', pools.mail, 25, 40_000, 900, 3, 1.0)];
      for (const d of distinctIndices(rng, pools.partnerApi.length, rng.between(2, 5), 0.8)) out.push(service('api', [pools.partnerApi[d]], 443, rng.logNormal(30_000, 0.5), rng.logNormal(2_000, 0.5), 1));
      out.push(service('storage', [rng.pick(pools.storage)], 443, rng.logNormal(400_000, 0.6), 1_500, 0.8));
      if (databases.length > 0) out.push(service('database', [rng.pick(databases)], rng.chance(0.6) ? 5432 : 3306, 1_200, rng.logNormal(40_000, 0.6), 1.5));
      return out;
    }
    case 'database': {
      const out = [service('monitoring', [pools.saas[saasChoice.draw(rng)]], 443, rng.logNormal(25_000, 0.4), 1_200, 2)];
      const peers = databases.filter((d) => d !== selfIp);
      if (peers.length > 0) out.push(service('replication', [rng.pick(peers)], 5432, rng.logNormal(200_000, 0.6), 2_000, 3));
      return out;
    }
    case 'batch':
      return [
        service('saas', saas(1), 443, 2_000, rng.logNormal(80_000, 0.5), 1),
        ...(databases.length > 0 ? [service('database', [rng.pick(databases)], 5432, 1_500, rng.logNormal(500_000, 0.7), 1)] : []),
      ];
  }
}

function nightlyOf(rng: Random, role: Role, pools: InternetPools): NightlyJob | null {
  if (role === 'database') {
    const services = [service('storage', [rng.pick(pools.storage)], 443, rng.logNormal(150_000_000, 0.5), 20_000, 1)];
    return { startHour: rng.between(0, 3) + rng.int(4) / 4, hours: 0.75, flows: rng.between(6, 14), services, choice: new WeightedChoice([1]) };
  }
  if (role === 'batch') {
    const providers = distinctIndices(rng, pools.dataProvider.length, rng.between(1, 3), 0.7).map((i) => pools.dataProvider[i]);
    const services = [
      ...providers.map((d) => service('data', [d], 443, 3_000, rng.logNormal(8_000_000, 0.8), 1)),
      service('storage', [rng.pick(pools.storage)], 443, rng.logNormal(25_000_000, 0.8), 3_000, 1.2),
    ];
    return { startHour: rng.between(0, 4) + rng.int(4) / 4, hours: 2, flows: rng.between(30, 90), services, choice: new WeightedChoice(services.map((s) => s.weight)) };
  }
  return null;
}

function alertDestinations(rng: Random, role: Role, services: FlowService[], update: FlowService, databases: readonly string[], selfIp: string): { internalDests: string[]; externalDests: string[] } {
  const single = services.filter((s) => s.dests.length === 1).map((s) => s.dests[0]);
  const internal = single.filter((d) => d.startsWith('10.'));
  const others = databases.filter((d) => d !== selfIp);
  if (internal.length === 0) internal.push(others.length > 0 ? rng.pick(others) : selfIp);
  const external = [...single.filter((d) => !d.startsWith('10.')), update.dests[0]];
  return { internalDests: internal, externalDests: role === 'laptop' ? external.slice(0, 6) : external };
}

export function buildFleet(seed: number, hostCount: number): Fleet {
  const pools = buildInternetPools(seed);
  const rng = Random.for(seed, 'fleet', hostCount);
  const counts = roleCounts(hostCount);
  const saasChoice = new WeightedChoice(zipfWeights(pools.saas.length, 1.0));
  const databases = Array.from({ length: counts.database }, (_, i) => internalAddress(2, i));
  const groups = { laptop: signaturesOf('laptop'), server: signaturesOf('server') };
  const hosts: Host[] = [];
  const byRole = { laptop: [], web: [], database: [], batch: [] } as Record<Role, Host[]>;
  for (const [role, , block, prefix] of ROLE_SHARE) {
    for (let i = 0; i < counts[role]; i++) {
      const ip = internalAddress(block, i);
      const activity = rng.logNormal(1, 0.7);
      const services = servicesOf(rng, role, ip, pools, databases, saasChoice);
      const updateService = service('update', [pools.update[rng.int(pools.update.length)]], 443, 900, 4_000, 0);
      const habit = habits(rng, role === 'laptop' ? groups.laptop : groups.server, role === 'laptop' ? rng.between(4, 10) : rng.between(3, 8));
      const host: Host = {
        index: hosts.length,
        ip,
        name: `${prefix}-${String(i + 1).padStart(4, '0')}`,
        role,
        activity,
        flowsPerWorkday: FLOWS_PER_WORKDAY[role] * activity,
        services,
        serviceChoice: new WeightedChoice(services.map((s) => s.weight)),
        browseShare: role === 'laptop' ? 0.08 : 0,
        updateService,
        nightly: nightlyOf(rng, role, pools),
        inboundPerWorkday: role === 'web' ? 70 * activity : 0,
        alerts: { ...habit, perWorkday: rng.logNormal(1, 1.0) * activity, ...alertDestinations(rng, role, services, updateService, databases, ip) },
      };
      hosts.push(host);
      byRole[role].push(host);
    }
  }
  // Share each alert group's daily volume by the hosts' noisiness.
  const scale = hostCount / REFERENCE_HOSTS;
  const share = (members: Host[], total: number): void => {
    const sum = members.reduce((a, h) => a + h.alerts.perWorkday, 0);
    for (const h of members) h.alerts.perWorkday = (total * scale * h.alerts.perWorkday) / sum;
  };
  share(byRole.laptop, ALERTS_PER_DAY.laptop);
  share([...byRole.web, ...byRole.database, ...byRole.batch], ALERTS_PER_DAY.server);
  const inboundSignatures = signaturesOf('inbound_web');
  return {
    hosts,
    byRole,
    pools,
    inbound: {
      signatures: inboundSignatures,
      choice: new WeightedChoice(zipfWeights(inboundSignatures.length, 1.0)),
      sourceChoice: new WeightedChoice(zipfWeights(pools.inboundSources.length, 1.05)),
      webChoice: byRole.web.length > 0 ? new WeightedChoice(byRole.web.map((h) => h.activity)) : null,
      perDay: ALERTS_PER_DAY.inbound * scale,
    },
    browsingChoice: new WeightedChoice(zipfWeights(pools.browsing.length, 0.9)),
    webClientChoice: new WeightedChoice(zipfWeights(pools.webClients.length, 0.8)),
  };
}
