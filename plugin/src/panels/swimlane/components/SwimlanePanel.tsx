import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2, LoadingState, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { buildSwimlaneModel } from '../model/buildSwimlaneModel';
import type { SwimlaneModel } from '../model/types';
import { DEFAULT_SWIMLANE_OPTIONS, type SwimlaneOptions } from '../types';
import { SwimlaneGrid } from './SwimlaneGrid';
import { SwimlaneLegend } from './SwimlaneLegend';
import { testIds } from './testIds';

type Props = PanelProps<SwimlaneOptions>;

const FOOTER_HEIGHT = 44;

export function SwimlanePanel({ data, width, height, options, timeRange, timeZone, onChangeTimeRange }: Props) {
  const styles = useStyles2(getStyles);
  const opts = { ...DEFAULT_SWIMLANE_OPTIONS, ...options };
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const model = useMemo(
    () =>
      buildSwimlaneModel(data.series, {
        limit: opts.limit,
        sortBy: opts.sortBy,
        viewBy: opts.viewBy,
        intervalMs: opts.intervalMs,
        showOverall: opts.showOverall,
        timeRange: { from, to },
      }),
    [data.series, opts.limit, opts.sortBy, opts.viewBy, opts.intervalMs, opts.showOverall, from, to]
  );

  const errors = data.errors?.length ? data.errors : data.error ? [data.error] : [];
  if (errors.length > 0 && model.pointCount === 0) {
    return (
      <div className={styles.message} data-testid={testIds.error} role="alert">
        Could not load anomaly scores: {errors.map((e) => e.message ?? e.data?.message ?? 'unknown error').join('; ')}
      </div>
    );
  }
  if (model.pointCount === 0 || (!model.overall && model.lanes.length === 0)) {
    return (
      <div className={styles.message} data-testid={testIds.empty}>
        {data.state === LoadingState.Loading
          ? 'Loading anomaly scores…'
          : 'No anomaly scores in this time range. Check the job, the time range and the minimum score.'}
      </div>
    );
  }

  const gridHeight = Math.max(40, height - (opts.showLegend ? FOOTER_HEIGHT : FOOTER_HEIGHT / 2));
  return (
    <div className={styles.panel} data-testid={testIds.panel}>
      <SwimlaneGrid
        model={model}
        width={width}
        height={gridHeight}
        timeZone={timeZone}
        linkContext={{
          jobId: model.jobIds[0],
          sourceDatasourceUid: opts.sourceDatasourceUid,
          sourceTimeField: opts.sourceTimeField,
          range: { from: model.start, to: model.end },
        }}
        onSelectRange={(a, b) => onChangeTimeRange({ from: a, to: b })}
      />
      <TimeAxis model={model} width={width} timeZone={timeZone} />
      {opts.showLegend && <SwimlaneLegend />}
      {model.totalLanes > model.lanes.length && (
        <div className={styles.note}>
          {model.lanes.length} of {model.totalLanes} lanes ({opts.sortBy === 'occurrence' ? 'most anomalous cells' : 'highest score'} first)
        </div>
      )}
    </div>
  );
}

function TimeAxis({ model, width, timeZone }: { model: SwimlaneModel; width: number; timeZone?: string }) {
  const styles = useStyles2(getStyles);
  const labelWidth = Math.min(220, Math.max(90, Math.floor(width * 0.22)));
  const fmt = (ms: number) => dateTimeFormat(ms, { timeZone, format: 'MM-DD HH:mm' });
  return (
    <div className={styles.axis} style={{ marginLeft: labelWidth }}>
      <span>{fmt(model.start)}</span>
      <span>{fmt((model.start + model.end) / 2)}</span>
      <span>{fmt(model.end)}</span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', overflow: 'hidden' }),
  message: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    color: theme.colors.text.secondary,
    textAlign: 'center',
    padding: theme.spacing(2),
  }),
  axis: css({
    display: 'flex',
    justifyContent: 'space-between',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
  note: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.disabled }),
});
