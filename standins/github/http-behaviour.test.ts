import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';

// Auth, rate limits, conditional requests and forced faults behave as GitHub documents, so
// Wayfinder's retry/throttling/caching code can be tested against them.

let gh: GitHubStandIn;
const auth = { authorization: `token ${SEED_TOKEN}` };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${gh.url}${path}`, { headers });

beforeAll(async () => {
  gh = await createGitHubStandIn({ seed: seedAcme });
});
afterAll(() => gh.stop());
beforeEach(() => gh.state.setRateLimit({ limit: 5000, remaining: 5000, exhaustedStatus: 403 }));

describe('authentication', () => {
  it('answers 401 with GitHub’s error body for a missing or unknown token', async () => {
    const bad = await get('/user', { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect((await get('/user', {})).status).toBe(401);
    expect((await get('/user', { authorization: `Bearer ${SEED_TOKEN}` })).status).toBe(200);
  });

  it('answers 404 with GitHub’s body for unknown routes and records', async () => {
    const res = await get('/no/such/route');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
    expect((await get('/repos/acme/nope')).status).toBe(404);
  });
});

describe('a repository by a former name', () => {
  it('redirects to /repositories/<id>/… (301 for a read, 307 for a write), which serves the repository', async () => {
    gh.state.createRepo('acme', { name: 'old-name', files: { 'README.md': '# hi\n' } });
    const { id } = gh.state.repo('acme', 'old-name');
    gh.state.renameRepo('acme/old-name', 'new-name');
    const read = await fetch(`${gh.url}/repos/acme/old-name/contents/README.md?ref=main`, { headers: auth, redirect: 'manual' });
    const location = `${gh.url}/repositories/${id}/contents/README.md?ref=main`;
    expect([read.status, read.headers.get('location')]).toEqual([301, location]);
    expect(await read.json()).toEqual({
      message: 'Moved Permanently',
      url: location,
      documentation_url: 'https://docs.github.com/v3/#http-redirects',
    });
    expect(await (await get(`/repositories/${id}/contents/README.md?ref=main`)).json()).toMatchObject({ path: 'README.md' });
    expect(await (await get(`/repositories/${id}`)).json()).toMatchObject({ full_name: 'acme/new-name' });
    const write = await fetch(`${gh.url}/repos/acme/old-name/issues`, {
      method: 'POST',
      headers: auth,
      body: '{"title":"x"}',
      redirect: 'manual',
    });
    expect(write.status).toBe(307);
  });
});

describe('rate limit', () => {
  it('decrements per request and reports used/remaining/reset/resource', async () => {
    const a = await get('/user');
    const b = await get('/user');
    expect(a.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(a.headers.get('x-ratelimit-remaining')) - Number(b.headers.get('x-ratelimit-remaining'))).toBe(1);
    expect(b.headers.get('x-ratelimit-used')).toBe('2');
    expect(b.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(b.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('refuses with 403 (or 429) and retry-after once exhausted, until the window resets', async () => {
    gh.state.setRateLimit({ remaining: 1, resetInSeconds: 30 });
    expect((await get('/user')).status).toBe(200);
    const refused = await get('/user');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);
    gh.state.setRateLimit({ remaining: 0, exhaustedStatus: 429 });
    expect((await get('/user')).status).toBe(429);
    gh.state.setRateLimit({ remaining: 0, resetInSeconds: -1 });
    expect((await get('/user')).status).toBe(200);
  });

  it('keeps a limit exhausted for at least the seconds asked, late in a second too (the reset is a whole second)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_800_000_000_999 });
    try {
      gh.state.setRateLimit({ remaining: 0, resetInSeconds: 1 });
      vi.setSystemTime(1_800_000_001_998);
      expect((await get('/user')).status).toBe(403);
      vi.setSystemTime(1_800_000_002_000);
      expect((await get('/user')).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('conditional requests', () => {
  it('answers 304 for a matching If-None-Match without spending rate limit', async () => {
    const first = await get('/repos/acme/booking-service');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/repos/acme/booking-service', { ...auth, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
    await new Promise((r) => setTimeout(r, 1100)); // timestamps have second precision, as on GitHub
    gh.state.commitFiles('acme/booking-service', { message: 'Touch', files: { 'docs/index.md': '# changed\n' } });
    // A push changes pushed_at, so the representation (and its ETag) changes.
    const changed = await get('/repos/acme/booking-service', { ...auth, 'if-none-match': etag });
    expect(changed.status).toBe(200);
  });
});

describe('forced faults', () => {
  it('fails the next N requests with the given status, then recovers', async () => {
    gh.state.failNext(2, 502);
    expect((await get('/user')).status).toBe(502);
    expect((await get('/user')).status).toBe(502);
    expect((await get('/user')).status).toBe(200);
  });
});

describe('secondary rate limits', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${gh.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers the next writes with GitHub’s secondary-limit body and retry-after, leaving reads alone', async () => {
    gh.state.secondaryRateLimitNext(1, { status: 403, retryAfter: 7 });
    gh.state.secondaryRateLimitNext(1, { status: 429, retryAfter: 2 });
    expect((await get('/user')).status).toBe(200);
    const first = await post('/orgs/acme/repos', { name: 'limited-one' });
    expect(first.status).toBe(403);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(((await first.json()) as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
    const second = await post('/orgs/acme/repos', { name: 'limited-one' });
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await post('/orgs/acme/repos', { name: 'limited-one' })).status).toBe(201);
  });

  it('logs every API request it answered', async () => {
    const before = gh.state.requests.length;
    await get('/repos/acme/booking-service');
    await get('/repos/acme/nope');
    expect(gh.state.requests.slice(before)).toMatchObject([
      { method: 'GET', path: '/repos/acme/booking-service', status: 200 },
      { method: 'GET', path: '/repos/acme/nope', status: 404 },
    ]);
  });
});
