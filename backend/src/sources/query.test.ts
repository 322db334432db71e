import { compositeRequest, histogramRequest } from './aggregatedSource';
import { flattenSource, timeRangeQuery } from './query';
import { aggregationPlan } from './readPath';

describe('datafeed queries', () => {
  it('restricts the user query to [start, end) in epoch ms', () => {
    expect(timeRangeQuery('@timestamp', 1000, 2000, { term: { sourcetype: 'netflow' } })).toEqual({
      bool: { filter: [{ range: { '@timestamp': { gte: 1000, lt: 2000, format: 'epoch_millis' } } }, { term: { sourcetype: 'netflow' } }] },
    });
    expect(timeRangeQuery('t', 0, 1, { match_all: {} })).toEqual({ bool: { filter: [{ range: { t: { gte: 0, lt: 1, format: 'epoch_millis' } } }] } });
  });

  it('flattens _source into the engine\'s fields', () => {
    expect(flattenSource({ id: { orig_h: '10.0.0.1', orig_p: 5 }, 'alert.signature': 'x', tags: ['a', 'b'], ok: true, none: null, empty: [] })).toEqual({
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 5,
      'alert.signature': 'x',
      tags: 'a',
      ok: 'true',
      none: null,
      empty: null,
    });
  });

  it('builds a composite aggregation: time first, one terms source per split field, metric sub-aggregations', () => {
    const plan = aggregationPlan([{ function: 'high_mean', field_name: 'bytes', over_field_name: 'src', partition_field_name: 'proto' }])!;
    const body = compositeRequest({ indices: ['flows'], start: 0, end: 600000, intervalMs: 300000, ...plan, pageSize: 50 }, { __time: 0, __s0: 'a', __s1: null });
    expect(body).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ range: { '@timestamp': { gte: 0, lt: 600000, format: 'epoch_millis' } } }] } },
      aggs: {
        series: {
          composite: {
            size: 50,
            sources: [
              { __time: { date_histogram: { field: '@timestamp', fixed_interval: '300000ms' } } },
              { __s0: { terms: { field: 'src', missing_bucket: true } } },
              { __s1: { terms: { field: 'proto', missing_bucket: true } } },
            ],
            after: { __time: 0, __s0: 'a', __s1: null },
          },
          aggs: { bytes: { avg: { field: 'bytes' } } },
        },
      },
    });
  });

  it('without split fields, asks a date_histogram per time window (never a time-only composite)', () => {
    expect(histogramRequest({ indices: ['f'], start: 0, end: 1, intervalMs: 60000, splitFields: [], metrics: [{ name: 'b', field: 'bytes', agg: 'max' }] }, 0, 600000)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ range: { '@timestamp': { gte: 0, lt: 600000, format: 'epoch_millis' } } }] } },
      aggs: { series: { date_histogram: { field: '@timestamp', fixed_interval: '60000ms', min_doc_count: 1 }, aggs: { b: { max: { field: 'bytes' } } } } },
    });
  });
});
