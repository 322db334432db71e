/**
 * The HTTP server of `vigil serve`: routes, bearer-token auth (`/api/health` and `/metrics` are
 * open), JSON errors in the contract's shape. The token and the Authorization header are never
 * logged; 5xx answers are logged with the route, not the request.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import { describeError } from '../opensearch/request';
import type { ApiContext } from './context';
import { errorBody, HttpError, readJsonBody, writeResponse, type ApiResponse } from './http';
import { Router, type Route } from './router';
import { routes as defaultRoutes } from './routes';

export interface ApiServerOptions {
  context: ApiContext;
  /** Bearer token; undefined = no auth. */
  token?: string;
  log?: (line: string) => void;
  routes?: Route<ApiContext>[];
}

const CLIENT_ERRORS = new Set(['ResponseError', 'ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'RequestAbortedError', 'SerializationError', 'DeserializationError']);

function isOpenSearchError(err: unknown): boolean {
  const e = err as { name?: string; meta?: unknown };
  return Boolean(e && (CLIENT_ERRORS.has(e.name ?? '') || e.meta !== undefined));
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = crypto.createHash('sha256').update(m[1].trim()).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Status and error body of anything a handler throws: HttpError, the scheduler's JobManagerError (status + errors), or a failure (500). */
export function errorResponse(err: unknown): ApiResponse {
  if (err instanceof HttpError) return { status: err.status, body: errorBody(err.message, err.errors) };
  const e = err as { name?: string; status?: unknown; message?: string; errors?: unknown };
  if (e?.name === 'JobManagerError' && typeof e.status === 'number') {
    const errors = Array.isArray(e.errors) && e.errors.length ? (e.errors as { message: string }[]) : [{ message: e.message ?? 'error' }];
    return { status: e.status, body: errorBody(e.message ?? 'error', errors) };
  }
  if (isOpenSearchError(err)) {
    const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
    // OpenSearch down or overloaded → 503 (try again); any other answer of it → 502
    return { status: status === undefined || status === 429 || status >= 500 ? 503 : 502, body: errorBody(`OpenSearch: ${describeError(err)}`) };
  }
  return { status: 500, body: errorBody(`internal error: ${(err as Error)?.message ?? String(err)}`) };
}

export function createApiHandler(opts: ApiServerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const router = new Router(opts.routes ?? defaultRoutes);
  const log = opts.log ?? (() => undefined);
  return (req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://vigil.local');
      } catch {
        writeResponse(res, { status: 400, body: errorBody('bad request URL') });
        return;
      }
      let response: ApiResponse;
      let routeLabel = `${method} ${url.pathname}`;
      try {
        let match;
        try {
          match = router.match(method, url.pathname);
        } catch {
          throw new HttpError(400, `bad escape in the path ${url.pathname}`);
        }
        if (match.kind === 'not_found') throw new HttpError(404, `no route ${method} ${url.pathname}`);
        if (match.kind === 'method_not_allowed') throw new HttpError(405, `${method} is not allowed on ${url.pathname} (allowed: ${match.allowed.join(', ')})`);
        routeLabel = `${method} ${match.route.path}`;
        if (match.route.auth && opts.token !== undefined && !tokenMatches(req.headers.authorization, opts.token)) {
          throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer <token>)');
        }
        const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(req);
        response = await match.route.handler({ method, path: url.pathname, params: match.params, query: url.searchParams, body }, opts.context);
      } catch (err) {
        response = errorResponse(err);
        if (response.status >= 500) log(`api: ${routeLabel} → ${response.status}: ${(response.body as { error: string }).error}`);
      }
      writeResponse(res, response);
      // job lifecycle events (create, open, start, stop, close, delete): one line each, without body or headers
      if (response.status < 500 && method !== 'GET' && /^\/api\/jobs\//.test(url.pathname)) {
        log(`api: ${method} ${url.pathname} → ${response.status}${response.status >= 400 ? `: ${(response.body as { error?: string }).error ?? ''}` : ''}`);
      }
    })().catch((err) => {
      log(`api: ${describeError(err)}`);
      if (!res.headersSent) res.destroy();
    });
  };
}

export function createApiServer(opts: ApiServerOptions): http.Server {
  const server = http.createServer(createApiHandler(opts));
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Listens and resolves with the bound address (port 0 picks a free port). */
export function listen(server: http.Server, host: string, port: number): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? { host: a.address, port: a.port } : { host, port });
    });
  });
}
