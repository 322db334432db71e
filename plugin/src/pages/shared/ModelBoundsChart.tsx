import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import type { ModelPlotResponse } from '../../datasource/api/types';

interface Props {
  points: ModelPlotResponse['points'];
  width: number;
  height: number;
  /** Time of the selected anomaly, marked with a vertical line. */
  markTime?: number;
}

/** Actual value against the typical value and the 95% band, as one SVG. */
export function ModelBoundsChart({ points, width, height, markTime }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  if (points.length === 0) {
    return <div className={styles.empty}>No model bounds for this series in the time range.</div>;
  }
  const pad = 28;
  const t0 = points[0].timestamp;
  const t1 = points[points.length - 1].timestamp || t0 + 1;
  const values = points.flatMap((p) => [p.model_lower, p.model_upper, p.actual ?? p.model_median]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (width - 2 * pad);
  const y = (v: number) => height - pad - ((v - lo) / Math.max(1e-9, hi - lo)) * (height - 2 * pad);
  const line = (get: (p: ModelPlotResponse['points'][number]) => number | null) =>
    points
      .filter((p) => get(p) !== null)
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.timestamp).toFixed(1)},${y(get(p)!).toFixed(1)}`)
      .join(' ');
  const band =
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.timestamp).toFixed(1)},${y(p.model_upper).toFixed(1)}`).join(' ') +
    ' ' +
    [...points]
      .reverse()
      .map((p) => `L${x(p.timestamp).toFixed(1)},${y(p.model_lower).toFixed(1)}`)
      .join(' ') +
    ' Z';
  return (
    <svg width={width} height={height} role="img" aria-label="Model bounds">
      <path d={band} fill={theme.colors.primary.transparent} stroke="none" />
      <path d={line((p) => p.model_median)} fill="none" stroke={theme.colors.text.secondary} strokeDasharray="4 3" />
      <path d={line((p) => p.actual)} fill="none" stroke={theme.colors.primary.main} strokeWidth={1.5} />
      {points.length <= 60 &&
        points
          .filter((p) => p.actual !== null)
          .map((p) => <circle key={p.timestamp} cx={x(p.timestamp)} cy={y(p.actual!)} r={3} fill={theme.colors.primary.main} />)}
      {markTime !== undefined && (
        <line x1={x(markTime)} x2={x(markTime)} y1={pad / 2} y2={height - pad} stroke={theme.colors.error.main} />
      )}
      <text x={pad} y={height - 6} fill={theme.colors.text.secondary} fontSize={11}>
        {new Date(t0).toISOString().slice(0, 16)}
      </text>
      <text x={width - pad} y={height - 6} fill={theme.colors.text.secondary} fontSize={11} textAnchor="end">
        {new Date(t1).toISOString().slice(0, 16)}
      </text>
      <text x={4} y={pad} fill={theme.colors.text.secondary} fontSize={11}>
        {hi.toPrecision(4)}
      </text>
      <text x={4} y={height - pad} fill={theme.colors.text.secondary} fontSize={11}>
        {lo.toPrecision(4)}
      </text>
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
});
