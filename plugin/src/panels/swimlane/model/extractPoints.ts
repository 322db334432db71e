import { type DataFrame, type Field, FieldType } from '@grafana/data';

import { findField, findTimeField, toEpochMs, toNumber, toText, valueAt } from './fieldValues';
import { parseEntityKey } from '../../../shared/entityKey';
import type { RecordSummary, ScorePoint } from './types';

export { parseEntityKey };

/**
 * Reads scored points out of data frames of three shapes:
 * 1. the Vigil datasource's swimlane frame (`timestamp`, `lane_type`, `lane`, `field_name`, `field_value`, `score`);
 * 2. result documents as rows (Vigil records/buckets tables, or the OpenSearch datasource's raw/logs query on
 *    `vigil-results-*`): `record_score` + `entity_key`, `influencer_score` + `influencer_field_name/value`,
 *    `anomaly_score` (bucket → overall lane);
 * 3. time series (the OpenSearch datasource's metric query, e.g. max `record_score` by terms `entity_key`):
 *    a time field and number fields whose labels name the entity.
 */
export interface ExtractedPoints {
  overall: ScorePoint[];
  entityLanes: ScorePoint[];
  influencerLanes: ScorePoint[];
  records: RecordSummary[];
  /** Interval announced by a Vigil frame (ms), if any. */
  intervalMs?: number;
}

const SCORE_FIELDS = ['record_score', 'influencer_score', 'anomaly_score'];
const NO_ENTITY = '(all)';

export function extractPoints(frames: DataFrame[]): ExtractedPoints {
  const out: ExtractedPoints = { overall: [], entityLanes: [], influencerLanes: [], records: [] };
  for (const frame of frames) {
    const custom = frame.meta?.custom as { vigilKind?: string; intervalMs?: number } | undefined;
    if (custom?.intervalMs && !out.intervalMs) {
      out.intervalMs = custom.intervalMs;
    }
    if (findField(frame, 'lane') && findField(frame, 'score')) {
      readSwimlaneFrame(frame, out);
    } else if (SCORE_FIELDS.some((name) => findField(frame, name))) {
      readDocumentRows(frame, out);
    } else {
      readTimeSeries(frame, out);
    }
  }
  return out;
}

function readSwimlaneFrame(frame: DataFrame, out: ExtractedPoints): void {
  const time = findTimeField(frame);
  const laneType = findField(frame, 'lane_type');
  const lane = findField(frame, 'lane');
  const score = findField(frame, 'score');
  const fieldName = findField(frame, 'field_name');
  const fieldValue = findField(frame, 'field_value');
  const jobId = findField(frame, 'job_id');
  const frameJob = (frame.meta?.custom as { jobId?: string } | undefined)?.jobId;
  for (let row = 0; row < frame.length; row++) {
    const t = toEpochMs(valueAt(time, row));
    const s = toNumber(valueAt(score, row));
    if (t === null || s === null) {
      continue;
    }
    const job = toText(valueAt(jobId, row)) ?? frameJob;
    if (valueAt(laneType, row) === 'overall') {
      out.overall.push({ time: t, score: s, lane: null, jobId: job });
      continue;
    }
    const laneName = toText(valueAt(lane, row)) ?? NO_ENTITY;
    const name = toText(valueAt(fieldName, row));
    if (name === undefined || name === 'entity_key') {
      // entity lanes: the field values are the pairs of the entity key itself (src=10.0.0.5 → src, 10.0.0.5)
      const [pairField, pairValue] = splitSinglePair(laneName);
      out.entityLanes.push({ time: t, score: s, lane: laneName, fieldName: pairField, fieldValue: pairValue, jobId: job });
    } else {
      out.influencerLanes.push({ time: t, score: s, lane: laneName, fieldName: name, fieldValue: toText(valueAt(fieldValue, row)), jobId: job });
    }
  }
}

function readDocumentRows(frame: DataFrame, out: ExtractedPoints): void {
  const f = (name: string) => findField(frame, name);
  const time = findTimeField(frame);
  const resultType = f('result_type');
  const recordScore = f('record_score');
  const influencerScore = f('influencer_score');
  const anomalyScore = f('anomaly_score');
  const entityKey = f('entity_key');
  const inflName = f('influencer_field_name');
  const inflValue = f('influencer_field_value');
  const jobId = f('job_id');
  const actual = f('actual');
  const typical = f('typical');
  const describe = detectorDescriber(frame);
  for (let row = 0; row < frame.length; row++) {
    const t = toEpochMs(valueAt(time, row));
    if (t === null) {
      continue;
    }
    const type = toText(valueAt(resultType, row));
    const job = toText(valueAt(jobId, row));
    const rs = toNumber(valueAt(recordScore, row));
    const is = toNumber(valueAt(influencerScore, row));
    const as = toNumber(valueAt(anomalyScore, row));
    if (rs !== null && (type === undefined || type === 'record')) {
      const entity = toText(valueAt(entityKey, row)) ?? '';
      const record: RecordSummary = {
        time: t,
        score: rs,
        jobId: job,
        entityKey: entity,
        detector: describe(row),
        actual: formatMeasure(valueAt(actual, row)),
        typical: formatMeasure(valueAt(typical, row)),
      };
      out.records.push(record);
      const [fieldName, fieldValue] = splitSinglePair(entity);
      out.entityLanes.push({ time: t, score: rs, lane: entity || NO_ENTITY, fieldName, fieldValue, jobId: job, record });
    } else if (is !== null && (type === undefined || type === 'influencer')) {
      const name = toText(valueAt(inflName, row)) ?? '';
      const value = toText(valueAt(inflValue, row)) ?? '';
      out.influencerLanes.push({
        time: t,
        score: is,
        lane: name ? `${name}=${value}` : value,
        fieldName: name || undefined,
        fieldValue: value,
        jobId: job,
      });
    } else if (as !== null && (type === undefined || type === 'bucket')) {
      out.overall.push({ time: t, score: as, lane: null, jobId: job });
    }
  }
}

function readTimeSeries(frame: DataFrame, out: ExtractedPoints): void {
  const time = findTimeField(frame);
  if (!time) {
    return;
  }
  for (const field of frame.fields) {
    if (field === time || field.type !== FieldType.number) {
      continue;
    }
    const target = classifySeries(field);
    for (let row = 0; row < frame.length; row++) {
      const t = toEpochMs(time.values[row]);
      const s = toNumber(field.values[row]);
      if (t === null || s === null) {
        continue;
      }
      if (target.kind === 'overall') {
        out.overall.push({ time: t, score: s, lane: null });
      } else {
        const point = { time: t, score: s, lane: target.lane, fieldName: target.fieldName, fieldValue: target.fieldValue };
        (target.kind === 'influencer' ? out.influencerLanes : out.entityLanes).push(point);
      }
    }
  }
}

type SeriesTarget =
  | { kind: 'overall' }
  | { kind: 'entity' | 'influencer'; lane: string; fieldName?: string; fieldValue?: string };

function classifySeries(field: Field): SeriesTarget {
  const labels = field.labels ?? {};
  if (labels.entity_key !== undefined) {
    const [fieldName, fieldValue] = splitSinglePair(labels.entity_key);
    return { kind: 'entity', lane: labels.entity_key || NO_ENTITY, fieldName, fieldValue };
  }
  if (labels.influencer_field_value !== undefined) {
    const name = labels.influencer_field_name;
    const value = labels.influencer_field_value;
    return { kind: 'influencer', lane: name ? `${name}=${value}` : value, fieldName: name, fieldValue: value };
  }
  const title = `${field.config?.displayNameFromDS ?? ''} ${field.config?.displayName ?? ''} ${field.name}`;
  if (/anomaly_score|overall/i.test(title) || Object.keys(labels).length === 0) {
    return { kind: 'overall' };
  }
  const lane = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return { kind: 'entity', lane };
}

/** `src=10.0.0.5` → ['src', '10.0.0.5']; keys with several pairs keep no single field. */
export function splitSinglePair(entityKey: string): [string | undefined, string | undefined] {
  const pairs = parseEntityKey(entityKey);
  return pairs.length === 1 ? [pairs[0].field, pairs[0].value] : [undefined, undefined];
}

/** actual/typical arrive as number arrays (or their text): shown with 4 significant digits. */
function formatMeasure(value: unknown): string | undefined {
  const values = Array.isArray(value) ? value : typeof value === 'number' ? [value] : null;
  if (!values) {
    return toText(value);
  }
  return values.map((v) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v))).join(', ');
}

const DETECTOR_FIELDS = ['detector', 'function', 'field_name', 'by_field_name', 'over_field_name', 'partition_field_name'];

/** Detector text of a record row (`high_sum(bytes) by src`); fields looked up once per frame. */
function detectorDescriber(frame: DataFrame): (row: number) => string {
  const fields = new Map(DETECTOR_FIELDS.map((name) => [name, findField(frame, name)]));
  return (row) => describeDetector((name) => toText(valueAt(fields.get(name), row)));
}

function describeDetector(text: (name: string) => string | undefined): string {
  const explicit = text('detector');
  if (explicit) {
    return explicit;
  }
  const fn = text('function') ?? 'anomaly';
  const field = text('field_name');
  const parts = [field ? `${fn}(${field})` : fn];
  const by = text('by_field_name');
  const over = text('over_field_name');
  const partition = text('partition_field_name');
  if (by) {
    parts.push(`by ${by}`);
  }
  if (over) {
    parts.push(`over ${over}`);
  }
  if (partition) {
    parts.push(`partition ${partition}`);
  }
  return parts.join(' ');
}
