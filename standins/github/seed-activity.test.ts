import { describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import { seedRepositoryActivity } from './seed-activity';
import { createGitHubStandIn } from './server';
import { validatingOctokit } from './testing/octokit';
import { RestValidator } from './testing/openapi-validator';

describe('seedRepositoryActivity', () => {
  it("gives a repository three days of runs as GitHub lists them: the newest still running, a pull request's branch failing then passing", async () => {
    const gh = await createGitHubStandIn({
      seed: (s) => {
        seedAcme(s);
        seedRepositoryActivity(s, 'acme/rates-service');
      },
    });
    try {
      const octokit = validatingOctokit(gh.url, SEED_TOKEN, new RestValidator());
      const repo = { owner: 'acme', repo: 'rates-service' };
      const { data } = await octokit.rest.actions.listWorkflowRunsForRepo(repo);
      expect(data.workflow_runs.map((r) => [r.name, r.head_branch, r.status, r.conclusion, r.event])).toEqual([
        ['CI', 'main', 'in_progress', null, 'push'],
        ['CI', 'feature/faster-quotes', 'completed', 'success', 'pull_request'],
        ['CI', 'feature/faster-quotes', 'completed', 'failure', 'pull_request'],
        ['Deploy', 'main', 'completed', 'success', 'push'],
        ['CI', 'main', 'completed', 'success', 'push'],
      ]);
      expect(data.workflow_runs[0]!.display_title).toBe('Merge pull request #1 from acme/feature/faster-quotes');
      const started = data.workflow_runs.map((r) => Date.parse(r.run_started_at!));
      expect(started).toEqual([...started].sort((a, b) => b - a));
      expect(Date.now() - started.at(-1)!).toBeGreaterThan(2.9 * 86_400_000);
      const failed = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: data.workflow_runs[2]!.id });
      expect(failed.data.jobs.map((j) => [j.name, j.conclusion, j.steps!.map((s) => s.conclusion)])).toEqual([
        ['lint', 'success', ['success', 'success', 'success', 'success']],
        ['test', 'failure', ['success', 'success', 'success', 'failure', 'success']],
      ]);
      const running = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: data.workflow_runs[0]!.id });
      expect(running.data.jobs.map((j) => [j.name, j.status])).toEqual([
        ['lint', 'completed'],
        ['test', 'in_progress'],
      ]);
      const pulls = await octokit.rest.pulls.list({ ...repo, state: 'all' });
      expect(pulls.data.map((p) => [p.number, p.title, p.state, Boolean(p.merged_at), p.draft, p.user?.login])).toEqual([
        [4, 'Add per-carrier request timeouts', 'open', false, false, 'tombakker'],
        [3, 'Round fuel surcharges to the cent', 'closed', false, false, 'sannedevries'],
        [2, 'Spike: keep quotes in Redis', 'open', false, true, 'sannedevries'],
        [1, 'Cache carrier rate tables for quotes', 'closed', true, false, 'sannedevries'],
      ]);
      expect(pulls.data[3]!.labels.map((l) => l.name)).toEqual(['performance']);
      expect(pulls.data[3]!.requested_reviewers?.map((u) => u.login)).toEqual(['tombakker']);
      expect(gh.state.deliveries).toHaveLength(0);
    } finally {
      await gh.stop();
    }
  });
});
