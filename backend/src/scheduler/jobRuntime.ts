/**
 * One opened job on this instance, without timers: reads chunks of its datafeed into its
 * `AnomalyJob`, writes the final results (deterministic ids), interim results for the open bucket,
 * delayed-data annotations, and model snapshots. The processed time only moves forward after a
 * chunk was read whole; results not yet written wait in an outbox and are written first next time,
 * so an outage loses nothing and a resume from a snapshot skips or repeats nothing.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { JobConfig } from '../engine/config';
import { AnomalyJob, resultId, type AnomalyJobSnapshot, type JobStats, type ResultDocument } from '../engine/job';
import { deleteWhere } from '../opensearch/deleteWhere';
import { osRequest } from '../opensearch/request';
import type { RetryOptions } from '../opensearch/retry';
import { resultsIndexOf } from '../opensearch/templates';
import { OpenSearchResultsSink } from '../sinks/openSearchResultsSink';
import { resultDocId } from '../sinks/resultDocId';
import { deleteResultsFrom } from '../sinks/resultsMaintenance';
import type { StateStore } from '../sinks/stateStore';
import type { ResultDocLike } from '../sinks/types';
import { countPerBucket, readChunk, SUMMARY_COUNT_FIELD, type DatafeedSource } from './datafeedReader';
import { delayedDataAnnotation } from './delayedData';
import { renormalisationWindowMs, renormaliseResults } from './renormalise';

/** What a snapshot holds besides the engine's state. */
export interface RuntimeSnapshot {
  job: AnomalyJobSnapshot;
  /** Documents read per recent bucket start (for the delayed-data check). */
  bucket_counts: Array<[number, number]>;
  documents_read: number;
  read_from: number | null;
}

export interface RuntimeCounters {
  documentsRead: number;
  resultsWritten: number;
  errors: number;
}

const ENGINE_TYPES = new Set(['bucket', 'record', 'influencer', 'model_plot']);
const idOf = (doc: ResultDocLike): string => (ENGINE_TYPES.has(doc.result_type) ? resultId(doc as unknown as ResultDocument) : resultDocId(doc));
const interimIdOf = (doc: ResultDocLike): string => `${idOf(doc)}_interim`;

export interface RuntimeOptions {
  client: Client;
  states: StateStore;
  retry: RetryOptions;
  refresh: boolean;
  now: () => number;
  log: (line: string) => void;
  /** Replicas of the results index when the runtime creates it (`vigil serve --replicas`; default 1). */
  replicas?: number;
}

export class JobRuntime {
  readonly job: AnomalyJob;
  /** End of the last bucket whose data has been read and pushed (bucket aligned); null before any. */
  processedUntil: number | null;
  readonly counters: RuntimeCounters = { documentsRead: 0, resultsWritten: 0, errors: 0 };
  private outbox: ResultDocLike[] = [];
  private bucketCounts = new Map<number, number>();
  private readonly sink: OpenSearchResultsSink;
  private lastSnapshotAt: number | null;
  /** Time of the latest snapshot written (data time). */
  snapshotCount = 0;
  private hasInterim = false;
  private dirty = false;
  /** Start of the first bucket this job read. */
  private readFrom: number | null = null;

  constructor(readonly config: JobConfig, readonly source: DatafeedSource, private readonly opts: RuntimeOptions, snapshot?: { state: RuntimeSnapshot; latestRecordTime: number }) {
    if (snapshot) {
      this.job = AnomalyJob.restore(snapshot.state.job);
      this.processedUntil = snapshot.latestRecordTime;
      this.bucketCounts = new Map(snapshot.state.bucket_counts);
      this.counters.documentsRead = snapshot.state.documents_read;
      this.readFrom = snapshot.state.read_from;
    } else {
      const jobConfig = structuredClone(config);
      if (source.settings.readPath === 'aggregated') jobConfig.analysis_config.summary_count_field_name = SUMMARY_COUNT_FIELD;
      this.job = new AnomalyJob(config.job_id, jobConfig);
      this.processedUntil = null;
    }
    this.lastSnapshotAt = this.processedUntil;
    this.sink = new OpenSearchResultsSink(opts.client, { ...opts.retry, idOf, replicas: opts.replicas });
  }

  get jobId(): string {
    return this.config.job_id;
  }

  get spanMs(): number {
    return this.source.settings.bucketSpanMs;
  }

  stats(): JobStats {
    return this.job.stats();
  }

  /** Results after the resume point are replaced: delete them (and any interim ones) before reading again. */
  async clearFrom(fromMs: number): Promise<number> {
    return deleteResultsFrom(this.opts.client, this.jobId, fromMs);
  }

  /**
   * Reads, pushes and finalises every bucket in `[processedUntil, target)`, chunk by chunk (chunks
   * aligned to multiples of the chunk span, so a resumed run cuts the same chunks), writing results
   * after each. `onChunk` runs after each chunk (progress, snapshots, stop requests: return false to stop).
   */
  async processTo(target: number, onChunk: (until: number) => Promise<boolean>): Promise<void> {
    await this.writeOutbox();
    const chunk = this.source.settings.chunkSpanMs;
    while (this.processedUntil !== null && this.processedUntil < target) {
      const from = this.processedUntil;
      const to = Math.min(target, Math.floor(from / chunk) * chunk + chunk);
      const read = await readChunk(this.opts.client, this.source, from, to, this.opts.retry);
      for (const r of read.records) this.job.push(r);
      this.job.flush(to + this.source.settings.latencyMs);
      this.counters.documentsRead += read.documents;
      for (const [b, n] of read.bucketCounts) this.bucketCounts.set(b, n);
      this.processedUntil = to;
      this.takeResults();
      await this.writeOutbox();
      if (!(await onChunk(to))) return;
    }
  }

  /** Finalises every open bucket (a datafeed with an end: the last bucket may be partial). */
  async finish(endMs: number): Promise<void> {
    this.job.flush();
    this.takeResults();
    await this.writeOutbox();
    const span = this.spanMs;
    this.processedUntil = Math.max(this.processedUntil ?? endMs, Math.ceil(endMs / span) * span);
  }

  private takeResults(): void {
    const docs = this.job.takeResults() as unknown as ResultDocLike[];
    if (this.source.settings.readPath === 'aggregated') {
      // a summarised record stands for doc_count documents: a bucket's event count is its documents
      for (const d of docs) if (d.result_type === 'bucket') d.event_count = this.bucketCounts.get(d.timestamp) ?? 0;
    }
    const cats = this.job.takeCategoryDefinitions() as unknown as ResultDocLike[];
    this.outbox.push(...docs, ...cats);
  }

  async writeOutbox(): Promise<void> {
    if (this.outbox.length === 0) return;
    const docs = this.outbox;
    await this.sink.write(docs);
    this.outbox = this.outbox.slice(docs.length);
    this.counters.resultsWritten += docs.length;
    this.dirty = true;
  }

  /** Makes the results written since the last call searchable (once per tick, when the manager asks for it). */
  async refreshResults(): Promise<void> {
    if (!this.dirty || !this.opts.refresh) return;
    await osRequest(this.opts.client, 'POST', `/${resultsIndexOf(this.jobId)}/_refresh`, undefined, { ignore: [404] });
    this.dirty = false;
  }

  /** The sink's last retryable problem (e.g. HTTP 429), or null. */
  get writeProblem(): string | null {
    return this.sink.stats.lastProblem;
  }

  get pendingResults(): number {
    return this.outbox.length;
  }

  /** Interim results of the open bucket from what has arrived up to `nowMs` (computed on a copy of the job). */
  async writeInterim(nowMs: number): Promise<number> {
    await this.deleteInterim();
    if (this.processedUntil === null || nowMs <= this.processedUntil) return 0;
    const read = await readChunk(this.opts.client, this.source, this.processedUntil, nowMs, this.opts.retry);
    if (read.records.length === 0) return 0;
    const copy = AnomalyJob.restore(this.job.snapshot());
    for (const r of read.records) copy.push(r);
    copy.takeResults();
    const interim = copy.interimResults(nowMs).filter((d) => d.timestamp >= this.processedUntil!) as unknown as ResultDocLike[];
    if (this.source.settings.readPath === 'aggregated') {
      for (const d of interim) if (d.result_type === 'bucket') d.event_count = read.bucketCounts.get(d.timestamp) ?? 0;
    }
    if (interim.length === 0) return 0;
    const sink = new OpenSearchResultsSink(this.opts.client, { ...this.opts.retry, idOf: interimIdOf, replicas: this.opts.replicas });
    await sink.write(interim);
    this.dirty = true;
    this.hasInterim = true;
    return interim.length;
  }

  async deleteInterim(): Promise<void> {
    if (!this.hasInterim) return;
    const index = resultsIndexOf(this.jobId);
    await deleteWhere(this.opts.client, index, { bool: { filter: [{ term: { job_id: this.jobId } }, { term: { is_interim: true } }] } });
    this.hasInterim = false;
  }

  /**
   * Delayed data: counts the documents of the finished buckets in the check window again and writes
   * an annotation for each bucket that has more now than were read (engine-anchors §5 row 11).
   */
  async checkDelayedData(windowMs: number): Promise<number> {
    if (this.processedUntil === null) return 0;
    const end = this.processedUntil;
    const start = end - windowMs;
    for (const b of [...this.bucketCounts.keys()]) if (b < start) this.bucketCounts.delete(b);
    const now = await countPerBucket(this.opts.client, this.source, start, end, this.opts.retry);
    const docs: ResultDocLike[] = [];
    for (const [bucket, count] of now) {
      const seen = this.bucketCounts.get(bucket) ?? 0;
      if (count > seen && this.readBucket(bucket)) {
        docs.push(delayedDataAnnotation(this.jobId, bucket, this.spanMs, seen, count, this.opts.now()));
        this.bucketCounts.set(bucket, count);
      }
    }
    if (docs.length) {
      this.outbox.push(...docs);
      await this.writeOutbox();
      this.opts.log(`${this.jobId}: delayed data in ${docs.length} bucket(s) of the last ${windowMs / 60_000} min`);
    }
    return docs.length;
  }

  /** True when the bucket was read by this job (not before the time it started reading). */
  private readBucket(bucket: number): boolean {
    return this.readFrom !== null && bucket >= this.readFrom;
  }

  /** Sets where reading starts (a new job) or resumes (after a stop, with a later start). */
  startAt(startMs: number): void {
    const aligned = Math.floor(startMs / this.spanMs) * this.spanMs;
    if (this.processedUntil === null || aligned > this.processedUntil) this.processedUntil = aligned;
    if (this.readFrom === null) this.readFrom = this.processedUntil;
  }

  /** Scores the final results of the renormalisation window again with today's normalisers (written first). */
  async renormalise(): Promise<number> {
    if (this.processedUntil === null) return 0;
    await this.writeOutbox();
    const windowMs = renormalisationWindowMs(this.config.renormalization_window_days, this.spanMs);
    const changed = await renormaliseResults(this.opts.client, this.job, this.processedUntil - windowMs, this.processedUntil, this.opts.retry);
    if (changed > 0) {
      this.dirty = true;
      this.opts.log(`${this.jobId}: renormalised ${changed} result documents`);
    }
    return changed;
  }

  /** True when `intervalMs` of data time passed since the last snapshot (or since reading started). */
  snapshotDue(intervalMs: number): boolean {
    if (this.processedUntil === null) return false;
    const since = this.lastSnapshotAt ?? this.readFrom ?? this.processedUntil;
    return this.processedUntil - since >= intervalMs;
  }

  /** Persists the state at `processedUntil` (only when every result before it is written). */
  async saveSnapshot(description: string): Promise<boolean> {
    if (this.processedUntil === null || this.outbox.length > 0) return false;
    if (this.lastSnapshotAt === this.processedUntil && this.snapshotCount > 0) return true; // nothing new since
    const keepFrom = this.processedUntil - this.source.settings.delayedDataCheck.windowMs;
    const state: RuntimeSnapshot = {
      job: this.job.snapshot(),
      bucket_counts: [...this.bucketCounts].filter(([b]) => b >= keepFrom),
      documents_read: this.counters.documentsRead,
      read_from: this.readFrom,
    };
    await this.opts.states.save({ jobId: this.jobId, state, latestRecordTime: this.processedUntil, latestResultTime: this.processedUntil - this.spanMs, description });
    this.lastSnapshotAt = this.processedUntil;
    this.snapshotCount++;
    this.opts.log(`${this.jobId}: snapshot at ${new Date(this.processedUntil).toISOString()} (${description})`);
    return true;
  }

  /** Earliest document time of the datafeed's indices and query, or null when there is none. */
  async earliestTime(): Promise<number | null> {
    const s = this.source.settings;
    const res = await osRequest<{ aggregations?: { t: { value: number | null } } }>(
      this.opts.client, 'POST', `/${this.source.indices.map(encodeURIComponent).join(',')}/_search`,
      { size: 0, track_total_hits: false, query: this.source.query, aggs: { t: { min: { field: s.timeField } } } },
      { querystring: { ignore_unavailable: true, allow_no_indices: true } },
    );
    const v = res.body.aggregations?.t.value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
}
