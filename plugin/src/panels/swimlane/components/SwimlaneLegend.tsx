import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { SEVERITY_COLORS, SEVERITY_COLORS_DARK, SEVERITY_LABELS, type Severity } from '../../../shared/severity';
import { testIds } from './testIds';

const ORDER: Severity[] = ['critical', 'major', 'minor', 'warning', 'low'];

export function SwimlaneLegend() {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const palette = theme.isDark ? SEVERITY_COLORS_DARK : SEVERITY_COLORS;
  return (
    <div className={styles.legend} data-testid={testIds.legend}>
      {ORDER.map((s) => (
        <span key={s} className={styles.item}>
          <span className={styles.swatch} style={{ background: palette[s] }} />
          {SEVERITY_LABELS[s]}
        </span>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    paddingTop: theme.spacing(0.5),
  }),
  item: css({ display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  swatch: css({ display: 'inline-block', width: 12, height: 12, borderRadius: 2 }),
});
