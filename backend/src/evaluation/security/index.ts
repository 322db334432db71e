/** Scoring of security analyses against labels: simulator incidents and labelled real captures. */
export * from './severityPerDay';
export * from './hostDetection';
export * from './incidentReport';
