/** A tiny router: route paths with `{name}` segments compiled to patterns, matched by method and path. */
import type { ApiRequest, ApiResponse } from './http';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface Route<Ctx> {
  method: HttpMethod;
  /** e.g. `/api/jobs/{job_id}/results/records`. */
  path: string;
  /** false: no bearer token needed (health, metrics). */
  auth: boolean;
  /** One line for the OpenAPI summary and `--help`. */
  summary: string;
  handler: (req: ApiRequest, ctx: Ctx) => Promise<ApiResponse>;
}

interface Compiled<Ctx> {
  route: Route<Ctx>;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch<Ctx> =
  | { kind: 'found'; route: Route<Ctx>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'not_found' };

export class Router<Ctx> {
  private readonly compiled: Compiled<Ctx>[];

  constructor(routes: Route<Ctx>[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((seg) => {
          const m = /^\{([a-z_]+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch<Ctx> {
    const allowed: HttpMethod[] = [];
    for (const c of this.compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      if (c.route.method !== method) {
        allowed.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1]);
      });
      return { kind: 'found', route: c.route, params };
    }
    return allowed.length ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}
