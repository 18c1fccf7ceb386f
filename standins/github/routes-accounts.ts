import type { Route, RouteCtx } from './http';
import { paginate } from './http';
import { HttpError, notFound } from './http-error';
import type { Repo, Team, TeamRepoPermission } from './model';
import { minimalRepository } from './shapes-repos';
import { orgAsPublicUser, orgFull, orgSimple, privateUser, publicUser, simpleUser, team, teamFull } from './shapes-accounts';

// Users, orgs, members, teams and the rate-limit endpoint.

function mustOrg(ctx: RouteCtx, login: string) {
  const org = ctx.world.org(login);
  if (!org) throw notFound();
  return org;
}

function mustTeam(ctx: RouteCtx, org: string, slug: string): Team {
  mustOrg(ctx, org);
  const t = ctx.world.team(org, slug);
  if (!t) throw notFound();
  return t;
}

const teamPermissions = (role: TeamRepoPermission) => {
  const order: TeamRepoPermission[] = ['pull', 'triage', 'push', 'maintain', 'admin'];
  const at = order.indexOf(role);
  return { pull: at >= 0, triage: at >= 1, push: at >= 2, maintain: at >= 3, admin: at >= 4 };
};

export const accountRoutes: Route[] = [
  { method: 'GET', pattern: '/user', handler: (_r, ctx) => ({ body: privateUser(ctx.world, ctx.base, ctx.actor) }) },
  {
    method: 'GET',
    pattern: '/user/emails',
    handler: (req, ctx) => {
      // GitHub requires the user:email (or user) scope for this endpoint.
      if (!ctx.token.scopes.some((s) => s === 'user' || s === 'user:email')) throw new HttpError(404, 'Not Found');
      const u = ctx.actor;
      const emails = [
        ...(u.email ? [{ email: u.email, primary: true, verified: true, visibility: 'private' as string | null }] : []),
        { email: `${u.id}+${u.login}@users.noreply.github.com`, primary: !u.email, verified: true, visibility: null },
      ];
      return paginate(req, ctx.base, emails);
    },
  },
  {
    method: 'GET',
    pattern: '/user/orgs',
    handler: (req, ctx) => {
      const orgs = [...ctx.world.orgs.values()].filter((o) => o.members.has(ctx.actor.login));
      return paginate(
        req,
        ctx.base,
        orgs.map((o) => orgSimple(ctx.base, o)),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/users/:username',
    handler: (_r, ctx) => {
      const acc = ctx.world.account(_r.params.username!);
      if (!acc) throw notFound();
      return { body: acc.kind === 'user' ? publicUser(ctx.world, ctx.base, acc.user) : orgAsPublicUser(ctx.world, ctx.base, acc.org) };
    },
  },
  { method: 'GET', pattern: '/orgs/:org', handler: (req, ctx) => ({ body: orgFull(ctx.world, ctx.base, mustOrg(ctx, req.params.org!)) }) },
  {
    method: 'GET',
    pattern: '/orgs/:org/members',
    handler: (req, ctx) => {
      const org = mustOrg(ctx, req.params.org!);
      const role = req.query.get('role') ?? 'all';
      const logins = [...org.members].filter(([, r]) => role === 'all' || r === role).map(([l]) => l);
      return paginate(
        req,
        ctx.base,
        logins.map((l) => simpleUser(ctx.base, ctx.world.user(l)!)),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams',
    handler: (req, ctx) => {
      mustOrg(ctx, req.params.org!);
      return paginate(
        req,
        ctx.base,
        ctx.world.teamsOf(req.params.org!).map((t) => team(ctx.world, ctx.base, t)),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug',
    handler: (req, ctx) => ({ body: teamFull(ctx.world, ctx.base, mustTeam(ctx, req.params.org!, req.params.slug!)) }),
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug/members',
    handler: (req, ctx) => {
      const t = mustTeam(ctx, req.params.org!, req.params.slug!);
      const role = req.query.get('role') ?? 'all';
      const logins = [...t.members].filter(([, r]) => role === 'all' || r === role).map(([l]) => l);
      return paginate(
        req,
        ctx.base,
        logins.map((l) => simpleUser(ctx.base, ctx.world.user(l)!)),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug/memberships/:username',
    handler: (req, ctx) => {
      const t = mustTeam(ctx, req.params.org!, req.params.slug!);
      const u = ctx.world.user(req.params.username!);
      const role = u ? t.members.get(u.login) : undefined;
      if (!u || !role) throw notFound();
      return { body: { url: `${ctx.base}/teams/${t.id}/memberships/${u.login}`, role, state: 'active' } };
    },
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug/teams',
    handler: (req, ctx) => {
      const t = mustTeam(ctx, req.params.org!, req.params.slug!);
      const children = ctx.world.teamsOf(t.org).filter((c) => c.parentSlug === t.slug);
      return paginate(
        req,
        ctx.base,
        children.map((c) => team(ctx.world, ctx.base, c)),
      );
    },
  },
  {
    // teams/list-repos-in-org: the repositories a team can reach, with its permission on each.
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug/repos',
    handler: (req, ctx) => {
      const t = mustTeam(ctx, req.params.org!, req.params.slug!);
      const repos = [...t.repos]
        .map(([key, role]) => ({ repo: ctx.world.repos.get(key), role }))
        .filter((x): x is { repo: Repo; role: TeamRepoPermission } => Boolean(x.repo));
      return paginate(
        req,
        ctx.base,
        repos.map(({ repo, role }) => ({
          ...minimalRepository(ctx.world, ctx.base, repo),
          role_name: role,
          permissions: teamPermissions(role),
        })),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/rate_limit',
    handler: (_r, ctx) => {
      const rl = ctx.world.rateLimit;
      const core = { limit: rl.limit, remaining: Math.max(rl.remaining, 0), reset: rl.reset, used: rl.limit - Math.max(rl.remaining, 0) };
      const other = (limit: number) => ({ limit, remaining: limit, reset: rl.reset, used: 0 });
      return {
        body: {
          resources: { core, search: other(30), graphql: other(5000), integration_manifest: other(5000), code_search: other(10) },
          rate: core,
        },
      };
    },
  },
];
