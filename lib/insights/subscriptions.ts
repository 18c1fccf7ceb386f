import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { discoveredOrgs } from './inventory';
import { markRepositoryDeleted, recordDeployment, repositoryKey, upsertRepository } from './mutations';

// What adoption insights do on GitHub events (the event subscription contract: event name →
// handler of the payload). Payload fields are parsed, not trusted: a payload without them is
// ignored. Docs: https://docs.github.com/webhooks/webhook-events-and-payloads

type Ctx = { deliveryId: string };

// Webhook times are ISO strings, except in push payloads (epoch seconds).
const time = z.union([z.string().datetime({ offset: true }), z.number()]).transform((v) => new Date(typeof v === 'number' ? v * 1000 : v));
const repositorySchema = z.object({
  name: z.string(),
  html_url: z.string().url(),
  owner: z.object({ login: z.string() }),
  default_branch: z.string().optional(),
  archived: z.boolean().optional(),
  fork: z.boolean().optional(),
  topics: z.array(z.string()).optional(),
  created_at: time,
});
type Repository = z.infer<typeof repositorySchema>;

async function isDiscovered(repo: Repository): Promise<boolean> {
  const orgUrl = repositoryKey(repo.html_url).replace(/\/[^/]+$/, '');
  return (await discoveredOrgs()).includes(orgUrl);
}

const fact = (r: Repository) => ({ owner: r.owner.login, name: r.name, htmlUrl: r.html_url, defaultBranch: r.default_branch ?? 'main', archived: r.archived ?? false, fork: r.fork ?? false, topics: r.topics ?? [], createdAt: r.created_at });

const repositoryEvent = z.object({
  action: z.string(),
  repository: repositorySchema,
  changes: z.object({ repository: z.object({ name: z.object({ from: z.string() }) }).optional(), owner: z.object({ from: z.object({ organization: z.object({ login: z.string() }).optional(), user: z.object({ login: z.string() }).optional() }) }).optional() }).optional(),
});

async function onRepository(payload: Record<string, unknown>): Promise<void> {
  const parsed = repositoryEvent.safeParse(payload);
  if (!parsed.success) return;
  const { action, repository: repo, changes } = parsed.data;
  if (action === 'deleted') return (await isDiscovered(repo)) ? upsertRepository(fact(repo), { deletedAt: new Date() }) : undefined;
  if (action === 'renamed' || action === 'transferred') {
    const oldName = changes?.repository?.name.from ?? repo.name;
    const oldOwner = changes?.owner?.from.organization?.login ?? changes?.owner?.from.user?.login ?? repo.owner.login;
    await markRepositoryDeleted(`${new URL(repo.html_url).origin}/${oldOwner}/${oldName}`);
  }
  if (await isDiscovered(repo)) await upsertRepository(fact(repo));
}

const deploymentStatusEvent = z.object({
  deployment_status: z.object({ state: z.string(), created_at: time }),
  repository: repositorySchema,
});

async function onDeploymentStatus(payload: Record<string, unknown>): Promise<void> {
  const parsed = deploymentStatusEvent.safeParse(payload);
  if (!parsed.success || parsed.data.deployment_status.state !== 'success') return;
  await recordDeployment(parsed.data.repository.html_url, parsed.data.deployment_status.created_at);
}

const workflowRunEvent = z.object({
  action: z.string(),
  workflow_run: z.object({ name: z.string().nullish(), path: z.string().nullish(), head_branch: z.string().nullish(), conclusion: z.string().nullish(), updated_at: time }),
  repository: repositorySchema,
});

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
  return rows.flatMap((r) => r.value.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean));
}

/** A workflow run names a workflow by its name, its path, or its file name. */
export function namesWorkflow(entry: string, run: { name?: string | null; path?: string | null }): boolean {
  const name = run.name?.toLowerCase();
  const path = run.path?.toLowerCase().replace(/@.*$/, '');
  return entry === name || entry === path || (path !== undefined && path.endsWith(`/${entry}`));
}

async function onWorkflowRun(payload: Record<string, unknown>): Promise<void> {
  const parsed = workflowRunEvent.safeParse(payload);
  if (!parsed.success) return;
  const { action, workflow_run: run, repository: repo } = parsed.data;
  if (action !== 'completed' || run.conclusion !== 'success' || run.head_branch !== (repo.default_branch ?? 'main')) return;
  const workflows = await deployWorkflowsOf(repo);
  if (workflows.some((w) => namesWorkflow(w, run))) await recordDeployment(repo.html_url, run.updated_at);
}

export const subscriptions: Record<string, (payload: Record<string, unknown>, ctx: Ctx) => Promise<void>> = {
  repository: onRepository,
  deployment_status: onDeploymentStatus,
  workflow_run: onWorkflowRun,
};
