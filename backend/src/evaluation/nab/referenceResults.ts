/**
 * Reads published NAB detector outputs (`reference_results/<detector>/...`) from the shared folder:
 * per-row anomaly scores and S(t) columns, and the per-file `*_scores_devfiles.csv` tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';

export interface NabResultRows {
  timestamps: string[];
  anomalyScore: Float64Array;
  label: Uint8Array;
  /** S(t) per profile name, from the `S(t)_<profile>` columns. */
  weights: Record<string, Float64Array>;
}

export interface NabPublishedFileScore {
  file: string;
  profile: string;
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  total: number;
}

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function num(file: string, line: number, field: string, raw: string | undefined): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(v)) throw new Error(`${file}:${line}: field ${field}: "${raw}" is not a number`);
  return v;
}

/** The per-row results of `detector` for a corpus file name like `realTraffic/speed_7578.csv`. */
export function loadNabResultRows(detector: string, name: string): NabResultRows {
  const [category, base] = name.split('/');
  const file = sharedPath('datasets', 'nab', 'reference_results', detector, category, `${detector}_${base}`);
  const { header, rows } = readCsv(file);
  const col = (h: string): number => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`${file}:1: missing column ${h}`);
    return i;
  };
  const ts = col('timestamp');
  const sc = col('anomaly_score');
  const lb = col('label');
  const label = path.basename(file);
  const weights: Record<string, Float64Array> = {};
  const weightCols = header.map((h, i) => [h, i] as const).filter(([h]) => h.startsWith('S(t)_'));
  for (const [h] of weightCols) weights[h.slice(5)] = new Float64Array(rows.length);
  const out: NabResultRows = { timestamps: [], anomalyScore: new Float64Array(rows.length), label: new Uint8Array(rows.length), weights };
  rows.forEach((r, i) => {
    out.timestamps.push(r[ts]);
    out.anomalyScore[i] = num(label, i + 2, 'anomaly_score', r[sc]);
    out.label[i] = num(label, i + 2, 'label', r[lb]);
    for (const [h, c] of weightCols) weights[h.slice(5)][i] = num(label, i + 2, h, r[c]);
  });
  return out;
}

/** The published per-file table `<detector>_<profile>_scores_devfiles.csv`. */
export function loadNabPublishedScores(detector: string, profile: string): NabPublishedFileScore[] {
  const file = sharedPath('datasets', 'nab', 'reference_results', detector, `${detector}_${profile}_scores_devfiles.csv`);
  const { header, rows } = readCsv(file);
  const c = (h: string): number => header.indexOf(h);
  const label = path.basename(file);
  return rows.map((r, i) => ({
    file: r[c('File')],
    profile: r[c('Profile')],
    threshold: num(label, i + 2, 'Threshold', r[c('Threshold')]),
    score: num(label, i + 2, 'Score', r[c('Score')]),
    tp: num(label, i + 2, 'TP', r[c('TP')]),
    tn: num(label, i + 2, 'TN', r[c('TN')]),
    fp: num(label, i + 2, 'FP', r[c('FP')]),
    fn: num(label, i + 2, 'FN', r[c('FN')]),
    total: num(label, i + 2, 'Total_Count', r[c('Total_Count')]),
  }));
}
