/** Results routes: buckets, records, influencers, swimlane, model plot, time range, categories. */
import { parseDuration } from '../../engine/config';
import type { ApiContext } from '../context';
import { badRequest, HttpError, ok, type ApiRequest, type ApiResponse } from '../http';
import { ENTITY_VIEW, swimlaneInterval } from '../queries/swimlane';
import { enumParam, MAX_SIZE, numberParam, parseResultQuery, parseTime, stringParam } from '../resultParams';
import { jobIdOf } from './jobs';

type Handler = (req: ApiRequest, ctx: ApiContext) => Promise<ApiResponse>;

/** The job's bucket span in ms (404 when the job does not exist). */
async function bucketSpanMsOf(ctx: ApiContext, id: string): Promise<number> {
  const job = await ctx.jobs.getJob(id);
  if (!job) throw new HttpError(404, `job "${id}" does not exist`);
  return parseDuration(job.analysis_config.bucket_span ?? '5m');
}

/** The job id of a results route, after checking the job exists. */
async function existingJob(req: ApiRequest, ctx: ApiContext): Promise<string> {
  const id = jobIdOf(req);
  await bucketSpanMsOf(ctx, id);
  return id;
}

export const buckets: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  const r = await ctx.results.buckets(id, parseResultQuery(req.query));
  return ok({ count: r.count, buckets: r.docs });
};

export const records: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  const q = parseResultQuery(req.query);
  const r = await ctx.results.records(id, q, {
    detectorIndex: numberParam(req.query, 'detector_index', { min: 0, integer: true }),
    sort: enumParam(req.query, 'sort', ['record_score', 'timestamp'] as const, 'record_score'),
  });
  return ok({ count: r.count, records: r.docs });
};

export const influencers: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  const r = await ctx.results.influencers(id, parseResultQuery(req.query), stringParam(req.query, 'influencer_field_name') || undefined);
  return ok({ count: r.count, influencers: r.docs });
};

export const categories: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  const r = await ctx.results.categories(id, parseResultQuery(req.query));
  return ok({ count: r.count, categories: r.docs });
};

export const swimlane: Handler = async (req, ctx) => {
  const id = jobIdOf(req);
  const job = await ctx.jobs.getJob(id);
  if (!job) throw new HttpError(404, `job "${id}" does not exist`);
  const spanMs = parseDuration(job.analysis_config.bucket_span ?? '5m');
  const q = parseResultQuery(req.query);
  const intervalMs = swimlaneInterval(spanMs, numberParam(req.query, 'interval_ms', { min: 1, integer: true }));
  const viewBy = stringParam(req.query, 'view_by') || ENTITY_VIEW;
  const influencers = job.analysis_config.influencers ?? [];
  if (viewBy !== ENTITY_VIEW && !influencers.includes(viewBy)) {
    const why = `"${viewBy}" is not an influencer of job "${id}" (view_by: entity${influencers.map((f) => `, ${f}`).join('')})`;
    throw badRequest(`view_by: ${why}`, [{ message: why, path: 'view_by' }]);
  }
  const res = await ctx.results.swimlane(id, q, {
    viewBy,
    limit: numberParam(req.query, 'limit', { min: 1, max: 1000, integer: true }) ?? 10,
    sort: enumParam(req.query, 'sort', ['max_score', 'occurrence'] as const, 'max_score'),
    intervalMs,
    bucketSpan: spanMs / 1000,
  });
  return ok(res);
};

export const modelPlot: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  const q = req.query;
  const start = stringParam(q, 'start');
  const end = stringParam(q, 'end');
  const entityKey = q.has('entity_key') ? (stringParam(q, 'entity_key') ?? '') : undefined;
  const res = await ctx.results.modelPlot(id, {
    start: start ? parseTime(start, 'start') : undefined,
    end: end ? parseTime(end, 'end') : undefined,
    detectorIndex: numberParam(q, 'detector_index', { min: 0, integer: true }) ?? 0,
    entityKey,
    size: numberParam(q, 'size', { min: 1, max: MAX_SIZE, integer: true }) ?? MAX_SIZE,
  });
  return ok({ points: res.points, source: res.source });
};

export const timeRange: Handler = async (req, ctx) => {
  const id = await existingJob(req, ctx);
  return ok(await ctx.results.timeRange(id));
};
