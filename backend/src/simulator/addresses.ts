/**
 * Address pools of the simulated enterprise: internal hosts on 10.x, and internet pools (SaaS,
 * mail exchangers, partner APIs, storage, update servers, data providers, browsing tail, and
 * inbound sources). Internet addresses avoid private and documentation ranges except where a
 * label says so, so `dest!=10.*` keeps every outbound flow.
 */
import { Random } from './random';

/** First octets of public blocks the pools draw from (no 10, 127, 172, 192, 198, 203, ≥ 224). */
const PUBLIC_FIRST_OCTETS = [3, 4, 8, 13, 18, 20, 23, 31, 34, 35, 40, 45, 50, 52, 54, 62, 64, 66, 69, 72, 77, 81, 85, 91, 93, 95, 104, 107, 108, 128, 130, 138, 140, 142, 146, 151, 157, 162, 173, 176, 178, 185, 188, 193, 195, 199, 204, 205, 208, 209, 212, 213, 216, 217];

export interface InternetPools {
  saas: string[];
  mail: string[];
  partnerApi: string[];
  storage: string[];
  update: string[];
  dataProvider: string[];
  browsing: string[];
  /** Internet sources that trigger inbound IDS alerts (scanners, bots, clients). */
  inboundSources: string[];
  /** Internet clients of the web servers (inbound flows). */
  webClients: string[];
}

export const POOL_SIZES = { saas: 400, mail: 300, partnerApi: 120, storage: 40, update: 8, dataProvider: 40, browsing: 20000, inboundSources: 30000, webClients: 40000 } as const;

export function buildInternetPools(seed: number): InternetPools {
  const rng = Random.for(seed, 'internet-pools');
  const used = new Set<string>();
  const draw = (n: number): string[] => {
    const out: string[] = [];
    while (out.length < n) {
      const ip = `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
      if (used.has(ip)) continue;
      used.add(ip);
      out.push(ip);
    }
    return out;
  };
  return {
    saas: draw(POOL_SIZES.saas),
    mail: draw(POOL_SIZES.mail),
    partnerApi: draw(POOL_SIZES.partnerApi),
    storage: draw(POOL_SIZES.storage),
    update: draw(POOL_SIZES.update),
    dataProvider: draw(POOL_SIZES.dataProvider),
    browsing: draw(POOL_SIZES.browsing),
    inboundSources: draw(POOL_SIZES.inboundSources),
    webClients: draw(POOL_SIZES.webClients),
  };
}

/** A fresh external address for incident `n` (TEST-NET-3 203.0.113.0/24, never in a pool). */
export function incidentExternalAddress(n: number): string {
  return `203.0.113.${10 + (n % 240)}`;
}

/** Internal address of host `i` of a role block: 10.<block + i/250>.<...>. */
export function internalAddress(block: number, i: number): string {
  const third = Math.floor(i / 250);
  return `10.${block + Math.floor(third / 256)}.${third % 256}.${(i % 250) + 1}`;
}
