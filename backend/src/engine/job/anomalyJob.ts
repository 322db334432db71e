/**
 * An anomaly detection job: one analysis config over a stream of records.
 *
 * push(record) → the bucketer (bucket_span, latency) → each detector gathers its series →
 * when a bucket is final each detector scores and learns it → result documents (bucket, records,
 * influencers, model plot), drained in time order with takeResults(). snapshot()/restore() carry the
 * whole state: running N buckets equals running k, snapshot, JSON round trip, restore, N−k.
 */
import { fieldOf, type EventRecord } from '../types';
import type { JobConfig } from '../config/jobConfigTypes';
import { toAnalysisPlan, type AnalysisPlan } from '../config/analysisPlan';
import { Bucketer, type BucketerState } from '../bucketing/bucketer';
import { fieldNumber } from '../bucketing/seriesSplit';
import {
  restoreSeriesBucket, seriesBucketState, type DetectorBucket, type SeriesBucketState,
} from '../detectors/bucketGatherer';
import { createDetector } from './detectorFactory';
import type { Detector, DetectorOutcome, FinaliseContext } from './detectorTypes';
import { MemoryBudget } from './memoryBudget';
import { ResultBuilder, type ResultBuilderState } from './resultBuilder';
import type { JobStats, ResultDocument } from './resultTypes';
import { CategorizingStage, type CategorizingStageSnapshot } from '../categorization/categorizingStage';
import type { CategorizationStats, CategoryDefinitionDoc } from '../categorization/types';

export const SNAPSHOT_VERSION = 1;
/** Interim counts are scaled up by at most 1 / this. */
const MIN_INTERIM_FRACTION = 0.25;
/** Records more than this many buckets ahead of the first open bucket are bad timestamps. */
export const MAX_BUCKETS_AHEAD = 1_000_000;
/** Elastic's limit on the buckets of results of one job: records that would need more are refused (counted). */
export const MAX_RESULT_BUCKETS = 1_000_000;
/**
 * A gap of more empty buckets than max(model prune window in buckets, this), at most MAX_GAP_BUCKETS, is
 * skipped (skip_time): no results for it, models age by the elapsed time at their next value. Shorter gaps
 * are materialised: count-like series need their 0s until they are pruned, and after the prune window
 * no series is scored in an empty bucket, so nothing but empty bucket results is lost by skipping.
 */
export const MIN_GAP_BUCKETS = 5_000;
export const MAX_GAP_BUCKETS = 100_000;

/** Empty buckets the job skips instead of materialising (see MIN_GAP_BUCKETS). */
export function maxGapBuckets(bucketSpanMs: number, pruneWindowMs: number): number {
  return Math.min(MAX_GAP_BUCKETS, Math.max(MIN_GAP_BUCKETS, Math.ceil(pruneWindowMs / bucketSpanMs)));
}

interface OpenBucket {
  eventCount: number;
  detectors: DetectorBucket[];
}

interface OpenBucketState {
  e: number;
  d: Array<Array<[string, SeriesBucketState]>>;
}

interface Counters {
  processed: number;
  missingField: number;
  /** Records with an unusable time (absent from snapshots written before it existed). */
  invalidTime?: number;
  /** Records refused because their bucket lies past the job's MAX_RESULT_BUCKETS (absent from older snapshots). */
  overBucketLimit?: number;
  buckets: number;
  latestRecordMs: number | null;
}

export interface AnomalyJobSnapshot {
  version: number;
  job_id: string;
  config: JobConfig;
  bucketer: BucketerState<OpenBucketState>;
  detectors: unknown[];
  results: ResultBuilderState;
  memory: { usedBytes: number; allocationFailures: number; hard: boolean };
  counters: Counters;
  pending: ResultDocument[];
  /** Categorisation state (categorization_field_name set). */
  categorization?: CategorizingStageSnapshot;
}

/** Scale the counts and sums of gathered bucket data (and of its influencer groups) by f. */
function scaleAdditive(detectors: DetectorBucket[], f: number): void {
  for (const m of detectors) {
    for (const sb of m.values()) {
      sb.acc.scaleAdditive(f);
      if (sb.infl) for (const g of sb.infl.values()) for (const a of g.values()) a.scaleAdditive(f);
    }
  }
}

export class AnomalyJob {
  readonly plan: AnalysisPlan;
  private readonly detectors: Detector[];
  private bucketer: Bucketer<OpenBucket>;
  private builder: ResultBuilder;
  private memory: MemoryBudget;
  private pending: ResultDocument[] = [];
  private counters: Counters = { processed: 0, missingField: 0, invalidTime: 0, buckets: 0, latestRecordMs: null };
  private readonly finaliseCtx: FinaliseContext;
  /** Assigns `mlcategory` to each record before bucketing (categorization/categorizingStage.ts). */
  private readonly categorizing: CategorizingStage | null;
  private readonly emit = (start: number, payload: OpenBucket | undefined): void => this.finaliseBucket(start, payload);

  constructor(readonly jobId: string, readonly config: JobConfig, state?: AnomalyJobSnapshot) {
    this.plan = toAnalysisPlan(config);
    const p = this.plan;
    this.categorizing = CategorizingStage.forPlan(p, state?.categorization);
    this.detectors = p.detectors.map((d, i) => createDetector(d, p, state?.detectors[i]));
    const create = (): OpenBucket => ({ eventCount: 0, detectors: p.detectors.map(() => new Map()) });
    this.bucketer = state
      ? Bucketer.restore(state.bucketer, create, (s: OpenBucketState) => ({
        eventCount: s.e,
        detectors: s.d.map((entries) => new Map(entries.map(([k, sb]) => [k, restoreSeriesBucket(sb)]))),
      }))
      : new Bucketer<OpenBucket>(p.bucketSpanMs, p.latencyMs, create);
    this.builder = new ResultBuilder(jobId, p, state?.results);
    this.memory = state ? MemoryBudget.restore(p.modelMemoryLimitBytes, state.memory) : new MemoryBudget(p.modelMemoryLimitBytes);
    if (state) {
      this.counters = { ...state.counters };
      this.pending = state.pending.map((d) => structuredClone(d));
    }
    this.finaliseCtx = {
      memory: this.memory,
      pruneWindowMs: p.modelPruneWindowMs ?? Math.max(30 * 86_400_000, 20 * p.bucketSpanMs),
      modelPlotEnabled: p.modelPlot.enabled,
      modelPlotTerms: p.modelPlot.terms,
      dryRun: false,
    };
    this.bucketer.maxGapBuckets = maxGapBuckets(p.bucketSpanMs, this.finaliseCtx.pruneWindowMs);
  }

  /** Add one record (already filtered and evaluated by the pipeline). */
  push(input: EventRecord): void {
    const record = this.categorizing ? this.categorizing.apply(input) : input;
    const t = record.time;
    const next = this.bucketer.nextStart;
    // A time that is not a number, or so far ahead that it would open more than a million buckets at
    // once (Elastic's limit on a job's buckets), is a bad timestamp: counted, not analysed.
    if (!Number.isFinite(t) || (next !== null && t >= next + MAX_BUCKETS_AHEAD * this.plan.bucketSpanMs)) {
      this.counters.invalidTime = (this.counters.invalidTime ?? 0) + 1;
      return;
    }
    if (this.pastBucketLimit(t)) {
      this.counters.overBucketLimit = (this.counters.overBucketLimit ?? 0) + 1;
      return;
    }
    const bucket = this.bucketer.payloadFor(t);
    if (bucket) {
      this.counters.processed++;
      if (this.counters.latestRecordMs === null || t > this.counters.latestRecordMs) this.counters.latestRecordMs = t;
      const weight = this.recordWeight(record);
      bucket.eventCount++;
      let used = false;
      for (let i = 0; i < this.detectors.length; i++) {
        if (this.detectors[i].gather(record, bucket.detectors[i], weight)) used = true;
      }
      if (!used) this.counters.missingField++;
    }
    this.bucketer.finaliseUntil(t, this.emit);
  }

  /**
   * True when finalising up to the bucket of time `t` would take the job past MAX_RESULT_BUCKETS buckets of
   * results: computed from the gap (a skipped gap adds no buckets), never by materialising them.
   */
  private pastBucketLimit(t: number): boolean {
    const next = this.bucketer.nextStart;
    const span = this.plan.bucketSpanMs;
    const gap = next === null || t < next ? 0 : Math.floor((t - next) / span);
    const materialised = gap > this.bucketer.maxGapBuckets ? 0 : gap;
    return this.counters.buckets + materialised + 1 > MAX_RESULT_BUCKETS;
  }

  private recordWeight(record: EventRecord): number {
    const f = this.plan.summaryCountFieldName;
    if (!f) return 1;
    const w = fieldNumber(fieldOf(record.fields, f));
    return w !== null && w >= 0 ? w : 1;
  }

  /** Finalise buckets whose end + latency <= untilMs (all open buckets without an argument). */
  flush(untilMs?: number): void {
    if (untilMs === undefined) this.bucketer.finaliseAll(this.emit);
    else this.bucketer.finaliseUntil(untilMs, this.emit);
  }

  /** Drain the results produced so far, in time order. */
  takeResults(): ResultDocument[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /**
   * Results for the open bucket(s), marked is_interim. They are scored against the job's state as it is
   * and change nothing in it (no learning, no new series; series never seen are not scored yet).
   * The bucket holding `nowMs` (default: the latest record time) is incomplete: its counts and sums are
   * scaled up to the whole bucket (by at most 4x) so a partly filled bucket does not read as a drop.
   */
  interimResults(nowMs?: number): ResultDocument[] {
    const now = nowMs ?? this.counters.latestRecordMs;
    const ctx: FinaliseContext = { ...this.finaliseCtx, dryRun: true };
    const out: ResultDocument[] = [];
    for (const [start, bucket] of this.bucketer.openBuckets()) {
      // A copy of the open bucket's gathered data, so that scaling leaves the job's own untouched.
      const copy = bucket.detectors.map((m) => new Map([...m].map(([k, sb]) => [k, restoreSeriesBucket(seriesBucketState(sb))])));
      const elapsed = now === null ? 1 : (now - start) / this.plan.bucketSpanMs;
      if (elapsed < 1) scaleAdditive(copy, 1 / Math.max(elapsed, MIN_INTERIM_FRACTION));
      const outcomes = this.detectors.map((d, i) => d.finalise(start, copy[i], ctx));
      for (const d of this.builder.build(start, bucket.eventCount, outcomes, true)) {
        out.push(this.categorizing ? this.categorizing.annotate(d) : d);
      }
    }
    return out;
  }

  /** Stored result documents scored again with today's normalisers; initial_* scores are kept. */
  renormalise(docs: ResultDocument[]): ResultDocument[] {
    return docs.map((d) => this.builder.rescore(d));
  }

  private finaliseBucket(startMs: number, payload: OpenBucket | undefined): void {
    this.memory.setUsed(this.modelBytes());
    const outcomes: DetectorOutcome[] = this.detectors.map((d, i) =>
      d.finalise(startMs, payload?.detectors[i], this.finaliseCtx));
    this.counters.buckets++;
    const docs = this.builder.build(startMs, payload?.eventCount ?? 0, outcomes, false);
    for (const d of docs) this.pending.push(this.categorizing ? this.categorizing.annotate(d) : d);
  }

  private modelBytes(): number {
    let b = 0;
    for (const d of this.detectors) b += d.modelBytes();
    return b;
  }

  stats(): JobStats {
    let by = 0;
    let over = 0;
    let partition = 0;
    for (const d of this.detectors) {
      const c = d.splitCounts();
      by += c.by;
      over += c.over;
      partition += c.partition;
    }
    const bytes = this.modelBytes();
    this.memory.setUsed(bytes);
    return {
      processed_record_count: this.counters.processed,
      late_record_count: this.bucketer.lateCount,
      missing_field_count: this.counters.missingField,
      invalid_time_count: this.counters.invalidTime ?? 0,
      over_bucket_limit_count: this.counters.overBucketLimit ?? 0,
      bucket_count: this.counters.buckets,
      skipped_bucket_count: this.bucketer.skippedBuckets,
      skipped_spans: this.bucketer.skips.map((k) => ({ start: k.startMs, end: k.endMs })),
      latest_record_timestamp: this.counters.latestRecordMs,
      model_size_stats: {
        model_bytes: bytes,
        total_by_field_count: by,
        total_over_field_count: over,
        total_partition_field_count: partition,
        bucket_allocation_failures_count: this.memory.allocationFailures,
        memory_status: this.memory.status(),
      },
    };
  }

  /** Categorisation stats (Elastic's names: counts, failed_category_count, categorization_status); null without categorisation. */
  categorizationStats(): CategorizationStats | null {
    return this.categorizing ? this.categorizing.stats() : null;
  }

  /** Category definitions changed since the last call (to write beside the results); [] without categorisation. */
  takeCategoryDefinitions(): CategoryDefinitionDoc[] {
    return this.categorizing ? this.categorizing.takeDefinitionUpdates() : [];
  }

  /** Versioned, JSON-serialisable state of the whole job. */
  snapshot(): AnomalyJobSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      job_id: this.jobId,
      config: structuredClone(this.config),
      bucketer: this.bucketer.snapshot((b) => ({
        e: b.eventCount,
        d: b.detectors.map((m) => [...m.entries()].map(([k, sb]) => [k, seriesBucketState(sb)] as [string, SeriesBucketState])),
      })),
      detectors: this.detectors.map((d) => d.snapshot()),
      results: this.builder.snapshot(),
      memory: this.memory.snapshot(),
      counters: { ...this.counters },
      pending: this.pending.map((d) => structuredClone(d)),
      ...(this.categorizing ? { categorization: this.categorizing.snapshot() } : {}),
    };
  }

  static restore(snapshot: AnomalyJobSnapshot): AnomalyJob {
    if (!snapshot || snapshot.version !== SNAPSHOT_VERSION) {
      throw new Error(`unsupported job snapshot version: ${String(snapshot?.version)} (expected ${SNAPSHOT_VERSION})`);
    }
    return new AnomalyJob(snapshot.job_id, snapshot.config, snapshot);
  }
}
