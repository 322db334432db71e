/**
 * Model snapshots in `vigil-state` (engine-anchors §1.9): the job's state as JSON plus the last
 * processed time, saved in chunks (big models exceed a comfortable request size) and committed by a
 * header document written last, so a crash while saving never leaves a half snapshot that loads.
 * `loadLatest` returns the newest complete snapshot of a job.
 */
import type { Client } from '@opensearch-project/opensearch';
import { stateMappings } from '../opensearch/mappings';
import { deleteWhere } from '../opensearch/deleteWhere';
import { osRequest } from '../opensearch/request';
import { withRetry, type RetryOptions } from '../opensearch/retry';
import { ensureIndex, STATE_INDEX } from '../opensearch/templates';

export const SNAPSHOT_FORMAT_VERSION = '1';

export interface SnapshotToSave {
  jobId: string;
  /** The job's state (engine snapshot, normaliser quantiles, …); any JSON value. */
  state: unknown;
  /** Epoch ms: the end of the last bucket fully processed into this state. */
  latestRecordTime: number;
  latestResultTime?: number;
  description?: string;
}

export interface SavedSnapshot {
  jobId: string;
  snapshotId: string;
  timestamp: number;
  latestRecordTime: number;
  latestResultTime: number | null;
  description: string;
  byteSize: number;
  chunkCount: number;
  state: unknown;
}

export interface StateStoreOptions extends RetryOptions {
  index?: string;
  /** Characters of serialized state per chunk document (default 4 MiB of text). */
  chunkChars?: number;
  /** Snapshots kept per job; older ones are deleted after a save (default 2). */
  keep?: number;
  replicas?: number;
  /** Clock for the snapshot's creation time (default Date.now). */
  now?: () => number;
  refresh?: boolean;
}

interface HeaderDoc {
  doc_type: 'model_snapshot';
  job_id: string;
  snapshot_id: string;
  timestamp: number;
  latest_record_time_stamp: number;
  latest_result_time_stamp: number | null;
  description: string;
  min_version: string;
  chunk_count: number;
  byte_size: number;
}

const headerId = (jobId: string, snapshotId: string): string => `${jobId}_snapshot_${snapshotId}`;
const chunkId = (jobId: string, snapshotId: string, i: number): string => `${jobId}_state_${snapshotId}#${i}`;

export class StateStore {
  private readonly index: string;
  private prepared = false;

  constructor(private readonly client: Client, private readonly opts: StateStoreOptions = {}) {
    this.index = opts.index ?? STATE_INDEX;
  }

  private async prepare(): Promise<void> {
    if (this.prepared) return;
    await withRetry(() => ensureIndex(this.client, this.index, stateMappings, { replicas: this.opts.replicas }), this.opts);
    this.prepared = true;
  }

  /** Saves a snapshot; its id is the last processed time, so saving the same point twice overwrites. */
  async save(s: SnapshotToSave): Promise<SavedSnapshot> {
    await this.prepare();
    const json = JSON.stringify(s.state);
    if (json === undefined) throw new Error(`snapshot of job ${s.jobId}: state is not JSON`);
    const chunkChars = this.opts.chunkChars ?? 4 * 1024 * 1024;
    const snapshotId = String(s.latestRecordTime);
    const chunks = splitChunks(json, chunkChars);
    for (let i = 0; i < chunks.length; i++) {
      const doc = { doc_type: 'model_state_chunk', job_id: s.jobId, snapshot_id: snapshotId, chunk_index: i, chunk_count: chunks.length, state: { json: chunks[i] } };
      await this.put(chunkId(s.jobId, snapshotId, i), doc);
    }
    const header: HeaderDoc = {
      doc_type: 'model_snapshot',
      job_id: s.jobId,
      snapshot_id: snapshotId,
      timestamp: (this.opts.now ?? Date.now)(),
      latest_record_time_stamp: s.latestRecordTime,
      latest_result_time_stamp: s.latestResultTime ?? null,
      description: s.description ?? '',
      min_version: SNAPSHOT_FORMAT_VERSION,
      chunk_count: chunks.length,
      byte_size: Buffer.byteLength(json, 'utf8'),
    };
    await this.put(headerId(s.jobId, snapshotId), header, this.opts.refresh ? 'true' : undefined);
    await this.prune(s.jobId);
    return toSaved(header, s.state);
  }

  private async put(id: string, doc: unknown, refresh?: string): Promise<void> {
    await withRetry(
      () => osRequest(this.client, 'PUT', `/${this.index}/_doc/${encodeURIComponent(id)}`, doc, { querystring: refresh ? { refresh } : undefined }),
      this.opts,
    );
  }

  /** Headers of a job's snapshots, newest (latest processed time) first. */
  async list(jobId: string): Promise<HeaderDoc[]> {
    await this.prepare();
    await osRequest(this.client, 'POST', `/${this.index}/_refresh`);
    const res = await withRetry(
      () =>
        osRequest<{ hits: { hits: { _source: HeaderDoc }[] } }>(this.client, 'POST', `/${this.index}/_search`, {
          size: 1000,
          query: { bool: { filter: [{ term: { job_id: jobId } }, { term: { doc_type: 'model_snapshot' } }] } },
          sort: [{ latest_record_time_stamp: 'desc' }, { timestamp: 'desc' }],
        }),
      this.opts,
    );
    return res.body.hits.hits.map((h) => h._source);
  }

  /** The newest complete snapshot of a job, or null when it has none. */
  async loadLatest(jobId: string): Promise<SavedSnapshot | null> {
    for (const header of await this.list(jobId)) {
      const ids = Array.from({ length: header.chunk_count }, (_, i) => chunkId(jobId, header.snapshot_id, i));
      const res = await withRetry(
        () => osRequest<{ docs: { found: boolean; _source?: { state: { json: string } } }[] }>(this.client, 'POST', `/${this.index}/_mget`, { ids }),
        this.opts,
      );
      if (!res.body.docs.every((d) => d.found && d._source)) continue; // incomplete: fall back to the one before
      const json = res.body.docs.map((d) => d._source!.state.json).join('');
      return toSaved(header, JSON.parse(json));
    }
    return null;
  }

  /** Deletes every snapshot of a job (job deletion). */
  async deleteJob(jobId: string): Promise<number> {
    await this.prepare();
    return withRetry(() => deleteWhere(this.client, this.index, { term: { job_id: jobId } }), this.opts);
  }

  private async prune(jobId: string): Promise<void> {
    const keep = this.opts.keep ?? 2;
    const old = (await this.list(jobId)).slice(keep).map((h) => h.snapshot_id);
    if (old.length === 0) return;
    await withRetry(() => deleteWhere(this.client, this.index, { bool: { filter: [{ term: { job_id: jobId } }, { terms: { snapshot_id: old } }] } }), this.opts);
  }
}

/** Splits text into pieces of at most `size` UTF-16 units, never between the halves of a surrogate pair. */
export function splitChunks(text: string, size: number): string[] {
  if (size < 2) throw new Error('chunk size must be at least 2');
  const out: string[] = [];
  let i = 0;
  do {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  } while (i < text.length);
  return out;
}

function toSaved(h: HeaderDoc, state: unknown): SavedSnapshot {
  return {
    jobId: h.job_id,
    snapshotId: h.snapshot_id,
    timestamp: h.timestamp,
    latestRecordTime: h.latest_record_time_stamp,
    latestResultTime: h.latest_result_time_stamp,
    description: h.description,
    byteSize: h.byte_size,
    chunkCount: h.chunk_count,
    state,
  };
}
