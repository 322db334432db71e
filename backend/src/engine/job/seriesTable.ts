/**
 * The series of one detector: keys interned once, ids 0, 1, 2, … in order of first appearance,
 * the bucket each was last seen in (for pruning), and distinct split value counts.
 */
import { parseSeriesKey, type SplitFields, type SplitValues } from '../bucketing/seriesSplit';
import { seriesOverheadBytes } from './memoryBudget';

export interface SeriesTableState {
  keys: string[];
  lastSeen: number[];
}

export class SeriesTable {
  readonly keys: string[] = [];
  readonly splits: SplitValues[] = [];
  lastSeen: Float64Array = new Float64Array(16);
  private readonly index = new Map<string, number>();
  private readonly byValues = new Set<string>();
  private readonly overValues = new Set<string>();
  private readonly partitionValues = new Set<string>();
  overheadBytes = 0;

  constructor(private readonly split: SplitFields) {}

  get size(): number {
    return this.keys.length;
  }

  idOf(key: string): number | undefined {
    return this.index.get(key);
  }

  add(key: string, seenMs: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.index.set(key, id);
    const s = parseSeriesKey(key, this.split);
    this.splits.push(s);
    if (s.by !== null) this.byValues.add(s.by);
    if (s.over !== null) this.overValues.add(s.over);
    if (s.partition !== null) this.partitionValues.add(s.partition);
    if (id >= this.lastSeen.length) {
      const grown = new Float64Array(this.lastSeen.length * 2);
      grown.set(this.lastSeen);
      this.lastSeen = grown;
    }
    this.lastSeen[id] = seenMs;
    this.overheadBytes += seriesOverheadBytes(key);
    return id;
  }

  counts(): { by: number; over: number; partition: number } {
    return { by: this.byValues.size, over: this.overValues.size, partition: this.partitionValues.size };
  }

  snapshot(): SeriesTableState {
    return { keys: [...this.keys], lastSeen: Array.from(this.lastSeen.subarray(0, this.keys.length)) };
  }

  static restore(split: SplitFields, s: SeriesTableState): SeriesTable {
    const t = new SeriesTable(split);
    s.keys.forEach((k, i) => t.add(k, s.lastSeen[i]));
    return t;
  }
}
