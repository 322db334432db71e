/**
 * What every kind of detector (series, population, rare) gives the job for one finalised bucket.
 */
import type { EventRecord } from '../types';
import type { DetectorPlan } from '../config/analysisPlan';
import type { DetectorBucket } from '../detectors/bucketGatherer';
import type { SplitValues } from '../bucketing/seriesSplit';
import type { SidedProbability } from '../detectors/tailProbability';
import type { MemoryBudget } from './memoryBudget';

export interface InfluenceHit {
  field: string;
  value: string;
  influence: number;
}

/** One anomalous series value (p below the record threshold) before scores are attached. */
export interface RecordCandidate {
  detectorIndex: number;
  /** Position of the series within its detector, for a stable order. */
  seriesOrder: number;
  functionDescription: string;
  split: SplitValues;
  partitionKey: string;
  actual: number;
  typical: number;
  lower: number;
  upper: number;
  probs: SidedProbability;
  influences: InfluenceHit[];
  /** Population records per member: the anomalous attributes behind it (memberAggregation.ts). */
  causes?: RecordCandidate[];
}

export interface PlotPoint {
  detectorIndex: number;
  feature: string;
  split: SplitValues;
  actual: number;
  typical: number;
  lower: number;
  upper: number;
}

export interface DetectorOutcome {
  records: RecordCandidate[];
  plots: PlotPoint[];
  /** Largest raw score per partition this bucket (every partition with a scored series appears). */
  partitionMaxRaw: Map<string, number>;
  /** Smallest probability of any series of the detector this bucket (1 when none). */
  minProbability: number;
}

export interface FinaliseContext {
  memory: MemoryBudget;
  /**
   * Interim scoring: score the bucket against the state as it is and change nothing (no new series,
   * no learning, no counters). Series never seen before are not scored.
   */
  dryRun: boolean;
  pruneWindowMs: number;
  modelPlotEnabled: boolean;
  modelPlotTerms: string[];
}

export interface SplitCounts {
  by: number;
  over: number;
  partition: number;
}

export interface Detector {
  readonly plan: DetectorPlan;
  /** Add a record to this detector's part of an open bucket; false when the record is unusable (counted). */
  gather(record: EventRecord, bucket: DetectorBucket, weight: number): boolean;
  /** Score and learn one finalised bucket (`bucket` undefined when no record reached this detector). */
  finalise(startMs: number, bucket: DetectorBucket | undefined, ctx: FinaliseContext): DetectorOutcome;
  modelBytes(): number;
  splitCounts(): SplitCounts;
  snapshot(): unknown;
}

/** The record output threshold (engine-anchors §1.4(4)). */
export const RECORD_PROBABILITY_THRESHOLD = 0.035;
