import type { Req, Route, RouteCtx } from './http';
import { paginate } from './http';
import { HttpError, notFound, unprocessable } from './http-error';
import type { Repo, RepoHook, TeamRepoPermission, WorkflowRun } from './model';
import { nodeId, simpleUser } from './shapes-accounts';
import { commitFiles, createRepo, requireRepo, setBranchProtection } from './repo-ops';
import { jobShape, workflowRunShape } from './shapes-actions';
import { protectionShape } from './shapes-pulls';
import {
  branchWithProtection,
  contentFile,
  contentItem,
  diffEntries,
  fullRepository,
  gitCommit,
  minimalRepository,
  restCommit,
  shortBranch,
} from './shapes-repos';

// Repositories, contents, branches, commits, compare, protection and workflow dispatch.

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);
const runOf = (r: Repo, id: string): WorkflowRun => {
  const run = r.workflowRuns.find((w) => String(w.id) === id);
  if (!run) throw notFound();
  return run;
};

function commitOrThrow(ctx: RouteCtx, r: Repo, ref: string): string {
  const sha = ctx.world.resolve(r, ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

/** What a repository creation request may set besides its name, visibility and auto_init. */
const REPO_SETTINGS = [
  'homepage',
  'has_issues',
  'has_projects',
  'has_wiki',
  'allow_merge_commit',
  'allow_squash_merge',
  'allow_rebase_merge',
  'allow_auto_merge',
  'delete_branch_on_merge',
  'squash_merge_commit_title',
  'squash_merge_commit_message',
  'custom_properties',
];

function createRepoHandler(owner: (req: Req, ctx: RouteCtx) => string) {
  return (req: Req, ctx: RouteCtx) => {
    const b = req.body;
    const refusal = ctx.world.repoCreationRefusals.get(owner(req, ctx).toLowerCase());
    // GitHub's answers: an App without Administration: write, and an org whose member privileges
    // do not allow the caller to create repositories.
    if (refusal === 'integration') throw new HttpError(403, 'Resource not accessible by integration');
    if (refusal === 'policy') throw new HttpError(403, 'You need admin access to the organization before adding a repository to it.');
    if (typeof b.name !== 'string' || !b.name)
      throw unprocessable('Repository creation failed.', [{ resource: 'Repository', code: 'missing_field', field: 'name' }]);
    const visibility = typeof b.visibility === 'string' ? (b.visibility as Repo['visibility']) : b.private === false ? 'public' : 'private';
    const repo = createRepo(
      ctx.state.ctx,
      owner(req, ctx),
      {
        name: b.name,
        description: typeof b.description === 'string' ? b.description : null,
        visibility: visibility === 'internal' && ctx.world.account(owner(req, ctx))?.kind !== 'org' ? 'private' : visibility,
        files: b.auto_init === true ? { 'README.md': `# ${b.name}\n` } : undefined,
        settings: Object.fromEntries(
          REPO_SETTINGS.filter((k) => k in b && (k !== 'custom_properties' || ctx.world.account(owner(req, ctx))?.kind === 'org')).map(
            (k) => [k, b[k]],
          ),
        ),
      },
      ctx.actor,
    );
    return { status: 201, body: fullRepository(ctx.world, ctx.base, repo) };
  };
}

export const repoRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/orgs/:org/repos',
    handler: (req, ctx) => {
      if (!ctx.world.org(req.params.org!)) throw notFound();
      const type = req.query.get('type') ?? 'all';
      const repos = ctx.world
        .reposOf(req.params.org!)
        .filter(
          (r) => type === 'all' || (type === 'public' ? r.visibility === 'public' : type === 'private' ? r.visibility !== 'public' : true),
        );
      repos.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
      return paginate(
        req,
        ctx.base,
        repos.map((r) => minimalRepository(ctx.world, ctx.base, r)),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/orgs/:org/repos',
    handler: createRepoHandler((req, ctx) => {
      if (!ctx.world.org(req.params.org!)) throw notFound();
      return req.params.org!;
    }),
  },
  { method: 'POST', pattern: '/user/repos', handler: createRepoHandler((_req, ctx) => ctx.actor.login) },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo',
    handler: (req, ctx) => ({ body: fullRepository(ctx.world, ctx.base, repoOf(req, ctx)) }),
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/contents/*path',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const ref = req.query.get('ref') ?? r.defaultBranch;
      const sha = ctx.world.resolve(r, ref);
      if (!sha) throw new HttpError(404, `No commit found for the ref ${ref}`);
      const path = req.params.path!.replace(/^\/+|\/+$/g, '');
      const root = r.git.commit(sha)!.data.tree;
      let treeSha = root;
      const parts = path ? path.split('/') : [];
      for (const [i, part] of parts.entries()) {
        const entry = r.git.tree(treeSha)?.entries.find((e) => e.name === part);
        if (!entry) throw notFound();
        if (i === parts.length - 1 && entry.type === 'blob') {
          // Accept: application/vnd.github.raw (Octokit's mediaType.format 'raw') returns the bytes.
          if (/vnd\.github(\.v3)?\.raw/.test(req.headers.accept ?? ''))
            return {
              text: r.git.blob(entry.sha)!.content.toString('utf8'),
              headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
            };
          return { body: contentFile(ctx.base, r, path, entry.sha, ref) };
        }
        if (entry.type !== 'tree') throw notFound();
        treeSha = entry.sha;
      }
      const entries = r.git
        .tree(treeSha)!
        .entries.map((e) => contentItem(ctx.base, r, path ? `${path}/${e.name}` : e.name, e.sha, e.type === 'tree' ? 'dir' : 'file', ref));
      return { body: entries };
    },
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/contents/*path',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      const path = req.params.path!.replace(/^\/+|\/+$/g, '');
      if (typeof b.message !== 'string' || typeof b.content !== 'string')
        throw unprocessable('Invalid request.', [
          { resource: 'Content', code: 'missing_field', field: typeof b.message !== 'string' ? 'message' : 'content' },
        ]);
      const branch = typeof b.branch === 'string' ? b.branch : r.defaultBranch;
      const current = ctx.world.resolve(r, branch);
      const existing = current ? r.git.flatten(r.git.commit(current)!.data.tree).get(path) : undefined;
      // GitHub's optimistic lock: updating requires the blob SHA being replaced.
      if (existing && b.sha !== existing.sha) throw new HttpError(409, `${path} does not match ${String(b.sha ?? '')}`);
      if (!existing && b.sha) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      const person = (p: unknown) => {
        const o = p as { name?: string; email?: string; date?: string } | undefined;
        return o?.name && o.email ? { name: o.name, email: o.email, date: o.date ?? ctx.world.iso() } : undefined;
      };
      const author = person(b.author) ?? person(b.committer);
      const sha = commitFiles(
        ctx.state.ctx,
        r,
        {
          branch,
          message: b.message,
          files: { [path]: Buffer.from(b.content, 'base64') },
          author,
          committer: person(b.committer) ?? author,
        },
        ctx.actor,
      );
      const blobSha = r.git.flatten(r.git.commit(sha)!.data.tree).get(path)!.sha;
      const { content: _c, encoding: _e, ...content } = contentFile(ctx.base, r, path, blobSha, branch);
      void _c;
      void _e;
      return { status: existing ? 200 : 201, body: { content, commit: gitCommit(ctx.base, r, sha) } };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/branches',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const only = req.query.get('protected');
      const branches = [...r.refs]
        .filter(([ref]) => ref.startsWith('refs/heads/'))
        .map(([ref, sha]) => ({ name: ref.slice('refs/heads/'.length), sha }))
        .filter((b) => only === null || r.protection.has(b.name) === (only === 'true'))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return paginate(
        req,
        ctx.base,
        branches.map((b) => shortBranch(ctx.base, r, b.name, b.sha)),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/branches/:branch',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const sha = r.refs.get(`refs/heads/${req.params.branch}`);
      if (!sha) throw new HttpError(404, 'Branch not found');
      return { body: branchWithProtection(ctx.world, ctx.base, r, req.params.branch!, sha) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/commits/:ref',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const sha = commitOrThrow(ctx, r, req.params.ref!);
      const c = r.git.commit(sha)!.data;
      const parentTree = c.parents[0] ? r.git.commit(c.parents[0])!.data.tree : null;
      return { body: restCommit(ctx.world, ctx.base, r, sha, diffEntries(ctx.base, r, parentTree, c.tree, sha)) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/compare/:basehead',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const [baseRef, headRef] = req.params.basehead!.split('...');
      if (!baseRef || !headRef) throw notFound();
      const base = commitOrThrow(ctx, r, baseRef);
      const head = commitOrThrow(ctx, r, headRef);
      const mb = r.git.mergeBase(base, head);
      const ahead = mb ? r.git.commitsBetween(mb, head) : r.git.ancestors(head).reverse();
      const behind = mb ? r.git.commitsBetween(mb, base) : r.git.ancestors(base);
      const status = ahead.length && behind.length ? 'diverged' : ahead.length ? 'ahead' : behind.length ? 'behind' : 'identical';
      const u = `${ctx.base}/${r.owner}/${r.name}/compare/${req.params.basehead}`;
      const tree = (s: string | null) => (s ? r.git.commit(s)!.data.tree : null);
      const files = diffEntries(ctx.base, r, tree(mb), tree(head), head);
      return {
        body: {
          url: `${ctx.base}/repos/${r.owner}/${r.name}/compare/${req.params.basehead}`,
          html_url: u,
          permalink_url: `${ctx.base}/${r.owner}/${r.name}/compare/${r.owner}:${base.slice(0, 7)}...${r.owner}:${head.slice(0, 7)}`,
          diff_url: `${u}.diff`,
          patch_url: `${u}.patch`,
          base_commit: restCommit(ctx.world, ctx.base, r, base),
          merge_base_commit: restCommit(ctx.world, ctx.base, r, mb ?? base),
          status,
          ahead_by: ahead.length,
          behind_by: behind.length,
          total_commits: ahead.length,
          commits: ahead.map((s) => restCommit(ctx.world, ctx.base, r, s)),
          files,
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/branches/:branch/protection',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (!r.refs.has(`refs/heads/${req.params.branch}`)) throw new HttpError(404, 'Branch not found');
      const body = r.protection.get(req.params.branch!);
      if (!body) throw new HttpError(404, 'Branch not protected');
      return { body: protectionShape(ctx.base, r, req.params.branch!, body) };
    },
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/branches/:branch/protection',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (!r.refs.has(`refs/heads/${req.params.branch}`)) throw new HttpError(404, 'Branch not found');
      for (const field of ['required_status_checks', 'enforce_admins', 'required_pull_request_reviews', 'restrictions']) {
        if (!(field in req.body)) throw unprocessable('Invalid request.', [{ resource: 'Protection', code: 'missing_field', field }]);
      }
      setBranchProtection(ctx.state.ctx, r, req.params.branch!, req.body, ctx.actor);
      return { body: protectionShape(ctx.base, r, req.params.branch!, req.body) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/runs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const branch = req.query.get('branch');
      const status = req.query.get('status');
      const runs = r.workflowRuns
        .filter((run) => (!branch || run.headBranch === branch) && (!status || run.status === status || run.conclusion === status))
        .reverse();
      const page = paginate(
        req,
        ctx.base,
        runs.map((run) => workflowRunShape(ctx.world, ctx.base, r, run)),
      );
      return { ...page, body: { total_count: runs.length, workflow_runs: page.body } };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/runs/:run_id',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      return { body: workflowRunShape(ctx.world, ctx.base, r, runOf(r, req.params.run_id!)) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/runs/:run_id/jobs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const run = runOf(r, req.params.run_id!);
      const page = paginate(
        req,
        ctx.base,
        run.jobs.map((job) => jobShape(ctx.base, r, run, job)),
      );
      return { ...page, body: { total_count: run.jobs.length, jobs: page.body } };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/actions/workflows/:workflow/dispatches',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (typeof req.body.ref !== 'string')
        throw unprocessable('Invalid request.', [{ resource: 'Dispatch', code: 'missing_field', field: 'ref' }]);
      if (!ctx.world.resolve(r, req.body.ref)) throw new HttpError(422, `No ref found for: ${req.body.ref}`);
      r.dispatches.push({
        workflowId: req.params.workflow!,
        ref: req.body.ref,
        inputs: (req.body.inputs as Record<string, unknown>) ?? {},
        at: ctx.world.iso(),
        by: ctx.actor.login,
      });
      return { status: 204 };
    },
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.default_branch === 'string') {
        if (!r.refs.has(`refs/heads/${b.default_branch}`))
          throw unprocessable('Validation Failed', [{ resource: 'Repository', code: 'invalid', field: 'default_branch' }]);
        r.defaultBranch = b.default_branch;
      }
      if (typeof b.description === 'string') r.description = b.description;
      if (typeof b.visibility === 'string') r.visibility = b.visibility as Repo['visibility'];
      r.updatedAt = ctx.world.iso();
      return { body: fullRepository(ctx.world, ctx.base, r) };
    },
  },
  { method: 'GET', pattern: '/repos/:owner/:repo/topics', handler: (req, ctx) => ({ body: { names: repoOf(req, ctx).topics } }) },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/topics',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const names = req.body.names;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !/^[a-z0-9][a-z0-9-]{0,49}$/.test(n))) {
        throw unprocessable('Invalid topics', [{ resource: 'Repository', code: 'invalid', field: 'names' }]);
      }
      r.topics = [...new Set(names as string[])];
      return { body: { names: r.topics } };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/hooks',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      return { body: r.hooks.map((h) => hookShape(ctx.base, r, h)) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/hooks',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const config = req.body.config as RepoHook['config'] | undefined;
      if (!config || typeof config.url !== 'string')
        throw unprocessable('Validation Failed', [{ resource: 'Hook', code: 'missing_field', field: 'config.url' }]);
      if (r.hooks.some((h) => h.config.url === config.url))
        throw unprocessable('Validation Failed', [{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' }]);
      const hook: RepoHook = {
        id: ctx.world.id(),
        events: Array.isArray(req.body.events) ? (req.body.events as string[]) : ['push'],
        active: req.body.active !== false,
        config: {
          url: config.url,
          content_type: config.content_type ?? 'form',
          insecure_ssl: String(config.insecure_ssl ?? '0'),
          secret: config.secret,
        },
        createdAt: ctx.world.iso(),
      };
      r.hooks.push(hook);
      return { status: 201, body: hookShape(ctx.base, r, hook) };
    },
  },
  {
    // https://docs.github.com/rest/teams/teams#add-or-update-team-repository-permissions: 204; the
    // repository must be the organisation's.
    method: 'PUT',
    pattern: '/orgs/:org/teams/:team/repos/:owner/:repo',
    handler: (req, ctx) => {
      const team = ctx.world.team(req.params.org!, req.params.team!);
      const r = repoOf(req, ctx);
      if (!team) throw notFound();
      if (r.owner.toLowerCase() !== team.org.toLowerCase())
        throw unprocessable('Validation Failed', [{ resource: 'Team', code: 'invalid', field: 'repo' }]);
      team.repos.set(`${r.owner}/${r.name}`.toLowerCase(), repoPermission(req.body.permission));
      return { status: 204 };
    },
  },
  {
    // https://docs.github.com/rest/collaborators/collaborators#add-a-repository-collaborator: a
    // member of the owning organisation (or a collaborator already) gets the permission at once
    // (204); anyone else is invited (201, the invitation).
    method: 'PUT',
    pattern: '/repos/:owner/:repo/collaborators/:username',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const user = ctx.world.user(req.params.username!);
      if (!user) throw notFound();
      const permission = repoPermission(req.body.permission);
      const owner = ctx.world.account(r.owner);
      const known = r.collaborators.get(user.login.toLowerCase());
      if ((owner?.kind === 'org' && owner.org.members.has(user.login.toLowerCase())) || (known && known.invitationId === null)) {
        r.collaborators.set(user.login.toLowerCase(), { permission, invitationId: null });
        return { status: 204 };
      }
      const id = known?.invitationId ?? ctx.world.id();
      r.collaborators.set(user.login.toLowerCase(), { permission, invitationId: id });
      return {
        status: 201,
        body: {
          id,
          node_id: nodeId('RepositoryInvitation', id),
          repository: minimalRepository(ctx.world, ctx.base, r),
          invitee: simpleUser(ctx.base, user),
          inviter: simpleUser(ctx.base, ctx.actor),
          permissions: ({ pull: 'read', push: 'write' } as Record<string, string>)[permission] ?? permission,
          created_at: ctx.world.iso(),
          expired: false,
          url: `${ctx.base}/user/repository_invitations/${id}`,
          html_url: `${ctx.base}/${r.owner}/${r.name}/invitations`,
        },
      };
    },
  },
];

/** A repository webhook as GitHub's REST API shows it (the secret is never echoed). */
function hookShape(base: string, r: Repo, h: RepoHook) {
  const url = `${base}/repos/${r.owner}/${r.name}/hooks/${h.id}`;
  return {
    type: 'Repository',
    id: h.id,
    name: 'web',
    active: h.active,
    events: h.events,
    config: {
      url: h.config.url,
      content_type: h.config.content_type,
      insecure_ssl: h.config.insecure_ssl,
      ...(h.config.secret ? { secret: '********' } : {}),
    },
    updated_at: h.createdAt,
    created_at: h.createdAt,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: { code: null, status: 'unused', message: null },
  };
}

const PERMISSIONS: TeamRepoPermission[] = ['pull', 'triage', 'push', 'maintain', 'admin'];

/** A permission a request names ('push' when none), or GitHub's 422. */
function repoPermission(value: unknown): TeamRepoPermission {
  if (value === undefined) return 'push';
  if (PERMISSIONS.includes(value as TeamRepoPermission)) return value as TeamRepoPermission;
  throw unprocessable('Validation Failed', [{ resource: 'Repository', code: 'invalid', field: 'permission' }]);
}
