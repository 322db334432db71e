/**
 * The scheduler: jobs with datafeeds over OpenSearch (engine-anchors §2). A job is created (config
 * in `vigil-config`), opened (its lease taken, its latest snapshot restored, results after the
 * snapshot deleted), started (lookback over history in chunks, then real time on a timer aligned to
 * bucket ends + query_delay, with interim results and the delayed-data check), stopped (snapshot),
 * closed (lease released). Failures of OpenSearch keep the state and are retried with backoff; the
 * job's `last_error` says what is wrong. Leases make a job run on one instance only; a lease not
 * renewed passes to another instance, which resumes the job from its snapshot.
 */
import * as os from 'os';
import type { Client } from '@opensearch-project/opensearch';
import { parseDuration, resolveJobConfig, type JobConfig } from '../engine/config';
import { describeError } from '../opensearch/request';
import type { RetryOptions } from '../opensearch/retry';
import { installTemplates } from '../opensearch/templates';
import { deleteAllResults } from '../sinks/resultsMaintenance';
import { StateStore } from '../sinks/stateStore';
import { systemClock } from './clock';
import { closedRunState, ConfigStore, type StoredJob, type WantedRunState } from './configStore';
import { buildDatafeedSource } from './datafeedSource';
import { datafeedSettings } from './datafeedSettings';
import { conflict, JobManagerError, notFound } from './errors';
import { runDatafeedTick, type LocalJob } from './datafeedTick';
import { JobRuntime, type RuntimeSnapshot } from './jobRuntime';
import { localJobMetrics, localJobSummary, storedJobSummary } from './jobSummary';
import { LeaseStore } from './leaseStore';
import { sameJson, timeOrBadRequest } from './requestChecks';
import type { Clock, JobManagerOptions, JobMetrics, JobSummary, SchedulerMetrics } from './types';

export type { Clock, JobManagerOptions, JobSummary, SchedulerMetrics } from './types';



export class JobManager {
  private readonly client: Client;
  private readonly clock: Clock;
  readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly log: (line: string) => void;
  private readonly retry: RetryOptions;
  private readonly configs: ConfigStore;
  private readonly leases: LeaseStore;
  private readonly states: StateStore;
  private readonly local = new Map<string, LocalJob>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly lastMetrics = new Map<string, JobMetrics>();
  private maintenanceTimer: unknown = null;
  private stopped = false;

  constructor(private readonly opts: JobManagerOptions) {
    this.client = opts.client;
    this.clock = opts.clock ?? systemClock;
    this.instanceId = opts.instanceId ?? `${os.hostname()}-${process.pid}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.log = opts.logger ?? (() => undefined);
    this.retry = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, ...opts.retry, onRetry: (r) => this.log(`retry ${r.attempt} in ${r.delayMs} ms: ${r.reason}`) };
    this.configs = new ConfigStore(this.client, opts.replicas, opts.indices?.config, this.instanceId);
    this.leases = new LeaseStore(this.client, this.instanceId, this.leaseMs, opts.replicas, opts.indices?.leases);
    this.states = new StateStore(this.client, { ...this.retry, replicas: opts.replicas, now: () => this.clock.now(), refresh: true, index: opts.indices?.state });
  }

  /** Installs templates and indices, then takes up the jobs stored as opened whose lease is free. */
  async init(): Promise<void> {
    await installTemplates(this.client, { replicas: this.opts.replicas });
    await this.configs.prepare();
    await this.leases.prepare();
    await this.reconcile();
    this.scheduleMaintenance();
  }

  async putJob(body: JobConfig): Promise<JobConfig> {
    const jobId = typeof body?.job_id === 'string' ? body.job_id : '';
    const resolved = resolveJobConfig(body, jobId);
    if (!resolved.ok) throw new JobManagerError(resolved.errors[0]?.message ?? 'invalid job config', 400, resolved.errors);
    const config = resolved.config;
    try {
      datafeedSettings(config, {});
    } catch (err) {
      throw new JobManagerError((err as Error).message, 400);
    }
    const existing = await this.configs.get(config.job_id);
    if (existing) await this.requireNotHeldElsewhere(config.job_id, 'update it there, or close it first');
    const l = this.local.get(config.job_id);
    if ((l && l.datafeedState !== 'stopped') || existing?.run.datafeed_state === 'started') {
      throw conflict(`job "${config.job_id}" exists and its datafeed is running: stop it before updating`);
    }
    if (existing && (await this.hasModel(config.job_id))) {
      const changed = (['analysis_config', 'data_description'] as const).filter((k) => !sameJson(existing.config[k], config[k]));
      if (changed.length > 0) {
        throw new JobManagerError(`job "${config.job_id}" has a model; delete it or create a new job to change its analysis (${changed.join(', ')} changed)`, 409, changed.map((path) => ({ message: 'cannot change once the job has a model', path })));
      }
    }
    const now = this.clock.now();
    await this.configs.put({ job_id: config.job_id, config, run: existing?.run ?? closedRunState(), create_time: existing?.create_time ?? now, update_time: now, summary: existing?.summary ?? null });
    return config;
  }

  async getJob(id: string): Promise<JobConfig | null> {
    return (await this.configs.get(id))?.config ?? null;
  }

  async listJobs(): Promise<JobSummary[]> {
    const out: JobSummary[] = [];
    for (const stored of await this.configs.list()) out.push(await this.summaryOf(stored));
    return out;
  }

  async deleteJob(id: string): Promise<void> {
    const stored = await this.configs.get(id);
    if (!stored) throw notFound(id);
    await this.requireNotHeldElsewhere(id, 'close it first');
    await this.halt(id);
    await this.configs.delete(id);
    await deleteAllResults(this.client, id);
    await this.states.deleteJob(id);
    await this.leases.release(id);
    this.lastMetrics.delete(id);
  }

  async openJob(id: string): Promise<JobSummary> {
    await this.openLocal(id, true);
    return this.status(id);
  }

  async startDatafeed(id: string, range: { start?: number | string; end?: number | string } = {}): Promise<JobSummary> {
    // checked before anything changes: a bad range opens nothing and writes nothing
    const start = range.start !== undefined ? timeOrBadRequest(range.start, 'start') : undefined;
    const end = range.end !== undefined ? timeOrBadRequest(range.end, 'end') : null;
    if (start !== undefined && end !== null && end <= start) {
      throw new JobManagerError(`end: ${new Date(end).toISOString()} is not after start ${new Date(start).toISOString()}`, 400, [{ message: 'must be after start', path: 'end' }]);
    }
    const local = this.local.get(id);
    if (local && local.datafeedState !== 'stopped') throw conflict(`the datafeed of job "${id}" is already ${local.datafeedState}`);
    const processed = local ? local.runtime.processedUntil : ((await this.states.list(id))[0]?.latest_record_time_stamp ?? null);
    if (end !== null && processed !== null && end <= processed) {
      throw new JobManagerError(`end: ${new Date(end).toISOString()} is not after ${new Date(processed).toISOString()}, where job "${id}" has already processed to`, 400, [{ message: 'must be after the processed time', path: 'end' }]);
    }
    if (!this.local.has(id)) await this.openLocal(id, true);
    const l = this.local.get(id)!;
    if (l.datafeedState !== 'stopped') throw conflict(`the datafeed of job "${id}" is already ${l.datafeedState}`);
    const from = l.runtime.processedUntil;
    await this.beginDatafeed(l, start, end);
    const status = await this.status(id);
    if (start !== undefined && from !== null && start < from) {
      return { ...status, note: `start ${new Date(start).toISOString()} is before what the job has processed: it continues from ${new Date(from).toISOString()} (delete the job or create a new one to analyse earlier data)` };
    }
    return status;
  }

  async stopDatafeed(id: string): Promise<JobSummary> {
    const l = this.local.get(id);
    if (!l) {
      // running on another instance: record the wish; that instance stops the datafeed at its next lease renewal
      const stored = await this.requireStored(id);
      if (stored.run.job_state !== 'opened' || stored.run.datafeed_state !== 'started') return this.status(id);
      const holder = await this.liveHolder(id);
      await this.configs.setRun(id, { ...stored.run, datafeed_state: 'stopped' }, this.clock.now());
      const status = await this.status(id);
      if (!holder) return status; // nobody runs it: the recorded state is the state
      return { ...status, state: 'opened', datafeed_state: 'stopping', node: holder, note: this.handedNote('stops the datafeed', holder) };
    }
    if (l.datafeedState !== 'stopped') {
      l.datafeedState = 'stopping';
      await this.pause(l);
      try {
        await l.runtime.writeOutbox();
        await l.runtime.deleteInterim();
        await l.runtime.renormalise();
        await l.runtime.refreshResults();
        await l.runtime.saveSnapshot('datafeed stopped');
        l.lastError = null;
      } catch (err) {
        l.lastError = `stopping: ${describeError(err)}`;
      }
      l.datafeedState = 'stopped';
      l.run = { ...l.run, datafeed_state: 'stopped' };
      await this.configs.setRun(id, l.run, this.clock.now(), this.localSummary(l));
    }
    return this.status(id);
  }

  async closeJob(id: string): Promise<JobSummary> {
    const l = this.local.get(id);
    if (!l) {
      // on another instance (or nowhere): record the wish; the holder closes the job at its next lease renewal
      const stored = await this.requireStored(id);
      if (stored.run.job_state === 'closed') return this.status(id);
      const holder = await this.liveHolder(id);
      const before = await this.status(id);
      await this.configs.setRun(id, closedRunState(), this.clock.now());
      if (!holder) return this.status(id); // nobody runs it: the recorded state is the state
      return { ...before, datafeed_state: before.datafeed_state === 'started' ? 'stopping' : before.datafeed_state, node: holder, note: this.handedNote('closes the job', holder) };
    }
    if (l.datafeedState !== 'stopped') await this.stopDatafeed(id);
    else await l.runtime.saveSnapshot('job closed').catch((err) => (l.lastError = describeError(err)));
    const summary = { ...this.localSummary(l), state: 'closed' as const, datafeed_state: 'stopped' as const, node: null };
    this.local.delete(id);
    await this.leases.release(id);
    await this.configs.setRun(id, closedRunState(), this.clock.now(), summary);
    return this.status(id);
  }

  async status(id: string): Promise<JobSummary> {
    const l = this.local.get(id);
    if (l) return this.localSummary(l);
    return this.summaryOf(await this.requireStored(id));
  }

  metrics(): SchedulerMetrics {
    for (const l of this.local.values()) this.lastMetrics.set(l.config.job_id, this.jobMetrics(l));
    const jobs = Object.fromEntries(this.lastMetrics);
    const totals = { buckets_processed: 0, documents_read: 0, results_written: 0, errors: 0 };
    for (const m of this.lastMetrics.values()) {
      totals.buckets_processed += m.buckets_processed;
      totals.documents_read += m.documents_read;
      totals.results_written += m.results_written;
      totals.errors += m.errors;
    }
    return { jobs, totals };
  }

  /** Stops timers, snapshots the jobs running here and releases their leases; their wanted state stays, so a restart resumes them. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.maintenanceTimer !== null) this.clock.clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = null;
    for (const l of [...this.local.values()]) {
      await this.pause(l);
      try {
        await l.runtime.writeOutbox();
        await l.runtime.deleteInterim();
        await l.runtime.saveSnapshot('shutdown');
        await this.configs.setRun(l.config.job_id, l.run, this.clock.now(), this.localSummary(l));
        await this.leases.release(l.config.job_id);
      } catch (err) {
        this.log(`${l.config.job_id}: shutdown: ${describeError(err)}`);
      }
      this.local.delete(l.config.job_id);
    }
  }

  /** As if this process died: timers stop, nothing is saved, leases are left to expire (tests of lease takeover). */
  async abandon(): Promise<void> {
    this.stopped = true;
    if (this.maintenanceTimer !== null) this.clock.clearTimeout(this.maintenanceTimer);
    for (const l of this.local.values()) await this.pause(l);
    this.local.clear();
  }

  /** Resolves when no scheduled work is running (tests with a manual clock). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  // ---- internals ----

  /** The instance holding the job's live lease when that is not this one, else null. */
  private async liveHolder(id: string): Promise<string | null> {
    const { lease } = await this.leases.read(id);
    return lease && lease.owner !== this.instanceId && lease.expires_at > this.clock.now() ? lease.owner : null;
  }

  /** Refuses a request this instance cannot carry out because another instance holds the job. */
  private async requireNotHeldElsewhere(id: string, what: string): Promise<void> {
    if (this.local.has(id)) return;
    const holder = await this.liveHolder(id);
    if (holder) throw conflict(`job "${id}" is open on instance ${holder}: ${what}`);
  }

  private handedNote(action: string, holder: string): string {
    return `handed to instance ${holder}, which holds the job and ${action} at its next lease renewal (within ${Math.ceil(this.leaseMs / 3000)} s); this is the job's state until then`;
  }

  /** Whether the job has learnt anything: a model snapshot stored, or data processed here. */
  private async hasModel(id: string): Promise<boolean> {
    if ((this.local.get(id)?.runtime.processedUntil ?? null) !== null) return true;
    return (await this.states.list(id)).length > 0;
  }

  private async requireStored(id: string): Promise<StoredJob> {
    const stored = await this.configs.get(id);
    if (!stored) throw notFound(id);
    return stored;
  }

  /** Takes the lease, builds the runtime from the latest snapshot, deletes results after it. */
  private async openLocal(id: string, persist: boolean): Promise<LocalJob | null> {
    const existing = this.local.get(id);
    if (existing) return existing;
    const stored = await this.requireStored(id);
    const now = this.clock.now();
    const lease = await this.leases.acquire(id, now);
    if (!lease.ok) throw conflict(`job "${id}" is open on instance ${lease.holder?.owner ?? 'another instance'} (lease until ${new Date(lease.holder?.expires_at ?? now).toISOString()})`);
    try {
      const source = await buildDatafeedSource(this.client, stored.config);
      const snap = await this.states.loadLatest(id);
      const runtime = new JobRuntime(stored.config, source, {
        client: this.client, states: this.states, retry: this.retry, refresh: this.opts.refreshResults ?? true, now: () => this.clock.now(), log: this.log, replicas: this.opts.replicas,
      }, snap ? { state: snap.state as RuntimeSnapshot, latestRecordTime: snap.latestRecordTime } : undefined);
      if (snap) {
        const removed = await runtime.clearFrom(snap.latestRecordTime);
        this.log(`${id}: restored the snapshot at ${new Date(snap.latestRecordTime).toISOString()}; ${removed} later result documents removed`);
      }
      const run: WantedRunState = persist ? { job_state: 'opened', datafeed_state: 'stopped', start: null, end: null } : stored.run;
      const persistMs = stored.config.background_persist_interval !== undefined ? parseDuration(stored.config.background_persist_interval) : null;
      const l: LocalJob = {
        runtime, config: stored.config, datafeedState: 'stopped', lookback: null, end: null, run, timer: null,
        stopRequested: false, running: null, lastError: null, failures: 0, failed: false, persistMs,
      };
      this.local.set(id, l);
      if (persist) await this.configs.setRun(id, run, now);
      return l;
    } catch (err) {
      await this.leases.release(id);
      if (err instanceof JobManagerError) throw err;
      throw new JobManagerError(`cannot open job "${id}": ${describeError(err)}`, 400);
    }
  }

  private async beginDatafeed(l: LocalJob, start: number | undefined, end: number | null): Promise<void> {
    const rt = l.runtime;
    const s = rt.source.settings;
    const endAt = end ?? s.end;
    if (rt.processedUntil === null) {
      const first = start ?? s.start ?? (await rt.earliestTime()) ?? this.clock.now() - s.queryDelayMs;
      rt.startAt(first);
      await rt.clearFrom(rt.processedUntil!);
    } else if (start !== undefined) rt.startAt(start);
    const lookbackEnd = endAt ?? Math.floor((this.clock.now() - s.queryDelayMs) / s.bucketSpanMs) * s.bucketSpanMs;
    l.lookback = { start: rt.processedUntil!, end: Math.max(rt.processedUntil!, lookbackEnd) };
    l.end = endAt;
    l.stopRequested = false;
    l.datafeedState = 'started';
    l.run = { job_state: 'opened', datafeed_state: 'started', start: rt.processedUntil, end: endAt };
    await this.configs.setRun(l.config.job_id, l.run, this.clock.now());
    this.schedule(l, 0);
  }

  private schedule(l: LocalJob, ms: number): void {
    if (this.stopped || l.stopRequested) return;
    if (l.timer !== null) this.clock.clearTimeout(l.timer);
    l.timer = this.clock.setTimeout(() => {
      l.timer = null;
      const p = this.tick(l).finally(() => {
        this.inflight.delete(p);
        if (l.running === p) l.running = null;
      });
      l.running = p;
      this.inflight.add(p);
    }, ms);
  }

  /** Stops the job's timer and waits for its running tick. */
  private async pause(l: LocalJob): Promise<void> {
    l.stopRequested = true;
    if (l.timer !== null) this.clock.clearTimeout(l.timer);
    l.timer = null;
    while (l.running) await l.running.catch(() => undefined);
  }

  private async halt(id: string): Promise<void> {
    const l = this.local.get(id);
    if (!l) return;
    await this.pause(l);
    this.local.delete(id);
  }

  private async tick(l: LocalJob): Promise<void> {
    const outcome = await runDatafeedTick(l, () => this.clock.now(), this.log);
    if (outcome.kind === 'next') this.schedule(l, outcome.inMs);
    else if (outcome.kind === 'ended') {
      l.datafeedState = 'stopped';
      l.run = { ...l.run, datafeed_state: 'stopped' };
      try {
        await this.configs.setRun(l.config.job_id, l.run, this.clock.now(), this.localSummary(l));
      } catch (err) {
        l.lastError = `recording the end of the datafeed: ${describeError(err)}`;
      }
      this.log(`${l.config.job_id}: lookback to ${new Date(l.end!).toISOString()} done`);
    }
  }

  private scheduleMaintenance(): void {
    if (this.stopped) return;
    this.maintenanceTimer = this.clock.setTimeout(() => {
      const p = this.maintain().finally(() => {
        this.inflight.delete(p);
        this.scheduleMaintenance();
      });
      this.inflight.add(p);
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
  }

  /** Renews the leases of the jobs running here (a job whose lease was taken stops here) and takes up free jobs. */
  private async maintain(): Promise<void> {
    for (const [id, l] of [...this.local]) {
      try {
        const r = await this.leases.renew(id, this.clock.now());
        if (!r.ok) {
          this.log(`${id}: lease lost to ${r.holder?.owner ?? 'another instance'}; the job stops here`);
          await this.pause(l);
          this.local.delete(id);
        }
      } catch (err) {
        l.lastError = `lease renewal: ${describeError(err)}`;
      }
    }
    try {
      await this.reconcile();
    } catch (err) {
      this.log(`taking up jobs: ${describeError(err)}`);
    }
  }

  /**
   * Follows the wanted state another instance recorded for a job running here (stop, close), and
   * opens (and starts) the stored jobs that want to run and whose lease is free or expired.
   */
  private async reconcile(): Promise<void> {
    for (const stored of await this.configs.list()) {
      const here = this.local.get(stored.job_id);
      if (here && stored.run.by !== undefined && stored.run.by !== this.instanceId) {
        try {
          if (stored.run.job_state === 'closed') await this.closeJob(stored.job_id);
          else if (stored.run.datafeed_state === 'stopped' && here.datafeedState === 'started') await this.stopDatafeed(stored.job_id);
        } catch (err) {
          this.log(`${stored.job_id}: following the state asked by ${stored.run.by}: ${describeError(err)}`);
        }
        continue;
      }
      if (stored.run.job_state !== 'opened' || here || this.stopped) continue;
      const { lease } = await this.leases.read(stored.job_id);
      if (lease && lease.owner !== this.instanceId && lease.expires_at > this.clock.now()) continue;
      try {
        const l = await this.openLocal(stored.job_id, false);
        this.log(`${stored.job_id}: taken up by ${this.instanceId}`);
        if (l && stored.run.datafeed_state === 'started') await this.beginDatafeed(l, stored.run.start ?? undefined, stored.run.end);
      } catch (err) {
        this.log(`${stored.job_id}: cannot take up: ${describeError(err)}`);
      }
    }
  }

  private jobMetrics(l: LocalJob): JobMetrics {
    return localJobMetrics(l, this.clock.now());
  }

  private localSummary(l: LocalJob): JobSummary {
    return localJobSummary(l, this.clock.now(), this.instanceId);
  }

  private async summaryOf(stored: StoredJob): Promise<JobSummary> {
    const l = this.local.get(stored.job_id);
    if (l) return this.localSummary(l);
    const { lease } = await this.leases.read(stored.job_id);
    return storedJobSummary(stored, lease, this.clock.now());
  }
}
