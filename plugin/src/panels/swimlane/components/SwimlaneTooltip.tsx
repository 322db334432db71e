import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { SEVERITY_COLORS } from '../../../shared/severity';
import type { SwimlaneCell, SwimlaneLane } from '../model/types';
import { testIds } from './testIds';

interface Props {
  lane: SwimlaneLane;
  cell: SwimlaneCell;
  /** Cursor position inside the grid; the tooltip opens on the side with more room. */
  x: number;
  y: number;
  gridWidth: number;
  timeZone?: string;
}

export function SwimlaneTooltip({ lane, cell, x, y, gridWidth, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const fmt = (ms: number) => dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' });
  return (
    <div
      className={styles.tooltip}
      style={x > gridWidth / 2 ? { right: gridWidth - x + 12, top: y + 12 } : { left: x + 12, top: y + 12 }}
      data-testid={testIds.tooltip}
      role="tooltip"
    >
      <div className={styles.title}>
        <span className={styles.swatch} style={{ background: SEVERITY_COLORS[cell.severity] }} />
        <strong>{cell.score.toFixed(1)}</strong> {cell.severity}
      </div>
      <div>
        {fmt(cell.start)} → {fmt(cell.end)}
      </div>
      <div>{lane.overall ? (lane.derived ? 'Overall (max of lanes)' : 'Overall (bucket score)') : lane.label}</div>
      {cell.records.length > 0 && (
        <table className={styles.records}>
          <tbody>
            {cell.records.map((r, i) => (
              <tr key={i}>
                <td>{r.score.toFixed(1)}</td>
                <td>{r.detector}</td>
                <td>{r.entityKey || '—'}</td>
                <td>{r.actual !== undefined ? `actual ${r.actual}` : ''}</td>
                <td>{r.typical !== undefined ? `typical ${r.typical}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    zIndex: 10,
    pointerEvents: 'none',
    padding: theme.spacing(1),
    background: theme.colors.background.elevated,
    color: theme.colors.text.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
  title: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  swatch: css({ display: 'inline-block', width: 10, height: 10, borderRadius: 2 }),
  records: css({
    marginTop: theme.spacing(0.5),
    borderTop: `1px solid ${theme.colors.border.weak}`,
    td: { paddingRight: theme.spacing(1) },
  }),
});
