import React, { useCallback, useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';

import type { JobsResponse, JobSummary } from '../../datasource/api/types';
import { explorerUrl } from '../../utils/utils.routing';
import { useVigilDatasource } from '../shared/useVigilDatasource';
import { CreateJobForm } from './CreateJobForm';

function formatLag(ms: number | null): string {
  if (ms === null) {
    return '—';
  }
  if (ms < 60_000) {
    return `${Math.round(ms / 1000)} s`;
  }
  if (ms < 3_600_000) {
    return `${Math.round(ms / 60_000)} min`;
  }
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Jobs: state, lag, memory status, counts; open+start, stop, close; create from a pipeline or JSON. */
function JobsPage() {
  const styles = useStyles2(getStyles);
  const { ds, error: dsError } = useVigilDatasource();
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);

  const refresh = useCallback(() => {
    ds?.api
      .get<JobsResponse>('/api/jobs')
      .then((r) => setJobs(r.jobs))
      .catch((e: Error) => setError(e.message));
  }, [ds]);
  useEffect(refresh, [refresh]);

  const action = async (jobId: string, steps: string[]) => {
    setError(undefined);
    try {
      for (const step of steps) {
        await ds!.api.post(`/api/jobs/${encodeURIComponent(jobId)}/${step}`, {});
      }
    } catch (e) {
      setError((e as Error).message);
    }
    refresh();
  };

  return (
    <PluginPage>
      <div data-testid="data-testid vigil-jobs">
        {(dsError || error) && <Alert title="Vigil" severity="error">{dsError ?? error}</Alert>}
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Datafeed</th>
              <th>Records</th>
              <th>Buckets</th>
              <th>Lag</th>
              <th>Memory</th>
              <th>Last error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.job_id}>
                <td>
                  <a href={explorerUrl({ jobId: j.job_id, from: 0, to: 0 }).replace(/&from=0&to=0/, '')}>{j.job_id}</a>
                  <div className={styles.muted}>{j.description}</div>
                </td>
                <td>{j.state}</td>
                <td>
                  {j.datafeed_state}
                  {j.lookback_progress !== null && j.lookback_progress < 1 ? ` (${Math.round(j.lookback_progress * 100)}%)` : ''}
                </td>
                <td>{j.processed_record_count.toLocaleString()}</td>
                <td>{j.bucket_count.toLocaleString()}</td>
                <td>{formatLag(j.lag_ms)}</td>
                <td>{j.memory_status}</td>
                <td className={styles.error}>{j.last_error ?? ''}</td>
                <td>
                  <Stack gap={0.5}>
                    <Button size="sm" variant="secondary" disabled={j.datafeed_state === 'started'} onClick={() => action(j.job_id, j.state === 'opened' ? ['_start'] : ['_open', '_start'])}>
                      Start
                    </Button>
                    <Button size="sm" variant="secondary" disabled={j.datafeed_state !== 'started'} onClick={() => action(j.job_id, ['_stop'])}>
                      Stop
                    </Button>
                    <Button size="sm" variant="secondary" disabled={j.state !== 'opened'} onClick={() => action(j.job_id, ['_close'])}>
                      Close
                    </Button>
                  </Stack>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={styles.create}>
          {creating && ds ? (
            <CreateJobForm
              api={ds.api}
              onCreated={() => {
                setCreating(false);
                refresh();
              }}
            />
          ) : (
            <Button icon="plus" onClick={() => setCreating(true)} disabled={!ds}>
              New job
            </Button>
          )}
        </div>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': { padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}`, textAlign: 'left' },
  }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
  create: css({ marginTop: theme.spacing(2) }),
});

export default JobsPage;
