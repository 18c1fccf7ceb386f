import type { Req, Route, RouteCtx } from './http';
import { HttpError, notFound, unprocessable } from './http-error';
import type { Environment, Repo } from './model';
import { requireRepo } from './repo-ops';
import { nodeId, simpleUser, team } from './shapes-accounts';
import { createVariable, putSecret, secretKeyShape, updateVariable } from './routes-repo-settings';

// Deployment environments: protection rules (wait timer, required reviewers, branch policy), branch
// and tag policies, variables and sealed secrets.
// https://docs.github.com/rest/deployments/environments, /rest/deployments/branch-policies,
// /rest/actions/variables, /rest/actions/secrets

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

function envOf(req: Req, ctx: RouteCtx): Environment {
  const env = repoOf(req, ctx).environments.get(req.params.env!.toLowerCase());
  if (!env) throw notFound();
  return env;
}

function environmentShape(ctx: RouteCtx, r: Repo, env: Environment) {
  const u = `${ctx.base}/repos/${r.owner}/${r.name}/environments/${encodeURIComponent(env.name)}`;
  const rules: unknown[] = [];
  if (env.waitTimer) rules.push({ id: env.id + 1, node_id: nodeId('Gate', env.id + 1), type: 'wait_timer', wait_timer: env.waitTimer });
  if (env.reviewers.length)
    rules.push({
      id: env.id + 2,
      node_id: nodeId('Gate', env.id + 2),
      type: 'required_reviewers',
      prevent_self_review: env.preventSelfReview,
      reviewers: env.reviewers.map((rv) => {
        if (rv.type === 'User')
          return {
            type: 'User',
            reviewer: simpleUser(
              ctx.base,
              [...ctx.world.users.values()].find((u) => u.id === rv.id)!,
            ),
          };
        const t = [...ctx.world.teams.values()].find((x) => x.id === rv.id)!;
        return { type: 'Team', reviewer: team(ctx.world, ctx.base, t) };
      }),
    });
  if (env.branchPolicy) rules.push({ id: env.id + 3, node_id: nodeId('Gate', env.id + 3), type: 'branch_policy' });
  return {
    id: env.id,
    node_id: nodeId('Environment', env.id),
    name: env.name,
    url: u,
    html_url: `${ctx.base}/${r.owner}/${r.name}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
    created_at: env.createdAt,
    updated_at: env.updatedAt,
    protection_rules: rules,
    deployment_branch_policy: env.branchPolicy,
  };
}

export const environmentRoutes: Route[] = [
  {
    // Creates or updates: what the body leaves out keeps its value.
    method: 'PUT',
    pattern: '/repos/:owner/:repo/environments/:env',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body as {
        wait_timer?: unknown;
        prevent_self_review?: unknown;
        reviewers?: { type?: unknown; id?: unknown }[] | null;
        deployment_branch_policy?: { protected_branches?: unknown; custom_branch_policies?: unknown } | null;
      };
      if (
        b.wait_timer !== undefined &&
        (!Number.isInteger(b.wait_timer) || (b.wait_timer as number) < 0 || (b.wait_timer as number) > 43200)
      )
        throw unprocessable('Invalid request.', [{ resource: 'Environment', code: 'invalid', field: 'wait_timer' }]);
      const policy = b.deployment_branch_policy;
      if (policy && policy.protected_branches === policy.custom_branch_policies)
        throw unprocessable('Only one of protected_branches or custom_branch_policies can be true at a time');
      const reviewers = (b.reviewers ?? []).map((rv) => {
        const known =
          rv.type === 'User'
            ? [...ctx.world.users.values()].some((u) => u.id === rv.id)
            : rv.type === 'Team' &&
              [...ctx.world.teams.values()].some((t) => t.id === rv.id && t.org.toLowerCase() === r.owner.toLowerCase());
        if (!known) throw unprocessable(`Reviewer ${String(rv.type)} ${String(rv.id)} was not found`);
        return { type: rv.type as 'User' | 'Team', id: rv.id as number };
      });
      if (reviewers.length > 6) throw unprocessable('An environment may have at most 6 reviewers');
      const name = req.params.env!;
      const now = ctx.world.iso();
      const env: Environment = r.environments.get(name.toLowerCase()) ?? {
        id: ctx.world.id() * 10,
        name,
        createdAt: now,
        updatedAt: now,
        waitTimer: 0,
        preventSelfReview: false,
        reviewers: [],
        branchPolicy: null,
        policies: [],
        variables: new Map(),
        secrets: new Map(),
        secretKey: null,
      };
      if (b.wait_timer !== undefined) env.waitTimer = b.wait_timer as number;
      if (typeof b.prevent_self_review === 'boolean') env.preventSelfReview = b.prevent_self_review;
      if (b.reviewers !== undefined) env.reviewers = reviewers;
      if (policy !== undefined)
        env.branchPolicy = policy
          ? { protected_branches: policy.protected_branches === true, custom_branch_policies: policy.custom_branch_policies === true }
          : null;
      env.updatedAt = now;
      r.environments.set(name.toLowerCase(), env);
      return { body: environmentShape(ctx, r, env) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/environments/:env',
    handler: (req, ctx) => ({ body: environmentShape(ctx, repoOf(req, ctx), envOf(req, ctx)) }),
  },
  {
    // Only for an environment whose policy is custom_branch_policies.
    method: 'POST',
    pattern: '/repos/:owner/:repo/environments/:env/deployment-branch-policies',
    handler: (req, ctx) => {
      const env = envOf(req, ctx);
      if (!env.branchPolicy?.custom_branch_policies) throw notFound();
      const name = req.body.name;
      const type = req.body.type ?? 'branch';
      if (typeof name !== 'string' || !name || (type !== 'branch' && type !== 'tag'))
        throw unprocessable('Invalid request.', [{ resource: 'DeploymentBranchPolicy', code: 'invalid', field: 'name' }]);
      if (env.policies.some((p) => p.name === name && p.type === type)) throw new HttpError(303, 'See Other');
      const policy = { id: ctx.world.id(), name, type: type as 'branch' | 'tag' };
      env.policies.push(policy);
      return { body: { ...policy, node_id: nodeId('DeploymentBranchPolicy', policy.id) } };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/environments/:env/variables',
    handler: (req, ctx) => createVariable(req, ctx, envOf(req, ctx).variables),
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/environments/:env/variables/:name',
    handler: (req, ctx) => updateVariable(req, ctx, envOf(req, ctx).variables),
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/environments/:env/secrets/public-key',
    handler: async (req, ctx) => ({ body: await secretKeyShape(ctx, envOf(req, ctx)) }),
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/environments/:env/secrets/:name',
    handler: (req, ctx) => putSecret(req, ctx, envOf(req, ctx)),
  },
];
