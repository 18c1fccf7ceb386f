import type { CheckAnnotation, CheckRun, Issue, PullRequest, Repo, World } from './model';
import { nodeId, simpleUser, team } from './shapes-accounts';
import { minimalRepository } from './shapes-repos';

// REST representations of pull requests, check runs and branch protection
// (pull-request, pull-request-simple, check-run, branch-protection, protected-branch).

function userOrGhost(world: World, base: string, login: string) {
  const u = world.user(login);
  return u ? simpleUser(base, u) : null;
}

export function headSha(world: World, r: Repo, pr: PullRequest): string {
  return (pr.state === 'open' ? world.resolve(r, pr.head) : null) ?? pr.headSha ?? world.resolve(r, pr.head) ?? '';
}

export function pullRequestSimple(world: World, base: string, r: Repo, pr: PullRequest) {
  const u = `${base}/repos/${r.owner}/${r.name}`;
  const html = `${base}/${r.owner}/${r.name}/pull/${pr.number}`;
  const repo = minimalRepository(world, base, r);
  const owner = world.account(r.owner);
  const ownerUser = owner?.kind === 'user' ? simpleUser(base, owner.user) : repo.owner;
  const branch = (ref: string, sha: string) => ({ label: `${r.owner}:${ref}`, ref, sha, user: ownerUser, repo });
  const sha = headSha(world, r, pr);
  return {
    url: `${u}/pulls/${pr.number}`,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${u}/issues/${pr.number}`,
    commits_url: `${u}/pulls/${pr.number}/commits`,
    review_comments_url: `${u}/pulls/${pr.number}/comments`,
    review_comment_url: `${u}/pulls/comments{/number}`,
    comments_url: `${u}/issues/${pr.number}/comments`,
    statuses_url: `${u}/statuses/${sha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userOrGhost(world, base, pr.user),
    body: pr.body,
    labels: labelsOf(base, r, pr),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    ...people(world, base, pr),
    requested_reviewers: pr.requestedReviewers.flatMap((login) => userOrGhost(world, base, login) ?? []),
    requested_teams: pr.requestedTeams.flatMap((slug) => {
      const t = world.team(r.owner, slug);
      return t ? [team(world, base, t)] : [];
    }),
    head: branch(pr.head, sha),
    base: branch(pr.base, world.resolve(r, pr.base) ?? ''),
    _links: {
      self: { href: `${u}/pulls/${pr.number}` },
      html: { href: html },
      issue: { href: `${u}/issues/${pr.number}` },
      comments: { href: `${u}/issues/${pr.number}/comments` },
      review_comments: { href: `${u}/pulls/${pr.number}/comments` },
      review_comment: { href: `${u}/pulls/comments{/number}` },
      commits: { href: `${u}/pulls/${pr.number}/commits` },
      statuses: { href: `${u}/statuses/${sha}` },
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: pr.draft,
  };
}

function people(world: World, base: string, pr: { assignees: string[] }) {
  const assignees = pr.assignees.flatMap((login) => userOrGhost(world, base, login) ?? []);
  return { assignee: assignees[0] ?? null, assignees };
}

/** A pull request as the issue it also is (`issue`: what the issues endpoints answer with). */
export function pullRequestIssue(world: World, base: string, r: Repo, pr: PullRequest) {
  const u = `${base}/repos/${r.owner}/${r.name}`;
  const html = `${base}/${r.owner}/${r.name}/pull/${pr.number}`;
  return {
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    url: `${u}/issues/${pr.number}`,
    repository_url: u,
    labels_url: `${u}/issues/${pr.number}/labels{/name}`,
    comments_url: `${u}/issues/${pr.number}/comments`,
    events_url: `${u}/issues/${pr.number}/events`,
    html_url: html,
    number: pr.number,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    user: userOrGhost(world, base, pr.user),
    labels: labelsOf(base, r, pr),
    ...people(world, base, pr),
    milestone: null,
    locked: false,
    comments: 0,
    pull_request: {
      url: `${u}/pulls/${pr.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: pr.mergedAt,
    },
    closed_at: pr.closedAt,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    draft: pr.draft,
    author_association: 'MEMBER',
  };
}

/** An issue that is not a pull request, as the issues endpoints answer. */
export function issueShape(world: World, base: string, r: Repo, issue: Issue) {
  const u = `${base}/repos/${r.owner}/${r.name}`;
  return {
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    url: `${u}/issues/${issue.number}`,
    repository_url: u,
    labels_url: `${u}/issues/${issue.number}/labels{/name}`,
    comments_url: `${u}/issues/${issue.number}/comments`,
    events_url: `${u}/issues/${issue.number}/events`,
    html_url: `${base}/${r.owner}/${r.name}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    title: issue.title,
    body: issue.body,
    user: userOrGhost(world, base, issue.user),
    labels: labelsOf(base, r, issue),
    ...people(world, base, issue),
    milestone: null,
    locked: false,
    comments: 0,
    closed_at: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: 'MEMBER',
  };
}

export function pullRequestFiles(world: World, r: Repo, pr: PullRequest) {
  const head = headSha(world, r, pr);
  const baseSha = pr.mergedAt && pr.mergeCommitSha ? r.git.commit(pr.mergeCommitSha)?.data.parents[0] : world.resolve(r, pr.base);
  const mb = baseSha && head ? r.git.mergeBase(baseSha, head) : null;
  const treeOf = (sha: string | null | undefined) => (sha ? (r.git.commit(sha)?.data.tree ?? null) : null);
  return { head, mergeBase: mb, beforeTree: treeOf(mb), afterTree: treeOf(head) };
}

export function pullRequest(world: World, base: string, r: Repo, pr: PullRequest) {
  const { head, mergeBase, beforeTree, afterTree } = pullRequestFiles(world, r, pr);
  const diff = r.git.diffTrees(beforeTree, afterTree);
  const commits = head && mergeBase ? r.git.commitsBetween(mergeBase, head).length : 0;
  const mergeable = pr.state === 'open' ? true : null;
  return {
    ...pullRequestSimple(world, base, r, pr),
    merged: pr.mergedAt !== null,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedBy ? userOrGhost(world, base, pr.mergedBy) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    additions: 0,
    deletions: 0,
    changed_files: diff.shas.size,
  };
}

export function checkRun(base: string, r: Repo, c: CheckRun) {
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: nodeId('CheckRun', c.id),
    external_id: c.externalId,
    url: `${base}/repos/${r.owner}/${r.name}/check-runs/${c.id}`,
    html_url: `${base}/${r.owner}/${r.name}/runs/${c.id}`,
    details_url: c.detailsUrl,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      ...c.output,
      annotations_count: c.annotations.length,
      annotations_url: `${base}/repos/${r.owner}/${r.name}/check-runs/${c.id}/annotations`,
    },
    name: c.name,
    check_suite: { id: c.id },
    app: null,
    pull_requests: [],
  };
}

/** GitHub's check-annotation: `blob_href` points at the file at the check run's commit. */
export function checkAnnotation(base: string, r: Repo, c: CheckRun, a: CheckAnnotation) {
  return {
    path: a.path,
    blob_href: `${base}/${r.owner}/${r.name}/blob/${c.headSha}/${a.path}`,
    start_line: a.startLine,
    end_line: a.endLine,
    start_column: a.startColumn,
    end_column: a.endColumn,
    annotation_level: a.level,
    title: a.title,
    message: a.message,
    raw_details: a.rawDetails,
  };
}

type Body = Record<string, unknown>;

/** Stores a PUT protection body and answers in the protected-branch shape. */
/** A label as the issues API shows it. */
export function labelShape(base: string, r: Repo, l: Repo['labels'] extends Map<string, infer L> ? L : never) {
  return {
    id: l.id,
    node_id: nodeId('Label', l.id),
    url: `${base}/repos/${r.owner}/${r.name}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

const labelsOf = (base: string, r: Repo, pr: { labels: string[] }) =>
  pr.labels.map((n) => labelShape(base, r, r.labels.get(n.toLowerCase())!));

export function protectionShape(base: string, r: Repo, branch: string, body: Body) {
  const u = `${base}/repos/${r.owner}/${r.name}/branches/${branch}/protection`;
  const checks = body.required_status_checks as {
    strict?: boolean;
    contexts?: string[];
    checks?: { context: string; app_id?: number }[];
  } | null;
  const reviews = body.required_pull_request_reviews as Body | null;
  const flag = (v: unknown) => ({ enabled: v === true });
  return {
    url: u,
    ...(checks
      ? {
          required_status_checks: {
            url: `${u}/required_status_checks`,
            strict: checks.strict ?? false,
            contexts: checks.contexts ?? (checks.checks ?? []).map((c) => c.context),
            contexts_url: `${u}/required_status_checks/contexts`,
            checks: (checks.checks ?? (checks.contexts ?? []).map((context): { context: string; app_id?: number } => ({ context }))).map(
              (c) => ({ context: c.context, app_id: c.app_id ?? null }),
            ),
          },
        }
      : {}),
    enforce_admins: { url: `${u}/enforce_admins`, enabled: body.enforce_admins === true },
    ...(reviews
      ? {
          required_pull_request_reviews: {
            url: `${u}/required_pull_request_reviews`,
            dismiss_stale_reviews: reviews.dismiss_stale_reviews === true,
            require_code_owner_reviews: reviews.require_code_owner_reviews === true,
            required_approving_review_count:
              typeof reviews.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 1,
            require_last_push_approval: reviews.require_last_push_approval === true,
          },
        }
      : {}),
    required_linear_history: flag(body.required_linear_history),
    allow_force_pushes: flag(body.allow_force_pushes),
    allow_deletions: flag(body.allow_deletions),
    required_conversation_resolution: flag(body.required_conversation_resolution),
    block_creations: flag(body.block_creations),
    lock_branch: flag(body.lock_branch),
    allow_fork_syncing: flag(body.allow_fork_syncing),
    required_signatures: { url: `${u}/required_signatures`, enabled: body.required_signatures === true },
  };
}
