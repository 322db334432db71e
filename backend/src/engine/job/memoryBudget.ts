/**
 * Model memory accounting against `analysis_limits.model_memory_limit` (engine-anchors §1.8):
 * `soft_limit` from 60 % of the limit, `hard_limit` at 100 %, where new series are refused
 * and counted (`bucket_allocation_failures_count`).
 */

export type MemoryStatus = 'ok' | 'soft_limit' | 'hard_limit';

export const SOFT_LIMIT_FRACTION = 0.6;

/** Bytes of bookkeeping per series besides its model: the interned key and a few numbers. */
export function seriesOverheadBytes(key: string): number {
  return 2 * key.length + 64;
}

export class MemoryBudget {
  usedBytes = 0;
  allocationFailures = 0;
  private hard = false;

  constructor(readonly limitBytes: number) {}

  /** Reserve bytes for a new series; false (and counted) when it would pass the hard limit. */
  tryReserve(bytes: number): boolean {
    if (this.usedBytes + bytes > this.limitBytes) {
      this.allocationFailures++;
      this.hard = true;
      return false;
    }
    this.usedBytes += bytes;
    return true;
  }

  /** Set the measured usage (called once per bucket from the models' own accounting). Once series
   *  have been refused the status stays hard_limit until usage falls below the soft limit (pruning). */
  setUsed(bytes: number): void {
    this.usedBytes = bytes;
    if (this.hard && bytes < SOFT_LIMIT_FRACTION * this.limitBytes) this.hard = false;
  }

  status(): MemoryStatus {
    if (this.hard || this.usedBytes >= this.limitBytes) return 'hard_limit';
    if (this.usedBytes >= SOFT_LIMIT_FRACTION * this.limitBytes) return 'soft_limit';
    return 'ok';
  }

  snapshot(): { usedBytes: number; allocationFailures: number; hard: boolean } {
    return { usedBytes: this.usedBytes, allocationFailures: this.allocationFailures, hard: this.hard };
  }

  static restore(limitBytes: number, s: { usedBytes: number; allocationFailures: number; hard: boolean }): MemoryBudget {
    const m = new MemoryBudget(limitBytes);
    m.usedBytes = s.usedBytes;
    m.allocationFailures = s.allocationFailures;
    m.hard = s.hard;
    return m;
  }
}
