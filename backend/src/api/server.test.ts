/**
 * The HTTP layer on a real socket: auth, the error body of the contract, 404/405, bad JSON, body
 * validation before anything reaches the job manager, the pipeline validator, error mapping.
 * Routes that need the job manager or OpenSearch are tested in test/integration/api*.test.ts;
 * here the context's jobs and results fail loudly if a request reaches them.
 */
import type * as http from 'http';
import type { AddressInfo } from 'net';
import { JobManagerError } from '../scheduler/errors';
import type { ApiContext } from './context';
import { createApiServer, errorResponse } from './server';

const unreachable = new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`${String(name)} must not be called here`)) });
const context = { jobs: unreachable, results: unreachable, readiness: async () => ({ ready: false, reason: 'OpenSearch unreachable: ConnectionError: connect ECONNREFUSED' }) } as unknown as ApiContext;

describe('API server (HTTP layer)', () => {
  let server: http.Server;
  let base: string;
  const lines: string[] = [];
  const call = async (method: string, path: string, body?: string, token?: string) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + path, { method, headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    server = createApiServer({ context, token: 'sekret-token', log: (l) => lines.push(l) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('health is open; everything else under /api needs the bearer token', async () => {
    expect(await call('GET', '/api/health')).toEqual({ status: 200, json: { status: 'ok' } });
    const r = await call('GET', '/api/ready');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: 'missing or wrong bearer token (Authorization: Bearer <token>)', errors: [{ message: 'missing or wrong bearer token (Authorization: Bearer <token>)' }] });
    expect((await call('GET', '/api/ready', undefined, 'sekret-tokeN')).status).toBe(401);
  });

  it('ready is 503 with the reason when OpenSearch does not answer', async () => {
    const r = await call('GET', '/api/ready', undefined, 'sekret-token');
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ status: 'not_ready', reason: 'OpenSearch unreachable: ConnectionError: connect ECONNREFUSED' });
  });

  it('404, 405, bad JSON, bad job id, invalid config are answered before the job manager is called', async () => {
    expect((await call('GET', '/api/nope', undefined, 'sekret-token')).status).toBe(404);
    expect((await call('PATCH', '/api/jobs/a', undefined, 'sekret-token')).json.error).toBe('PATCH is not allowed on /api/jobs/a (allowed: PUT, GET, DELETE)');
    const badJson = await call('PUT', '/api/jobs/a', '{"analysis_config": ', 'sekret-token');
    expect(badJson.status).toBe(400);
    expect(badJson.json.error).toMatch(/^request body: not valid JSON/);
    expect((await call('PUT', '/api/jobs/A_B', '{}', 'sekret-token')).json.errors).toEqual([
      { message: 'lower-case letters, digits, - and _; starts and ends with a letter or digit; at most 64 characters', path: 'job_id' },
    ]);
    const invalid = await call('PUT', '/api/jobs/j1', JSON.stringify({ search: 'index=flows | autodetect count by', datafeed_config: {} }), 'sekret-token');
    expect(invalid.status).toBe(400);
    expect((invalid.json.errors as Array<{ column?: number }>)[0].column).toBe(34);
    const other = await call('PUT', '/api/jobs/j1', JSON.stringify({ job_id: 'j2', analysis_config: { detectors: [{ function: 'count' }] } }), 'sekret-token');
    expect(other.json.errors).toEqual([{ message: 'job_id: "j2" differs from the job id "j1"', path: 'job_id' }]);
    expect(lines.map((l) => l.replace(/ → (\d+): .*/, ' → $1'))).toEqual([
      'api: PATCH /api/jobs/a → 405',
      'api: PUT /api/jobs/a → 400',
      'api: PUT /api/jobs/A_B → 400',
      'api: PUT /api/jobs/j1 → 400',
      'api: PUT /api/jobs/j1 → 400',
    ]);
    expect(lines.join('\n')).not.toContain('sekret-token');
  });

  it('validates a pipeline: the brief\'s netflow command gives its job config with a note', async () => {
    const search = 'sourcetype="netflow" dest!=10.* | eval dp=dest + " : "dest_port | prelertautodetect bucketspan=300 partitionfield=src app_byte_ratio by dp';
    const r = await call('POST', '/api/_validate/pipeline', JSON.stringify({ search }), 'sekret-token');
    expect(r.json.valid).toBe(true);
    expect(r.json.errors).toEqual([]);
    expect((r.json.job_config as { analysis_config: unknown }).analysis_config).toEqual({
      bucket_span: 300,
      detectors: [{ function: 'metric', field_name: 'app_byte_ratio', by_field_name: 'dp', partition_field_name: 'src' }],
      influencers: ['dp', 'src'],
    });
    expect((r.json.notes as string[])[0]).toMatch(/adjacent operands are joined as text/);
  });

  it('maps errors: JobManagerError keeps its status and details; OpenSearch failures are 503/502; others 500', () => {
    expect(errorResponse(new JobManagerError('job "x" is already started', 409))).toEqual({ status: 409, body: { error: 'job "x" is already started', errors: [{ message: 'job "x" is already started' }] } });
    const conn = Object.assign(new Error('connect ECONNREFUSED'), { name: 'ConnectionError' });
    expect(errorResponse(conn).status).toBe(503);
    const rejected = Object.assign(new Error('x'), { name: 'ResponseError', meta: { statusCode: 400, body: { error: { type: 'parsing_exception', reason: 'bad' } } } });
    expect(errorResponse(rejected)).toEqual({ status: 502, body: { error: 'OpenSearch: HTTP 400 parsing_exception: bad', errors: [{ message: 'OpenSearch: HTTP 400 parsing_exception: bad' }] } });
    expect(errorResponse(new TypeError('boom')).status).toBe(500);
  });
});
