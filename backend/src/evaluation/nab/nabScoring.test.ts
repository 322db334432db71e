/** Small hand-made NAB cases: window edges, far false positives, null and perfect detectors. */
import { parseNabCsv, windowsToRows } from './corpus';
import { prepareNabFile, scorePreparedFile } from './fileScore';
import { rowScoresFromBuckets } from './alignScores';
import { NAB_PROFILES, scoreCorpus } from './scoreCorpus';
import { thresholdCandidates } from './thresholdSweep';
import { MAX_TP, probationLength, scaledSigmoid, weightedScores } from './weightedScores';
import type { NabFile } from './types';

const std = NAB_PROFILES.standard;

function makeFile(name: string, n: number, windows: Array<[number, number]>): NabFile {
  const rows = Array.from({ length: n }, (_, i) => ({ timestamp: new Date(Date.UTC(2014, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' '), value: i }));
  return { name, rows, windows };
}

function detectAt(n: number, rows: number[]): Float64Array {
  const s = new Float64Array(n);
  for (const r of rows) s[r] = 1;
  return s;
}

function scoreOne(f: NabFile, scores: Float64Array, threshold = 0.5) {
  return scorePreparedFile(prepareNabFile(f.name, f.rows.length, f.windows, scores, std), std, threshold);
}

describe('NAB constants', () => {
  it('match the spec', () => {
    expect(MAX_TP).toBeCloseTo(0.98661429815143, 13);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3.0001)).toBe(-1);
    expect(probationLength(100)).toBe(15);
    expect(probationLength(4000)).toBe(600);
    expect(probationLength(10000)).toBe(750);
  });
});

describe('NAB file score', () => {
  const f = makeFile('a.csv', 100, [[50, 59]]);

  it('a window detected at its left edge gives exactly tpW, and later detections in it add nothing', () => {
    const r = scoreOne(f, detectAt(100, [50]));
    expect(r.score).toBeCloseTo(1.0, 12);
    expect(r).toMatchObject({ tp: 1, fn: 9, fp: 0, tn: 75, total: 85 });
    expect(scoreOne(f, detectAt(100, [50, 55, 59])).score).toBeCloseTo(1.0, 12);
  });

  it('a detection at the right edge of a 10-row window earns tpW·scaledSigmoid(-0.1)/MAX_TP', () => {
    expect(scoreOne(f, detectAt(100, [59])).score).toBeCloseTo(scaledSigmoid(-0.1) / MAX_TP, 12);
  });

  it('a false positive far after a window costs fpW; just after it costs little', () => {
    // window 50..59 (width 10): row 90 is (90-59)/9 = 3.44 widths later
    expect(scoreOne(f, detectAt(100, [50, 90])).score).toBeCloseTo(1.0 - std.fpWeight, 12);
    expect(scoreOne(f, detectAt(100, [90])).score).toBeCloseTo(-std.fnWeight - std.fpWeight, 12);
    const justAfter = scoreOne(f, detectAt(100, [50, 60])).score - 1.0;
    expect(justAfter).toBeCloseTo(std.fpWeight * scaledSigmoid(1 / 9), 12);
    expect(justAfter).toBeGreaterThan(-std.fpWeight / 2);
    expect(justAfter).toBeLessThan(0);
  });

  it('a false positive before the first window costs fpW; probation rows are not scored', () => {
    expect(scoreOne(f, detectAt(100, [20])).score).toBeCloseTo(-1 - std.fpWeight, 12);
    expect(scoreOne(f, detectAt(100, [3])).score).toBeCloseTo(-1, 12);
    expect(scoreOne(f, detectAt(100, [3]))).toMatchObject({ fp: 0, total: 85 });
  });

  it('a one-row window does not divide by zero', () => {
    const w = weightedScores(20, [[10, 10]], std);
    expect(w[10]).toBeCloseTo(1, 12);
    expect(Array.from(w).every(Number.isFinite)).toBe(true);
    expect(w[11]).toBeCloseTo(std.fpWeight * scaledSigmoid(1), 12);
  });

  it('rejects bad scores and windows, naming file and row', () => {
    const bad = new Float64Array(100);
    bad[7] = Number.NaN;
    expect(() => scoreOne(f, bad)).toThrow('a.csv: row 7: anomaly score NaN is not a number in [0, 1]');
    expect(() => scoreOne(f, new Float64Array(99))).toThrow('a.csv: 99 anomaly scores for 100 rows');
    expect(() => prepareNabFile('b.csv', 10, [[5, 12]], new Float64Array(10), std)).toThrow('b.csv: window 0');
  });
});

describe('NAB corpus score', () => {
  const files = [makeFile('a.csv', 100, [[50, 59]]), makeFile('b.csv', 200, [[60, 69], [150, 159]]), makeFile('c.csv', 100, [])];

  it('the null detector (constant 0.5) scores 0 with θ = 1.1', () => {
    const scores = new Map(files.map((f) => [f.name, new Float64Array(f.rows.length).fill(0.5)]));
    const r = scoreCorpus(files, scores);
    for (const p of Object.keys(NAB_PROFILES)) {
      expect(r.final[p]).toBeCloseTo(0, 12);
      expect(r.profiles[p].threshold).toBe(1.1);
      expect(r.profiles[p].rawScore).toBeCloseTo(-NAB_PROFILES[p].fnWeight * 3, 12);
      expect(r.profiles[p].totals.tp + r.profiles[p].totals.fp).toBe(0);
    }
  });

  it('the perfect detector scores 100; one FP far away costs fpW', () => {
    const perfect = { 'a.csv': detectAt(100, [50]), 'b.csv': detectAt(200, [60, 150]), 'c.csv': new Float64Array(100) };
    expect(scoreCorpus(files, perfect).final.standard).toBeCloseTo(100, 10);
    const oneFp = { ...perfect, 'c.csv': detectAt(100, [40]) };
    const r = scoreCorpus(files, oneFp);
    expect(r.profiles.standard.rawScore).toBeCloseTo(3 - 0.11, 12);
    expect(r.final.standard).toBeCloseTo((100 * (3 - 0.11 + 3)) / 6, 10);
    expect(r.final.reward_low_FN_rate).toBeCloseTo((100 * (3 - 0.11 + 6)) / 9, 10);
  });

  it('the sweep lists each distinct score once, highest θ first, and keeps the higher θ on a tie', () => {
    const a = new Float64Array(100);
    a[50] = 0.9; // window row
    a[80] = 0.9; // FP, same score: enters together
    a[30] = 0.4; // FP before the window
    const prepared = [prepareNabFile('a.csv', 100, [[50, 59]], a, std)];
    const c = thresholdCandidates(prepared, std);
    expect(c.map((x) => x.threshold)).toEqual([1.1, 0.9, 0.4, 0]);
    expect(c[0].score).toBeCloseTo(-1, 12);
    const fp80 = std.fpWeight * scaledSigmoid(21 / 9);
    expect(c[1].score).toBeCloseTo(1 + fp80, 12);
    expect(c[2].score).toBeCloseTo(1 + fp80 - 0.11, 12);
  });
});

describe('NAB inputs', () => {
  it('parses CSV rows and converts label windows to row indices', () => {
    const rows = parseNabCsv('timestamp,value\n2014-04-01 00:00:00,1.5\n2014-04-01 00:05:00,2\n', 'x.csv');
    expect(rows).toEqual([{ timestamp: '2014-04-01 00:00:00', value: 1.5 }, { timestamp: '2014-04-01 00:05:00', value: 2 }]);
    expect(windowsToRows('x.csv', rows, [['2014-04-01 00:05:00.000000', '2014-04-01 00:05:00.000000']])).toEqual([[1, 1]]);
    expect(() => windowsToRows('x.csv', rows, [['2014-04-02 00:00:00.000000', '2014-04-02 00:00:00.000000']])).toThrow('x.csv: window timestamp 2014-04-02 00:00:00.000000 matches no data row');
    expect(() => parseNabCsv('timestamp,value\n2014-04-01 00:00:00,abc\n', 'x.csv')).toThrow('x.csv:2: field value: "abc" is not a number');
  });

  it('gives each row the score of the bucket holding it, /100, 0 when there is none', () => {
    const rows = parseNabCsv('timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:07:00,1\n2014-04-01 00:12:00,1\n', 'x.csv');
    const t0 = Date.UTC(2014, 3, 1);
    const s = rowScoresFromBuckets(rows, [{ timestamp: t0 + 300_000, score: 80 }, { timestamp: t0 + 300_000, score: 40 }, { timestamp: t0, score: 5 }], 300_000);
    expect(Array.from(s)).toEqual([0.05, 0.8, 0]);
  });
});
