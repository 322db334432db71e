/**
 * What the handlers may use: the job manager (the scheduler's interface; every job action goes
 * through it), the results repository, and the readiness check. Nothing else does I/O.
 */
import type { JobConfig } from '../engine/config';
import type { JobSummary, SchedulerMetrics } from '../scheduler/types';
import type { ResultsRepository } from './resultsRepository';

/** The part of `JobManager` the API calls. */
export interface JobsApi {
  putJob(body: JobConfig): Promise<JobConfig>;
  getJob(id: string): Promise<JobConfig | null>;
  listJobs(): Promise<JobSummary[]>;
  deleteJob(id: string): Promise<void>;
  openJob(id: string): Promise<JobSummary>;
  startDatafeed(id: string, range?: { start?: number | string; end?: number | string }): Promise<JobSummary>;
  stopDatafeed(id: string): Promise<JobSummary>;
  closeJob(id: string): Promise<JobSummary>;
  status(id: string): Promise<JobSummary>;
  metrics(): SchedulerMetrics;
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export interface ApiContext {
  jobs: JobsApi;
  results: Pick<ResultsRepository, 'buckets' | 'records' | 'influencers' | 'categories' | 'swimlane' | 'modelPlot' | 'timeRange'>;
  readiness(): Promise<Readiness>;
}
