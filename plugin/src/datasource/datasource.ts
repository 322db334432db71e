import {
  DataSourceApi,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

import { buildRequest, type TimeWindow } from './api/buildRequest';
import type { BucketsResponse, JobsResponse, ModelPlotResponse, RecordsResponse, SwimlaneResponse } from './api/types';
import { VigilApiClient, VigilApiError } from './api/VigilApiClient';
import { parseBuckets, parseModelPlot } from './parse/parseBuckets';
import { parseJobs } from './parse/parseJobs';
import { parseAnnotations, parseRecords } from './parse/parseRecords';
import { parseSwimlane } from './parse/parseSwimlane';
import { DEFAULT_QUERY, type VigilOptions, type VigilQuery } from './types';
import { parseVariableQuery } from './variables';

/** A min score typed or templated: a number in 0-100, else 0 (no filter). */
function scoreFrom(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

/** Route name in plugin.json: Grafana's data proxy forwards `<proxy url>/vigil/*` to `jsonData.url` with the token. */
export const PROXY_ROUTE = 'vigil';

export class VigilDataSource extends DataSourceApi<VigilQuery, VigilOptions> {
  readonly api: VigilApiClient;
  readonly jsonData: VigilOptions;

  constructor(instanceSettings: DataSourceInstanceSettings<VigilOptions>, api?: VigilApiClient) {
    super(instanceSettings);
    this.jsonData = instanceSettings.jsonData ?? {};
    this.api = api ?? new VigilApiClient(`${instanceSettings.url ?? ''}/${PROXY_ROUTE}`);
    // annotation queries use the query editor; a new one starts as "anomalies of score 75 and above"
    this.annotations = { getDefaultQuery: () => ({ queryType: 'annotations', minScore: 75 }) };
  }

  getDefaultQuery(): Partial<VigilQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: VigilQuery): boolean {
    return !query.hide && (query.queryType === 'jobs' || Boolean(query.jobId));
  }

  /** Replaces template variables in the text parts of a query; multi-value entity variables expand to one filter each. */
  applyTemplateVariables(query: VigilQuery, scopedVars: ScopedVars): VigilQuery {
    const srv = getTemplateSrv();
    const entities = (query.entities ?? []).flatMap((e) => srv.replace(e, scopedVars, 'csv').split(',')).filter(Boolean);
    return {
      ...DEFAULT_QUERY,
      ...query,
      jobId: srv.replace(query.jobId ?? '', scopedVars),
      entityKey: srv.replace(query.entityKey ?? '', scopedVars),
      viewBy: srv.replace(query.viewBy ?? '', scopedVars),
      minScore: scoreFrom(srv.replace(String(query.minScore ?? 0), scopedVars)),
      entities,
    };
  }

  async query(request: DataQueryRequest<VigilQuery>): Promise<DataQueryResponse> {
    const range = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    const targets = request.targets
      .map((t) => this.applyTemplateVariables({ ...DEFAULT_QUERY, ...t }, request.scopedVars))
      .filter((t) => this.filterQuery(t));
    const frames = await Promise.all(targets.map((t) => this.runQuery(t, range)));
    return { data: frames };
  }

  async runQuery(query: VigilQuery, range: TimeWindow): Promise<DataFrame> {
    const req = buildRequest(query, range);
    const refId = query.refId;
    switch (query.queryType) {
      case 'swimlane':
        return parseSwimlane(await this.api.get<SwimlaneResponse>(req.path, req.params), refId);
      case 'records':
        return parseRecords(await this.api.get<RecordsResponse>(req.path, req.params), refId, {
          sourceDatasourceUid: this.jsonData.sourceDatasourceUid,
          sourceTimeField: this.jsonData.sourceTimeField,
        });
      case 'annotations':
        return parseAnnotations(await this.api.get<RecordsResponse>(req.path, req.params), refId);
      case 'buckets':
        return parseBuckets(await this.api.get<BucketsResponse>(req.path, req.params), refId, query.jobId);
      case 'model_bounds':
        return parseModelPlot(
          await this.api.get<ModelPlotResponse>(req.path, req.params),
          refId,
          query.entityKey || `detector ${query.detectorIndex ?? 0}`
        );
      case 'jobs':
      default:
        return parseJobs(await this.api.get<JobsResponse>(req.path, req.params), refId);
    }
  }

  /** Template variables: `jobs()` → job ids; `entities(<job>[, <view_by>])` → lane values of the job's swimlane. */
  async metricFindQuery(text: string, options?: { range?: { from: { valueOf(): number }; to: { valueOf(): number } } }): Promise<MetricFindValue[]> {
    const parsed = parseVariableQuery(getTemplateSrv().replace(text));
    if (parsed.kind === 'jobs') {
      const resp = await this.api.get<JobsResponse>('/api/jobs');
      return resp.jobs.map((j) => ({ text: j.job_id, value: j.job_id }));
    }
    const to = options?.range?.to.valueOf() ?? Date.now();
    const from = options?.range?.from.valueOf() ?? to - 7 * 24 * 3600 * 1000;
    const req = buildRequest({ ...DEFAULT_QUERY, refId: 'var', queryType: 'swimlane', jobId: parsed.jobId, viewBy: parsed.viewBy, limit: 1000 }, { from, to });
    const resp = await this.api.get<SwimlaneResponse>(req.path, req.params);
    return resp.lanes.map((l) => ({ text: l.lane, value: l.lane }));
  }

  /** Health (no token needed), then the job list (token needed): says which step failed and why. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    if (!this.jsonData.url) {
      return { status: 'error', message: 'Set the URL of vigil serve (e.g. http://vigil:8080).' };
    }
    try {
      await this.api.get<{ status: string }>('/api/health');
    } catch (err) {
      const e = err as VigilApiError;
      return {
        status: 'error',
        message:
          e.status === 404
            ? `${this.jsonData.url} answered 404 on /api/health: this URL is not a vigil serve API.`
            : `Cannot reach vigil serve at ${this.jsonData.url}: ${e.message}`,
      };
    }
    try {
      const jobs = await this.api.get<JobsResponse>('/api/jobs');
      return { status: 'success', message: `Connected to vigil serve: ${jobs.count} job(s).` };
    } catch (err) {
      const e = err as VigilApiError;
      if (e.status === 401 || e.status === 403) {
        return { status: 'error', message: `vigil serve rejected the API token (${e.status}): ${e.message}` };
      }
      return { status: 'error', message: `vigil serve is up but listing jobs failed: ${e.message}` };
    }
  }
}
