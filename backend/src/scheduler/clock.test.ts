import { ManualClock } from './clock';

describe('manual clock', () => {
  it('fires due timers in time order, waiting for the work each starts, and timers they set within the span', async () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    let work: Promise<void> = Promise.resolve();
    const tick = (name: string, every: number): void => {
      clock.setTimeout(() => {
        work = (async () => {
          await new Promise((r) => setImmediate(r));
          seen.push(`${name}@${clock.now()}`);
          tick(name, every);
        })();
      }, every);
    };
    tick('a', 300);
    tick('b', 500);
    const cancelled = clock.setTimeout(() => seen.push('never'), 100);
    clock.clearTimeout(cancelled);
    await clock.advanceTo(2000, () => work);
    expect(seen).toEqual(['a@1300', 'b@1500', 'a@1600', 'a@1900', 'b@2000']);
    expect(clock.now()).toBe(2000);
    expect(clock.pending).toBe(2);
    await clock.advance(100);
    expect(clock.now()).toBe(2100);
  });
});
