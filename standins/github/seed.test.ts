import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme, seedWorkflowRuns } from './seed';
import { validatingOctokit } from './testing/octokit';
import { RestValidator, WebhookValidator } from './testing/openapi-validator';
import { createGitHubStandIn } from './server';

// The seeded org mirrors examples/, fast enough to start per test file; and the schema
// validators are real checks (a negative control), not rubber stamps.

describe('seedWorkflowRuns', () => {
  it("gives a repository three days of runs as GitHub lists them: the newest still running, a pull request's branch failing then passing", async () => {
    const gh = await createGitHubStandIn({
      seed: (s) => {
        seedAcme(s);
        seedWorkflowRuns(s, 'acme/rates-service');
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
      expect(data.workflow_runs[0]!.display_title).toBe('Merge pull request #12 from acme/feature/faster-quotes');
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
      expect(gh.state.deliveries).toHaveLength(0);
    } finally {
      await gh.stop();
    }
  });
});

describe('seedAcme', () => {
  it('mirrors examples/org and examples/components, quickly enough to start per test file', async () => {
    const started = performance.now();
    const gh = await createGitHubStandIn({ seed: seedAcme });
    try {
      // ~0.25 s alone; the bound only catches a gross regression, with room for a loaded CI machine.
      expect(performance.now() - started).toBeLessThan(5_000);
      const w = gh.state.world;
      expect(w.user('sannedevries')?.name).toBe('Sanne de Vries');
      const shipments = w.team('acme', 'team-shipments')!;
      expect(shipments.parentSlug).toBe('shipping-fulfilment');
      expect(shipments.members.get('sannedevries')).toBe('maintainer');
      expect([...shipments.members.values()].filter((r) => r === 'maintainer')).toHaveLength(1);
      expect(w.team('acme', 'acme-logistics')).toBeUndefined(); // the organization group is the org itself
      expect(gh.state.readFile('acme/booking-service', 'mkdocs.yml')).toContain('nav');
      const catalogLocation = gh.state.readFile('acme/catalog', 'catalog-info.yaml')!;
      expect(catalogLocation).toContain('./org/groups.yaml');
      expect(catalogLocation).not.toContain('./components/');
      expect(gh.state.deliveries).toHaveLength(0); // seeding sends no webhooks
    } finally {
      await gh.stop();
    }
  });
});

describe('schema validators', () => {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const validator = new WebhookValidator();

  it('accept GitHub’s own example payloads and reject one missing a required property', () => {
    const closed = examples.find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'closed')!;
    expect(() => validator.validate('pull_request', closed)).not.toThrow();
    const { repository: _dropped, ...broken } = closed;
    void _dropped;
    expect(() => validator.validate('pull_request', broken)).toThrow(/must have required property 'repository'/);
  });
});
