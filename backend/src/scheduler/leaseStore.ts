/**
 * Job leases in `vigil-leases` (doc id = job id): a job runs on the one instance holding its lease.
 * Taking and renewing go through optimistic concurrency (`if_seq_no` / `if_primary_term`, or
 * `op_type=create` for a new lease), so of two instances racing for a lease exactly one wins; a
 * lease whose `expires_at` has passed may be taken by anyone.
 */
import type { Client } from '@opensearch-project/opensearch';
import { leaseMappings } from '../opensearch/mappings';
import { osRequest } from '../opensearch/request';
import { withRetry } from '../opensearch/retry';
import { ensureIndex, LEASES_INDEX } from '../opensearch/templates';

export interface Lease {
  job_id: string;
  owner: string;
  acquired_at: number;
  expires_at: number;
}

interface LeaseDoc {
  found: boolean;
  _source?: Lease;
  _seq_no?: number;
  _primary_term?: number;
}

export type LeaseOutcome = { ok: true; lease: Lease } | { ok: false; holder: Lease | null };

export class LeaseStore {
  private prepared = false;

  constructor(private readonly client: Client, readonly owner: string, private readonly leaseMs: number, private readonly replicas?: number, private readonly index: string = LEASES_INDEX) {}

  async prepare(): Promise<void> {
    if (this.prepared) return;
    await ensureIndex(this.client, this.index, leaseMappings, { replicas: this.replicas });
    // a concurrent creator may return before the shard is up: wait for it
    await osRequest(this.client, 'GET', `/_cluster/health/${this.index}`, undefined, { querystring: { wait_for_status: 'yellow', timeout: '30s' } });
    this.prepared = true;
  }

  private docPath(jobId: string): string {
    return `/${this.index}/_doc/${encodeURIComponent(jobId)}`;
  }

  async read(jobId: string): Promise<{ lease: Lease | null; seqNo?: number; primaryTerm?: number }> {
    await this.prepare();
    const res = await withRetry(() => osRequest<LeaseDoc>(this.client, 'GET', this.docPath(jobId), undefined, { ignore: [404] }), { maxAttempts: 4, baseDelayMs: 100 });
    if (res.statusCode === 404 || !res.body.found || !res.body._source) return { lease: null };
    return { lease: res.body._source, seqNo: res.body._seq_no, primaryTerm: res.body._primary_term };
  }

  /** Takes the lease when it is free, expired or already ours (renewal); `now` from the caller's clock. */
  async acquire(jobId: string, now: number): Promise<LeaseOutcome> {
    const current = await this.read(jobId);
    const held = current.lease;
    if (held && held.owner !== this.owner && held.expires_at > now) return { ok: false, holder: held };
    const lease: Lease = { job_id: jobId, owner: this.owner, acquired_at: held && held.owner === this.owner ? held.acquired_at : now, expires_at: now + this.leaseMs };
    const querystring: Record<string, string | number> = { refresh: 'true' };
    if (held) {
      querystring.if_seq_no = current.seqNo!;
      querystring.if_primary_term = current.primaryTerm!;
    } else querystring.op_type = 'create';
    const res = await osRequest(this.client, 'PUT', this.docPath(jobId), lease, { querystring, ignore: [409] });
    if (res.statusCode === 409) return { ok: false, holder: (await this.read(jobId)).lease };
    return { ok: true, lease };
  }

  /** Renews our lease; fails (ok false) when another instance holds it now. */
  async renew(jobId: string, now: number): Promise<LeaseOutcome> {
    const current = await this.read(jobId);
    if (current.lease && current.lease.owner !== this.owner) return { ok: false, holder: current.lease };
    return this.acquire(jobId, now);
  }

  /** Gives the lease up when it is ours. */
  async release(jobId: string): Promise<void> {
    const current = await this.read(jobId);
    if (!current.lease || current.lease.owner !== this.owner) return;
    await osRequest(this.client, 'DELETE', this.docPath(jobId), undefined, {
      querystring: { if_seq_no: current.seqNo!, if_primary_term: current.primaryTerm!, refresh: 'true' },
      ignore: [404, 409],
    });
  }
}
