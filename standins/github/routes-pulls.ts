import type { Req, Route, RouteCtx } from './http';
import { paginate } from './http';
import { HttpError, notFound, unprocessable } from './http-error';
import type { CheckAnnotation, CheckRun, Issue, PullRequest, Repo, World } from './model';
import type { MergeInput } from './repo-ops';
import { createPull, mergePull, requireRepo } from './repo-ops';
import {
  checkAnnotation,
  checkRun,
  issueShape,
  labelShape,
  pullRequest,
  pullRequestFiles,
  pullRequestIssue,
  pullRequestSimple,
} from './shapes-pulls';
import { diffEntries } from './shapes-repos';

// Pull requests and check runs.

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

function pullOf(req: Req, r: Repo): PullRequest {
  const pr = r.pulls.find((p) => p.number === Number(req.params.number));
  if (!pr) throw notFound();
  return pr;
}

/** Who may review or be assigned: the owner of a user's repository, a member of an org's. */
function collaborates(world: World, r: Repo, login: string): boolean {
  const owner = world.account(r.owner);
  if (!world.user(login)) return false;
  const same = (other: string) => other.toLowerCase() === login.toLowerCase();
  return owner?.kind === 'org' ? [...owner.org.members.keys()].some(same) : !!owner && same(owner.user.login);
}

const logins = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];

function applyCheckInput(c: CheckRun, b: Record<string, unknown>, now: string) {
  if (typeof b.name === 'string') c.name = b.name;
  if (typeof b.details_url === 'string') c.detailsUrl = b.details_url;
  if (typeof b.external_id === 'string') c.externalId = b.external_id;
  if (typeof b.started_at === 'string') c.startedAt = b.started_at;
  if (typeof b.status === 'string') {
    if (!CHECK_STATUSES.includes(b.status))
      throw unprocessable('Invalid request.', [{ resource: 'CheckRun', field: 'status', code: 'invalid' }]);
    c.status = b.status as CheckRun['status'];
  }
  if (typeof b.conclusion === 'string') {
    c.conclusion = b.conclusion;
    c.status = 'completed';
  }
  if (c.status === 'completed') {
    if (!c.conclusion) throw unprocessable('Invalid request.\n\n"conclusion" wasn\'t supplied.');
    c.completedAt = typeof b.completed_at === 'string' ? b.completed_at : (c.completedAt ?? now);
  }
  const out = b.output as { title?: string; summary?: string; text?: string; annotations?: unknown } | undefined;
  if (out) {
    c.output = { title: out.title ?? null, summary: out.summary ?? null, text: out.text ?? null };
    if (out.annotations !== undefined) c.annotations.push(...annotationsOf(out.annotations));
  }
}

const LEVELS = ['notice', 'warning', 'failure'];
const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** `output.annotations` of a create or update request, checked as GitHub does (422 otherwise). */
function annotationsOf(input: unknown): CheckAnnotation[] {
  const invalid = (field: string) =>
    unprocessable('Invalid request.', [{ resource: 'CheckRun', field: `output.annotations.${field}`, code: 'invalid' }]);
  if (!Array.isArray(input)) throw invalid('');
  if (input.length > MAX_ANNOTATIONS_PER_REQUEST)
    throw unprocessable(`Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request.`);
  return input.map((a: Record<string, unknown>, i) => {
    const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (typeof a?.path !== 'string' || !a.path) throw invalid(`${i}.path`);
    if (!int(a.start_line) || !int(a.end_line) || (a.end_line as number) < (a.start_line as number)) throw invalid(`${i}.start_line`);
    if (!LEVELS.includes(String(a.annotation_level))) throw invalid(`${i}.annotation_level`);
    if (typeof a.message !== 'string' || !a.message) throw invalid(`${i}.message`);
    for (const col of ['start_column', 'end_column']) if (a[col] !== undefined && !int(a[col])) throw invalid(`${i}.${col}`);
    // Columns only count on a single line (GitHub's documented rule).
    const sameLine = a.start_line === a.end_line;
    return {
      path: a.path,
      startLine: a.start_line as number,
      endLine: a.end_line as number,
      startColumn: sameLine ? ((a.start_column as number | undefined) ?? null) : null,
      endColumn: sameLine ? ((a.end_column as number | undefined) ?? null) : null,
      level: a.annotation_level as CheckAnnotation['level'],
      title: typeof a.title === 'string' ? a.title : null,
      message: a.message,
      rawDetails: typeof a.raw_details === 'string' ? a.raw_details : null,
    };
  });
}

function checkRunOf(req: Req, r: Repo): CheckRun {
  const c = r.checkRuns.find((x) => x.id === Number(req.params.id));
  if (!c) throw notFound();
  return c;
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
      const pulls = r.pulls
        .filter((p) => (state === 'all' || p.state === state) && (!head || p.head === head) && (!base || p.base === base))
        .reverse();
      return paginate(
        req,
        ctx.base,
        pulls.map((p) => pullRequestSimple(ctx.world, ctx.base, r, p)),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/pulls',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.title !== 'string' || typeof b.head !== 'string' || typeof b.base !== 'string') {
        throw unprocessable('Validation Failed', [
          { resource: 'PullRequest', code: 'missing_field', field: ['title', 'head', 'base'].find((f) => typeof b[f] !== 'string') },
        ]);
      }
      const pr = createPull(
        ctx.state.ctx,
        r,
        { title: b.title, head: b.head, base: b.base, body: typeof b.body === 'string' ? b.body : null, draft: b.draft === true },
        ctx.actor,
      );
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
    // GitHub: 422 for the author or anyone (any team) without access to the repository; a request
    // already made is kept once.
    method: 'POST',
    pattern: '/repos/:owner/:repo/pulls/:number/requested_reviewers',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const pr = pullOf(req, r);
      const reviewers = logins(req.body.reviewers);
      const teams = logins(req.body.team_reviewers);
      if (reviewers.length + teams.length === 0) throw unprocessable('Invalid request.\n\nNo reviewers or team_reviewers were given.');
      if (reviewers.some((l) => l.toLowerCase() === pr.user.toLowerCase()))
        throw unprocessable('Review cannot be requested from pull request author.');
      if (reviewers.some((l) => !collaborates(ctx.world, r, l)) || teams.some((slug) => !ctx.world.team(r.owner, slug)))
        throw unprocessable(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${r.owner}/${r.name} repository.`,
        );
      for (const l of reviewers) if (!pr.requestedReviewers.includes(l)) pr.requestedReviewers.push(l);
      for (const t of teams) if (!pr.requestedTeams.includes(t)) pr.requestedTeams.push(t);
      pr.updatedAt = ctx.world.iso();
      return { status: 201, body: pullRequestSimple(ctx.world, ctx.base, r, pr) };
    },
  },
  {
    // A pull request is an issue. GitHub drops, without an error, anyone who may not be assigned;
    // an issue has at most 10 assignees.
    method: 'POST',
    pattern: '/repos/:owner/:repo/issues/:number/assignees',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const pr = pullOf(req, r);
      for (const l of logins(req.body.assignees))
        if (collaborates(ctx.world, r, l) && !pr.assignees.includes(l) && pr.assignees.length < 10) pr.assignees.push(l);
      pr.updatedAt = ctx.world.iso();
      return { status: 201, body: pullRequestIssue(ctx.world, ctx.base, r, pr) };
    },
  },
  {
    // https://docs.github.com/rest/issues/issues#create-an-issue: labels a repository lacks are made;
    // an assignee who cannot be assigned is refused (422).
    method: 'POST',
    pattern: '/repos/:owner/:repo/issues',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.title !== 'string' || !b.title.trim())
        throw unprocessable('Invalid request.', [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      if (b.milestone !== undefined && b.milestone !== null)
        throw unprocessable('Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'milestone', value: b.milestone }]);
      const assignees = logins(b.assignees);
      const outsider = assignees.find((l) => !collaborates(ctx.world, r, l));
      if (outsider) throw unprocessable('Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'assignees', value: outsider }]);
      const names = logins(b.labels);
      for (const name of names)
        if (!r.labels.has(name.toLowerCase()))
          r.labels.set(name.toLowerCase(), { id: ctx.world.id(), name, color: 'ededed', description: null });
      const now = ctx.world.iso();
      const issue: Issue = {
        id: ctx.world.id(),
        number: r.pulls.length + r.issues.length + 1,
        title: b.title,
        body: typeof b.body === 'string' ? b.body : null,
        user: ctx.actor.login,
        state: 'open',
        createdAt: now,
        updatedAt: now,
        assignees: assignees.map((l) => ctx.world.user(l)!.login),
        labels: names.map((n) => r.labels.get(n.toLowerCase())!.name),
      };
      r.issues.push(issue);
      return { status: 201, body: issueShape(ctx.world, ctx.base, r, issue) };
    },
  },
  {
    // https://docs.github.com/rest/issues/labels#add-labels-to-an-issue: a name the repository lacks
    // becomes a new label (grey); answers every label on the issue.
    method: 'POST',
    pattern: '/repos/:owner/:repo/issues/:number/labels',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const pr = r.issues.find((i) => i.number === Number(req.params.number)) ?? pullOf(req, r);
      const names = Array.isArray(req.body.labels) ? req.body.labels : Array.isArray(req.body) ? req.body : null;
      if (!names?.length || names.some((n) => typeof n !== 'string' || !n.trim()))
        throw unprocessable('Invalid request.', [{ resource: 'Label', code: 'missing_field', field: 'labels' }]);
      for (const name of names as string[]) {
        const key = name.toLowerCase();
        if (!r.labels.has(key)) r.labels.set(key, { id: ctx.world.id(), name, color: 'ededed', description: null });
        if (!pr.labels.some((l) => l.toLowerCase() === key)) pr.labels.push(r.labels.get(key)!.name);
      }
      pr.updatedAt = ctx.world.iso();
      return { body: pr.labels.map((n) => labelShape(ctx.base, r, r.labels.get(n.toLowerCase())!)) };
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
      if (method !== undefined && !['merge', 'squash', 'rebase'].includes(String(method)))
        throw unprocessable('Invalid request.', [{ field: 'merge_method', code: 'invalid' }]);
      return { body: mergePull(ctx.state.ctx, r, pullOf(req, r), req.body as MergeInput, ctx.actor) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/check-runs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.name !== 'string' || typeof b.head_sha !== 'string')
        throw unprocessable('Invalid request.', [
          { resource: 'CheckRun', code: 'missing_field', field: typeof b.name !== 'string' ? 'name' : 'head_sha' },
        ]);
      if (!r.git.commit(b.head_sha)) throw new HttpError(422, 'No commit found for SHA: ' + b.head_sha);
      const now = ctx.world.iso();
      const c: CheckRun = {
        id: ctx.world.id(),
        headSha: b.head_sha,
        name: b.name,
        status: 'queued',
        conclusion: null,
        startedAt: now,
        completedAt: null,
        externalId: null,
        detailsUrl: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
      };
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
      const c = checkRunOf(req, r);
      applyCheckInput(c, req.body, ctx.world.iso());
      return { body: checkRun(ctx.base, r, c) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/check-runs/:id',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      return { body: checkRun(ctx.base, r, checkRunOf(req, r)) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/check-runs/:id/annotations',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const c = checkRunOf(req, r);
      return paginate(
        req,
        ctx.base,
        c.annotations.map((a) => checkAnnotation(ctx.base, r, c, a)),
      );
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
      const page = paginate(
        req,
        ctx.base,
        runs.map((c) => checkRun(ctx.base, r, c)),
      );
      return { headers: page.headers, body: { total_count: runs.length, check_runs: page.body } };
    },
  },
];
