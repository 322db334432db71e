import { escapeLabel, prometheusText } from './metrics';

describe('Prometheus metrics', () => {
  it('one sample per job and family, lag in seconds, label values escaped', () => {
    const text = prometheusText({
      jobs: {
        'zeek-008': { buckets_processed: 96, documents_read: 5663, results_written: 410, errors: 0, lag_ms: 90_000 },
        ids: { buckets_processed: 3, documents_read: 10, results_written: 4, errors: 2, lag_ms: null },
      },
      totals: { buckets_processed: 99, documents_read: 5673, results_written: 414, errors: 2 },
    });
    expect(text).toBe(
      [
        '# HELP vigil_jobs Jobs with metrics on this instance.',
        '# TYPE vigil_jobs gauge',
        'vigil_jobs 2',
        '# HELP vigil_buckets_processed_total Buckets the job has processed.',
        '# TYPE vigil_buckets_processed_total counter',
        'vigil_buckets_processed_total{job_id="ids"} 3',
        'vigil_buckets_processed_total{job_id="zeek-008"} 96',
        '# HELP vigil_documents_read_total Documents the datafeed has read from OpenSearch.',
        '# TYPE vigil_documents_read_total counter',
        'vigil_documents_read_total{job_id="ids"} 10',
        'vigil_documents_read_total{job_id="zeek-008"} 5663',
        '# HELP vigil_results_written_total Result documents written to the results index.',
        '# TYPE vigil_results_written_total counter',
        'vigil_results_written_total{job_id="ids"} 4',
        'vigil_results_written_total{job_id="zeek-008"} 410',
        '# HELP vigil_errors_total Errors of the job (failed ticks, failed writes).',
        '# TYPE vigil_errors_total counter',
        'vigil_errors_total{job_id="ids"} 2',
        'vigil_errors_total{job_id="zeek-008"} 0',
        '# HELP vigil_lag_seconds How far the processed time is behind real time, seconds.',
        '# TYPE vigil_lag_seconds gauge',
        'vigil_lag_seconds{job_id="zeek-008"} 90',
        '',
      ].join('\n'),
    );
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
