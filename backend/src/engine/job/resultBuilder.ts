/**
 * Turns a finalised bucket's detector outcomes into scored result documents.
 *
 * Normalisers (engine-anchors §1.4(5)): one per detector partition (by-values of a partition share it),
 * one for the bucket (`bucket_time`), one per influencer field for influencer results and one per
 * influencer field for bucket influencers. The bucket `anomaly_score` is the largest of its bucket
 * influencers' scores, so it is consistent with them (spec `Bucket.ts`).
 *
 * Calibration (normaliser.ts): a detector's partition normalisers use the `occurrence` scale when the
 * detector is of the rare family or a population (over) detector (counted probabilities: a first p = 1e-6
 * in a quiet job is critical), the `series` scale otherwise. The bucket and influencer normalisers, which
 * mix every detector, use `occurrence` only when every detector is of that kind.
 */
import { severityOf } from '../types';
import type { AnalysisPlan } from '../config/analysisPlan';
import { QuantileScoreNormaliser, type QuantileScoreNormaliserState, type ScoreCalibration } from '../scoring/normaliser';
import { functionSpec } from '../detectors/functionCatalog';
import { ML_CATEGORY_FIELD } from '../config/functions';
import type { DetectorPlan } from '../config/analysisPlan';
import { rawScore } from '../scoring/rawScore';
import { combineProbabilities } from '../scoring/combineProbabilities';
import { multiBucketImpact } from '../scoring/multiBucketImpact';
import { entityKey } from '../bucketing/seriesSplit';
import { anomalyType } from '../detectors/tailProbability';
import type { DetectorOutcome, RecordCandidate } from './detectorTypes';
import { splitFieldsOf } from './seriesDetector';
import type {
  BucketInfluencerDoc, BucketResult, InfluencerRef, InfluencerResult, ModelPlotResult, RecordResult, ResultDocument,
} from './resultTypes';

type NormaliserEntries = Array<[string, QuantileScoreNormaliserState]>;

export interface ResultBuilderState {
  version: 1;
  partition: NormaliserEntries;
  bucket: QuantileScoreNormaliserState;
  influencer: NormaliserEntries;
  bucketInfluencer: NormaliserEntries;
}

const SEP = '\u0001';

/**
 * The probability calibration of a detector's outputs: counted occurrences (rare, population) or a series model.
 * The count functions split by message category (`count by mlcategory`) also count occurrences: a category's
 * series is mostly empty buckets (a message kind turns up now and then), so its count model's tail
 * probabilities behave like counted frequencies of a sparse event, not like a dense metric's extrapolated
 * tail (measured on loghub's OpenSSH brute-force burst: record_score 42 on the series scale, 75 on this one).
 */
export function calibrationOf(d: DetectorPlan): ScoreCalibration {
  const spec = functionSpec(d.function);
  if (spec.family === 'rare' || d.overFieldName) return 'occurrence';
  return spec.kind === 'count' && d.byFieldName === ML_CATEGORY_FIELD ? 'occurrence' : 'series';
}

type SplitDocFields = Pick<RecordResult, 'by_field_name' | 'by_field_value' | 'over_field_name' | 'over_field_value'
  | 'partition_field_name' | 'partition_field_value'>;

export class ResultBuilder {
  private readonly partition = new Map<string, QuantileScoreNormaliser>();
  private bucket: QuantileScoreNormaliser;
  private readonly influencer = new Map<string, QuantileScoreNormaliser>();
  private readonly bucketInfluencer = new Map<string, QuantileScoreNormaliser>();
  private readonly bucketSpanS: number;
  private readonly detectorCalibration: ScoreCalibration[];
  /** Calibration of the normalisers that mix detectors (bucket, influencers). */
  private readonly mixedCalibration: ScoreCalibration;

  constructor(private readonly jobId: string, private readonly plan: AnalysisPlan, state?: ResultBuilderState) {
    this.bucketSpanS = plan.bucketSpanMs / 1000;
    this.detectorCalibration = plan.detectors.map(calibrationOf);
    this.mixedCalibration = this.detectorCalibration.length > 0 && this.detectorCalibration.every((c) => c === 'occurrence')
      ? 'occurrence' : 'series';
    this.bucket = new QuantileScoreNormaliser({ bucketSpanMs: plan.bucketSpanMs, calibration: this.mixedCalibration });
    if (state) {
      // Normaliser states from before calibrations (v1) take the calibration a new job would give them.
      const mixed = this.mixedCalibration;
      for (const [k, s] of state.partition) {
        const di = Number(k.slice(0, k.indexOf(SEP)));
        this.partition.set(k, QuantileScoreNormaliser.restore(s, this.detectorCalibration[di] ?? 'series'));
      }
      this.bucket = QuantileScoreNormaliser.restore(state.bucket, mixed);
      for (const [k, s] of state.influencer) this.influencer.set(k, QuantileScoreNormaliser.restore(s, mixed));
      for (const [k, s] of state.bucketInfluencer) this.bucketInfluencer.set(k, QuantileScoreNormaliser.restore(s, mixed));
    }
  }

  private normaliser(map: Map<string, QuantileScoreNormaliser>, key: string, calibration: ScoreCalibration): QuantileScoreNormaliser {
    let n = map.get(key);
    if (!n) {
      n = new QuantileScoreNormaliser({ bucketSpanMs: this.plan.bucketSpanMs, calibration });
      map.set(key, n);
    }
    return n;
  }

  /** A normaliser for reading only: the stored one, or a fresh one that is not kept. */
  private peek(map: Map<string, QuantileScoreNormaliser>, key: string, calibration: ScoreCalibration): QuantileScoreNormaliser {
    return map.get(key) ?? new QuantileScoreNormaliser({ bucketSpanMs: this.plan.bucketSpanMs, calibration });
  }

  /**
   * Result documents of one bucket: the bucket, its records, influencers and model plot points.
   * Interim buckets are scored with the normalisers as they are and teach them nothing.
   */
  build(startMs: number, eventCount: number, outcomes: DetectorOutcome[], isInterim: boolean): ResultDocument[] {
    const base = { job_id: this.jobId, timestamp: startMs, bucket_span: this.bucketSpanS, is_interim: isInterim };
    // 1. Learn this bucket's raw scores, then score records against what was learned.
    const learn = !isInterim;
    if (learn) {
      outcomes.forEach((o, di) => {
        for (const [pk, raw] of o.partitionMaxRaw) this.normaliser(this.partition, di + SEP + pk, this.detectorCalibration[di]).observe(raw, startMs);
      });
    }
    const candidates: RecordCandidate[] = [];
    for (const o of outcomes) candidates.push(...o.records);
    candidates.sort((a, b) => a.detectorIndex - b.detectorIndex || a.seriesOrder - b.seriesOrder);
    const records = candidates.map((c) => this.record(base, c));

    // 2. Influencers: each value's probability is the record's, weakened by its influence.
    const byField = new Map<string, Map<string, number>>();
    for (const c of candidates) {
      for (const h of c.influences) {
        let m = byField.get(h.field);
        if (!m) { m = new Map(); byField.set(h.field, m); }
        const p = Math.pow(c.probs.p, h.influence);
        if (!((m.get(h.value) ?? 2) <= p)) m.set(h.value, p);
      }
    }
    const influencers: InfluencerResult[] = [];
    const bucketInfluencers: BucketInfluencerDoc[] = [];
    for (const field of this.plan.influencers) {
      const values = byField.get(field);
      let fieldMin = 1;
      let maxRaw = 0;
      if (values) for (const p of values.values()) { fieldMin = Math.min(fieldMin, p); maxRaw = Math.max(maxRaw, rawScore(p)); }
      const mixed = this.mixedCalibration;
      const infNorm = learn ? this.normaliser(this.influencer, field, mixed) : this.peek(this.influencer, field, mixed);
      const binfNorm = learn ? this.normaliser(this.bucketInfluencer, field, mixed) : this.peek(this.bucketInfluencer, field, mixed);
      const fieldRaw = rawScore(fieldMin);
      if (learn) {
        infNorm.observe(maxRaw, startMs);
        binfNorm.observe(fieldRaw, startMs);
      }
      if (!values) continue;
      const docs: InfluencerResult[] = [];
      for (const [value, p] of values) {
        const score = infNorm.normalise(rawScore(p));
        docs.push({
          ...base, result_type: 'influencer', influencer_field_name: field, influencer_field_value: value,
          influencer_score: score, initial_influencer_score: score, probability: p, severity: severityOf(score),
          entity_key: `${field}=${value}`, [field]: value,
        });
      }
      docs.sort((a, b) => b.influencer_score - a.influencer_score ||
        (a.influencer_field_value < b.influencer_field_value ? -1 : 1));
      influencers.push(...docs);
      const s = binfNorm.normalise(fieldRaw);
      bucketInfluencers.push({
        influencer_field_name: field, anomaly_score: s, initial_anomaly_score: s, raw_anomaly_score: fieldRaw,
        probability: fieldMin,
      });
    }

    // 3. The bucket: its own probability over detectors, and the max over its bucket influencers.
    const pBucket = combineProbabilities(outcomes.map((o) => o.minProbability));
    const rawBucket = rawScore(pBucket);
    if (learn) this.bucket.observe(rawBucket, startMs);
    const timeScore = this.bucket.normalise(rawBucket);
    bucketInfluencers.unshift({
      influencer_field_name: 'bucket_time', anomaly_score: timeScore, initial_anomaly_score: timeScore,
      raw_anomaly_score: rawBucket, probability: pBucket,
    });
    let anomalyScore = 0;
    for (const b of bucketInfluencers) anomalyScore = Math.max(anomalyScore, b.anomaly_score);
    const bucketDoc: BucketResult = {
      // Written out field by field: a spread of `base` makes a slow dictionary object, once per bucket.
      job_id: this.jobId, timestamp: startMs, bucket_span: this.bucketSpanS, is_interim: isInterim,
      result_type: 'bucket', anomaly_score: anomalyScore, initial_anomaly_score: anomalyScore,
      event_count: eventCount, severity: severityOf(anomalyScore), bucket_influencers: bucketInfluencers,
    };

    const plots: ModelPlotResult[] = [];
    for (const o of outcomes) {
      for (const p of o.plots) {
        const split = splitFieldsOf(this.plan.detectors[p.detectorIndex]);
        plots.push({
          ...base, result_type: 'model_plot', detector_index: p.detectorIndex, model_feature: p.feature,
          ...this.splitFields(p.detectorIndex, p.split), entity_key: entityKey(split, p.split),
          model_lower: p.lower, model_median: p.typical, model_upper: p.upper, actual: p.actual, severity: 'low',
        });
      }
    }
    return [bucketDoc, ...records, ...influencers, ...plots];
  }

  private splitFields(detectorIndex: number, s: RecordCandidate['split']): SplitDocFields {
    const d = this.plan.detectors[detectorIndex];
    const f: SplitDocFields = {};
    if (d.byFieldName) { f.by_field_name = d.byFieldName; f.by_field_value = s.by ?? ''; }
    if (d.overFieldName) { f.over_field_name = d.overFieldName; f.over_field_value = s.over ?? ''; }
    if (d.partitionFieldName) { f.partition_field_name = d.partitionFieldName; f.partition_field_value = s.partition ?? ''; }
    return f;
  }

  private record(base: { job_id: string; timestamp: number; bucket_span: number; is_interim: boolean },
    c: RecordCandidate): RecordResult {
    const d = this.plan.detectors[c.detectorIndex];
    const raw = rawScore(c.probs.p);
    const key = c.detectorIndex + SEP + c.partitionKey;
    const cal = this.detectorCalibration[c.detectorIndex];
    const score = (base.is_interim ? this.peek(this.partition, key, cal) : this.normaliser(this.partition, key, cal)).normalise(raw);
    const impact = multiBucketImpact(c.probs.single, c.probs.multi);
    const byField = new Map<string, string[]>();
    for (const h of c.influences) {
      const vs = byField.get(h.field) ?? [];
      vs.push(h.value);
      byField.set(h.field, vs);
    }
    const influencers: InfluencerRef[] = [...byField.entries()].map(([f, vs]) => ({
      influencer_field_name: f, influencer_field_values: vs,
    }));
    const doc: RecordResult = {
      ...base, result_type: 'record', detector_index: c.detectorIndex, function: d.function,
      function_description: c.functionDescription,
      ...(d.fieldName ? { field_name: d.fieldName } : {}),
      ...this.splitFields(c.detectorIndex, c.split),
      actual: [c.actual], typical: [c.typical], probability: c.probs.p, record_score: score,
      initial_record_score: score, multi_bucket_impact: impact, severity: severityOf(score),
      entity_key: entityKey(splitFieldsOf(d), c.split), influencers,
      anomaly_score_explanation: {
        anomaly_type: anomalyType(c.actual, c.typical), lower_confidence_bound: c.lower, typical_value: c.typical,
        upper_confidence_bound: c.upper, single_bucket_impact: Math.max(0, -impact), multi_bucket_impact: Math.max(0, impact),
      },
    };
    if (c.causes) {
      doc.causes = c.causes.map((k) => ({
        probability: k.probs.p, function: d.function, function_description: k.functionDescription,
        ...(d.fieldName ? { field_name: d.fieldName } : {}),
        ...this.splitFields(k.detectorIndex, k.split),
        actual: [k.actual], typical: [k.typical],
      }));
    }
    return doc;
  }

  /**
   * The document scored again with the normalisers as they are now (renormalisation, conventions §6):
   * record_score, influencer_score and anomaly_score change, initial_* never do. Model plot documents
   * and documents of normalisers never created come back unchanged (as copies).
   */
  rescore(doc: ResultDocument): ResultDocument {
    switch (doc.result_type) {
      case 'record': {
        const n = this.partition.get(doc.detector_index + SEP + (doc.partition_field_value ?? ''));
        if (!n) return { ...doc };
        const score = n.normalise(rawScore(doc.probability));
        return { ...doc, record_score: score, severity: severityOf(score) };
      }
      case 'influencer': {
        const n = this.influencer.get(doc.influencer_field_name);
        if (!n) return { ...doc };
        const score = n.normalise(rawScore(doc.probability));
        return { ...doc, influencer_score: score, severity: severityOf(score) };
      }
      case 'bucket': {
        const bucketInfluencers = doc.bucket_influencers.map((b) => {
          const n = b.influencer_field_name === 'bucket_time' ? this.bucket : this.bucketInfluencer.get(b.influencer_field_name);
          return n ? { ...b, anomaly_score: n.normalise(b.raw_anomaly_score) } : { ...b };
        });
        let score = 0;
        for (const b of bucketInfluencers) score = Math.max(score, b.anomaly_score);
        return { ...doc, anomaly_score: score, severity: severityOf(score), bucket_influencers: bucketInfluencers };
      }
      default:
        return { ...doc };
    }
  }

  snapshot(): ResultBuilderState {
    const entries = (m: Map<string, QuantileScoreNormaliser>): NormaliserEntries =>
      [...m.entries()].map(([k, n]) => [k, n.snapshot()]);
    return {
      version: 1, partition: entries(this.partition), bucket: this.bucket.snapshot(),
      influencer: entries(this.influencer), bucketInfluencer: entries(this.bucketInfluencer),
    };
  }
}
