import { createPull, mergePull } from './repo-ops';
import type { StandInState } from './state';

// A repository's last few days, for the demo and the e2e tests of the CI/CD and Pull requests tabs:
// CI and Deploy on the default branch; pull request #1 (labelled, a review requested) whose CI fails,
// is fixed, passes and is merged, with CI still running on the merge; #2 a draft; #3 closed unmerged;
// #4 opened by someone else and waiting. The world's clock is moved back for each event and restored.

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function seedRepositoryActivity(state: StandInState, fullName: string): void {
  const world = state.world;
  const realNow = world.now;
  const end = realNow().getTime();
  const at = <T>(msAgo: number, act: () => T): T => {
    world.now = () => new Date(end - msAgo);
    try {
      return act();
    } finally {
      world.now = realNow;
    }
  };
  const [owner, name] = fullName.split('/') as [string, string];
  const repo = state.repo(owner, name);
  const author = world.user(state.actor!)!;
  const colleague = world.user('tombakker') ?? author;
  const ci = '.github/workflows/ci.yml';
  const deploy = '.github/workflows/deploy.yml';
  const branch = 'feature/faster-quotes';
  const lint = { name: 'lint', steps: ['Set up job', 'Check out', 'Lint', 'Complete job'] };
  const lintPassed = { ...lint, conclusion: 'success' as const };
  const tests = { name: 'test', steps: ['Set up job', 'Check out', 'Set up JDK 21', 'Run tests', 'Complete job'] };
  const pull = (msAgo: number, input: { branch: string; title: string; file: string; draft?: boolean }, by = author) =>
    at(msAgo, () => {
      state.commitFiles(fullName, { branch: input.branch, message: input.title, files: { [input.file]: `${input.title}\n` } }, by.login);
      return createPull(state.ctx, repo, { title: input.title, head: input.branch, base: repo.defaultBranch, draft: input.draft }, by);
    });

  at(3 * DAY, () =>
    state.commitFiles(fullName, {
      message: 'Add CI and deploy workflows',
      files: { [ci]: 'name: CI\non: [push, pull_request]\n', [deploy]: 'name: Deploy\non:\n  push:\n    branches: [main]\n' },
    }),
  );
  at(3 * DAY - 200_000, () => state.recordWorkflowRun(fullName, { path: ci, name: 'CI', seconds: 192, jobs: [lint, tests] }));
  at(3 * DAY - 400_000, () =>
    state.recordWorkflowRun(fullName, {
      path: deploy,
      name: 'Deploy',
      seconds: 100,
      jobs: [{ name: 'deploy', steps: ['Set up job', 'Build image', 'Sync Argo CD', 'Complete job'] }],
    }),
  );

  const label = (pr: { labels: string[] }, name: string, color: string) => {
    if (!repo.labels.has(name)) repo.labels.set(name, { id: world.id(), name, color, description: null });
    pr.labels.push(name);
  };
  const quotes = pull(2 * DAY, { branch, title: 'Cache carrier rate tables for quotes', file: 'CACHE.md' });
  label(quotes, 'performance', 'fbca04');
  quotes.requestedReviewers.push(colleague.login);
  at(2 * DAY - 240_000, () =>
    state.recordWorkflowRun(fullName, {
      path: ci,
      name: 'CI',
      branch,
      event: 'pull_request',
      conclusion: 'failure',
      seconds: 236,
      jobs: [lintPassed, tests],
    }),
  );
  const draft = pull(2 * DAY - 2 * HOUR, {
    branch: 'spike/redis-quotes',
    title: 'Spike: keep quotes in Redis',
    file: 'REDIS.md',
    draft: true,
  });
  label(draft, 'spike', 'c5def5');
  const rounding = pull(36 * HOUR, { branch: 'fix/surcharge-rounding', title: 'Round fuel surcharges to the cent', file: 'ROUNDING.md' });
  at(30 * HOUR, () => Object.assign(rounding, { state: 'closed', closedAt: world.iso(), updatedAt: world.iso() }));
  at(DAY, () =>
    state.commitFiles(fullName, {
      branch,
      message: 'Fix the quote test that expected a cold cache',
      files: { 'CACHE.md': 'Rates are cached for 5 minutes per carrier.\n' },
    }),
  );
  at(DAY - 200_000, () =>
    state.recordWorkflowRun(fullName, { path: ci, name: 'CI', branch, event: 'pull_request', seconds: 198, jobs: [lint, tests] }),
  );
  pull(5 * HOUR, { branch: 'feature/carrier-timeouts', title: 'Add per-carrier request timeouts', file: 'TIMEOUTS.md' }, colleague);
  at(600_000, () => mergePull(state.ctx, repo, quotes, {}, author));
  state.recordWorkflowRun(fullName, {
    path: ci,
    name: 'CI',
    status: 'in_progress',
    seconds: 95,
    jobs: [lintPassed, tests],
  });
}
