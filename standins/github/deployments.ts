import type { Route, RouteCtx } from './http';
import { notFound, unprocessable } from './http-error';
import type { Deployment, DeploymentStatus, Repo, User } from './model';
import type { Ctx } from './repo-ops';
import { requireRepo } from './repo-ops';
import { nodeId, simpleUser } from './shapes-accounts';
import { orgPart, webhookRepository } from './webhook-payloads';

// Deployments and their statuses (https://docs.github.com/rest/deployments): creating a status
// sends `deployment_status` as GitHub does. Wayfinder reads the first `success` of a new
// repository as its first deployment (adoption insights: onboarding time).

const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'] as const;

function deploymentShape(ctx: Ctx, r: Repo, d: Deployment) {
  const base = ctx.base();
  const repoUrl = `${base}/repos/${r.owner}/${r.name}`;
  const creator = ctx.world.user(d.creator)!;
  return {
    url: `${repoUrl}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(base, creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${repoUrl}/deployments/${d.id}/statuses`,
    repository_url: repoUrl,
    transient_environment: false,
    production_environment: d.environment === 'production',
  };
}

function statusShape(ctx: Ctx, r: Repo, d: Deployment, s: DeploymentStatus) {
  const base = ctx.base();
  const repoUrl = `${base}/repos/${r.owner}/${r.name}`;
  return {
    url: `${repoUrl}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: simpleUser(base, ctx.world.user(s.creator)!),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    log_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${repoUrl}/deployments/${d.id}`,
    repository_url: repoUrl,
  };
}

export function createDeployment(
  ctx: Ctx,
  r: Repo,
  input: { ref: string; environment?: string; task?: string; description?: string | null },
  actor: User,
): Deployment {
  const sha = ctx.world.resolve(r, input.ref);
  if (!sha) throw unprocessable(`No ref found for: ${input.ref}`);
  const now = ctx.world.iso();
  const d: Deployment = {
    id: ctx.world.id(),
    sha,
    ref: input.ref,
    task: input.task ?? 'deploy',
    environment: input.environment ?? 'production',
    description: input.description ?? null,
    creator: actor.login,
    createdAt: now,
    updatedAt: now,
    statuses: [],
  };
  r.deployments.push(d);
  return d;
}

/** Adds a status and sends `deployment_status` (action `created`). */
export function createDeploymentStatus(
  ctx: Ctx,
  r: Repo,
  d: Deployment,
  input: { state: DeploymentStatus['state']; description?: string; targetUrl?: string },
  actor: User,
): DeploymentStatus {
  const now = ctx.world.iso();
  const s: DeploymentStatus = {
    id: ctx.world.id(),
    state: input.state,
    description: input.description ?? '',
    environment: d.environment,
    targetUrl: input.targetUrl ?? `${ctx.base()}/${r.owner}/${r.name}/deployments`,
    creator: actor.login,
    createdAt: now,
  };
  d.statuses.push(s);
  d.updatedAt = now;
  const base = ctx.base();
  ctx.hooks.emit('deployment_status', {
    action: 'created',
    deployment_status: statusShape(ctx, r, d, s),
    deployment: deploymentShape(ctx, r, d),
    repository: webhookRepository(ctx.world, base, r),
    ...orgPart(ctx.world, base, r.owner),
    sender: simpleUser(base, actor),
  });
  return s;
}

const repoOf = (params: Record<string, string>, ctx: RouteCtx) => requireRepo(ctx.world, params.owner!, params.repo!);

export const deploymentRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/deployments',
    handler: (req, ctx) => {
      const r = repoOf(req.params, ctx);
      const b = req.body;
      if (typeof b.ref !== 'string' || !b.ref)
        throw unprocessable('Invalid request.', [{ resource: 'Deployment', code: 'missing_field', field: 'ref' }]);
      const d = createDeployment(
        ctx.state.ctx,
        r,
        {
          ref: b.ref,
          environment: typeof b.environment === 'string' ? b.environment : undefined,
          task: typeof b.task === 'string' ? b.task : undefined,
          description: typeof b.description === 'string' ? b.description : null,
        },
        ctx.actor,
      );
      return { status: 201, body: deploymentShape(ctx.state.ctx, r, d) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/deployments/:id/statuses',
    handler: (req, ctx) => {
      const r = repoOf(req.params, ctx);
      const d = r.deployments.find((x) => String(x.id) === req.params.id);
      if (!d) throw notFound();
      const state = req.body.state;
      if (typeof state !== 'string' || !(STATES as readonly string[]).includes(state))
        throw unprocessable('Invalid request.', [{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }]);
      const s = createDeploymentStatus(
        ctx.state.ctx,
        r,
        d,
        {
          state: state as DeploymentStatus['state'],
          description: typeof req.body.description === 'string' ? req.body.description : undefined,
          targetUrl: typeof req.body.target_url === 'string' ? req.body.target_url : undefined,
        },
        ctx.actor,
      );
      return { status: 201, body: statusShape(ctx.state.ctx, r, d, s) };
    },
  },
];
