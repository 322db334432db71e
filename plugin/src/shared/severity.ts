/**
 * Severity bands of anomaly scores (0-100), as Elastic defines them:
 * critical >= 75, major >= 50, minor >= 25, warning >= 3, low below 3.
 */
export type Severity = 'critical' | 'major' | 'minor' | 'warning' | 'low';

export const SEVERITY_THRESHOLDS: ReadonlyArray<{ severity: Severity; min: number }> = [
  { severity: 'critical', min: 75 },
  { severity: 'major', min: 50 },
  { severity: 'minor', min: 25 },
  { severity: 'warning', min: 3 },
  { severity: 'low', min: 0 },
];

/** Elastic's classic swimlane colours; the low band is darkened on dark themes so it reads as "quiet". */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  critical: '#fe5050',
  major: '#fba740',
  minor: '#fdec25',
  warning: '#8bc8fb',
  low: '#d2e9f7',
};

export const SEVERITY_COLORS_DARK: Readonly<Record<Severity, string>> = {
  ...SEVERITY_COLORS,
  low: '#2b4257',
};

export function severityOf(score: number): Severity {
  for (const band of SEVERITY_THRESHOLDS) {
    if (score >= band.min) {
      return band.severity;
    }
  }
  return 'low';
}

export function severityColor(score: number, isDark: boolean): string {
  const palette = isDark ? SEVERITY_COLORS_DARK : SEVERITY_COLORS;
  return palette[severityOf(score)];
}

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'critical (>= 75)',
  major: 'major (>= 50)',
  minor: 'minor (>= 25)',
  warning: 'warning (>= 3)',
  low: 'low (< 3)',
};
