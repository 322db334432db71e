/** Health, readiness, Prometheus metrics, and the pipeline validator. */
import { resolveJobConfig } from '../../engine/config';
import type { ApiContext } from '../context';
import { badRequest, ok, type ApiRequest, type ApiResponse } from '../http';
import { prometheusText } from '../metrics';
import openapi from '../openapi.json';

type Handler = (req: ApiRequest, ctx: ApiContext) => Promise<ApiResponse>;

export const health: Handler = async () => ok({ status: 'ok' });

export const ready: Handler = async (_req, ctx) => {
  const r = await ctx.readiness();
  if (r.ready) return ok({ status: 'ready' });
  const reason = r.reason ?? 'not ready';
  return { status: 503, body: { status: 'not_ready', reason, error: reason, errors: [{ message: reason }] } };
};

export const metrics: Handler = async (_req, ctx) => ({
  status: 200,
  body: prometheusText(ctx.jobs.metrics()),
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
});

/** `{"search": "<pipeline>", ...}` → `{valid, errors: [{message, column}], notes, job_config}`; never stores anything. */
export const validatePipeline: Handler = async (req) => {
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('request body: must be a JSON object with "search"');
  const b = body as Record<string, unknown>;
  if (typeof b.search !== 'string') throw badRequest('search: must be a string (the pipeline)', [{ message: 'must be a string', path: 'search' }]);
  const jobId = typeof b.job_id === 'string' && b.job_id ? b.job_id : 'pipeline';
  const resolved = resolveJobConfig({ ...b, job_id: jobId }, jobId);
  if (!resolved.ok) return ok({ valid: false, errors: resolved.errors, notes: resolved.notes, job_config: null });
  return ok({ valid: true, errors: [], notes: resolved.notes, job_config: resolved.config });
};

/** The OpenAPI document of this API. */
export const openApiDocument: Handler = async () => ok(openapi);
