import 'server-only';
import type { GitHubClient } from './client';
import { withRepository, type Read, type RepositoryRef } from './repository-read';

// A repository's GitHub Actions runs, read live through the integration (Backstage's GitHub Actions
// plugin): GET /repos/{owner}/{repo}/actions/runs, …/runs/{run_id} and …/runs/{run_id}/jobs. Each is
// a conditional request (client.ts), so a page seen again costs no rate limit until a run changes.

/** A run's or job's state as one word: its conclusion once completed, else its status. */
type RunState = string;

export type WorkflowRunSummary = {
  id: number;
  runNumber: number;
  workflow: string;
  /** The head commit's first line (GitHub's display_title). */
  title: string;
  branch: string | null;
  sha: string;
  /** The head commit on GitHub. */
  commitUrl: string;
  event: string;
  actor: string | null;
  state: RunState;
  startedAt: string;
  updatedAt: string;
  url: string;
};

export type WorkflowJobSummary = {
  id: number;
  name: string;
  state: RunState;
  startedAt: string | null;
  completedAt: string | null;
  url: string | null;
  steps: { number: number; name: string; state: RunState; startedAt: string | null; completedAt: string | null }[];
};

export const RUNS_PER_PAGE = 20;
/** GitHub's runs list answers at most the first 1,000 results of a query. */
export const MAX_RUN_PAGES = 1000 / RUNS_PER_PAGE;

const stateOf = (status: string | null, conclusion: string | null): RunState => conclusion ?? status ?? 'unknown';

type ApiRun = Awaited<ReturnType<GitHubClient['rest']['actions']['getWorkflowRun']>>['data'];

function toSummary(run: ApiRun): WorkflowRunSummary {
  return {
    id: run.id,
    runNumber: run.run_number,
    workflow: run.name ?? run.path,
    title: run.display_title,
    branch: run.head_branch,
    sha: run.head_sha,
    commitUrl: `${run.repository.html_url}/commit/${run.head_sha}`,
    event: run.event,
    actor: run.triggering_actor?.login ?? run.actor?.login ?? null,
    state: stateOf(run.status, run.conclusion),
    startedAt: run.run_started_at ?? run.created_at,
    updatedAt: run.updated_at,
    url: run.html_url,
  };
}

type WorkflowRunsPage = { htmlUrl: string; defaultBranch: string; total: number; runs: WorkflowRunSummary[] };

/** A page of the repository's runs, newest first; `branch` narrows them to one branch. */
export function listWorkflowRuns(
  repository: RepositoryRef,
  options: { branch: string | null; page: number },
): Promise<Read<WorkflowRunsPage>> {
  return withRepository(repository, async (client, owner, repo) => {
    const [{ data: meta }, { data }] = await Promise.all([
      client.rest.repos.get({ owner, repo }),
      client.rest.actions.listWorkflowRunsForRepo({
        owner,
        repo,
        per_page: RUNS_PER_PAGE,
        page: options.page,
        exclude_pull_requests: true,
        ...(options.branch ? { branch: options.branch } : {}),
      }),
    ]);
    return { htmlUrl: meta.html_url, defaultBranch: meta.default_branch, total: data.total_count, runs: data.workflow_runs.map(toSummary) };
  });
}

/** One run of the repository with its jobs and their steps; not found is a message like any failure. */
export function getWorkflowRun(
  repository: RepositoryRef,
  runId: number,
): Promise<Read<{ run: WorkflowRunSummary; jobs: WorkflowJobSummary[] }>> {
  return withRepository(
    repository,
    async (client, owner, repo) => {
      const [{ data: run }, { data }] = await Promise.all([
        client.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }),
        client.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId, per_page: 100 }),
      ]);
      return {
        run: toSummary(run),
        jobs: data.jobs.map((j) => ({
          id: j.id,
          name: j.name,
          state: stateOf(j.status, j.conclusion),
          startedAt: j.started_at,
          completedAt: j.completed_at,
          url: j.html_url,
          steps: (j.steps ?? []).map((s) => ({
            number: s.number,
            name: s.name,
            state: stateOf(s.status, s.conclusion),
            startedAt: s.started_at ?? null,
            completedAt: s.completed_at ?? null,
          })),
        })),
      };
    },
    runId,
  );
}
