import { describe, expect, it } from 'vitest';
import { explainGithubError, rateLimitOfError } from './errors';

const err = (status: number, message: string, headers: Record<string, string> = {}) => ({
  status,
  message,
  response: { headers, data: { message } },
});

describe('explainGithubError', () => {
  it.each([
    [err(401, 'Bad credentials'), 'the token is expired, revoked or mistyped'],
    [
      err(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }),
      'resets at 2027-01-15T08:00:00.000Z',
    ],
    [err(403, 'Resource protected by organization SAML enforcement.'), 'authorize the token for SSO'],
    [
      err(403, 'Resource not accessible by integration', { 'x-accepted-github-permissions': 'contents=read' }),
      'the GitHub App needs the permission contents=read',
    ],
    [err(403, 'Forbidden', { 'x-accepted-oauth-scopes': 'repo' }), 'the token needs the scope(s) repo'],
    [err(404, 'Not Found'), 'was not found on GitHub, or the credentials cannot see it'],
    [err(502, 'Bad Gateway'), 'GitHub failed (HTTP 502)'],
  ])('%j', (e, expected) => {
    expect(explainGithubError(e, 'acme/orders')).toContain(expected);
  });
});

describe('rateLimitOfError', () => {
  const limits = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' };
  it.each([
    [err(403, 'API rate limit exceeded', limits), { limit: 5000, remaining: 0, resetAt: '2027-01-15T08:00:00.000Z' }],
    [err(429, 'Too many requests', limits), { limit: 5000, remaining: 0, resetAt: '2027-01-15T08:00:00.000Z' }],
    [err(401, 'Bad credentials', { ...limits, 'x-ratelimit-limit': '60' }), null],
    [err(403, 'Forbidden'), null],
  ])('%j', (e, expected) => {
    expect(rateLimitOfError(e)).toEqual(expected);
  });
});
