/** The anomaly detection job: records in, scored result documents out, with snapshot/restore. */
export { AnomalyJob, SNAPSHOT_VERSION } from './anomalyJob';
export type { AnomalyJobSnapshot } from './anomalyJob';
export { resultId } from './resultId';
export type * from './resultTypes';
