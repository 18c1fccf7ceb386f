import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { authorize, pageActor } from '@/lib/auth/authorize';
import { getEnv } from '@/lib/env';
import { getGithubStatus } from '@/lib/github/health';

export const metadata: Metadata = { title: 'GitHub integration' };

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'never');

export default async function GithubIntegrationPage() {
  await connection();
  authorize(await pageActor(), 'catalog.read');
  const status = await getGithubStatus(Boolean(getEnv().GITHUB_WEBHOOK_SECRET));
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="GitHub integration"
        description="Whether Wayfinder can reach GitHub, how much API quota is left, and whether webhooks keep the catalog current."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {status.integrations.length === 0 && (
            <EmptyState title="No GitHub integration is configured">
              Add one under <code>integrations.github</code> in wayfinder.config.yaml (a token or a GitHub App), or set GITHUB_TOKEN.
            </EmptyState>
          )}
          {status.integrations.map((i) => (
            <Card
              key={i.host}
              title={i.host}
              actions={<Badge tone={i.credentials.ok ? 'green' : 'red'}>{i.credentials.ok ? 'Connected' : 'Not connected'}</Badge>}
            >
              <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
                <dt className="text-slate-500 dark:text-slate-400">API</dt>
                <dd className="font-mono">{i.apiBaseUrl}</dd>
                <dt className="text-slate-500 dark:text-slate-400">Credentials</dt>
                <dd>
                  {i.auth === 'token' ? 'Token' : 'GitHub App'}:{' '}
                  <span className={i.credentials.ok ? '' : 'text-red-700 dark:text-red-300'}>{i.credentials.detail}</span>
                </dd>
                <dt className="text-slate-500 dark:text-slate-400">Rate limit</dt>
                <dd className={i.rateLimit?.remaining === 0 ? 'text-red-700 dark:text-red-300' : ''}>
                  {i.rateLimit
                    ? `${i.rateLimit.remaining === 0 ? 'Exhausted: ' : ''}${i.rateLimit.remaining} of ${i.rateLimit.limit} requests left, resets ${i.rateLimit.resetAt.replace('T', ' ').slice(0, 19)} UTC`
                    : 'unknown'}
                </dd>
              </dl>
            </Card>
          ))}
          <Card title="Recent webhook failures">
            {status.recentFailures.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">No failed deliveries.</p>
            ) : (
              <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
                {status.recentFailures.map((f) => (
                  <li key={f.id} className="py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone="red">
                        {f.event}
                        {f.action ? `.${f.action}` : ''}
                      </Badge>
                      {f.repository && <span className="font-mono text-xs">{f.repository}</span>}
                      <span className="text-xs text-slate-500 dark:text-slate-400">
                        {when(f.at)} · delivery {f.id}
                      </span>
                    </div>
                    <p className="mt-1 text-slate-700 dark:text-slate-300">{f.error}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card title="Activity">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Webhook secret</dt>
              <dd>{status.webhookSecretConfigured ? 'configured' : 'not set: every delivery is refused (set GITHUB_WEBHOOK_SECRET)'}</dd>
            </div>
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Last webhook received</dt>
              <dd>{status.lastWebhook ? `${status.lastWebhook.event}, ${when(status.lastWebhook.at)}` : 'never'}</dd>
            </div>
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Last repository discovery</dt>
              <dd>{when(status.lastDiscovery)}</dd>
            </div>
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Last organisation sync</dt>
              <dd>{when(status.lastOrgSync)}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
