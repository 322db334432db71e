/**
 * What the scheduler's integration tests share: a job manager on the real node with its own config,
 * state and lease indices (so tests never see each other's jobs), a manual clock, and a small
 * synthetic flow index (per-minute events of a few hosts, a spike where a test wants one).
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { ManualClock } from '../../backend/src/scheduler/clock';
import { JobManager } from '../../backend/src/scheduler/jobManager';
import type { JobManagerOptions } from '../../backend/src/scheduler/types';
import { deleteIndices, testIndexName } from './openSearchEnv';

export const MINUTE = 60_000;
export const FIVE_MIN = 300_000;
export const HOUR = 3_600_000;
/** A Monday, 00:00 UTC. */
export const DAY0 = Date.UTC(2026, 10, 2);

export interface Flow {
  time: number;
  src: string;
  bytes: number;
}

/** `perMinute` events per host per minute over [start, end), bytes varying deterministically. */
export function steadyFlows(start: number, end: number, hosts: string[], perMinute = 2): Flow[] {
  const out: Flow[] = [];
  for (let t = start; t < end; t += MINUTE) {
    hosts.forEach((src, h) => {
      for (let k = 0; k < perMinute; k++) out.push({ time: t + k * 7_000 + h * 1_000, src, bytes: 1000 + ((t / MINUTE + k * 13 + h * 7) % 50) });
    });
  }
  return out;
}

/** `count` extra events of `src` spread over the minute at `time`. */
export function burst(time: number, src: string, count: number, bytes = 5000): Flow[] {
  return Array.from({ length: count }, (_, i) => ({ time: time + Math.floor((i * 60_000) / count), src, bytes }));
}

/** Indexes flows with the brief's field names, ids from an increasing counter (unique, deterministic). */
export async function indexFlows(client: Client, index: string, flows: Flow[], idBase = 0): Promise<void> {
  for (let i = 0; i < flows.length; i += 5000) {
    const body = flows.slice(i, i + 5000).flatMap((f, k) => {
      const id = `f${String(idBase + i + k).padStart(9, '0')}`;
      return [{ index: { _index: index, _id: id } }, { '@timestamp': f.time, event_id: id, src: f.src, dest: '10.9.9.9', src_app_bytes: f.bytes, sourcetype: 'netflow' }];
    });
    const res = await client.bulk({ body, refresh: true });
    if ((res.body as unknown as { errors: boolean }).errors) throw new Error('indexing test flows failed');
  }
}

export const flowIndexMappings = {
  properties: {
    '@timestamp': { type: 'date', format: 'epoch_millis||strict_date_optional_time' },
    event_id: { type: 'keyword' },
    src: { type: 'ip' },
    dest: { type: 'ip' },
    src_app_bytes: { type: 'long' },
    sourcetype: { type: 'keyword' },
  },
};

export async function createFlowIndex(client: Client, index: string): Promise<void> {
  await osRequest(client, 'PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: flowIndexMappings });
}

/** Names of a test file's own config/state/lease indices. */
export function managerIndices(stem: string): { config: string; state: string; leases: string } {
  const base = testIndexName(stem);
  return { config: `${base}-config`, state: `${base}-state`, leases: `${base}-leases` };
}

export function newManager(client: Client, clock: ManualClock, indices: ReturnType<typeof managerIndices>, extra: Partial<JobManagerOptions> = {}): JobManager {
  // a long lease: lease renewals every 20 s of manual-clock time would dominate tests that run hours of real time
  return new JobManager({ client, clock, indices, replicas: 0, leaseMs: 24 * HOUR, instanceId: 'it-a', ...extra });
}

export async function cleanUp(client: Client, indices: ReturnType<typeof managerIndices>, others: string[]): Promise<void> {
  for (const i of [indices.config, indices.state, indices.leases, ...others]) await deleteIndices(client, i);
}

export interface ResultHit {
  _id: string;
  _source: Record<string, unknown> & { result_type: string; timestamp: number };
}

/** Every result document of a job, sorted by id. */
export async function allResults(client: Client, jobId: string): Promise<ResultHit[]> {
  const index = `vigil-results-${jobId}`;
  await osRequest(client, 'POST', `/${index}/_refresh`, undefined, { ignore: [404] });
  const res = await osRequest<{ hits: { hits: ResultHit[] } }>(client, 'POST', `/${index}/_search`, { size: 10_000 }, { ignore: [404] });
  return (res.body.hits?.hits ?? []).map((h) => ({ _id: h._id, _source: h._source })).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
