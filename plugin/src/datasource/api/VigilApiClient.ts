import { lastValueFrom } from 'rxjs';
import { getBackendSrv, type FetchError } from '@grafana/runtime';

import type { ApiErrorBody } from './types';
import { toQueryString } from './buildRequest';

/** An API error with the server's one-line message and per-column details. */
export class VigilApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: ApiErrorBody['errors'] = []
  ) {
    super(message);
    this.name = 'VigilApiError';
  }
}

/**
 * Transport to `vigil serve` through Grafana's data proxy: `baseUrl` is the datasource's proxy URL plus the
 * `vigil` route (`/api/datasources/proxy/uid/<uid>/vigil`), where Grafana adds the bearer token.
 */
export class VigilApiClient {
  constructor(readonly baseUrl: string) {}

  get<T>(path: string, params: Array<[string, string]> = []): Promise<T> {
    return this.send<T>('GET', path, params);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, [], body);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, [], body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  private async send<T>(method: string, path: string, params: Array<[string, string]> = [], data?: unknown): Promise<T> {
    const qs = toQueryString(params);
    const url = `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    try {
      const response = await lastValueFrom(
        getBackendSrv().fetch<T>({ url, method, data, showErrorAlert: false, showSuccessAlert: false })
      );
      return response.data;
    } catch (err) {
      throw toApiError(err as FetchError<ApiErrorBody> | Error, method, path);
    }
  }
}

export function toApiError(err: FetchError<ApiErrorBody> | Error, method: string, path: string): VigilApiError {
  if (err instanceof VigilApiError) {
    return err;
  }
  const fetchErr = err as FetchError<ApiErrorBody>;
  const status = typeof fetchErr.status === 'number' ? fetchErr.status : 0;
  const body = fetchErr.data;
  if (body && typeof body === 'object' && typeof body.error === 'string') {
    return new VigilApiError(body.error, status, body.errors ?? []);
  }
  const reason =
    status === 0
      ? 'no response (is vigil serve running and is the URL right?)'
      : `HTTP ${status}${fetchErr.statusText ? ` ${fetchErr.statusText}` : ''}`;
  return new VigilApiError(`${method} ${path}: ${reason}`, status);
}
