import { backoffDelayMs, isRetryableError, withRetry } from './retry';

const responseError = (statusCode: number): Error => Object.assign(new Error('Response Error'), { name: 'ResponseError', meta: { statusCode } });

describe('retry with backoff', () => {
  it('retries connection errors, 429 and 5xx, not 4xx', () => {
    expect(isRetryableError(Object.assign(new Error('x'), { name: 'ConnectionError' }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryableError(responseError(429))).toBe(true);
    expect(isRetryableError(responseError(503))).toBe(true);
    expect(isRetryableError(responseError(400))).toBe(false);
    expect(isRetryableError(responseError(404))).toBe(false);
  });

  it('doubles the wait up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelayMs(a, { baseDelayMs: 100, maxDelayMs: 1000 }))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('waits between attempts and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw responseError(429);
        return 'ok';
      },
      { baseDelayMs: 50, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([50, 100]);
  });

  it('throws a non-retryable error at once and the last error when attempts run out', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw responseError(400); }, { sleep: async () => undefined })).rejects.toThrow('Response Error');
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw responseError(502); }, { maxAttempts: 4, sleep: async () => undefined })).rejects.toThrow('Response Error');
    expect(calls).toBe(4);
  });
});
