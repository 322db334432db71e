/**
 * HTTP plumbing of the API on `node:http`: the request a handler sees, the response it returns,
 * the error body of the contract (`{"error", "errors": [{message, path?, column?}]}`), reading a
 * JSON body with a size limit, and writing a response.
 */
import type * as http from 'http';

export interface ProblemDetail {
  message: string;
  path?: string;
  column?: number;
}

/** An error a handler throws to answer with a status and the contract's error body. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly errors: ProblemDetail[] = [{ message }]) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, errors?: ProblemDetail[]): HttpError => new HttpError(400, message, errors);
export const notFound = (message: string): HttpError => new HttpError(404, message);

export interface ApiRequest {
  method: string;
  path: string;
  /** Path parameters of the matched route (decoded). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, `undefined` when the request had none. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialised unless `contentType` says otherwise (then a string). */
  body: unknown;
  contentType?: string;
}

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as JSON (`undefined` when empty); 400 on bad JSON, 413 when over the limit. */
export async function readJsonBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, `request body: larger than ${limit} bytes`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`request body: not valid JSON (${(err as Error).message})`);
  }
}

export function errorBody(message: string, errors: ProblemDetail[] = [{ message }]): { error: string; errors: ProblemDetail[] } {
  return { error: message.split('\n')[0], errors };
}

export function writeResponse(res: http.ServerResponse, r: ApiResponse): void {
  const text = r.contentType ? String(r.body) : JSON.stringify(r.body);
  res.writeHead(r.status, {
    'content-type': r.contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
