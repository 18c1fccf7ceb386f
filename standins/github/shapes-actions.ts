import type { Repo, User, World, WorkflowJob, WorkflowRun } from './model';
import { nodeId, simpleUser } from './shapes-accounts';
import { minimalRepository } from './shapes-repos';
import { webhookRepository } from './webhook-payloads';

// GitHub Actions and branch protection rule shapes: REST `workflow-run` (@octokit/openapi) and the
// webhook `workflow_run` / `branch_protection_rule` payloads (@octokit/openapi-webhooks).

function headCommit(r: Repo, sha: string) {
  const c = r.git.commit(sha)!.data;
  const person = (s: { name: string; email: string }) => ({ name: s.name, email: s.email });
  return {
    id: sha,
    tree_id: c.tree,
    message: c.message,
    timestamp: c.committer.date,
    author: person(c.author),
    committer: person(c.committer),
  };
}

function runUrls(base: string, r: Repo, run: WorkflowRun) {
  const u = `${base}/repos/${r.owner}/${r.name}/actions/runs/${run.id}`;
  return {
    url: u,
    html_url: `${base}/${r.owner}/${r.name}/actions/runs/${run.id}`,
    jobs_url: `${u}/jobs`,
    logs_url: `${u}/logs`,
    check_suite_url: `${base}/repos/${r.owner}/${r.name}/check-suites/${run.id}`,
    artifacts_url: `${u}/artifacts`,
    cancel_url: `${u}/cancel`,
    rerun_url: `${u}/rerun`,
    workflow_url: `${base}/repos/${r.owner}/${r.name}/actions/workflows/${run.workflowId}`,
  };
}

/** REST `workflow-run` (GET /repos/{owner}/{repo}/actions/runs). */
export function workflowRunShape(world: World, base: string, r: Repo, run: WorkflowRun) {
  const actor = world.user(run.actor);
  const repo = minimalRepository(world, base, r);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id,
    check_suite_node_id: nodeId('CheckSuite', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    run_number: run.runNumber,
    run_attempt: 1,
    display_title: headCommit(r, run.headSha).message.split('\n')[0],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    ...runUrls(base, r, run),
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
    ...(actor ? { actor: simpleUser(base, actor), triggering_actor: simpleUser(base, actor) } : {}),
    head_commit: headCommit(r, run.headSha),
    repository: repo,
    head_repository: repo,
  };
}

/** REST `job` (GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs). */
export function jobShape(base: string, r: Repo, run: WorkflowRun, job: WorkflowJob) {
  const api = `${base}/repos/${r.owner}/${r.name}`;
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${api}/actions/runs/${run.id}`,
    run_attempt: 1,
    node_id: nodeId('CheckRun', job.id),
    head_sha: run.headSha,
    head_branch: run.headBranch,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: `${base}/${r.owner}/${r.name}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: run.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((s) => ({
      name: s.name,
      number: s.number,
      status: s.status,
      conclusion: s.conclusion,
      started_at: s.startedAt,
      completed_at: s.completedAt,
    })),
    check_run_url: `${api}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: job.status === 'queued' ? null : 1,
    runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
    runner_group_id: job.status === 'queued' ? null : 1,
    runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
    workflow_name: run.name,
  };
}

function workflowShape(base: string, r: Repo, run: WorkflowRun) {
  return {
    id: run.workflowId,
    node_id: nodeId('Workflow', run.workflowId),
    name: run.name,
    path: run.path,
    state: 'active',
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    url: `${base}/repos/${r.owner}/${r.name}/actions/workflows/${run.workflowId}`,
    html_url: `${base}/${r.owner}/${r.name}/blob/${r.defaultBranch}/${run.path}`,
    badge_url: `${base}/${r.owner}/${r.name}/workflows/${encodeURIComponent(run.name)}/badge.svg`,
  };
}

/** webhook `workflow_run` (requested, in_progress, completed). */
export function workflowRunEvent(
  world: World,
  base: string,
  r: Repo,
  run: WorkflowRun,
  sender: User,
  action: 'requested' | 'in_progress' | 'completed',
) {
  const repo = webhookRepository(world, base, r);
  const actor = simpleUser(base, world.user(run.actor) ?? sender);
  return {
    action,
    workflow_run: {
      ...workflowRunShape(world, base, r, run),
      actor,
      triggering_actor: actor,
      previous_attempt_url: null,
      referenced_workflows: [],
      repository: repo,
      head_repository: repo,
    },
    workflow: workflowShape(base, r, run),
    repository: repo,
    sender: simpleUser(base, sender),
  };
}

/** webhook `branch_protection_rule`: the rule in GitHub's flat form, from the REST protection body. */
export function branchProtectionRuleEvent(
  world: World,
  base: string,
  r: Repo,
  branch: string,
  body: Record<string, unknown> | null,
  id: number,
  sender: User,
  action: 'created' | 'edited' | 'deleted',
) {
  const reviews = (body?.required_pull_request_reviews ?? null) as Record<string, unknown> | null;
  const checks = (body?.required_status_checks ?? null) as { contexts?: string[] } | null;
  const level = (on: boolean) => (on ? 'non_admins' : 'off');
  const now = world.iso();
  return {
    action,
    rule: {
      id,
      repository_id: r.id,
      name: branch,
      created_at: now,
      updated_at: now,
      pull_request_reviews_enforcement_level: level(!!reviews),
      required_approving_review_count:
        typeof reviews?.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 0,
      dismiss_stale_reviews_on_push: reviews?.dismiss_stale_reviews === true,
      require_code_owner_review: reviews?.require_code_owner_reviews === true,
      authorized_dismissal_actors_only: false,
      ignore_approvals_from_contributors: false,
      required_status_checks: checks?.contexts ?? [],
      required_status_checks_enforcement_level: level(!!checks),
      strict_required_status_checks_policy: false,
      signature_requirement_enforcement_level: 'off',
      linear_history_requirement_enforcement_level: level(body?.required_linear_history === true),
      lock_branch_enforcement_level: 'off',
      admin_enforced: body?.enforce_admins === true,
      allow_force_pushes_enforcement_level: body?.allow_force_pushes === true ? 'everyone' : 'off',
      allow_deletions_enforcement_level: body?.allow_deletions === true ? 'everyone' : 'off',
      merge_queue_enforcement_level: 'off',
      required_deployments_enforcement_level: 'off',
      required_conversation_resolution_level: 'off',
      authorized_actors_only: false,
      authorized_actor_names: [],
    },
    repository: webhookRepository(world, base, r),
    sender: simpleUser(base, sender),
  };
}
