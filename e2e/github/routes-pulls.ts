import type { Req, Route, RouteCtx } from './http';
import { paginate } from './http';
import { HttpError, notFound, unprocessable } from './http-error';
import type { CheckRun, PullRequest, Repo } from './model';
import type { MergeInput } from './repo-ops';
import { createPull, mergePull, requireRepo } from './repo-ops';
import { checkRun, pullRequest, pullRequestFiles, pullRequestSimple } from './shapes-pulls';
import { diffEntries } from './shapes-repos';

// Pull requests and check runs.

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

function pullOf(req: Req, r: Repo): PullRequest {
  const pr = r.pulls.find((p) => p.number === Number(req.params.number));
  if (!pr) throw notFound();
  return pr;
}

const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];

function applyCheckInput(c: CheckRun, b: Record<string, unknown>, now: string) {
  if (typeof b.name === 'string') c.name = b.name;
  if (typeof b.details_url === 'string') c.detailsUrl = b.details_url;
  if (typeof b.external_id === 'string') c.externalId = b.external_id;
  if (typeof b.started_at === 'string') c.startedAt = b.started_at;
  if (typeof b.status === 'string') {
    if (!CHECK_STATUSES.includes(b.status)) throw unprocessable('Invalid request.', [{ resource: 'CheckRun', field: 'status', code: 'invalid' }]);
    c.status = b.status as CheckRun['status'];
  }
  if (typeof b.conclusion === 'string') {
    c.conclusion = b.conclusion;
    c.status = 'completed';
  }
  if (c.status === 'completed') {
    if (!c.conclusion) throw unprocessable('Invalid request.\n\n"conclusion" wasn\'t supplied.');
    c.completedAt = typeof b.completed_at === 'string' ? b.completed_at : c.completedAt ?? now;
  }
  const out = b.output as { title?: string; summary?: string; text?: string } | undefined;
  if (out) c.output = { title: out.title ?? null, summary: out.summary ?? null, text: out.text ?? null };
}

export const pullRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/pulls',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const state = req.query.get('state') ?? 'open';
      const head = req.query.get('head')?.split(':').pop();
      const base = req.query.get('base');
      const pulls = r.pulls.filter((p) => (state === 'all' || p.state === state) && (!head || p.head === head) && (!base || p.base === base)).reverse();
      return paginate(req, ctx.base, pulls.map((p) => pullRequestSimple(ctx.world, ctx.base, r, p)));
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/pulls',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.title !== 'string' || typeof b.head !== 'string' || typeof b.base !== 'string') {
        throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field', field: ['title', 'head', 'base'].find((f) => typeof b[f] !== 'string') }]);
      }
      const pr = createPull(ctx.state.ctx, r, { title: b.title, head: b.head, base: b.base, body: typeof b.body === 'string' ? b.body : null, draft: b.draft === true }, ctx.actor);
      return { status: 201, body: pullRequest(ctx.world, ctx.base, r, pr) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/pulls/:number',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      return { body: pullRequest(ctx.world, ctx.base, r, pullOf(req, r)) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/pulls/:number/files',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const { head, beforeTree, afterTree } = pullRequestFiles(ctx.world, r, pullOf(req, r));
      return paginate(req, ctx.base, diffEntries(ctx.base, r, beforeTree, afterTree, head));
    },
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/pulls/:number/merge',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const method = req.body.merge_method;
      if (method !== undefined && !['merge', 'squash', 'rebase'].includes(String(method))) throw unprocessable('Invalid request.', [{ field: 'merge_method', code: 'invalid' }]);
      return { body: mergePull(ctx.state.ctx, r, pullOf(req, r), req.body as MergeInput, ctx.actor) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/check-runs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.name !== 'string' || typeof b.head_sha !== 'string') throw unprocessable('Invalid request.', [{ resource: 'CheckRun', code: 'missing_field', field: typeof b.name !== 'string' ? 'name' : 'head_sha' }]);
      if (!r.git.commit(b.head_sha)) throw new HttpError(422, 'No commit found for SHA: ' + b.head_sha);
      const now = ctx.world.iso();
      const c: CheckRun = { id: ctx.world.id(), headSha: b.head_sha, name: b.name, status: 'queued', conclusion: null, startedAt: now, completedAt: null, externalId: null, detailsUrl: null, output: { title: null, summary: null, text: null } };
      applyCheckInput(c, b, now);
      r.checkRuns.push(c);
      return { status: 201, body: checkRun(ctx.base, r, c) };
    },
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/check-runs/:id',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const c = r.checkRuns.find((x) => x.id === Number(req.params.id));
      if (!c) throw notFound();
      applyCheckInput(c, req.body, ctx.world.iso());
      return { body: checkRun(ctx.base, r, c) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/check-runs/:id',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const c = r.checkRuns.find((x) => x.id === Number(req.params.id));
      if (!c) throw notFound();
      return { body: checkRun(ctx.base, r, c) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/commits/:ref/check-runs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const sha = ctx.world.resolve(r, req.params.ref!);
      if (!sha) throw new HttpError(422, `No commit found for SHA: ${req.params.ref}`);
      const name = req.query.get('check_name');
      const status = req.query.get('status');
      const runs = r.checkRuns.filter((c) => c.headSha === sha && (!name || c.name === name) && (!status || c.status === status)).reverse();
      const page = paginate(req, ctx.base, runs.map((c) => checkRun(ctx.base, r, c)));
      return { headers: page.headers, body: { total_count: runs.length, check_runs: page.body } };
    },
  },
];
