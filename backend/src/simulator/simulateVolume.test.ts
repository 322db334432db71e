/** IDS alert volume of the full 1,600-host fleet: 100k-150k a day, on a weekday and a weekend day. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { simulate } from './simulate';

it('writes 100k-150k IDS alerts a day at 1,600 hosts (Friday and Saturday, rule update included)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sim-volume-'));
  try {
    const s = await simulate({ seed: 1, days: 2, hosts: 1600, start: '2026-01-09', outDir: dir, flows: false });
    expect(s.daily.map((d) => d.date)).toEqual(['2026-01-09', '2026-01-10']);
    for (const d of s.daily) {
      expect(d.alerts).toBeGreaterThanOrEqual(100_000);
      expect(d.alerts).toBeLessThanOrEqual(150_000);
      expect(d.flows).toBe(0);
    }
    // The weekend is quieter (laptops off), the internet is not.
    expect(s.daily[1].alerts).toBeLessThan(s.daily[0].alerts);
    const text = fs.readFileSync(path.join(dir, 'ids.ndjson'), 'utf8');
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    expect(lines).toBe(s.alerts);
    expect(s.alerts).toBe(s.daily[0].alerts + s.daily[1].alerts);
    expect(fs.statSync(path.join(dir, 'flows.ndjson')).size).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
