import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Subscriptions } from '@/lib/github/webhooks/dispatch';
import type { WebhookEvent } from '@/lib/github/webhooks/events';
import { discoveredOrgs } from './inventory';
import { markRepositoryDeleted, recordDeployment, repositoryKey, upsertRepository } from './mutations';

// What adoption insights do on GitHub events (listed in lib/runtime's subscriber table). Payloads
// arrive checked against lib/github/webhooks/events.ts, which holds every field read here.
// Docs: https://docs.github.com/webhooks/webhook-events-and-payloads

type Repository = WebhookEvent<'repository'>['repository'];

// Webhook times are ISO text, except in push payloads (epoch seconds).
const dateOf = (v: string | number): Date => new Date(typeof v === 'number' ? v * 1000 : v);

async function isDiscovered(repo: Repository): Promise<boolean> {
  const orgUrl = repositoryKey(repo.html_url).replace(/\/[^/]+$/, '');
  return (await discoveredOrgs()).includes(orgUrl);
}

const fact = (r: Repository) => ({
  owner: r.owner.login,
  name: r.name,
  htmlUrl: r.html_url,
  defaultBranch: r.default_branch,
  archived: r.archived,
  fork: r.fork,
  topics: r.topics ?? [],
  createdAt: dateOf(r.created_at),
});

async function onRepository({ action, repository: repo, changes }: WebhookEvent<'repository'>): Promise<void> {
  if (action === 'deleted') return (await isDiscovered(repo)) ? upsertRepository(fact(repo), { deletedAt: new Date() }) : undefined;
  if (action === 'renamed' || action === 'transferred') {
    const oldName = changes?.repository?.name?.from ?? repo.name;
    const oldOwner = changes?.owner?.from.organization?.login ?? changes?.owner?.from.user?.login ?? repo.owner.login;
    await markRepositoryDeleted(`${new URL(repo.html_url).origin}/${oldOwner}/${oldName}`);
  }
  if (await isDiscovered(repo)) await upsertRepository(fact(repo));
}

async function onDeploymentStatus({ deployment_status: status, repository }: WebhookEvent<'deployment_status'>): Promise<void> {
  if (status.state === 'success') await recordDeployment(repository.html_url, dateOf(status.created_at));
}

/** The workflows named in github.com/workflows (comma-separated names or file names) of the repository's entities. */
async function deployWorkflowsOf(repo: Repository): Promise<string[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ value: string }>(
    `SELECT x.value FROM "EntitySearch" x JOIN "Entity" e ON e.id = x."entityId" LEFT JOIN "Location" l ON l.id = e."locationId"
      WHERE x.key = 'metadata.annotations.github.com/workflows'
        AND (lower(split_part(l.target, '/blob/', 1)) = $1
             OR EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e.id AND s.key = 'metadata.annotations.github.com/project-slug' AND s.value = $2))`,
    [repositoryKey(repo.html_url), `${repo.owner.login}/${repo.name}`.toLowerCase()],
  );
  return rows.flatMap((r) =>
    r.value
      .split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** A workflow run names a workflow by its name, its path, or its file name. */
export function namesWorkflow(entry: string, run: { name?: string | null; path?: string | null }): boolean {
  const name = run.name?.toLowerCase();
  const path = run.path?.toLowerCase().replace(/@.*$/, '');
  return entry === name || entry === path || (path !== undefined && path.endsWith(`/${entry}`));
}

async function onWorkflowRun({ action, workflow_run: run, repository: repo }: WebhookEvent<'workflow_run'>): Promise<void> {
  if (action !== 'completed' || run.conclusion !== 'success' || run.head_branch !== repo.default_branch) return;
  const workflows = await deployWorkflowsOf(repo);
  if (workflows.some((w) => namesWorkflow(w, run))) await recordDeployment(repo.html_url, dateOf(run.updated_at));
}

export const subscriptions = {
  repository: onRepository,
  deployment_status: onDeploymentStatus,
  workflow_run: onWorkflowRun,
} satisfies Subscriptions;
