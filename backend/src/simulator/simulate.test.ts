/** `simulate` on a small fleet: determinism, file shapes, roles, rhythms, labelled incidents and benign events. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildFleet } from './fleet';
import { PIPELINES, type ScenarioLabel } from './labels';
import { simulate, type SimulationSummary } from './simulate';
import { appByteRatio, median, readSimulation, type SimOutput, type SimRecord } from './simulateTestData';

const OPTS = { seed: 7, days: 2, hosts: 60, start: '2026-01-09' }; // Friday and Saturday
let dir: string;
let summary: SimulationSummary;
let sim: SimOutput;
let roleOf: Map<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sim-'));
  summary = await simulate({ ...OPTS, outDir: path.join(dir, 'a') });
  sim = readSimulation(path.join(dir, 'a'));
  roleOf = new Map(sim.hosts.map((h) => [h.ip, h.role]));
}, 60_000); // about a second of work; generous for a loaded shared machine
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const labelsOf = (kind: string): ScenarioLabel[] => sim.labels.labels.filter((l) => l.kind === kind);
const within = (r: SimRecord, l: ScenarioLabel): boolean => r.t >= l.start_ms && r.t < l.end_ms;

describe('simulate: files', () => {
  it('is byte-identical for the same seed and differs for another seed', async () => {
    const small = { ...OPTS, hosts: 24, days: 1 };
    await simulate({ ...small, outDir: path.join(dir, 'b') });
    await simulate({ ...small, outDir: path.join(dir, 'c') });
    await simulate({ ...small, seed: 8, outDir: path.join(dir, 'd') });
    for (const f of ['flows.ndjson', 'ids.ndjson', 'hosts.ndjson', 'labels.json']) {
      const b = fs.readFileSync(path.join(dir, 'b', f));
      expect(b.length).toBeGreaterThan(100);
      expect(b.equals(fs.readFileSync(path.join(dir, 'c', f)))).toBe(true);
    }
    expect(fs.readFileSync(path.join(dir, 'b', 'flows.ndjson')).equals(fs.readFileSync(path.join(dir, 'd', 'flows.ndjson')))).toBe(false);
  }, 60_000);

  it('writes flows and alerts with the brief field names, in time order, counted in the summary', () => {
    expect(Object.keys(sim.flows[0])).toEqual(['@timestamp', 'sourcetype', 'src', 'dest', 'dest_port', 'protocol', 'src_app_bytes', 'dest_app_bytes', 'app_byte_ratio', 't']);
    expect(sim.flows.every((r) => r.app_byte_ratio === appByteRatio(r))).toBe(true);
    expect(sim.flows.some((r) => r.app_byte_ratio === null)).toBe(true);
    expect(Object.keys(sim.alerts[0])).toEqual(['@timestamp', 'index', 'sourcetype', 'src', 'dest', 'dest_port', 'protocol', 'signature_name', 'signature_id', 'category', 'priority', 't']);
    expect(sim.flows.every((r) => r.sourcetype === 'netflow' && Number.isInteger(r.src_app_bytes) && Number.isInteger(r.dest_app_bytes))).toBe(true);
    expect(sim.alerts.every((r) => r.sourcetype === 'snort' && r.index === 'ids' && typeof r.signature_name === 'string' && typeof r.category === 'string')).toBe(true);
    for (const records of [sim.flows, sim.alerts]) {
      expect(records.every((r, i) => i === 0 || r.t >= records[i - 1].t)).toBe(true);
      expect(records[0].t).toBeGreaterThanOrEqual(Date.parse('2026-01-09T00:00:00Z'));
      expect(records[records.length - 1].t).toBeLessThan(Date.parse('2026-01-11T00:00:00Z'));
    }
    expect(summary.flows).toBe(sim.flows.length);
    expect(summary.alerts).toBe(sim.alerts.length);
    expect(summary.daily.map((d) => d.date)).toEqual(['2026-01-09', '2026-01-10']);
    expect(summary.daily.reduce((a, d) => a + d.alerts, 0)).toBe(sim.alerts.length);
    expect(sim.hosts).toHaveLength(60);
    expect(sim.hosts.every((h) => /^10\.\d+\.\d+\.\d+$/.test(h.ip))).toBe(true);
  });

  it('keeps outbound destinations mostly external, with heavy-tailed byte counts', () => {
    const outbound = sim.flows.filter((r) => roleOf.has(r.src));
    const external = outbound.filter((r) => !r.dest.startsWith('10.'));
    expect(external.length / outbound.length).toBeGreaterThan(0.8);
    const down = sim.flows.map((r) => r.dest_app_bytes ?? 0).sort((a, b) => a - b);
    expect(down[down.length - 1] / median(down)).toBeGreaterThan(1000);
    expect(new Set(sim.alerts.map((r) => r.signature_name)).size).toBeGreaterThan(150);
  });
});

describe('simulate: roles and rhythms', () => {
  const ratioShare = (role: string, positive: boolean): number => {
    const ratios = sim.flows.filter((r) => roleOf.get(r.src) === role).map(appByteRatio).filter((x): x is number => x !== null && x !== 0);
    return ratios.filter((x) => (positive ? x > 0 : x < 0)).length / ratios.length;
  };

  it('web servers mostly produce data (app_byte_ratio > 0), laptops mostly consume (< 0)', () => {
    expect(ratioShare('web', true)).toBeGreaterThan(0.7);
    expect(ratioShare('laptop', false)).toBeGreaterThan(0.85);
    expect(ratioShare('database', true)).toBeGreaterThan(0.7);
  });

  it('laptops work office hours on weekdays and rest at weekends; web servers keep most of their traffic', () => {
    const count = (role: string, from: string, to: string): number => sim.flows.filter((r) => roleOf.get(r.src) === role && r.t >= Date.parse(from) && r.t < Date.parse(to)).length;
    const officeHours = count('laptop', '2026-01-09T10:00:00Z', '2026-01-09T16:00:00Z');
    const night = count('laptop', '2026-01-09T00:00:00Z', '2026-01-09T06:00:00Z');
    expect(officeHours).toBeGreaterThan(10 * night);
    const laptopWeekend = count('laptop', '2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z') / count('laptop', '2026-01-09T00:00:00Z', '2026-01-10T00:00:00Z');
    expect(laptopWeekend).toBeLessThan(0.25);
    const webWeekend = count('web', '2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z') / count('web', '2026-01-09T00:00:00Z', '2026-01-10T00:00:00Z');
    expect(webWeekend).toBeGreaterThan(0.6);
    expect(webWeekend).toBeLessThan(0.9);
  });
});

describe('simulate: labels', () => {
  it('labels one of each incident kind and both benign events, with pipelines and entities', () => {
    const kinds = sim.labels.labels.map((l) => l.kind).sort();
    expect(kinds).toEqual(['exfiltration', 'first_ftp_upload', 'fleet_new_signature', 'lateral_movement', 'new_signature_for_kind', 'patch_day', 'recon_burst', 'slow_exfiltration']);
    for (const l of sim.labels.labels) {
      expect(l.events).toBeGreaterThan(0);
      expect(l.end_ms).toBeGreaterThan(l.start_ms);
      expect(l.start_ms).toBeGreaterThanOrEqual(Date.parse('2026-01-09T00:00:00Z') + 0.8 * 86_400_000);
      expect(l.stream).toBe(PIPELINES[l.pipeline].stream);
      if (l.class === 'incident') {
        expect(l.expect).toBe('critical');
        expect(roleOf.get(l.src!)).toBe(l.role);
        expect(l.detect_within_buckets).toBe(l.speed === 'slow' ? 12 : 2);
      } else expect(l.expect).toBe('not_flagged_per_host');
    }
    expect(labelsOf('slow_exfiltration')[0].end_ms - labelsOf('slow_exfiltration')[0].start_ms).toBeGreaterThanOrEqual(3 * 3_600_000);
  });

  it('exfiltration: a laptop that downloads from dest:port suddenly uploads to it (first record at the start)', () => {
    for (const l of [...labelsOf('exfiltration'), ...labelsOf('slow_exfiltration')]) {
      const toDp = sim.flows.filter((r) => r.src === l.src && `${r.dest}:${r.dest_port}` === l.dp);
      const before = toDp.filter((r) => r.t < l.start_ms).map(appByteRatio).filter((x): x is number => x !== null);
      const during = toDp.filter((r) => within(r, l));
      expect(before.length).toBeGreaterThanOrEqual(5);
      expect(median(before)).toBeLessThan(-0.5);
      expect(during.length).toBeGreaterThanOrEqual(l.events);
      expect(median(during.map((r) => appByteRatio(r)!))).toBeGreaterThan(0.9);
      expect(during.some((r) => r.t === l.start_ms)).toBe(true);
      expect(l.entity_key).toBe(`dp=${l.dp},src=${l.src}`);
    }
    const slow = labelsOf('slow_exfiltration')[0];
    const times = sim.flows.filter((r) => r.src === slow.src && `${r.dest}:${r.dest_port}` === slow.dp && within(r, slow) && appByteRatio(r)! > 0.9).map((r) => r.t);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(3 * 3_600_000);
  });

  it('first-ever FTP upload: a server sends large files to dest:21 and never used port 21 before', () => {
    const l = labelsOf('first_ftp_upload')[0];
    expect(['batch', 'database']).toContain(l.role);
    expect(sim.flows.filter((r) => r.src === l.src && r.dest_port === 21 && r.t < l.start_ms)).toHaveLength(0);
    const ftp = sim.flows.filter((r) => r.src === l.src && r.dest === l.dest && r.dest_port === 21);
    expect(ftp).toHaveLength(l.events);
    expect(ftp.every((r) => within(r, l))).toBe(true);
    expect(ftp[0].t).toBe(l.start_ms);
    expect(ftp.reduce((a, r) => a + (r.src_app_bytes ?? 0), 0)).toBeGreaterThan(100_000_000);
  });

  it('a signature new to a host kind: a server fires a signature only laptops have', () => {
    const l = labelsOf('new_signature_for_kind')[0];
    const fleet = buildFleet(OPTS.seed, OPTS.hosts);
    expect(fleet.byRole.laptop.some((h) => h.alerts.signatures.some((s) => s.name === l.signature_name))).toBe(true);
    const fired = sim.alerts.filter((r) => r.signature_name === l.signature_name && roleOf.get(r.src) !== 'laptop');
    expect(fired).toHaveLength(l.events);
    expect(fired.every((r) => r.src === l.src && within(r, l) && r.category === l.category)).toBe(true);
    expect(fired[0].t).toBe(l.start_ms);
    expect(l.entity_key).toBe(`signature_name=${l.signature_name},src=${l.src}`);
  });

  it('recon burst: 12 categories from one host in ten minutes, where hosts otherwise show at most a few per bucket', () => {
    const l = labelsOf('recon_burst')[0];
    const burst = sim.alerts.filter((r) => r.src === l.src && within(r, l));
    expect(new Set(burst.map((r) => r.category))).toEqual(new Set(l.categories));
    expect(l.categories).toHaveLength(12);
    expect(burst.length).toBe(l.events);
    const perBucket = new Map<string, Set<string>>();
    for (const r of sim.alerts) {
      if (r.src === l.src && within(r, l)) continue;
      const key = `${r.src}|${Math.floor(r.t / 300_000)}`;
      if (!perBucket.has(key)) perBucket.set(key, new Set());
      perBucket.get(key)!.add(r.category!);
    }
    expect(Math.max(...[...perBucket.values()].map((s) => s.size))).toBeLessThanOrEqual(6);
  });

  it('lateral movement: alerts to many internal dest:port pairs the host never reached before', () => {
    const l = labelsOf('lateral_movement')[0];
    const pairs = (rs: SimRecord[]): Set<string> => new Set(rs.map((r) => `${r.dest}:${r.dest_port}`));
    // The laptop's own alerts go to the internet; during the incident it reaches 50 internal pairs.
    const during = pairs(sim.alerts.filter((r) => r.src === l.src && within(r, l) && r.dest.startsWith('10.')));
    expect(during).toEqual(new Set(l.dest_ports));
    expect(during.size).toBe(50);
    const before = pairs(sim.alerts.filter((r) => r.src === l.src && r.t < l.start_ms));
    expect([...during].filter((p) => before.has(p))).toEqual([]);
    const flows = pairs(sim.flows.filter((r) => r.src === l.src && within(r, l) && r.dest.startsWith('10.')));
    expect(flows).toEqual(during);
  });

  it('patch day: every host downloads large updates from the update server it checks daily, only then', () => {
    const l = labelsOf('patch_day')[0];
    const updates = new Set(l.dests);
    const big = sim.flows.filter((r) => updates.has(r.dest) && (r.dest_app_bytes ?? 0) > 10_000_000);
    expect(big.length).toBe(l.events);
    expect(big.every((r) => within(r, l))).toBe(true);
    expect(new Set(big.map((r) => r.src)).size).toBe(60);
    const checks = sim.flows.filter((r) => updates.has(r.dest) && r.t < l.start_ms);
    expect(new Set(checks.map((r) => r.src)).size).toBeGreaterThan(45);
  });

  it('rule update: a new signature fires on every host within an hour of its start, never before', () => {
    const l = labelsOf('fleet_new_signature')[0];
    const fired = sim.alerts.filter((r) => r.signature_name === l.signature_name);
    expect(fired.every((r) => r.t >= l.start_ms)).toBe(true);
    expect(fired).toHaveLength(l.events);
    expect(new Set(fired.filter((r) => r.t < l.start_ms + 3_600_000).map((r) => r.src)).size).toBe(60);
  });
});
