/** Reproduces NAB's published ARTime results on the development subset exactly (nab-scoring.md §7). */
import { loadNabCorpus, loadNabProfiles } from './corpus';
import { prepareNabFile, scorePreparedFile } from './fileScore';
import { loadNabPublishedScores, loadNabResultRows, type NabResultRows } from './referenceResults';
import { NAB_PROFILES, scoreCorpus } from './scoreCorpus';
import { weightedScores } from './weightedScores';
import type { NabFile } from './types';

const files: NabFile[] = loadNabCorpus();
const profiles = loadNabProfiles();
const artime = new Map<string, NabResultRows>(files.map((f) => [f.name, loadNabResultRows('ARTime', f.name)]));
const artimeScores = new Map([...artime].map(([k, v]) => [k, v.anomalyScore]));
const profileNames = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

describe('NAB corpus and profiles', () => {
  it('loads the 35 development files with 50 windows and the 3 profiles', () => {
    expect(files).toHaveLength(35);
    expect(files.reduce((n, f) => n + f.windows.length, 0)).toBe(50);
    expect(files.reduce((n, f) => n + f.rows.length, 0)).toBe(20160 + 24192 + 67740 + 15664);
    const f = files.find((x) => x.name === 'artificialWithAnomaly/art_daily_flatmiddle.csv')!;
    expect(f.rows[f.windows[0][0]].timestamp).toBe('2014-04-10 07:15:00');
    expect(f.rows[f.windows[0][1]].timestamp).toBe('2014-04-11 16:45:00');
    expect(profiles).toEqual(NAB_PROFILES);
  });

  it('has the same rows and windows as the ARTime result files', () => {
    for (const f of files) {
      const r = artime.get(f.name)!;
      expect(r.timestamps).toEqual(f.rows.map((x) => x.timestamp));
      const label = new Uint8Array(f.rows.length);
      for (const [s, e] of f.windows) label.fill(1, s, e + 1);
      expect(Array.from(r.label)).toEqual(Array.from(label));
    }
  });
});

describe('NAB scoring reproduces ARTime', () => {
  it.each(profileNames)('every S(t)_%s within 1e-9', (profile) => {
    let rows = 0;
    for (const f of files) {
      const expected = artime.get(f.name)!.weights[profile];
      const got = weightedScores(f.rows.length, f.windows, profiles[profile]);
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
      expect({ file: f.name, worst: worst <= 1e-9 }).toEqual({ file: f.name, worst: true });
      rows += got.length;
    }
    expect(rows).toBe(127756);
  });

  it.each(profileNames)('per-file Score/TP/TN/FP/FN and totals at the published threshold, %s', (profile) => {
    const published = loadNabPublishedScores('ARTime', profile);
    expect(published).toHaveLength(35);
    expect(new Set(published.map((p) => p.threshold)).size).toBe(1);
    const totals = { tp: 0, tn: 0, fp: 0, fn: 0, total: 0, score: 0 };
    const mine = { tp: 0, tn: 0, fp: 0, fn: 0, total: 0, score: 0 };
    for (const p of published) {
      const f = files.find((x) => x.name === p.file)!;
      const prepared = prepareNabFile(f.name, f.rows.length, f.windows, artimeScores.get(f.name)!, profiles[profile]);
      const r = scorePreparedFile(prepared, profiles[profile], p.threshold);
      expect({ file: p.file, tp: r.tp, tn: r.tn, fp: r.fp, fn: r.fn, total: r.total }).toEqual({ file: p.file, tp: p.tp, tn: p.tn, fp: p.fp, fn: p.fn, total: p.total });
      expect(Math.abs(r.score - p.score)).toBeLessThanOrEqual(1e-9);
      for (const k of ['tp', 'tn', 'fp', 'fn', 'total'] as const) {
        totals[k] += p[k];
        mine[k] += r[k];
      }
      totals.score += p.score;
      mine.score += r.score;
    }
    expect({ ...mine, score: 0 }).toEqual({ ...totals, score: 0 });
    expect(Math.abs(mine.score - totals.score)).toBeLessThanOrEqual(1e-9);
    // scoreCorpus with the published threshold gives the same totals.
    const viaCorpus = scoreCorpus(files, artimeScores, { [profile]: profiles[profile] }, { [profile]: published[0].threshold }).profiles[profile];
    expect(viaCorpus.totals).toEqual({ tp: totals.tp, tn: totals.tn, fp: totals.fp, fn: totals.fn, total: totals.total });
    expect(Math.abs(viaCorpus.rawScore - totals.score)).toBeLessThanOrEqual(1e-9);
  });

  it('scores ARTime 74.8 / 66.2 / 79.9 with thresholds optimised on the subset', () => {
    const r = scoreCorpus(files, artimeScores, profiles);
    expect(Object.keys(r.final)).toEqual(profileNames);
    expect(r.final.standard.toFixed(1)).toBe('74.8');
    expect(r.final.reward_low_FP_rate.toFixed(1)).toBe('66.2');
    expect(r.final.reward_low_FN_rate.toFixed(1)).toBe('79.9');
    for (const p of profileNames) {
      expect(r.profiles[p].windowCount).toBe(50);
      expect(r.profiles[p].files).toHaveLength(35);
      expect(r.profiles[p].totals.total).toBe(r.profiles.standard.totals.total);
    }
  });
});
