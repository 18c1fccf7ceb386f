import 'server-only';
import { createHash } from 'node:crypto';
import type { Octokit } from '@octokit/rest';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import type { ResolvedIntegration } from './integrations';
import { isPacedWrite, writePacer } from './write-pacing';

// The one way Wayfinder talks to GitHub: Octokit with retries (after a rate limit as GitHub says,
// after a 5xx or a network error with backoff: addRetries below) and conditional requests: every
// GET sends the ETag of its last answer, and a 304 (which costs no rate limit) is served from the
// cache table. Writes are paced per credential by write-pacing.ts (the policy and why it keeps to
// GitHub's guidance are there).
//
// The retries are ours rather than @octokit/plugin-retry's and plugin-throttling's: those run every
// request through Bottleneck queues whose timers added ~15 ms to each (a file from the local
// stand-in: 17 ms through them, 1.5 without), twice in each push's re-read of a descriptor with a
// $text definition and eight times in its repository's scorecard facts.

export type GitHubClient = Octokit;

export type ClientOptions = {
  /** Organisation whose App installation to use (GitHub App credentials only). */
  org?: string;
  /** Retries for 5xx and network errors (default 3); tests use fewer. */
  retries?: number;
};

const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export function credentialIdentity(integration: ResolvedIntegration): string {
  const secret = integration.token ?? `app:${integration.app?.appId}:${integration.app?.installationId ?? ''}`;
  // A digest, never the credential itself: the identity is stored as part of cache keys.
  return `${integration.host}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}

export async function githubClient(integration: ResolvedIntegration, options: ClientOptions = {}): Promise<GitHubClient> {
  // Loaded on first use, not at start-up (~50 ms): a portal without a GitHub integration never needs them.
  const [{ Octokit }, { createAppAuth }] = await Promise.all([import('@octokit/rest'), import('@octokit/auth-app')]);
  const log = getLogger().child({ github: integration.host });
  const identity = credentialIdentity(integration);
  const pacer = writePacer(identity);
  const common = {
    baseUrl: integration.apiBaseUrl,
    userAgent: 'wayfinder',
    // Octokit logs every non-2xx answer as an error, including the 304s of our conditional requests
    // and the 404s discovery expects; failures that matter are recorded on their location instead.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.debug(m) },
    // Redirects are answered by addRepositoryMoves, not followed blindly.
    request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, redirect: 'manual' }) },
  };
  let client: GitHubClient;
  if (integration.token) {
    client = new Octokit({ ...common, auth: integration.token });
  } else if (integration.app) {
    const { appId, privateKey } = integration.app;
    let installationId = integration.app.installationId;
    if (!installationId) {
      if (!options.org)
        throw new Error('a GitHub App needs an organisation (or integrations.github[].app.installationId) to pick its installation');
      const asApp = new Octokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey } });
      addRetries(asApp, log, options.retries ?? 3, () => pacer.drain());
      installationId = (await asApp.rest.apps.getOrgInstallation({ org: options.org })).data.id;
    }
    client = new Octokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  } else {
    throw new Error(`integrations.github for ${integration.host} has no credentials`);
  }
  addRepositoryMoves(client);
  addRetries(client, log, options.retries ?? 3, () => pacer.drain());
  addConditionalRequests(client, identity);
  // Wrapped last, so outermost: a write holds its credential's turn through addRetries' waits for
  // retry-after, and the writes behind it wait too.
  client.hook.wrap('request', (request, options) =>
    isPacedWrite(options.method, options.url) ? pacer.run(async () => request(options)) : request(options),
  );
  return client;
}

export type RateLimitAnswer = { secondary: boolean; waitSeconds: number; retry: boolean };

/**
 * What to do with a failed request that may be a rate limit (GitHub's documented answers, read as
 * @octokit/plugin-throttling reads them): a secondary limit (403 or 429 saying so) waits for
 * `retry-after` (60 s when absent) and is retried once; an exhausted primary limit
 * (`x-ratelimit-remaining: 0`) waits until `x-ratelimit-reset` and is retried twice. Neither waits
 * longer than MAX_RATE_LIMIT_WAIT_SECONDS: the error goes to the caller, which says when to retry.
 * Null for any other failure. `retries`: how many times this request was already retried for it.
 */
export function rateLimitRetry(err: unknown, retries: number, now = Date.now()): RateLimitAnswer | null {
  const e = err as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined>; data?: unknown } };
  if (e.status !== 403 && e.status !== 429) return null;
  const headers = e.response?.headers ?? {};
  if (/\bsecondary rate\b/i.test(e.message ?? '')) {
    const waitSeconds = Number(headers['retry-after']) || 60;
    return { secondary: true, waitSeconds, retry: retries < 1 && waitSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS };
  }
  const limited = (e.response?.data as { errors?: { type?: string }[] } | undefined)?.errors?.some((x) => x.type === 'RATE_LIMITED');
  if (headers['x-ratelimit-remaining'] !== '0' && !limited) return null;
  const reset = Number(headers['x-ratelimit-reset']);
  // One second past the reset, as GitHub advises; a minute when the answer does not say.
  const waitSeconds = Number.isFinite(reset) && reset > 0 ? Math.max(Math.ceil((reset * 1000 - now) / 1000) + 1, 0) : 60;
  return { secondary: false, waitSeconds, retry: retries < 2 && waitSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS };
}

/** Statuses a retry cannot change (plugin-retry's list) and 429, a rate limit: rateLimitRetry's. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/** A failed request worth trying again later: a 5xx or another status a retry may change, or a network error (status 500). */
export function isRetriable(err: unknown): boolean {
  const { status, request } = err as { status?: unknown; request?: unknown };
  return typeof status === 'number' && request !== undefined && status >= 400 && !DO_NOT_RETRY.includes(status);
}

type MovedTo = { name: string; full_name: string; owner: { login: string } };

/**
 * GitHub answers a request that names a repository by a former name (renamed, or transferred to
 * another owner) with a redirect to /repositories/<id>/…. A rename is followed: the request is made
 * again with the new name. A transfer to another owner is refused: the repository is then another
 * account's to write, and a location, template or docs source that named the old owner would read
 * that account's files with the trust given to the old one (a configured location may declare
 * Users, Groups and Templates). Fetch follows no redirect by itself (`redirect: 'manual'`), so a
 * write is never repeated somewhere this did not check. Registered before the retries: a refusal is not retried.
 */
function addRepositoryMoves(client: GitHubClient): void {
  client.hook.wrap('request', async (request, options) => {
    const response = await request(options);
    if (response.status < 300 || response.status >= 400) return response;
    const location = String(response.headers.location ?? '');
    const moved = /\/repositories\/(\d+)(?:[/?]|$)/.exec(location);
    const { owner, repo } = options as { owner?: unknown; repo?: unknown };
    if (!moved || typeof owner !== 'string' || typeof repo !== 'string')
      throw Object.assign(new Error(`GitHub redirected ${options.method} ${options.url} to ${location || 'nowhere'}`), {
        status: response.status,
      });
    // A hook's `request` repeats this request whatever it is given (before-after-hook binds the
    // options): another request goes through the client, and the rename is followed on these options.
    const to = await client.request('GET /repositories/{id}', { id: Number(moved[1]) }).then(
      ({ data }) => data as MovedTo,
      (err: { status?: number }) => (err.status === 404 ? null : Promise.reject(err)),
    );
    if (!to || to.owner.login.toLowerCase() !== owner.toLowerCase())
      throw Object.assign(
        new Error(
          `the repository ${owner}/${repo} was transferred to ${to?.full_name ?? 'an account these credentials cannot see'}, and Wayfinder does not follow a repository to another owner (its files are now that account's to write): name ${to?.full_name ?? 'its new place'} where it is meant, or move the repository back`,
        ),
        { status: response.status },
      );
    (options as unknown as { repo: string }).repo = to.name;
    return request(options);
  });
}

/**
 * Retries a failed request: after a rate limit as rateLimitRetry says (draining the credential's
 * write pacer after a secondary one), after another retriable failure up to `maxRetries` times,
 * 1, 4, 9… s apart. Registered before the conditional requests and the write pacer, so they wrap it: a
 * write holds its credential's turn through these waits.
 */
function addRetries(client: GitHubClient, log: ReturnType<typeof getLogger>, maxRetries: number, onSecondary: () => void): void {
  client.hook.wrap('request', async (request, options) => {
    let limited = 0;
    let failed = 0;
    for (;;) {
      try {
        return await request(options);
      } catch (err) {
        let waitSeconds: number;
        const limit = rateLimitRetry(err, limited);
        if (limit) {
          log.warn({ retryAfter: limit.waitSeconds, url: options.url }, `GitHub ${limit.secondary ? 'secondary ' : ''}rate limit reached`);
          if (limit.secondary) onSecondary();
          if (!limit.retry) throw err;
          limited++;
          waitSeconds = limit.waitSeconds;
        } else {
          if (!isRetriable(err) || failed >= maxRetries) throw err;
          failed++;
          waitSeconds = failed ** 2;
        }
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      }
    }
  });
}

/** Cached answers (and discovery's memory) unused this many days are deleted by the daily prune. */
export const GITHUB_CACHE_DAYS = 30;
const DAY_MS = 86_400_000;

/** Records that a cached row was used: at most one write a day per row. */
export async function markUsed(row: { key: string; usedAt: Date }): Promise<void> {
  if (Date.now() - row.usedAt.getTime() < DAY_MS) return;
  await (await getPrisma()).githubResponseCache.updateMany({ where: { key: row.key }, data: { usedAt: new Date() } });
}

/** Deletes cached answers unused for GITHUB_CACHE_DAYS (a blob of an old commit, a repository gone). */
export async function pruneGithubResponseCache(now = new Date()): Promise<number> {
  const { count } = await (
    await getPrisma()
  ).githubResponseCache.deleteMany({
    where: { usedAt: { lt: new Date(now.getTime() - GITHUB_CACHE_DAYS * DAY_MS) } },
  });
  return count;
}

function addConditionalRequests(client: GitHubClient, identity: string): void {
  client.hook.wrap('request', async (request, options) => {
    if (options.method !== 'GET') return request(options);
    const prisma = await getPrisma();
    const { url } = client.request.endpoint(options as never);
    const key = `${identity} ${url}`;
    const cached = await prisma.githubResponseCache.findUnique({ where: { key } });
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (etag) {
        const body = { data: response.data, link: response.headers.link ?? null } as object;
        const usedAt = new Date();
        await prisma.githubResponseCache.upsert({ where: { key }, create: { key, etag, body, usedAt }, update: { etag, body, usedAt } });
      }
      return response;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 304 && cached) {
        await markUsed(cached);
        const body = cached.body as { data: unknown; link: string | null };
        const headers: Record<string, string> = {
          ...((err as { response?: { headers?: Record<string, string> } }).response?.headers ?? {}),
          etag: cached.etag,
        };
        if (body.link) headers.link = body.link;
        return { status: 200, url, headers, data: body.data } as Awaited<ReturnType<typeof request>>;
      }
      throw err;
    }
  });
}
