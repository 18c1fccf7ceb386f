import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEntityRepository, registerLocation } from '@/lib/catalog';
import { listPullRequests } from '@/lib/github/pull-requests';
import { getWorkflowRun, listWorkflowRuns } from '@/lib/github/workflow-runs';
import { seedRepositoryActivity } from '@/standins/github/seed-activity';
import { SEED_TOKEN } from '@/standins/github/seed';
import { useTestDb } from '@/testing/test-db';
import { startGithubEnvironment, untilSettled, type GithubEnvironment } from '@/testing/github-environment';

// The CI/CD and Pull requests tabs' reads against the GitHub stand-in: which repository an entity's
// runs come from (and when its slug is not believed), a page of runs of every or one branch, one
// run's jobs and steps, pull requests by state and page, and failures that say what to fix.

useTestDb();
let env: GithubEnvironment;
const SERVICE = 'component:default/rates-service';

beforeAll(async () => {
  env = await startGithubEnvironment('repository-tabs-webhook-secret');
  seedRepositoryActivity(env.gh.state, 'acme/rates-service');
  await registerLocation({ type: 'url', target: `${env.gh.url}/acme/rates-service/blob/main/catalog-info.yaml` });
}, 90_000);
afterAll(() => env.close());

describe('an entity’s repository', () => {
  it('is the repository its descriptor is read from, which its slug names', async () => {
    expect(await getEntityRepository(SERVICE)).toEqual({ name: 'acme/rates-service', webUrl: `${env.gh.url}/acme/rates-service` });
    expect(await getEntityRepository('component:default/no-such-thing')).toBeNull();
  });

  it('is not believed when a member’s file names another repository in its slug', async () => {
    env.gh.state.createRepo('acme', {
      name: 'borrowed-slug',
      files: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: borrowed-slug\n  annotations:\n    github.com/project-slug: acme/rates-service\nspec:\n  type: service\n  lifecycle: production\n  owner: team-pricing\n',
      },
    });
    await registerLocation({ type: 'url', target: `${env.gh.url}/acme/borrowed-slug/blob/main/catalog-info.yaml` });
    const repo = await getEntityRepository('component:default/borrowed-slug');
    expect(repo?.name).toBe('acme/rates-service');
    expect(repo?.unbelieved).toMatch(/names a repository other than the one its descriptor is read from \(acme\/borrowed-slug\)/);
  });
});

describe('workflow runs', () => {
  const repository = () => ({ name: 'acme/rates-service', webUrl: `${env.gh.url}/acme/rates-service` });

  it('lists a page of runs, newest first, of every branch or one', async () => {
    const all = await listWorkflowRuns(repository(), { branch: null, page: 1 });
    if (!all.ok) throw new Error(all.error);
    expect(all.value).toMatchObject({ htmlUrl: `${env.gh.url}/acme/rates-service`, defaultBranch: 'main', total: 5 });
    expect(all.value.runs.map((r) => [r.workflow, r.runNumber, r.branch, r.state, r.event])).toEqual([
      ['CI', 4, 'main', 'in_progress', 'push'],
      ['CI', 3, 'feature/faster-quotes', 'success', 'pull_request'],
      ['CI', 2, 'feature/faster-quotes', 'failure', 'pull_request'],
      ['Deploy', 1, 'main', 'success', 'push'],
      ['CI', 1, 'main', 'success', 'push'],
    ]);
    expect(all.value.runs[2]).toMatchObject({
      title: 'Cache carrier rate tables for quotes',
      actor: 'sannedevries',
      url: `${env.gh.url}/acme/rates-service/actions/runs/${all.value.runs[2]!.id}`,
      commitUrl: `${env.gh.url}/acme/rates-service/commit/${all.value.runs[2]!.sha}`,
    });
    const branch = await listWorkflowRuns(repository(), { branch: 'feature/faster-quotes', page: 1 });
    expect(branch.ok && branch.value.runs.map((r) => r.state)).toEqual(['success', 'failure']);
    const past = await listWorkflowRuns(repository(), { branch: null, page: 2 });
    expect(past.ok && [past.value.total, past.value.runs.length]).toEqual([5, 0]);
  });

  it('reads again with conditional requests, which GitHub answers 304 at no rate limit cost', async () => {
    await listWorkflowRuns(repository(), { branch: 'main', page: 1 });
    // (The earlier tests' webhook deliveries have their refreshes and scorecards read the repository too.)
    await untilSettled(env);
    const before = env.gh.state.world.requestLog.length;
    await listWorkflowRuns(repository(), { branch: 'main', page: 1 });
    const ours = env.gh.state.world.requestLog
      .slice(before)
      .filter((r) => /^\/repos\/acme\/rates-service(\/actions\/runs)?(\?|$)/.test(r.path));
    expect(ours.map((r) => [r.path.split('?')[0], r.status]).sort()).toEqual([
      ['/repos/acme/rates-service', 304],
      ['/repos/acme/rates-service/actions/runs', 304],
    ]);
  });

  it('reads one run’s jobs and their steps', async () => {
    const list = await listWorkflowRuns(repository(), { branch: null, page: 1 });
    if (!list.ok) throw new Error(list.error);
    const failed = await getWorkflowRun(repository(), list.value.runs[2]!.id);
    if (!failed.ok) throw new Error(failed.error);
    expect(failed.value.run.state).toBe('failure');
    expect(failed.value.jobs.map((j) => [j.name, j.state, j.steps.map((s) => s.state)])).toEqual([
      ['lint', 'success', ['success', 'success', 'success', 'success']],
      ['test', 'failure', ['success', 'success', 'success', 'failure', 'success']],
    ]);
    expect(failed.value.jobs[1]!.steps.map((s) => s.name)).toEqual([
      'Set up job',
      'Check out',
      'Set up JDK 21',
      'Run tests',
      'Complete job',
    ]);
    const running = await getWorkflowRun(repository(), list.value.runs[0]!.id);
    expect(running.ok && running.value.jobs.map((j) => [j.state, j.completedAt === null])).toEqual([
      ['success', false],
      ['in_progress', true],
    ]);
  });

  it('says what to fix when a run, a repository or an integration is missing', async () => {
    const run = await getWorkflowRun(repository(), 424242);
    expect(!run.ok && run.error).toBe(
      `run 424242 of the repository ${env.gh.url}/acme/rates-service was not found on GitHub, or the credentials cannot see it: check the URL, and that the token or App has access to the repository`,
    );
    const repo = await listWorkflowRuns({ name: 'acme/gone', webUrl: null }, { branch: null, page: 1 });
    expect(!repo.ok && repo.error).toMatch(/^the repository http:\/\/127.0.0.1:\d+\/acme\/gone was not found on GitHub/);
    const host = await listWorkflowRuns({ name: 'acme/x', webUrl: 'https://gitlab.example.com/acme/x' }, { branch: null, page: 1 });
    expect(!host.ok && host.error).toBe(
      'no GitHub integration is configured to read acme/x: an admin adds one under integrations.github in wayfinder.config.yaml',
    );
  });
});

describe('pull requests', () => {
  const repository = () => ({ name: 'acme/rates-service', webUrl: `${env.gh.url}/acme/rates-service` });

  it('lists open ones by default, closed ones as merged or closed, with author, branches, labels and requested reviews', async () => {
    const open = await listPullRequests(repository(), { state: 'open', page: 1 });
    if (!open.ok) throw new Error(open.error);
    expect(open.value.htmlUrl).toBe(`${env.gh.url}/acme/rates-service`);
    expect(open.value.pulls.map((p) => [p.number, p.title, p.state, p.author, p.head, p.base])).toEqual([
      [4, 'Add per-carrier request timeouts', 'open', 'tombakker', 'feature/carrier-timeouts', 'main'],
      [2, 'Spike: keep quotes in Redis', 'draft', 'sannedevries', 'spike/redis-quotes', 'main'],
    ]);
    expect(open.value.pulls[1]!.labels).toEqual(['spike']);
    const closed = await listPullRequests(repository(), { state: 'closed', page: 1 });
    expect(closed.ok && closed.value.pulls.map((p) => [p.number, p.state, p.labels, p.reviewers])).toEqual([
      [3, 'closed', [], []],
      [1, 'merged', ['performance'], ['tombakker']],
    ]);
    const all = await listPullRequests(repository(), { state: 'all', page: 1 });
    expect(all.ok && [all.value.pulls.length, all.value.lastPage]).toEqual([4, 1]);
  });

  it("pages through them with GitHub's Link header", async () => {
    for (let i = 0; i < 20; i++) {
      env.gh.state.commitFiles('acme/rates-service', { branch: `bump/${i}`, message: `Bump ${i}`, files: { [`bump-${i}.txt`]: `${i}\n` } });
    }
    const octokitBody = (i: number) => ({ title: `Bump ${i}`, head: `bump/${i}`, base: 'main' });
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${env.gh.url}/repos/acme/rates-service/pulls`, {
        method: 'POST',
        headers: { authorization: `token ${SEED_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(octokitBody(i)),
      });
      expect(res.status).toBe(201);
    }
    const first = await listPullRequests(repository(), { state: 'open', page: 1 });
    expect(first.ok && [first.value.pulls.length, first.value.lastPage, first.value.pulls[0]!.title]).toEqual([20, 2, 'Bump 19']);
    const second = await listPullRequests(repository(), { state: 'open', page: 2 });
    expect(second.ok && second.value.pulls.map((p) => p.number)).toEqual([4, 2]);
  });

  it('says what to fix when the repository cannot be read', async () => {
    const gone = await listPullRequests({ name: 'acme/gone', webUrl: null }, { state: 'open', page: 1 });
    expect(!gone.ok && gone.error).toMatch(/^the repository http:\/\/127.0.0.1:\d+\/acme\/gone was not found on GitHub/);
  });
});
