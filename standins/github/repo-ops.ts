import type { FileChange, FlatFile, GitSignature } from './git-objects';
import { GitStore } from './git-objects';
import { HttpError, notFound, unprocessable } from './http-error';
import type { PullRequest, Repo, User, World, WorkflowJob, WorkflowRun, WorkflowStep } from './model';
import { branchProtectionRuleEvent, workflowRunEvent } from './shapes-actions';
import type { WebhookSender } from './webhooks';
import { pullRequestEvent, pushEvent, repositoryEvent, ZERO_SHA } from './webhook-payloads';

// Repository mutations shared by the REST handlers and the test-facing state API. Each one
// announces itself with the webhook GitHub would send.

export interface Ctx {
  world: World;
  hooks: WebhookSender;
  base: () => string;
}

export interface CreateRepoInput {
  name: string;
  description?: string | null;
  defaultBranch?: string;
  visibility?: Repo['visibility'];
  topics?: string[];
  archived?: boolean;
  fork?: boolean;
  /** Initial content committed to the default branch (no push event, like auto_init). */
  files?: Record<string, string | Buffer>;
  settings?: Record<string, unknown>;
}

export function signature(ctx: Ctx, user: User, date?: string): GitSignature {
  return {
    name: user.name ?? user.login,
    email: user.email ?? `${user.id}+${user.login}@users.noreply.github.com`,
    date: date ?? ctx.world.iso(),
  };
}

export function requireRepo(world: World, owner: string, name: string): Repo {
  const r = world.repo(owner, name);
  if (!r) throw notFound();
  return r;
}

export function createRepo(ctx: Ctx, owner: string, input: CreateRepoInput, actor: User): Repo {
  const { world } = ctx;
  if (!world.account(owner)) throw notFound();
  if (world.repo(owner, input.name))
    throw unprocessable('Repository creation failed.', [
      { resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' },
    ]);
  const now = world.iso();
  const repo: Repo = {
    id: world.id(),
    owner: world.account(owner)!.kind === 'org' ? world.org(owner)!.login : world.user(owner)!.login,
    name: input.name,
    description: input.description ?? null,
    defaultBranch: input.defaultBranch ?? 'main',
    archived: input.archived ?? false,
    fork: input.fork ?? false,
    topics: input.topics ?? [],
    visibility: input.visibility ?? 'private',
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    git: new GitStore(),
    refs: new Map(),
    pulls: [],
    checkRuns: [],
    protection: new Map(),
    dispatches: [],
    workflowRuns: [],
    hooks: [],
    deployments: [],
    collaborators: new Map(),
    settings: input.settings ?? {},
    variables: new Map(),
    secrets: new Map(),
    secretKey: null,
    oidcSubject: null,
    watchers: new Set(),
    environments: new Map(),
    deployKeys: [],
    autolinks: [],
    pages: null,
    labels: new Map(),
    issues: [],
  };
  world.repos.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
  if (input.files && Object.keys(input.files).length) {
    const tree = repo.git.applyChanges(
      null,
      Object.entries(input.files).map(([path, content]) => ({ path, content })),
    );
    const sig = signature(ctx, actor, now);
    repo.refs.set(
      `refs/heads/${repo.defaultBranch}`,
      repo.git.putCommit({ tree, parents: [], author: sig, committer: sig, message: 'Initial commit' }),
    );
  }
  ctx.hooks.emit('repository', repositoryEvent(world, ctx.base(), repo, actor, 'created'));
  return repo;
}

/** Moves a ref and sends push (and pull_request synchronize for open PRs from that branch). */
export function moveRef(ctx: Ctx, repo: Repo, ref: string, sha: string | null, actor: User): void {
  const before = repo.refs.get(ref) ?? ZERO_SHA;
  if (sha) repo.refs.set(ref, sha);
  else repo.refs.delete(ref);
  repo.pushedAt = ctx.world.iso();
  ctx.hooks.emit('push', pushEvent(ctx.world, ctx.base(), repo, ref, before, sha ?? ZERO_SHA, actor));
  const branch = ref.replace(/^refs\/heads\//, '');
  for (const pr of repo.pulls) {
    if (pr.state !== 'open' || pr.head !== branch || !sha) continue;
    pr.updatedAt = ctx.world.iso();
    ctx.hooks.emit('pull_request', pullRequestEvent(ctx.world, ctx.base(), repo, pr, actor, 'synchronize', { before, after: sha }));
  }
}

export interface CommitFilesInput {
  branch?: string;
  message: string;
  /** path → new content, or null to delete. */
  files: Record<string, string | Buffer | null>;
  author?: GitSignature;
  committer?: GitSignature;
}

/** One commit on a branch (created from the default branch when new); returns the commit SHA. */
export function commitFiles(ctx: Ctx, repo: Repo, input: CommitFilesInput, actor: User): string {
  const branch = input.branch ?? repo.defaultBranch;
  const ref = `refs/heads/${branch}`;
  const parent = repo.refs.get(ref) ?? repo.refs.get(`refs/heads/${repo.defaultBranch}`);
  const baseTree = parent ? repo.git.commit(parent)!.data.tree : null;
  const changes: FileChange[] = Object.entries(input.files).map(([path, content]) =>
    content === null ? { path, delete: true } : { path, content },
  );
  const tree = repo.git.applyChanges(baseTree, changes);
  const author = input.author ?? signature(ctx, actor);
  const sha = repo.git.putCommit({
    tree,
    parents: parent ? [parent] : [],
    author,
    committer: input.committer ?? author,
    message: input.message,
  });
  repo.updatedAt = ctx.world.iso();
  moveRef(ctx, repo, ref, sha, actor);
  return sha;
}

export function createPull(
  ctx: Ctx,
  repo: Repo,
  input: { title: string; head: string; base: string; body?: string | null; draft?: boolean },
  actor: User,
): PullRequest {
  const head = input.head.includes(':') ? input.head.split(':')[1]! : input.head;
  const headSha = ctx.world.resolve(repo, head);
  const baseSha = ctx.world.resolve(repo, input.base);
  if (!headSha || !baseSha)
    throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' }]);
  if (repo.git.isAncestor(headSha, baseSha))
    throw unprocessable('Validation Failed', [
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${head}` },
    ]);
  const now = ctx.world.iso();
  const pr: PullRequest = {
    id: ctx.world.id(),
    number: repo.pulls.length + repo.issues.length + 1,
    title: input.title,
    body: input.body ?? null,
    head,
    base: input.base,
    user: actor.login,
    state: 'open',
    draft: input.draft ?? false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    headSha: null,
    requestedReviewers: [],
    requestedTeams: [],
    assignees: [],
    labels: [],
  };
  repo.pulls.push(pr);
  ctx.hooks.emit('pull_request', pullRequestEvent(ctx.world, ctx.base(), repo, pr, actor, 'opened'));
  return pr;
}

/** File-level three-way merge; a path changed differently on both sides is a conflict. */
function mergeTrees(git: GitStore, baseTree: string | null, oursTree: string, theirsTree: string): string | null {
  const m = baseTree ? git.flatten(baseTree) : new Map<string, FlatFile>();
  const o = git.flatten(oursTree);
  const t = git.flatten(theirsTree);
  const out = new Map<string, FlatFile>();
  const same = (a?: FlatFile, b?: FlatFile) => a?.sha === b?.sha && a?.mode === b?.mode;
  for (const path of new Set([...m.keys(), ...o.keys(), ...t.keys()])) {
    const [mb, ours, theirs] = [m.get(path), o.get(path), t.get(path)];
    const pick = same(theirs, mb) ? ours : same(ours, mb) || same(ours, theirs) ? theirs : 'conflict';
    if (pick === 'conflict') return null;
    if (pick) out.set(path, pick);
  }
  return git.buildTree(out);
}

export interface MergeInput {
  merge_method?: 'merge' | 'squash' | 'rebase';
  commit_title?: string;
  commit_message?: string;
  sha?: string;
}

export function mergePull(
  ctx: Ctx,
  repo: Repo,
  pr: PullRequest,
  input: MergeInput,
  actor: User,
): { sha: string; merged: true; message: string } {
  if (pr.state !== 'open') throw new HttpError(405, 'Pull Request is not mergeable');
  const headSha = ctx.world.resolve(repo, pr.head);
  const baseSha = ctx.world.resolve(repo, pr.base);
  if (!headSha || !baseSha) throw new HttpError(405, 'Pull Request is not mergeable');
  if (input.sha && input.sha !== headSha) throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
  const method = input.merge_method ?? 'merge';
  let sha: string;
  if (method === 'rebase' && repo.git.isAncestor(baseSha, headSha)) {
    sha = headSha; // fast-forward: the base ref simply moves to the head commit
  } else {
    const baseCommit = repo.git.commit(baseSha)!.data;
    const mb = repo.git.mergeBase(baseSha, headSha);
    const tree = mergeTrees(repo.git, mb ? repo.git.commit(mb)!.data.tree : null, baseCommit.tree, repo.git.commit(headSha)!.data.tree);
    if (!tree || method === 'rebase')
      throw new HttpError(405, tree ? 'Rebase merge is only supported as a fast-forward by the stand-in' : 'Merge conflict');
    const title =
      input.commit_title ??
      (method === 'squash' ? `${pr.title} (#${pr.number})` : `Merge pull request #${pr.number} from ${repo.owner}/${pr.head}`);
    const message = input.commit_message ?? (method === 'squash' ? '' : pr.title);
    const sig = signature(ctx, actor);
    sha = repo.git.putCommit({
      tree,
      parents: method === 'squash' ? [baseSha] : [baseSha, headSha],
      author: sig,
      committer: sig,
      message: message ? `${title}\n\n${message}` : title,
    });
  }
  const now = ctx.world.iso();
  Object.assign(pr, { state: 'closed', closedAt: now, mergedAt: now, updatedAt: now, mergedBy: actor.login, mergeCommitSha: sha, headSha });
  moveRef(ctx, repo, `refs/heads/${pr.base}`, sha, actor);
  ctx.hooks.emit('pull_request', pullRequestEvent(ctx.world, ctx.base(), repo, pr, actor, 'closed'));
  return { sha, merged: true, message: 'Pull Request successfully merged' };
}

/** Sets (or with null removes) a branch's protection and sends `branch_protection_rule`. */
export function setBranchProtection(ctx: Ctx, repo: Repo, branch: string, body: Record<string, unknown> | null, actor: User): void {
  const existed = repo.protection.has(branch);
  if (body) repo.protection.set(branch, body);
  else repo.protection.delete(branch);
  const action = !body ? 'deleted' : existed ? 'edited' : 'created';
  ctx.hooks.emit(
    'branch_protection_rule',
    branchProtectionRuleEvent(ctx.world, ctx.base(), repo, branch, body, repo.id * 1000 + branch.length, actor, action),
  );
}

export type WorkflowRunInput = {
  path: string;
  name?: string;
  branch?: string;
  event?: string;
  /** completed (the default), in_progress or queued. */
  status?: WorkflowRun['status'];
  /** A completed run's outcome (default success). */
  conclusion?: NonNullable<WorkflowRun['conclusion']>;
  /** How long it has run until the world's now (default 0). */
  seconds?: number;
  /** Its jobs and their steps' names (default one job, build, of three steps); in a running run, a job with a conclusion has finished. */
  jobs?: { name: string; conclusion?: WorkflowJob['conclusion']; steps?: string[] }[];
};

const CLOSING_STEP = 'Complete job';
const DEFAULT_STEPS = ['Set up job', 'Run tests', CLOSING_STEP];

/**
 * Records a GitHub Actions run of a workflow file, with its jobs and steps as GitHub reports them
 * (a failed job's last step failed, a running job's last step running), and sends `workflow_run`.
 */
export function recordWorkflowRun(ctx: Ctx, repo: Repo, input: WorkflowRunInput, actor: User): WorkflowRun {
  const branch = input.branch ?? repo.defaultBranch;
  const headSha = repo.refs.get(`refs/heads/${branch}`);
  if (!headSha) throw new Error(`no branch ${branch} in ${repo.owner}/${repo.name}`);
  const status = input.status ?? 'completed';
  const conclusion = status === 'completed' ? (input.conclusion ?? 'success') : null;
  const end = ctx.world.now().getTime();
  const begin = end - (input.seconds ?? 0) * 1000;
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const jobs = (input.jobs ?? [{ name: 'build' }]).map((j): WorkflowJob => {
    // A running run's job given a conclusion has finished already.
    const jobStatus = status === 'in_progress' && j.conclusion ? 'completed' : status;
    const jobConclusion = jobStatus === 'completed' ? (j.conclusion ?? conclusion) : null;
    const names = j.steps ?? DEFAULT_STEPS;
    const slice = (end - begin) / names.length;
    // As GitHub runs a job: a failed (or cancelled) job's last working step has that outcome, the
    // steps after it are skipped but its closing "Complete job" runs; a running job runs its last.
    const failed = jobConclusion && jobConclusion !== 'success' && jobConclusion !== 'skipped';
    const failing = failed ? names.findLastIndex((n) => n !== CLOSING_STEP) : -1;
    const stepOutcome = (i: number): WorkflowStep['conclusion'] =>
      i < failing || !failed
        ? jobConclusion === 'skipped'
          ? 'skipped'
          : 'success'
        : i === failing
          ? jobConclusion === 'cancelled'
            ? 'cancelled'
            : 'failure'
          : names[i] === CLOSING_STEP
            ? 'success'
            : 'skipped';
    return {
      id: ctx.world.id(),
      name: j.name,
      status: jobStatus,
      conclusion: jobConclusion,
      startedAt: at(begin),
      completedAt: jobStatus === 'completed' ? at(end) : null,
      steps: names.map((name, i) => {
        const last = i === names.length - 1;
        const stepStatus = jobStatus === 'queued' ? 'queued' : jobStatus === 'in_progress' && last ? 'in_progress' : 'completed';
        return {
          name,
          number: i + 1,
          status: stepStatus,
          conclusion: stepStatus === 'completed' ? stepOutcome(i) : null,
          startedAt: jobStatus === 'queued' ? null : at(begin + i * slice),
          completedAt: stepStatus === 'completed' ? at(begin + (i + 1) * slice) : null,
        };
      }),
    };
  });
  const same = repo.workflowRuns.find((r) => r.path === input.path);
  const run: WorkflowRun = {
    id: ctx.world.id(),
    runNumber: repo.workflowRuns.filter((r) => r.path === input.path).length + 1,
    path: input.path,
    name:
      input.name ??
      input.path
        .split('/')
        .pop()!
        .replace(/\.ya?ml$/, ''),
    workflowId: same?.workflowId ?? ctx.world.id(),
    headBranch: branch,
    headSha,
    event: input.event ?? 'push',
    status,
    conclusion,
    createdAt: at(begin),
    updatedAt: at(end),
    actor: actor.login,
    jobs,
  };
  repo.workflowRuns.push(run);
  const action = status === 'completed' ? 'completed' : status === 'in_progress' ? 'in_progress' : 'requested';
  ctx.hooks.emit('workflow_run', workflowRunEvent(ctx.world, ctx.base(), repo, run, actor, action));
  return run;
}
