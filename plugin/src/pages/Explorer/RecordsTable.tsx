import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { RecordDoc } from '../../datasource/api/types';
import { describeDetector } from '../../datasource/parse/parseRecords';
import { SEVERITY_COLORS, severityOf } from '../../shared/severity';

interface Props {
  records: RecordDoc[];
  selected?: RecordDoc;
  onSelect: (r: RecordDoc) => void;
}

/** Anomaly records of the selected cells; a click selects one for the model-bounds chart. */
export function RecordsTable({ records, selected, onSelect }: Props) {
  const styles = useStyles2(getStyles);
  if (records.length === 0) {
    return <div className={styles.empty}>No anomaly records in the selected cells.</div>;
  }
  return (
    <table className={styles.table} data-testid="data-testid vigil-records-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Score</th>
          <th>Detector</th>
          <th>Entity</th>
          <th>Actual</th>
          <th>Typical</th>
          <th>Probability</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r, i) => (
          <tr key={i} className={cx(styles.row, r === selected && styles.selected)} onClick={() => onSelect(r)}>
            <td>{new Date(r.timestamp).toISOString().replace('T', ' ').slice(0, 19)}</td>
            <td>
              <span className={styles.swatch} style={{ background: SEVERITY_COLORS[severityOf(r.record_score)] }} />
              {r.record_score.toFixed(1)}
            </td>
            <td>{describeDetector(r)}</td>
            <td>{r.entity_key || '—'}</td>
            <td>{(r.actual ?? []).join(', ')}</td>
            <td>{(r.typical ?? []).map((v) => Number(v.toPrecision(5))).join(', ')}</td>
            <td>{r.probability.toExponential(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}`, textAlign: 'left' },
  }),
  row: css({ cursor: 'pointer', '&:hover': { background: theme.colors.action.hover } }),
  selected: css({ background: theme.colors.action.selected }),
  swatch: css({ display: 'inline-block', width: 10, height: 10, marginRight: 6, borderRadius: 2 }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
});
