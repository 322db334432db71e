/**
 * Untyped REST calls through the client's transport, for request bodies the generated 3.x types
 * describe poorly (composite aggregations, PIT searches). The caller states the response shape.
 */
import type { Client } from '@opensearch-project/opensearch';

export interface RequestOptions {
  querystring?: Record<string, string | number | boolean>;
  /** HTTP statuses that resolve instead of throwing (e.g. 404 on a missing index). */
  ignore?: number[];
}

export async function osRequest<T>(client: Client, method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<{ statusCode: number; body: T }> {
  try {
    const res = await client.transport.request(
      { method, path, body: body as Record<string, unknown> | undefined, querystring: opts.querystring },
      { ignore: opts.ignore },
    );
    return { statusCode: res.statusCode ?? 0, body: res.body as T };
  } catch (err) {
    // keep the error (its name and meta decide retries) but make its message say what failed
    if (err instanceof Error) err.message = `${method} ${path}: ${describeError(err)}`;
    throw err;
  }
}

/** Status code of a client error (ResponseError), or undefined for connection errors and the like. */
export function statusOf(err: unknown): number | undefined {
  const meta = (err as { meta?: { statusCode?: number } } | null)?.meta;
  return typeof meta?.statusCode === 'number' ? meta.statusCode : undefined;
}

/** One line describing a client error: status and OpenSearch's reason when there is one. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; meta?: { statusCode?: number; body?: { error?: { type?: string; reason?: string } | string } } };
  const status = e?.meta?.statusCode;
  const errBody = e?.meta?.body?.error;
  const reason = typeof errBody === 'string' ? errBody : errBody ? `${errBody.type ?? ''}: ${errBody.reason ?? ''}` : undefined;
  if (typeof status === 'number') return `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
}
