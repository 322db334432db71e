import fs from 'fs';
import path from 'path';
import { of, throwError } from 'rxjs';
import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { type BackendSrv, type BackendSrvRequest, setBackendSrv, setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

import { VigilDataSource } from './datasource';
import type { VigilOptions, VigilQuery } from './types';

const FIXTURES = path.join(__dirname, '__fixtures__');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

/** Grafana's host side, reduced to what the datasource calls: fetch (answers from recorded responses) and templates. */
function installHost(routes: Record<string, { status: number; body: unknown }>) {
  const calls: BackendSrvRequest[] = [];
  setBackendSrv({
    fetch: (req: BackendSrvRequest) => {
      calls.push(req);
      const key = `${req.method ?? 'GET'} ${req.url.split('?')[0]}`;
      const route = routes[key];
      if (!route) {
        return throwError(() => ({ status: 404, statusText: 'Not Found', data: { error: `no route ${key}` } }));
      }
      return route.status < 400
        ? of({ data: route.body, status: route.status, ok: true })
        : throwError(() => ({ status: route.status, data: route.body }));
    },
  } as unknown as BackendSrv);
  const vars: Record<string, string[]> = { job: ['zeek-008'], entity: ['src=1.2.3.4', 'src=5.6.7.8'], min_score: ['25'] };
  setTemplateSrv({
    replace: (text = '', _scoped?: unknown, format?: string) =>
      text.replace(/\$(\w+)/g, (m, name: string) => (vars[name] ? vars[name].join(format === 'csv' ? ',' : ' ') : m)),
    getVariables: () => [],
    containsTemplate: (t?: string) => Boolean(t?.includes('$')),
    updateTimeRange: () => undefined,
  } as unknown as TemplateSrv);
  return calls;
}

const settings = {
  id: 1,
  uid: 'vigil',
  type: 'vigil-anomaly-datasource',
  name: 'Vigil',
  url: '/api/datasources/proxy/uid/vigil',
  jsonData: { url: 'http://vigil:8080', sourceDatasourceUid: 'netflow-os', sourceTimeField: '@timestamp' },
  meta: {},
  readOnly: false,
  access: 'proxy',
} as unknown as DataSourceInstanceSettings<VigilOptions>;

const BASE = '/api/datasources/proxy/uid/vigil/vigil';

function request(targets: VigilQuery[]): DataQueryRequest<VigilQuery> {
  return {
    targets,
    range: { from: dateTime(1655100000000), to: dateTime(1655186400000), raw: { from: 'now-1d', to: 'now' } },
    scopedVars: {},
  } as unknown as DataQueryRequest<VigilQuery>;
}

describe('VigilDataSource', () => {
  it('runs each query type through the data proxy route and returns frames', async () => {
    const calls = installHost({
      [`GET ${BASE}/api/jobs/zeek-008/results/swimlane`]: { status: 200, body: fixture('swimlane.response.json') },
      [`GET ${BASE}/api/jobs/zeek-008/results/records`]: { status: 200, body: fixture('records.response.json') },
      [`GET ${BASE}/api/jobs`]: { status: 200, body: fixture('jobs.response.json') },
    });
    const ds = new VigilDataSource(settings);
    const resp = await ds.query(
      request([
        { refId: 'A', queryType: 'swimlane', jobId: '$job', entities: ['$entity'] },
        { refId: 'B', queryType: 'records', jobId: 'zeek-008', minScore: '$min_score' },
        { refId: 'C', queryType: 'jobs', jobId: '' },
        { refId: 'D', queryType: 'records', jobId: 'zeek-008', hide: true },
      ])
    );
    expect(resp.data.map((f) => f.refId)).toEqual(['A', 'B', 'C']);
    expect(calls[0].url).toBe(
      `${BASE}/api/jobs/zeek-008/results/swimlane?start=1655100000000&end=1655186400000&view_by=entity&limit=10&sort=max_score&entity=src%3D1.2.3.4&entity=src%3D5.6.7.8`
    );
    expect(calls[1].url).toContain('min_score=25');
    expect(resp.data[1].fields.find((f: { name: string }) => f.name === 'source_events').values[0]).toContain('netflow-os');
  });

  it('supports annotations: a new annotation query lists critical anomalies', () => {
    installHost({});
    expect(new VigilDataSource(settings).annotations?.getDefaultQuery?.()).toEqual({ queryType: 'annotations', minScore: 75 });
  });

  it('lists jobs and entities for template variables', async () => {
    installHost({
      [`GET ${BASE}/api/jobs`]: { status: 200, body: fixture('jobs.response.json') },
      [`GET ${BASE}/api/jobs/zeek-008/results/swimlane`]: { status: 200, body: fixture('swimlane.response.json') },
    });
    const ds = new VigilDataSource(settings);
    expect((await ds.metricFindQuery('jobs()')).map((v) => v.text)).toEqual(['zeek-008', 'auth-failures']);
    expect((await ds.metricFindQuery('entities($job)')).map((v) => v.text)).toEqual([
      'src=89.248.165.118',
      'src=64.188.30.146',
      'src=41.160.86.17',
    ]);
  });

  it('testDatasource reports success with the job count', async () => {
    installHost({
      [`GET ${BASE}/api/health`]: { status: 200, body: { status: 'ok' } },
      [`GET ${BASE}/api/jobs`]: { status: 200, body: fixture('jobs.response.json') },
    });
    expect(await new VigilDataSource(settings).testDatasource()).toEqual({
      status: 'success',
      message: 'Connected to vigil serve: 2 job(s).',
    });
  });

  it('testDatasource says the token was rejected on 401', async () => {
    installHost({
      [`GET ${BASE}/api/health`]: { status: 200, body: { status: 'ok' } },
      [`GET ${BASE}/api/jobs`]: { status: 401, body: { error: 'missing or invalid bearer token' } },
    });
    const res = await new VigilDataSource(settings).testDatasource();
    expect(res).toEqual({ status: 'error', message: 'vigil serve rejected the API token (401): missing or invalid bearer token' });
  });

  it('testDatasource says when the URL is not vigil serve, unreachable, or missing', async () => {
    installHost({});
    expect((await new VigilDataSource(settings).testDatasource()).message).toBe(
      'http://vigil:8080 answered 404 on /api/health: this URL is not a vigil serve API.'
    );
    installHost({ [`GET ${BASE}/api/health`]: { status: 502, body: 'Bad Gateway' } });
    expect((await new VigilDataSource(settings).testDatasource()).message).toBe(
      'Cannot reach vigil serve at http://vigil:8080: GET /api/health: HTTP 502'
    );
    const noUrl = { ...settings, jsonData: {} } as DataSourceInstanceSettings<VigilOptions>;
    expect((await new VigilDataSource(noUrl).testDatasource()).message).toMatch(/Set the URL of vigil serve/);
  });

  it('surfaces the API error line on failed queries', async () => {
    installHost({
      [`GET ${BASE}/api/jobs/nope/results/records`]: { status: 404, body: { error: 'job [nope] not found' } },
    });
    await expect(new VigilDataSource(settings).query(request([{ refId: 'A', queryType: 'records', jobId: 'nope' }]))).rejects.toThrow(
      'job [nope] not found'
    );
  });
});
