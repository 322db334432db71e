/**
 * Result documents to OpenSearch (`vigil-results-<job>`) with the bulk API: deterministic `_id`s so
 * a replay overwrites, retries with backoff on connection errors, 429 and 5xx (the whole request or
 * the failed items only), and a clear error for documents OpenSearch refuses (mapping errors).
 */
import type { Client } from '@opensearch-project/opensearch';
import { resultsMappings } from '../opensearch/mappings';
import { describeError, osRequest } from '../opensearch/request';
import { backoffDelayMs, defaultSleep, isRetryableError, isRetryableStatus, type RetryOptions } from '../opensearch/retry';
import { ensureIndex, resultsIndexOf } from '../opensearch/templates';
import { resultsDocumentId } from './resultDocId';
import type { ResultDocLike, ResultSink } from './types';

export interface ResultsSinkOptions extends RetryOptions {
  /** Target index; default `vigil-results-<job_id>` of each document. */
  index?: string;
  /** `_id` of a document; default `resultsDocumentId` (the engine's `resultId`, or a hash for other result types). */
  idOf?: (doc: ResultDocLike) => string;
  /** Refresh after each write (`true`, `wait_for`): for tests that read right after writing. */
  refresh?: boolean | 'wait_for';
  /** Documents per bulk request (default 1000). */
  batchSize?: number;
  /** Replicas when this sink creates the results index (default 1). */
  replicas?: number;
}

export interface ItemFailure {
  id: string;
  status: number;
  reason: string;
}

/** Documents OpenSearch refused for good (not retryable), or retries used up. */
export class ResultsSinkError extends Error {
  constructor(message: string, readonly failures: ItemFailure[], readonly written: number) {
    super(message);
    this.name = 'ResultsSinkError';
  }
}

interface BulkItem {
  index?: { _id: string; status: number; error?: { type?: string; reason?: string } };
}
interface BulkResponse {
  errors: boolean;
  items: BulkItem[];
}

export interface ResultsSinkStats {
  written: number;
  requests: number;
  retries: number;
  /** The last retryable problem seen, or null once a write went through after it. */
  lastProblem: string | null;
}

export class OpenSearchResultsSink implements ResultSink {
  readonly stats: ResultsSinkStats = { written: 0, requests: 0, retries: 0, lastProblem: null };
  private readonly ready = new Set<string>();

  constructor(private readonly client: Client, private readonly opts: ResultsSinkOptions = {}) {}

  private indexOf(doc: ResultDocLike): string {
    return this.opts.index ?? resultsIndexOf(doc.job_id);
  }

  async write(docs: readonly ResultDocLike[]): Promise<void> {
    const batchSize = this.opts.batchSize ?? 1000;
    for (let i = 0; i < docs.length; i += batchSize) await this.writeBatch(docs.slice(i, i + batchSize));
  }

  private async writeBatch(docs: readonly ResultDocLike[]): Promise<void> {
    const idOf = this.opts.idOf ?? resultsDocumentId;
    let pending = docs.map((doc) => ({ doc, id: idOf(doc), index: this.indexOf(doc) }));
    for (const index of new Set(pending.map((p) => p.index))) await this.prepare(index);
    const failures: ItemFailure[] = [];
    const maxAttempts = this.opts.maxAttempts ?? 8;
    const sleep = this.opts.sleep ?? defaultSleep;
    for (let attempt = 1; pending.length > 0; attempt++) {
      let retryReason = '';
      try {
        const body = pending.flatMap((p) => [{ index: { _index: p.index, _id: p.id } }, p.doc]);
        this.stats.requests++;
        const res = await this.client.bulk({ body, refresh: this.opts.refresh });
        const resBody = res.body as unknown as BulkResponse;
        const again: typeof pending = [];
        resBody.items.forEach((item, k) => {
          const r = item.index;
          if (!r || !r.error) {
            this.stats.written++;
            return;
          }
          const reason = `${r.error.type ?? 'error'}: ${r.error.reason ?? ''}`;
          if (isRetryableStatus(r.status)) {
            again.push(pending[k]);
            retryReason = `HTTP ${r.status} ${reason}`;
          } else failures.push({ id: pending[k].id, status: r.status, reason });
        });
        pending = again;
      } catch (err) {
        if (!isRetryableError(err)) throw new ResultsSinkError(`writing results failed: ${describeError(err)}`, failures, this.stats.written);
        retryReason = describeError(err);
      }
      if (pending.length === 0) break;
      this.stats.lastProblem = retryReason;
      if (attempt >= maxAttempts) {
        for (const p of pending) failures.push({ id: p.id, status: 0, reason: `gave up after ${attempt} attempts: ${retryReason}` });
        break;
      }
      const delayMs = backoffDelayMs(attempt, this.opts);
      this.stats.retries++;
      this.opts.onRetry?.({ attempt, delayMs, reason: retryReason });
      await sleep(delayMs);
    }
    if (failures.length > 0) {
      const first = failures.slice(0, 3).map((f) => `${f.id} (${f.status}) ${f.reason}`).join('; ');
      throw new ResultsSinkError(`${failures.length} of ${docs.length} result documents not written: ${first}`, failures, this.stats.written);
    }
    this.stats.lastProblem = null;
  }

  /** Creates the results index with its mappings once (retrying while OpenSearch is unreachable). */
  private async prepare(index: string): Promise<void> {
    if (this.ready.has(index)) return;
    const maxAttempts = this.opts.maxAttempts ?? 8;
    const sleep = this.opts.sleep ?? defaultSleep;
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureIndex(this.client, index, resultsMappings, { replicas: this.opts.replicas });
        this.ready.add(index);
        return;
      } catch (err) {
        if (attempt >= maxAttempts || !isRetryableError(err)) throw new ResultsSinkError(`cannot prepare results index ${index}: ${describeError(err)}`, [], this.stats.written);
        this.stats.lastProblem = describeError(err);
        const delayMs = backoffDelayMs(attempt, this.opts);
        this.stats.retries++;
        this.opts.onRetry?.({ attempt, delayMs, reason: describeError(err) });
        await sleep(delayMs);
      }
    }
  }

  /** Makes written documents visible to search (tests and the end of a lookback). */
  async refresh(jobId?: string): Promise<void> {
    const index = this.opts.index ?? (jobId ? resultsIndexOf(jobId) : [...this.ready].join(','));
    if (index) await osRequest(this.client, 'POST', `/${index}/_refresh`);
  }

  async close(): Promise<void> {
    // Nothing buffered: every write() completes before it resolves.
  }
}
