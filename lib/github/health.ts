import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { githubClient, type GitHubClient } from './client';
import { explainGithubError, rateLimitOfError } from './errors';
import { githubIntegrations } from './integrations';

export type IntegrationHealth = {
  host: string;
  apiBaseUrl: string;
  auth: 'token' | 'app';
  credentials: { ok: boolean; detail: string };
  rateLimit: { limit: number; remaining: number; resetAt: string } | null;
};

export type GithubStatus = {
  integrations: IntegrationHealth[];
  lastDiscovery: Date | null;
  lastOrgSync: Date | null;
  lastWebhook: { at: Date; event: string } | null;
  webhookSecretConfigured: boolean;
  recentFailures: { id: string; event: string; action: string | null; repository: string | null; error: string | null; at: Date }[];
};

/** What a platform engineer needs to see whether GitHub is connected and the catalog keeping up. */
export async function getGithubStatus(webhookSecretConfigured: boolean): Promise<GithubStatus> {
  const prisma = await getPrisma();
  const integrations = await Promise.all(githubIntegrations().map(checkIntegration));
  const [discovery, org, lastWebhook, failures] = await Promise.all([
    prisma.location.aggregate({ where: { type: 'github-discovery' }, _max: { lastIngestedAt: true } }),
    prisma.location.aggregate({ where: { type: 'github-org' }, _max: { lastIngestedAt: true } }),
    prisma.webhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true, event: true } }),
    prisma.webhookDelivery.findMany({ where: { status: 'failed' }, orderBy: { receivedAt: 'desc' }, take: 10 }),
  ]);
  return {
    integrations,
    lastDiscovery: discovery._max.lastIngestedAt,
    lastOrgSync: org._max.lastIngestedAt,
    lastWebhook: lastWebhook ? { at: lastWebhook.receivedAt, event: lastWebhook.event } : null,
    webhookSecretConfigured,
    recentFailures: failures.map((f) => ({
      id: f.id,
      event: f.event,
      action: f.action,
      repository: f.repository,
      error: f.error,
      at: f.receivedAt,
    })),
  };
}

async function checkIntegration(integration: ReturnType<typeof githubIntegrations>[number]): Promise<IntegrationHealth> {
  const base = {
    host: integration.host,
    apiBaseUrl: integration.apiBaseUrl,
    auth: integration.token ? ('token' as const) : ('app' as const),
  };
  let client: GitHubClient | undefined;
  try {
    client = await githubClient(integration, { retries: 0 });
    let detail: string;
    if (integration.token) {
      const { data, headers } = await client.rest.users.getAuthenticated();
      const scopes = headers['x-oauth-scopes'];
      detail = `signed in as ${data.login}${scopes !== undefined ? ` (scopes: ${scopes || 'none'})` : ''}`;
    } else {
      detail = `GitHub App ${integration.app?.appId}`;
    }
    // For an App this is also the credentials check.
    return { ...base, credentials: { ok: true, detail }, rateLimit: await readRateLimit(client) };
  } catch (err) {
    // GET /rate_limit does not count against the limit and answers while it is exhausted; when even
    // it fails, a 403/429's x-ratelimit-* headers still say how many are left and when they reset.
    const rateLimit = client ? await readRateLimit(client).catch(() => rateLimitOfError(err)) : null;
    return { ...base, credentials: { ok: false, detail: explainGithubError(err, `${integration.host}'s API`) }, rateLimit };
  }
}

async function readRateLimit(client: GitHubClient): Promise<IntegrationHealth['rateLimit']> {
  const { core } = (await client.rest.rateLimit.get()).data.resources;
  return { limit: core.limit, remaining: core.remaining, resetAt: new Date(core.reset * 1000).toISOString() };
}
