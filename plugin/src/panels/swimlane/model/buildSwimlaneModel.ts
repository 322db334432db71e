import type { DataFrame } from '@grafana/data';

import { severityOf } from '../../../shared/severity';
import { extractPoints } from './extractPoints';
import { inferInterval, planBuckets } from './timeGrid';
import {
  DEFAULT_MODEL_OPTIONS,
  OVERALL_LANE_KEY,
  type RecordSummary,
  type ScorePoint,
  type SwimlaneCell,
  type SwimlaneLane,
  type SwimlaneModel,
  type SwimlaneModelOptions,
} from './types';

/**
 * Frames → swimlane: an overall lane (bucket scores, or the max of all lanes when the frames carry none) and the
 * top-N view-by lanes, each a sparse row of cells holding the max score of the points in that interval.
 * Pure: same frames and options, same model.
 */
export function buildSwimlaneModel(frames: DataFrame[], options: Partial<SwimlaneModelOptions> = {}): SwimlaneModel {
  const opts: SwimlaneModelOptions = { ...DEFAULT_MODEL_OPTIONS, ...options };
  const extracted = extractPoints(frames);
  const viewPoints = chooseViewPoints(extracted.entityLanes, extracted.influencerLanes, opts.viewBy);
  const all = [...extracted.overall, ...viewPoints];
  const jobIds = [...new Set(all.map((p) => p.jobId).filter((j): j is string => Boolean(j)))].sort();

  const base = opts.intervalMs > 0 ? opts.intervalMs : (extracted.intervalMs ?? inferInterval(all.map((p) => p.time)));
  const grid = planBuckets(
    all.map((p) => p.time),
    base,
    opts.maxBuckets,
    opts.timeRange
  );

  const lanesByKey = new Map<string, LaneAccumulator>();
  for (const p of viewPoints) {
    const key = p.lane ?? OVERALL_LANE_KEY;
    let acc = lanesByKey.get(key);
    if (!acc) {
      acc = new LaneAccumulator(key, key, false, p.fieldName, p.fieldValue);
      lanesByKey.set(key, acc);
    }
    acc.add(p, grid.start, grid.intervalMs, grid.bucketCount);
  }
  attachRecords(lanesByKey, extracted.records, grid.start, grid.intervalMs, grid.bucketCount);

  const ranked = [...lanesByKey.values()].map((acc) => acc.finish(opts, grid.start, grid.intervalMs));
  ranked.sort(opts.sortBy === 'occurrence' ? byOccurrence : byMaxScore);

  let overall: SwimlaneLane | null = null;
  if (opts.showOverall) {
    const acc = new LaneAccumulator(OVERALL_LANE_KEY, 'Overall', true);
    const source = extracted.overall.length > 0 ? extracted.overall : viewPoints;
    acc.derived = extracted.overall.length === 0;
    for (const p of source) {
      acc.add(p, grid.start, grid.intervalMs, grid.bucketCount);
    }
    for (const r of extracted.records) {
      acc.addRecord(r, grid.start, grid.intervalMs, grid.bucketCount);
    }
    overall = source.length > 0 ? acc.finish(opts, grid.start, grid.intervalMs) : null;
  }

  return {
    start: grid.start,
    end: grid.start + grid.intervalMs * grid.bucketCount,
    intervalMs: grid.intervalMs,
    bucketCount: grid.bucketCount,
    overall,
    lanes: ranked.slice(0, Math.max(0, opts.limit)),
    totalLanes: ranked.length,
    jobIds,
    pointCount: all.length,
  };
}

function chooseViewPoints(entity: ScorePoint[], influencer: ScorePoint[], viewBy: string): ScorePoint[] {
  if (viewBy === 'entity') {
    return entity;
  }
  if (viewBy === 'auto') {
    return influencer.length > 0 ? influencer : entity;
  }
  const byField = influencer.filter((p) => p.fieldName === viewBy);
  return byField.length > 0 ? byField : entity.filter((p) => p.fieldName === viewBy);
}

function attachRecords(
  lanes: Map<string, LaneAccumulator>,
  records: RecordSummary[],
  start: number,
  interval: number,
  count: number
): void {
  for (const r of records) {
    const direct = lanes.get(r.entityKey);
    if (direct) {
      direct.addRecord(r, start, interval, count);
      continue;
    }
    // Influencer lanes: a record belongs to every lane whose field=value is one of its entity's pairs.
    for (const lane of lanes.values()) {
      if (lane.fieldName && r.entityKey.split(',').includes(`${lane.fieldName}=${lane.fieldValue}`)) {
        lane.addRecord(r, start, interval, count);
      }
    }
  }
}

const byMaxScore = (a: SwimlaneLane, b: SwimlaneLane) =>
  b.maxScore - a.maxScore || b.occurrence - a.occurrence || a.label.localeCompare(b.label);
const byOccurrence = (a: SwimlaneLane, b: SwimlaneLane) =>
  b.occurrence - a.occurrence || b.maxScore - a.maxScore || a.label.localeCompare(b.label);

interface MutableCell {
  score: number;
  count: number;
  records: RecordSummary[];
}

class LaneAccumulator {
  derived = false;
  private readonly cells = new Map<number, MutableCell>();

  constructor(
    readonly key: string,
    readonly label: string,
    readonly overall: boolean,
    readonly fieldName?: string,
    readonly fieldValue?: string
  ) {}

  add(p: ScorePoint, start: number, interval: number, count: number): void {
    const index = Math.floor((p.time - start) / interval);
    if (index < 0 || index >= count) {
      return;
    }
    const cell = this.cells.get(index);
    if (cell) {
      cell.score = Math.max(cell.score, p.score);
      cell.count++;
    } else {
      this.cells.set(index, { score: p.score, count: 1, records: [] });
    }
  }

  addRecord(r: RecordSummary, start: number, interval: number, count: number): void {
    const index = Math.floor((r.time - start) / interval);
    const cell = index >= 0 && index < count ? this.cells.get(index) : undefined;
    if (cell) {
      cell.records.push(r);
    }
  }

  finish(opts: SwimlaneModelOptions, gridStart: number, interval: number): SwimlaneLane {
    const indexes = [...this.cells.keys()].sort((a, b) => a - b);
    const cells: SwimlaneCell[] = [];
    let maxScore = 0;
    let occurrence = 0;
    for (const index of indexes) {
      const c = this.cells.get(index)!;
      maxScore = Math.max(maxScore, c.score);
      if (c.score >= opts.occurrenceThreshold) {
        occurrence++;
      }
      const records = [...c.records]
        .sort((a, b) => b.score - a.score || a.time - b.time || a.entityKey.localeCompare(b.entityKey))
        .slice(0, opts.topRecords);
      cells.push({
        index,
        start: gridStart + index * interval,
        end: gridStart + (index + 1) * interval,
        score: c.score, severity: severityOf(c.score), count: c.count, records });
    }
    return {
      key: this.key,
      label: this.label,
      overall: this.overall,
      derived: this.overall ? this.derived : undefined,
      fieldName: this.fieldName,
      fieldValue: this.fieldValue,
      maxScore,
      occurrence,
      cells,
    };
  }
}
