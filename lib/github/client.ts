import 'server-only';
import { createHash } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import type { ResolvedIntegration } from './integrations';
import { isPacedWrite, writePacer } from './write-pacing';

// The one way Wayfinder talks to GitHub: Octokit with throttling (primary and secondary rate
// limits, Retry-After), retries with backoff for 5xx, and conditional requests: every GET sends the
// ETag of its last answer, and a 304 (which costs no rate limit) is served from the cache table.
// Writes are paced per credential by write-pacing.ts (the policy and why it keeps to GitHub's
// guidance are there), in place of the plugin's one global queue a second apart.

const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export type ClientOptions = {
  /** Organisation whose App installation to use (GitHub App credentials only). */
  org?: string;
  /** Retries for 5xx and network errors (default 3); tests use fewer. */
  retries?: number;
};

const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

// The throttling plugin's write group (`throttle.write`; its own is one queue a second apart for
// every client of the process): writes pass it at once, the pacer in githubClient spaces them.
const UNPACED_WRITES = new Bottleneck.Group({ minTime: 0, maxConcurrent: null });

export function credentialIdentity(integration: ResolvedIntegration): string {
  const secret = integration.token ?? `app:${integration.app?.appId}:${integration.app?.installationId ?? ''}`;
  // A digest, never the credential itself: the identity is stored as part of cache keys.
  return `${integration.host}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}

export async function githubClient(integration: ResolvedIntegration, options: ClientOptions = {}): Promise<GitHubClient> {
  const log = getLogger().child({ github: integration.host });
  const identity = credentialIdentity(integration);
  const pacer = writePacer(identity);
  const common = {
    baseUrl: integration.apiBaseUrl,
    userAgent: 'wayfinder',
    // 429 joins the plugin's list of statuses it never retries: a 429 is a rate limit, which the
    // throttling plugin retries after GitHub's retry-after (or gives up), never sooner.
    retry: { retries: options.retries ?? 3, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      id: identity,
      write: UNPACED_WRITES,
      onRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, retryCount: number) => {
        log.warn({ retryAfter, url: o.url }, 'GitHub rate limit reached');
        return retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      },
      onSecondaryRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, retryCount: number) => {
        log.warn({ retryAfter, url: o.url }, 'GitHub secondary rate limit reached');
        pacer.drain();
        return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      },
    },
    // Octokit logs every non-2xx answer as an error, including the 304s of our conditional requests
    // and the 404s discovery expects; failures that matter are recorded on their location instead.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.debug(m) },
  };
  let client: GitHubClient;
  if (integration.token) {
    client = new GitHubOctokit({ ...common, auth: integration.token });
  } else if (integration.app) {
    const { appId, privateKey } = integration.app;
    let installationId = integration.app.installationId;
    if (!installationId) {
      if (!options.org)
        throw new Error('a GitHub App needs an organisation (or integrations.github[].app.installationId) to pick its installation');
      const asApp = new GitHubOctokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey } });
      installationId = (await asApp.rest.apps.getOrgInstallation({ org: options.org })).data.id;
    }
    client = new GitHubOctokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  } else {
    throw new Error(`integrations.github for ${integration.host} has no credentials`);
  }
  addConditionalRequests(client, identity);
  // Wrapped last, so outermost: a write holds its credential's turn through the plugin's waits for
  // retry-after, and the writes behind it wait too.
  client.hook.wrap('request', (request, options) =>
    isPacedWrite(options.method, options.url) ? pacer.run(async () => request(options)) : request(options),
  );
  return client;
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
        await prisma.githubResponseCache.upsert({ where: { key }, create: { key, etag, body }, update: { etag, body } });
      }
      return response;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 304 && cached) {
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
