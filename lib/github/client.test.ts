import { describe, expect, it } from 'vitest';
import { isRetriable, rateLimitRetry } from './client';

const now = Date.UTC(2026, 11, 3, 8, 0, 0);
const answer = (status: number, message: string, headers: Record<string, string> = {}, data: unknown = { message }) =>
  Object.assign(new Error(message), { status, response: { headers, data } });

describe('rateLimitRetry', () => {
  it('waits for retry-after after a secondary rate limit (403 or 429), and retries once', () => {
    const limited = answer(403, 'You have exceeded a secondary rate limit. Please wait a few minutes.', { 'retry-after': '7' });
    expect(rateLimitRetry(limited, 0, now)).toEqual({ secondary: true, waitSeconds: 7, retry: true });
    expect(rateLimitRetry(limited, 1, now)).toEqual({ secondary: true, waitSeconds: 7, retry: false });
    expect(rateLimitRetry(answer(429, 'secondary rate limit'), 0, now)).toEqual({ secondary: true, waitSeconds: 60, retry: true });
  });

  it('waits until one second past the reset of an exhausted primary limit, and retries twice', () => {
    const reset = String(now / 1000 + 30);
    const limited = answer(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    expect(rateLimitRetry(limited, 0, now)).toEqual({ secondary: false, waitSeconds: 31, retry: true });
    expect(rateLimitRetry(limited, 1, now)?.retry).toBe(true);
    expect(rateLimitRetry(limited, 2, now)?.retry).toBe(false);
    const graphql = answer(403, 'rate limited', {}, { errors: [{ type: 'RATE_LIMITED' }] });
    expect(rateLimitRetry(graphql, 0, now)).toEqual({ secondary: false, waitSeconds: 60, retry: true });
  });

  it('never waits longer than a minute: the caller gets the error and says when to retry', () => {
    expect(rateLimitRetry(answer(429, 'secondary rate limit', { 'retry-after': '600' }), 0, now)?.retry).toBe(false);
    const reset = String(now / 1000 + 3600);
    expect(
      rateLimitRetry(answer(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), 0, now),
    ).toEqual({
      secondary: false,
      waitSeconds: 3601,
      retry: false,
    });
  });

  it('leaves every other failure alone', () => {
    expect(rateLimitRetry(answer(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4000' }), 0, now)).toBeNull();
    expect(rateLimitRetry(answer(404, 'Not Found'), 0, now)).toBeNull();
    expect(rateLimitRetry(answer(502, 'secondary rate limit'), 0, now)).toBeNull();
    expect(rateLimitRetry(new Error('socket hang up'), 0, now)).toBeNull();
  });
});

describe('isRetriable', () => {
  const failed = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status, request: { method: 'GET', url: '/x' } });

  it('retries what a later attempt may change: 5xx, network errors (500), and statuses not listed as final', () => {
    for (const status of [500, 502, 503, 504, 409, 408]) expect(isRetriable(failed(status)), String(status)).toBe(true);
  });

  it('does not retry answers a retry cannot change, nor a rate limit (rateLimitRetry decides), nor a non-request error', () => {
    for (const status of [304, 400, 401, 403, 404, 410, 422, 429, 451]) expect(isRetriable(failed(status)), String(status)).toBe(false);
    expect(isRetriable(Object.assign(new Error('bug'), { status: 500 }))).toBe(false);
    expect(isRetriable(new TypeError('x is undefined'))).toBe(false);
  });
});
