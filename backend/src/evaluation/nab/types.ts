/** Shapes shared by the NAB corpus loader and the NAB scorer. */

/** One data row of a NAB file, as written in its CSV. */
export interface NabRow {
  /** `YYYY-MM-DD HH:MM:SS`, no zone (UTC by convention). */
  timestamp: string;
  value: number;
}

/** One NAB data file with its labelled anomaly windows. */
export interface NabFile {
  /** Relative name as in the labels JSON, e.g. `realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv`. */
  name: string;
  rows: NabRow[];
  /** Inclusive `[startRow, endRow]` row indices, sorted, not overlapping. */
  windows: Array<[number, number]>;
}

/** A NAB application profile (cost matrix). `tnWeight` is unused by NAB scoring. */
export interface NabProfile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

/** Profiles by name, e.g. `standard`, `reward_low_FP_rate`, `reward_low_FN_rate`. */
export type NabProfiles = Record<string, NabProfile>;

/** Confusion counts over the scored (post-probation) rows. */
export interface NabCounts {
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  /** tp + tn + fp + fn = number of scored rows. */
  total: number;
}

/** The result of one file at one threshold. */
export interface NabFileResult extends NabCounts {
  file: string;
  threshold: number;
  /** Raw (unnormalised) NAB score of the file. */
  score: number;
}

/** The result of one profile over a set of files. */
export interface NabProfileResult {
  profile: string;
  /** The threshold NAB's sweep chose over all files (1.1 means "detect nothing"). */
  threshold: number;
  /** Σ of the per-file raw scores at `threshold`. */
  rawScore: number;
  /** 100·(raw − null)/(perfect − null). */
  normalisedScore: number;
  /** Number of windows in the scored set (null = −fnW·N, perfect = tpW·N). */
  windowCount: number;
  totals: NabCounts;
  files: NabFileResult[];
}

/** The corpus result: `final` has the shape of NAB's `results/final_results.json` for one detector. */
export interface NabCorpusResult {
  final: Record<string, number>;
  profiles: Record<string, NabProfileResult>;
}
