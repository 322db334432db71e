/**
 * The series of one detector: keys interned once, ids 0, 1, 2, … in order of first appearance,
 * the bucket each was last seen in (for pruning) and its partition (typed arrays), and distinct split
 * value counts. A series' split values are parsed from its key when a result needs them.
 */
import { parseSeriesKey, type SplitFields, type SplitValues } from '../bucketing/seriesSplit';
import { seriesOverheadBytes } from './memoryBudget';

export interface SeriesTableState {
  keys: string[];
  lastSeen: number[];
}

export class SeriesTable {
  readonly keys: string[] = [];
  lastSeen: Float64Array = new Float64Array(16);
  private partitionIds: Int32Array = new Int32Array(16);
  private readonly partitionNames: string[] = [];
  private readonly partitionIndex = new Map<string, number>();
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
    if (s.by !== null) this.byValues.add(s.by);
    if (s.over !== null) this.overValues.add(s.over);
    if (s.partition !== null) this.partitionValues.add(s.partition);
    if (id >= this.lastSeen.length) {
      const grown = new Float64Array(this.lastSeen.length * 2);
      grown.set(this.lastSeen);
      this.lastSeen = grown;
      const ids = new Int32Array(this.partitionIds.length * 2);
      ids.set(this.partitionIds);
      this.partitionIds = ids;
    }
    this.lastSeen[id] = seenMs;
    const pk = s.partition ?? '';
    let pid = this.partitionIndex.get(pk);
    if (pid === undefined) {
      pid = this.partitionNames.length;
      this.partitionNames.push(pk);
      this.partitionIndex.set(pk, pid);
    }
    this.partitionIds[id] = pid;
    this.overheadBytes += seriesOverheadBytes(key);
    return id;
  }

  /** The by / over / partition values of series `id`. */
  splitOf(id: number): SplitValues {
    return parseSeriesKey(this.keys[id], this.split);
  }

  /** The partition key of series `id` (its partition value, "" without a partition field). */
  partitionOf(id: number): string {
    return this.partitionNames[this.partitionIds[id]];
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
