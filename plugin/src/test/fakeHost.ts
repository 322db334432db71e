import { of, throwError } from 'rxjs';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { type BackendSrv, type BackendSrvRequest, type DataSourceSrv, setBackendSrv, setDataSourceSrv } from '@grafana/runtime';

import { VigilDataSource } from '../datasource/datasource';
import type { VigilOptions } from '../datasource/types';

/**
 * Grafana's host side for page and datasource tests: a datasource registry holding one Vigil datasource and a
 * BackendSrv whose fetch answers `METHOD path` routes (path after the datasource's proxy route) with canned bodies.
 */
export type Route = { status: number; body: unknown } | ((req: BackendSrvRequest) => { status: number; body: unknown });

export const PROXY_BASE = '/api/datasources/proxy/uid/vigil/vigil';

export const vigilSettings = {
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

export function installFakeHost(routes: Record<string, Route>): BackendSrvRequest[] {
  const calls: BackendSrvRequest[] = [];
  setBackendSrv({
    fetch: (req: BackendSrvRequest) => {
      calls.push(req);
      const key = `${req.method ?? 'GET'} ${req.url.replace(PROXY_BASE, '').split('?')[0]}`;
      const route = routes[key];
      const answer = typeof route === 'function' ? route(req) : route;
      if (!answer) {
        return throwError(() => ({ status: 404, data: { error: `no route ${key}` } }));
      }
      return answer.status < 400 ? of({ data: answer.body, status: answer.status, ok: true }) : throwError(() => ({ status: answer.status, data: answer.body }));
    },
  } as unknown as BackendSrv);
  const ds = new VigilDataSource(vigilSettings);
  setDataSourceSrv({
    getList: () => [vigilSettings],
    get: () => Promise.resolve(ds),
    getInstanceSettings: () => vigilSettings,
    reload: () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv);
  return calls;
}
