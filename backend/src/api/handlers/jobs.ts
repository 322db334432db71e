/** Job routes: create/update (validated with the job schema), list, get, delete, lifecycle, stats. */
import { resolveJobConfig } from '../../engine/config';
import type { ApiContext } from '../context';
import { badRequest, HttpError, ok, type ApiRequest, type ApiResponse } from '../http';

type Handler = (req: ApiRequest, ctx: ApiContext) => Promise<ApiResponse>;

const JOB_ID = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;

export function jobIdOf(req: ApiRequest): string {
  const id = req.params.job_id;
  if (!JOB_ID.test(id)) {
    throw badRequest(`job_id: "${id}" must be lower-case letters, digits, - and _, start and end with a letter or digit, at most 64 characters`, [
      { message: 'lower-case letters, digits, - and _; starts and ends with a letter or digit; at most 64 characters', path: 'job_id' },
    ]);
  }
  return id;
}

function objectBody(req: ApiRequest, allowEmpty: boolean): Record<string, unknown> {
  if (req.body === undefined && allowEmpty) return {};
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) throw badRequest('request body: must be a JSON object');
  return req.body as Record<string, unknown>;
}

export const listJobs: Handler = async (_req, ctx) => {
  const jobs = await ctx.jobs.listJobs();
  return ok({ count: jobs.length, jobs });
};

export const putJob: Handler = async (req, ctx) => {
  const id = jobIdOf(req);
  const body = objectBody(req, false);
  const resolved = resolveJobConfig(body, id);
  if (!resolved.ok) throw new HttpError(400, resolved.errors[0]?.message ?? 'invalid job config', resolved.errors);
  const job = await ctx.jobs.putJob({ ...body, job_id: id } as never);
  return ok({ job, notes: resolved.notes });
};

export const getJob: Handler = async (req, ctx) => {
  const id = jobIdOf(req);
  const job = await ctx.jobs.getJob(id);
  if (!job) throw new HttpError(404, `job "${id}" does not exist`);
  return ok({ job, status: await ctx.jobs.status(id) });
};

export const deleteJob: Handler = async (req, ctx) => {
  const id = jobIdOf(req);
  await ctx.jobs.deleteJob(id);
  return ok({ deleted: true, job_id: id });
};

export const openJob: Handler = async (req, ctx) => ok({ status: await ctx.jobs.openJob(jobIdOf(req)) });

export const startDatafeed: Handler = async (req, ctx) => {
  const id = jobIdOf(req);
  const body = objectBody(req, true);
  const range: { start?: number | string; end?: number | string } = {};
  for (const key of ['start', 'end'] as const) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' && typeof v !== 'string') throw badRequest(`${key}: must be epoch ms or an ISO date-time`, [{ message: 'must be epoch ms or an ISO date-time', path: key }]);
    range[key] = v;
  }
  const unknown = Object.keys(body).filter((k) => k !== 'start' && k !== 'end');
  if (unknown.length) throw badRequest(`request body: unknown key "${unknown[0]}" (expected start, end)`, [{ message: 'unknown key', path: unknown[0] }]);
  return ok({ status: await ctx.jobs.startDatafeed(id, range) });
};

export const stopDatafeed: Handler = async (req, ctx) => ok({ status: await ctx.jobs.stopDatafeed(jobIdOf(req)) });

export const closeJob: Handler = async (req, ctx) => ok({ status: await ctx.jobs.closeJob(jobIdOf(req)) });

export const jobStats: Handler = async (req, ctx) => {
  const status = await ctx.jobs.status(jobIdOf(req));
  return ok({ ...status, model_size_stats: status.model_size_stats ?? null });
};
