/**
 * Model bounds of one detector (and entity) over time: `model_plot` documents when the job writes
 * them, else the records' `anomaly_score_explanation` (confidence bounds and typical value at the
 * anomalous buckets only).
 */
import { resultsQuery, type Clause } from './filters';
import { sourcesOf, type SearchResponse } from './hits';

export interface ModelPlotOptions {
  start?: number;
  end?: number;
  detectorIndex: number;
  /** Exact entity_key ("" = a detector without splits); undefined = any entity. */
  entityKey?: string;
  size: number;
}

export interface ModelPlotPoint {
  timestamp: number;
  actual: number | null;
  model_lower: number;
  model_median: number;
  model_upper: number;
}

export function modelPlotQuery(jobId: string, o: ModelPlotOptions): Record<string, unknown> {
  const query = resultsQuery({ start: o.start, end: o.end, entities: [], includeInterim: false }, { jobId, resultTypes: ['model_plot', 'record'] });
  const filter = (query.bool as { filter: Clause[] }).filter;
  filter.push({ term: { detector_index: o.detectorIndex } });
  if (o.entityKey !== undefined) filter.push({ term: { entity_key: o.entityKey } });
  return {
    query,
    size: o.size,
    sort: [{ timestamp: { order: 'asc' } }],
    _source: ['result_type', 'timestamp', 'actual', 'model_lower', 'model_median', 'model_upper', 'anomaly_score_explanation'],
  };
}

interface PlotSource {
  result_type: string;
  timestamp: number;
  actual?: number | number[];
  model_lower?: number;
  model_median?: number;
  model_upper?: number;
  anomaly_score_explanation?: { lower_confidence_bound?: number; typical_value?: number; upper_confidence_bound?: number };
}

const firstNumber = (v: number | number[] | undefined): number | null => {
  const n = Array.isArray(v) ? v[0] : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

export function parseModelPlot(res: SearchResponse<PlotSource>): { points: ModelPlotPoint[]; source: 'model_plot' | 'records' | 'none' } {
  const docs = sourcesOf(res);
  const plots = docs.filter((d) => d.result_type === 'model_plot' && typeof d.model_median === 'number');
  if (plots.length) {
    return {
      source: 'model_plot',
      points: plots.map((d) => ({ timestamp: d.timestamp, actual: firstNumber(d.actual), model_lower: d.model_lower!, model_median: d.model_median!, model_upper: d.model_upper! })),
    };
  }
  const records = docs.filter((d) => d.result_type === 'record' && typeof d.anomaly_score_explanation?.typical_value === 'number');
  if (!records.length) return { source: 'none', points: [] };
  return {
    source: 'records',
    points: records.map((d) => {
      const e = d.anomaly_score_explanation!;
      return {
        timestamp: d.timestamp,
        actual: firstNumber(d.actual),
        model_lower: e.lower_confidence_bound ?? e.typical_value!,
        model_median: e.typical_value!,
        model_upper: e.upper_confidence_bound ?? e.typical_value!,
      };
    }),
  };
}
