/**
 * Clocks the scheduler runs on: the system clock, and a manual clock for tests that moves time
 * forward on request and fires the timers that fall due, in time order, waiting for the work each
 * one starts (so a test runs hours of real-time scheduling in milliseconds).
 */
import type { Clock } from './types';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private time: number, private readonly settle: () => Promise<void> = async () => undefined) {}

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== h);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time to `target`, firing due timers in order and awaiting `settle` (or `waitFor`) after each. */
  async advanceTo(target: number, waitFor: () => Promise<void> = this.settle): Promise<void> {
    for (;;) {
      await waitFor();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = Math.max(this.time, target);
    await waitFor();
  }

  async advance(ms: number, waitFor?: () => Promise<void>): Promise<void> {
    await this.advanceTo(this.time + ms, waitFor);
  }
}
