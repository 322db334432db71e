/**
 * Job configs in `vigil-config` (doc id = job id), with the job's wanted run state (opened /
 * started, and the datafeed's range) so a restarted or another instance picks the job up.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../engine/config';
import { configMappings } from '../opensearch/mappings';
import { osRequest } from '../opensearch/request';
import { CONFIG_INDEX, ensureIndex } from '../opensearch/templates';
import type { JobSummary } from './types';

export interface WantedRunState {
  job_state: 'opened' | 'closed';
  datafeed_state: 'started' | 'stopped';
  /** Range of the running datafeed, epoch ms; end null = real time after the lookback. */
  start: number | null;
  end: number | null;
  /** Instance that wrote this state last; a job running elsewhere follows a state another instance wrote. */
  by?: string;
}

export interface StoredJob {
  job_id: string;
  config: JobConfig;
  run: WantedRunState;
  create_time: number;
  update_time: number;
  /** The job's summary when it last stopped or closed here (counts of a job not running). */
  summary?: JobSummary | null;
}

export const closedRunState = (): WantedRunState => ({ job_state: 'closed', datafeed_state: 'stopped', start: null, end: null });

export class ConfigStore {
  private prepared = false;

  constructor(private readonly client: Client, private readonly replicas?: number, private readonly index: string = CONFIG_INDEX, private readonly writer?: string) {}

  async prepare(): Promise<void> {
    if (this.prepared) return;
    await ensureIndex(this.client, this.index, configMappings, { replicas: this.replicas });
    this.prepared = true;
  }

  async get(jobId: string): Promise<StoredJob | null> {
    await this.prepare();
    const res = await osRequest<{ found: boolean; _source?: StoredJob & { description?: string } }>(
      this.client, 'GET', `/${this.index}/_doc/${encodeURIComponent(jobId)}`, undefined, { ignore: [404] },
    );
    if (res.statusCode === 404 || !res.body.found || !res.body._source) return null;
    const s = res.body._source;
    return { job_id: s.job_id, config: s.config, run: s.run ?? closedRunState(), create_time: s.create_time, update_time: s.update_time, summary: s.summary ?? null };
  }

  async put(job: StoredJob): Promise<void> {
    await this.prepare();
    const doc = { ...job, description: job.config.description ?? '', groups: job.config.groups ?? [] };
    await osRequest(this.client, 'PUT', `/${this.index}/_doc/${encodeURIComponent(job.job_id)}`, doc, { querystring: { refresh: 'true' } });
  }

  /** Records the wanted run state (and the latest summary when given). */
  async setRun(jobId: string, run: WantedRunState, now: number, summary?: JobSummary): Promise<void> {
    const job = await this.get(jobId);
    if (job) await this.put({ ...job, run: { ...run, by: this.writer }, update_time: now, ...(summary ? { summary } : {}) });
  }

  async delete(jobId: string): Promise<void> {
    await this.prepare();
    await osRequest(this.client, 'DELETE', `/${this.index}/_doc/${encodeURIComponent(jobId)}`, undefined, { querystring: { refresh: 'true' }, ignore: [404] });
  }

  async list(): Promise<StoredJob[]> {
    await this.prepare();
    await osRequest(this.client, 'POST', `/${this.index}/_refresh`);
    const res = await osRequest<{ hits: { hits: { _source: StoredJob }[] } }>(this.client, 'POST', `/${this.index}/_search`, {
      size: 10_000, query: { match_all: {} }, sort: [{ job_id: 'asc' }],
    });
    return res.body.hits.hits.map((h) => ({ ...h._source, run: h._source.run ?? closedRunState() }));
  }
}
