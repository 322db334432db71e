/** The OpenAPI document describes exactly the route table: same paths and methods, auth, path parameters, resolvable $refs. */
import openapi from './openapi.json';
import { routes } from './routes';

type Operation = { security?: unknown[]; parameters?: Array<{ $ref?: string; name?: string; in?: string }>; responses: Record<string, unknown> };
type PathItem = Record<string, unknown> & { parameters?: Array<{ $ref?: string }> };
const paths = openapi.paths as unknown as Record<string, PathItem>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], openapi);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('openapi.json', () => {
  const documented = Object.entries(paths).flatMap(([p, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${p}`));
  const table = routes.map((r) => `${r.method} ${r.path}`);

  it('is OpenAPI 3 with the bearer scheme', () => {
    expect(openapi.openapi).toMatch(/^3\./);
    expect(openapi.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('every route of the table is documented, and nothing else', () => {
    expect([...documented].sort()).toEqual([...table].sort());
    expect(table).toHaveLength(21);
  });

  it('routes open without a token say so (security: []), the others inherit bearer auth', () => {
    for (const r of routes) {
      const op = paths[r.path][r.method.toLowerCase()] as Operation;
      expect([r.path, op.security === undefined]).toEqual([r.path, r.auth]);
      expect(Object.keys(op.responses)).toContain('200');
    }
  });

  it('path parameters are declared where the path has them', () => {
    for (const r of routes) {
      const item = paths[r.path];
      const declared = (item.parameters ?? []).map((p) => (p.$ref ? (resolve(p.$ref) as { name: string }).name : ''));
      const needed = [...r.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
      expect([r.path, declared]).toEqual([r.path, needed]);
    }
  });

  it('every $ref resolves', () => {
    const refs = [...new Set(refsIn(openapi))];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect([ref, resolve(ref) !== undefined]).toEqual([ref, true]);
  });
});
