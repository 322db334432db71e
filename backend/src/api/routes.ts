/** The flat route table of `vigil serve` (the OpenAPI document describes exactly these). */
import type { ApiContext } from './context';
import * as jobs from './handlers/jobs';
import * as results from './handlers/results';
import * as system from './handlers/system';
import type { Route } from './router';

const J = '/api/jobs/{job_id}';
const R = `${J}/results`;

export const routes: Route<ApiContext>[] = [
  { method: 'GET', path: '/api/health', auth: false, summary: 'Liveness: the process answers', handler: system.health },
  { method: 'GET', path: '/api/ready', auth: true, summary: 'Readiness: OpenSearch answers and the Vigil indices exist', handler: system.ready },
  { method: 'GET', path: '/api/openapi.json', auth: true, summary: 'This OpenAPI document', handler: system.openApiDocument },
  { method: 'GET', path: '/metrics', auth: false, summary: 'Prometheus metrics per job', handler: system.metrics },
  { method: 'POST', path: '/api/_validate/pipeline', auth: true, summary: 'Validate a pipeline and show the job config it gives', handler: system.validatePipeline },
  { method: 'GET', path: '/api/jobs', auth: true, summary: 'List jobs with their status', handler: jobs.listJobs },
  { method: 'PUT', path: J, auth: true, summary: 'Create or update a job', handler: jobs.putJob },
  { method: 'GET', path: J, auth: true, summary: 'A job config and its status', handler: jobs.getJob },
  { method: 'DELETE', path: J, auth: true, summary: 'Delete a job, its results and its snapshots', handler: jobs.deleteJob },
  { method: 'POST', path: `${J}/_open`, auth: true, summary: 'Open a job', handler: jobs.openJob },
  { method: 'POST', path: `${J}/_start`, auth: true, summary: 'Start the datafeed (lookback, then real time unless end is given)', handler: jobs.startDatafeed },
  { method: 'POST', path: `${J}/_stop`, auth: true, summary: 'Stop the datafeed (snapshot saved)', handler: jobs.stopDatafeed },
  { method: 'POST', path: `${J}/_close`, auth: true, summary: 'Close a job', handler: jobs.closeJob },
  { method: 'GET', path: `${J}/stats`, auth: true, summary: 'Job status and model size stats', handler: jobs.jobStats },
  { method: 'GET', path: `${R}/buckets`, auth: true, summary: 'Bucket results', handler: results.buckets },
  { method: 'GET', path: `${R}/records`, auth: true, summary: 'Record results (anomalies)', handler: results.records },
  { method: 'GET', path: `${R}/influencers`, auth: true, summary: 'Influencer results', handler: results.influencers },
  { method: 'GET', path: `${R}/swimlane`, auth: true, summary: 'Swimlane cells: overall lane and top lanes', handler: results.swimlane },
  { method: 'GET', path: `${R}/model_plot`, auth: true, summary: 'Model bounds of one detector and entity', handler: results.modelPlot },
  { method: 'GET', path: `${R}/time_range`, auth: true, summary: 'Earliest and latest processed bucket', handler: results.timeRange },
  { method: 'GET', path: `${R}/categories`, auth: true, summary: 'Category definitions (log categorisation)', handler: results.categories },
];
