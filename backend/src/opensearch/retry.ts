/**
 * Retry with exponential backoff for calls to OpenSearch: connection errors, timeouts, 429 and 5xx
 * are retried; anything else (400 mapping errors, 401/403, 404) is not.
 */
import { statusOf } from './request';

export interface RetryOptions {
  /** Attempts in all, the first included (default 8). */
  maxAttempts?: number;
  /** First wait, ms (default 200); doubles each time up to maxDelayMs (default 10 000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each wait; for status lines and logs. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /** Replaceable for tests that must not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const CONNECTION_ERRORS = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'RequestAbortedError']);

/** True for HTTP statuses worth retrying: 429 (rejected, queue full) and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** True for errors worth retrying: connection failures, timeouts, 429 and 5xx responses. */
export function isRetryableError(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return isRetryableStatus(status);
  const name = (err as { name?: string } | null)?.name ?? '';
  const code = (err as { code?: string } | null)?.code ?? '';
  return CONNECTION_ERRORS.has(name) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code);
}

export function backoffDelayMs(attempt: number, opts: RetryOptions = {}): number {
  const base = opts.baseDelayMs ?? 200;
  const max = opts.maxDelayMs ?? 10_000;
  return Math.min(max, base * 2 ** (attempt - 1));
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` until it succeeds, a non-retryable error occurs, or the attempts are used up (then the last error is thrown). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}, describe: (err: unknown) => string = String): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 8;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= maxAttempts || !isRetryableError(err)) throw err;
      const delayMs = backoffDelayMs(attempt, opts);
      opts.onRetry?.({ attempt, delayMs, reason: describe(err) });
      await sleep(delayMs);
    }
  }
}
