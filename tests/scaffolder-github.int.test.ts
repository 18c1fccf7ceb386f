import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { registerLocation } from '@/lib/catalog/location-admin';
import { resetEnvForTests } from '@/lib/env';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { createTask, retryTask } from '@/lib/scaffolder/mutations';
import { getTask, listTaskEvents } from '@/lib/scaffolder/queries';
import { runTask } from '@/lib/scaffolder/runner/run-task';
import { githubAutolinksAction } from '@/lib/scaffolder/actions/github-autolinks';
import { githubBranchProtectionAction } from '@/lib/scaffolder/actions/github-branch-protection';
import { githubDeployKeyAction } from '@/lib/scaffolder/actions/github-deploy-key';
import { githubEnvironmentAction } from '@/lib/scaffolder/actions/github-environment';
import { githubIssuesCreateAction } from '@/lib/scaffolder/actions/github-issues-create';
import { githubIssuesLabelAction } from '@/lib/scaffolder/actions/github-issues-label';
import { githubPagesAction } from '@/lib/scaffolder/actions/github-pages';
import { githubRepoCreateAction } from '@/lib/scaffolder/actions/github-repo-create';
import { githubRepoPushAction } from '@/lib/scaffolder/actions/github-repo-push';
import { fetchPlainAction } from '@/lib/scaffolder/actions/fetch-plain';
import { publishGithubAction } from '@/lib/scaffolder/actions/publish-github';
import { readTemplateSource } from '@/lib/scaffolder/fetch-source';
import { publishGithubPullRequestAction } from '@/lib/scaffolder/actions/publish-github-pull-request';
import type { ActionContext, ScaffolderAction } from '@/lib/scaffolder/actions/types';
import type { Templater } from '@/lib/scaffolder/sandbox/templater';
import { createArgoCdStandIn, type ArgoCdStandIn } from '@/standins/argocd/server';
import { createGitHubStandIn, type GitHubStandIn } from '@/standins/github/server';
import { SEED_TOKEN, seedAcme } from '@/standins/github/seed';

// The Spring Boot gRPC golden path end to end against the GitHub and Argo CD stand-ins: repository,
// first commit, protection, catalog entity visible when the step ends, Argo CD application; and
// GitHub's three refusals, each explained and retried from the failed step.

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');
const t = useTestDb();
let gh: GitHubStandIn;
let argo: ArgoCdStandIn;
let dataDir: string;
const cfg = useTestConfig(
  'scaffolder-github',
  [
    'catalog:',
    '  rules: [{ allow: [Component, API, Resource, System, Domain, Group, User, Location, Template] }]',
    `  fileLocationRoots: [${EXAMPLES}]`,
    'integrations:',
    '  github:',
    '    - host: github.local',
    '      apiBaseUrl: ${WF_TEST_GH_URL}',
    '      webBaseUrl: ${WF_TEST_GH_URL}',
    '      token: ${WF_TEST_GH_TOKEN}',
    'argocd:',
    '  appLocatorMethods:',
    '    - type: config',
    '      instances:',
    '        - name: dev',
    '          url: ${WF_TEST_ARGO_URL}',
    '          token: ${WF_TEST_ARGO_TOKEN}',
    '',
  ].join('\n'),
);
const actor: Actor = {
  id: 'user:u1',
  name: 'Sanne',
  kind: 'user',
  login: 'sannedevries',
  userRef: 'user:default/sannedevries',
  roles: ['member'],
  leadOf: [],
  scope: 'write',
};

const values = (name: string) => ({
  name,
  description: '결제 게이트웨이 gRPC 서비스',
  owner: 'group:default/team-devex',
  system: 'system:default/shipment-management',
  javaVersion: 21,
  database: 'postgresql',
  enableKafka: true,
  namespace: 'payments',
  cluster: 'dev',
  repoUrl: `github.local?owner=acme&repo=${name}`,
});

beforeAll(async () => {
  gh = await createGitHubStandIn({ seed: seedAcme });
  argo = await createArgoCdStandIn();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-scaffolder-gh-'));
  Object.assign(process.env, {
    WF_TEST_GH_URL: gh.url,
    WF_TEST_GH_TOKEN: SEED_TOKEN,
    WF_TEST_ARGO_URL: argo.url,
    WF_TEST_ARGO_TOKEN: argo.token,
    WAYFINDER_WORKERS: 'false',
    WAYFINDER_DATA_DIR: dataDir,
  });
  resetEnvForTests();
  void cfg;
  await registerLocation({ type: 'file', target: path.join(EXAMPLES, 'templates/spring-boot-grpc-service/template.yaml') });
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  await argo?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  for (const k of [
    'WF_TEST_GH_URL',
    'WF_TEST_GH_TOKEN',
    'WF_TEST_ARGO_URL',
    'WF_TEST_ARGO_TOKEN',
    'WAYFINDER_WORKERS',
    'WAYFINDER_DATA_DIR',
  ])
    delete process.env[k];
  resetEnvForTests();
});

const log = async (id: string) => (await listTaskEvents(id)).map((e) => e.message).join('\n');

describe('the Spring Boot gRPC template', () => {
  it('creates the repository, the catalog entity and the Argo CD application', async () => {
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: values('payment-gateway'),
      secrets: {},
    });
    await runTask(id);
    const task = await getTask(actor, id);
    expect(task.status, await log(id)).toBe('completed');

    const repo = gh.state.repo('acme', 'payment-gateway');
    expect([repo.visibility, repo.defaultBranch, repo.description]).toEqual(['internal', 'main', '결제 게이트웨이 gRPC 서비스']);
    expect(repo.topics).toEqual(['java', 'grpc', 'spring-boot']);
    const head = repo.refs.get('refs/heads/main')!;
    expect(repo.git.commit(head)!.data.parents).toEqual([]);
    expect(repo.protection.get('main')).toMatchObject({
      required_pull_request_reviews: { require_code_owner_reviews: true },
      required_status_checks: { contexts: ['build'] },
    });
    const file = (p: string) => gh.state.readFile('acme/payment-gateway', p);
    expect(file('build.gradle')).toContain("runtimeOnly 'org.postgresql:postgresql'");
    expect(file('build.gradle')).toContain("implementation 'org.springframework.kafka:spring-kafka'");
    expect(file('build.gradle')).toContain('JavaLanguageVersion.of(21)');
    expect(file('src/main/java/com/acme/paymentgateway/HelloService.java')).toContain('PaymentgatewayServiceGrpc');
    // Helm and Actions templates are copied as they are.
    expect(file('deploy/helm/templates/deployment.yaml')).toContain('{{ .Chart.Name }}');
    expect(file('.github/workflows/ci.yaml')).toContain('${{ github.sha }}');
    expect(file('.github/CODEOWNERS')).toBe('* @acme/team-devex\n');

    // Visible in the catalog when the step ended, marked with its template.
    const component = await t.db.prisma.entity.findUnique({ where: { ref: 'component:default/payment-gateway' } });
    expect(component?.body).toMatchObject({
      metadata: { annotations: { 'backstage.io/source-template': 'template:default/spring-boot-grpc-service' } },
    });
    const api = await t.db.prisma.entity.findUnique({ where: { ref: 'api:default/payment-gateway-grpc' } });
    expect((api?.body as { spec: { definition: string } }).spec.definition).toContain('service PaymentgatewayService');

    expect(argo.applications.get('payment-gateway')).toMatchObject({
      spec: {
        project: 'payment-gateway',
        source: { path: 'deploy/helm', repoURL: `${gh.url}/acme/payment-gateway.git` },
        destination: { namespace: 'payments' },
      },
    });
    expect(task.output).toEqual({
      links: [
        { title: 'Repository', url: `${gh.url}/acme/payment-gateway` },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/payment-gateway' },
        { title: 'Argo CD application', url: `${argo.url}/applications/payment-gateway` },
      ],
    });
  });

  it.each([
    ['integration' as const, /lacks the Administration: write permission; grant it "Administration: Read and write"/],
    ['policy' as const, /does not let this account create repositories .*Member privileges → Repository creation/],
  ])('explains a refusal (%s) and continues after the fix', async (reason, message) => {
    const name = `refused-${reason}`;
    gh.state.refuseRepoCreation('acme', reason);
    const { id } = await createTask(actor, { templateRef: 'template:default/spring-boot-grpc-service', values: values(name), secrets: {} });
    await runTask(id);
    let task = await getTask(actor, id);
    expect(task.status).toBe('failed');
    expect(task.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending', 'pending']);
    expect(await log(id)).toMatch(message);

    gh.state.refuseRepoCreation('acme', null);
    await retryTask(actor, id, { secrets: {} });
    await runTask(id);
    task = await getTask(actor, id);
    expect(task.status, await log(id)).toBe('completed');
    expect((await log(id)).match(/Beginning step 스켈레톤 생성/g)).toHaveLength(1);
  });

  it('publishes with six write requests: create, topics, tree, commit, ref, protection', async () => {
    const from = Date.now();
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: values('six-writes'),
      secrets: {},
    });
    await runTask(id);
    expect((await getTask(actor, id)).status, await log(id)).toBe('completed');
    const writes = gh.state.requests.filter((r) => r.at >= from && r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      'POST /orgs/acme/repos',
      // Topics with the repository's other settings, before the push, as Backstage sets them.
      'PUT /repos/acme/six-writes/topics',
      'POST /repos/acme/six-writes/git/trees',
      'POST /repos/acme/six-writes/git/commits',
      'PATCH /repos/acme/six-writes/git/refs/heads/main',
      'PUT /repos/acme/six-writes/branches/main/protection',
    ]);
  });

  it.each([
    [403 as const, 1],
    [429 as const, 2],
  ])(
    'waits for retry-after when GitHub answers a secondary rate limit (%i), then goes on',
    async (status, retryAfter) => {
      const name = `limited-${status}`;
      const from = Date.now();
      gh.state.secondaryRateLimitNext(1, { status, retryAfter });
      const { id } = await createTask(actor, {
        templateRef: 'template:default/spring-boot-grpc-service',
        values: values(name),
        secrets: {},
      });
      await runTask(id);
      expect((await getTask(actor, id)).status, await log(id)).toBe('completed');
      const creates = gh.state.requests.filter((r) => r.at >= from && r.method === 'POST' && r.path === '/orgs/acme/repos');
      expect(creates.map((r) => r.status)).toEqual([status, 201]);
      expect(creates[1].at - creates[0].at).toBeGreaterThanOrEqual(retryAfter * 1000);
      expect(gh.state.repo('acme', name).topics).toEqual(['java', 'grpc', 'spring-boot']);
    },
    30_000,
  );

  it('does not retry sooner than a long retry-after, and says to retry later', async () => {
    const from = Date.now();
    gh.state.secondaryRateLimitNext(1, { status: 429, retryAfter: 600 });
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: values('limited-long'),
      secrets: {},
    });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('failed');
    expect(await log(id)).toMatch(
      /GitHub's rate limit stopped the request to create the repository acme\/limited-long .*GitHub asks to wait 600 s\. Nothing needs to change in the template: retry the task after that\./,
    );
    expect(gh.state.requests.filter((r) => r.at >= from && r.method === 'POST').map((r) => r.status)).toEqual([429]);
  });

  it('refuses a name that exists and says what to do', async () => {
    gh.state.createRepo('acme', { name: 'taken-name' });
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: values('taken-name'),
      secrets: {},
    });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('failed');
    expect(await log(id)).toMatch(
      /A repository named acme\/taken-name already exists and was not created by this task\. Choose another name/,
    );
  });

  it('refuses a repository outside the owners the template allows (RepoUrlPicker allowedOwners), before a task exists', async () => {
    // The form offers only acme; a request that bypasses it must not reach publish:github with the portal's token.
    gh.state.addOrg({ login: 'acme-infra' });
    const before = await t.db.prisma.scaffolderTask.count();
    const submit = createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: { ...values('not-mine'), repoUrl: 'github.local?owner=acme-infra&repo=not-mine' },
      secrets: {},
    });
    await expect(submit).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      details: {
        fieldErrors: [
          {
            field: 'repoUrl',
            message: 'Repository location: the owner "acme-infra" is not allowed; this template allows "acme" (allowedOwners)',
          },
        ],
      },
    });
    await submit.catch(() => undefined);
    expect(await t.db.prisma.scaffolderTask.count()).toBe(before);
    expect(() => gh.state.repo('acme-infra', 'not-mine')).toThrow();
  });

  it('retries from a failed Argo CD step without creating the repository again', async () => {
    const token = argo.token;
    process.env.WF_TEST_ARGO_TOKEN = 'wrong';
    resetEnvForTests();
    const { resetConfigForTests } = await import('@/lib/config/load-config');
    resetConfigForTests();
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: values('argo-later'),
      secrets: {},
    });
    await runTask(id);
    expect((await getTask(actor, id)).steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'failed']);
    expect(await log(id)).toMatch(/Argo CD dev refused the token \(HTTP 401\)/);

    process.env.WF_TEST_ARGO_TOKEN = token;
    resetEnvForTests();
    resetConfigForTests();
    await retryTask(actor, id, { secrets: {} });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('completed');
    expect((await log(id)).match(/Created repository acme\/argo-later/g)).toHaveLength(1);
    expect(argo.applications.has('argo-later')).toBe(true);
  });
});

// A github:* action run alone, as a step runs it: a workspace holding service.yaml, and checkpoints
// kept across calls (a retry) in `checkpoints`; `failKey` fails that checkpoint once.
async function runGithubAction(
  action: ScaffolderAction,
  input: Record<string, unknown>,
  checkpoints: Map<string, unknown>,
  failKey?: string,
  logs: string[] = [],
  files: Record<string, string> = { 'service.yaml': 'name: payments\n' },
): Promise<Record<string, unknown>> {
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-gh-action-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspacePath, name)), { recursive: true });
    fs.writeFileSync(path.join(workspacePath, name), text);
  }
  const outputs: Record<string, unknown> = {};
  const ctx: ActionContext<unknown> = {
    input: action.input.parse(input),
    workspacePath,
    logger: {
      info: (m) => void logs.push(`info: ${m}`),
      warn: (m) => void logs.push(`warn: ${m}`),
      error: (m) => void logs.push(`error: ${m}`),
    },
    output: (name, value) => void (outputs[name] = value),
    secrets: {},
    templateInfo: {
      entityRef: 'template:default/t',
      baseUrl: null,
      entity: { apiVersion: 'v1', kind: 'Template', metadata: { name: 't' } },
    },
    user: {},
    taskId: 'task',
    stepId: 'step',
    isDryRun: false,
    signal: new AbortController().signal,
    templater: undefined as unknown as Templater,
    checkpoint: async (key, fn) => {
      if (checkpoints.has(key)) return checkpoints.get(key) as never;
      if (key === failKey) throw new Error(`${key} failed`);
      const value = await fn();
      checkpoints.set(key, value);
      return value;
    },
  };
  try {
    await action.handler(ctx);
    return outputs;
  } finally {
    fs.rmSync(workspacePath, { recursive: true, force: true });
  }
}

// publish:github:pull-request on a repository that others work in: it commits to a branch of its
// own and opens a pull request, never writing over a branch that is there (the base included).
describe('publish:github:pull-request', () => {
  const checkpoints = new Map<string, unknown>();
  const openPullRequest = (input: Record<string, unknown>, failKey?: string, logs?: string[]) =>
    runGithubAction(
      publishGithubPullRequestAction,
      { repoUrl: 'github.local?owner=acme&repo=shared-infra', title: 'Add payments', ...input },
      checkpoints,
      failKey,
      logs,
    );

  beforeAll(() => {
    gh.state.createRepo('acme', { name: 'shared-infra' });
    gh.state.commitFiles('acme/shared-infra', { message: 'base', files: { 'README.md': '# infra\n' } });
    gh.state.commitFiles('acme/shared-infra', { branch: 'jane-work', message: 'wip', files: { 'jane.txt': 'two days of work\n' } });
  });
  const head = (branch: string) => gh.state.repo('acme', 'shared-infra').refs.get(`refs/heads/${branch}`);

  it.each([
    ['the base branch', 'main', /the branch main is the pull request's base/],
    ["someone else's branch", 'jane-work', /the branch jane-work exists in acme\/shared-infra/],
  ])('refuses to write over %s', async (_what, branchName, message) => {
    checkpoints.clear();
    const before = head(branchName);
    await expect(openPullRequest({ branchName })).rejects.toThrow(message);
    expect(head(branchName)).toBe(before);
    expect(gh.state.readFile('acme/shared-infra', 'service.yaml', branchName)).toBeUndefined();
  });

  it('with update: true, pushes onto the branch of its open pull request and keeps that pull request', async () => {
    // 45-ACP/enablement-openpipeline-segments-iam catalog-info.yaml, template app-creator: its
    // publish:github:pull-request step sets `update: true` and names the branch after the team, so
    // a second run for the same team updates the pull request the first one opened (Backstage's
    // `update`); a branch without an open pull request is still refused.
    const onboard = { branchName: 'simplenodeservice-team01-preprod', targetBranchName: 'main', update: true };
    checkpoints.clear();
    const first = await openPullRequest(onboard);
    const opened = head(onboard.branchName);
    checkpoints.clear();
    const second = await openPullRequest(onboard);
    expect(second.pullRequestNumber).toBe(first.pullRequestNumber);
    const updated = head(onboard.branchName)!;
    expect(updated).not.toBe(opened);
    expect(gh.state.repo('acme', 'shared-infra').git.commit(updated)!.data.parents).toEqual([opened]);
    checkpoints.clear();
    await expect(openPullRequest({ branchName: 'jane-work', update: true })).rejects.toThrow(
      /the branch jane-work exists in acme\/shared-infra/,
    );
  });

  it('asks for reviewers and assignees as Backstage does, and logs a refusal without failing the step', async () => {
    // Backstage's reviewers, teamReviewers and assignees inputs (requestReviewers, addAssignees).
    checkpoints.clear();
    const logs: string[] = [];
    const pulls = () => gh.state.repo('acme', 'shared-infra').pulls;
    const outputs = await openPullRequest(
      { branchName: 'add-ledger', reviewers: ['tombakker'], teamReviewers: ['team-shipments'], assignees: ['tombakker', 'not-a-member'] },
      undefined,
      logs,
    );
    const pr = pulls().find((p) => p.number === outputs.pullRequestNumber)!;
    expect([pr.requestedReviewers, pr.requestedTeams, pr.assignees]).toEqual([['tombakker'], ['team-shipments'], ['tombakker']]);
    expect(logs).toContain(`info: Asked tombakker, team team-shipments to review pull request #${pr.number}`);
    expect(logs).toContain(`info: Assigned pull request #${pr.number} to tombakker`);

    checkpoints.clear();
    const refused: string[] = [];
    const second = await openPullRequest({ branchName: 'add-audit', reviewers: ['not-a-member'] }, undefined, refused);
    expect(second.pullRequestNumber).toBeGreaterThan(pr.number);
    expect(refused.find((l) => l.startsWith('error:'))).toMatch(
      new RegExp(
        `^error: Could not request reviewers on pull request #${second.pullRequestNumber}: Reviews may only be requested from collaborators`,
      ),
    );
  });

  it('deletes filesToDelete in the same commit, with the author a template names', async () => {
    // Backstage's filesToDelete, gitAuthorName and gitAuthorEmail inputs: they were dropped without a word.
    gh.state.commitFiles('acme/shared-infra', {
      message: 'legacy',
      files: { 'old.yaml': 'old\n', 'legacy/a.txt': 'a\n', 'legacy/deep/b.txt': 'b\n', 'legacy-notes.md': 'kept\n' },
    });
    checkpoints.clear();
    const logs: string[] = [];
    await openPullRequest(
      { branchName: 'retire-legacy', filesToDelete: ['old.yaml', 'legacy', 'nope.txt'], gitAuthorName: 'Platform Bot' },
      undefined,
      logs,
    );
    const read = (file: string) => gh.state.readFile('acme/shared-infra', file, 'retire-legacy');
    expect([read('old.yaml'), read('legacy/a.txt'), read('legacy/deep/b.txt')]).toEqual([undefined, undefined, undefined]);
    expect([read('legacy-notes.md'), read('README.md'), read('service.yaml')]).toEqual(['kept\n', '# infra\n', 'name: payments\n']);
    expect(gh.state.readFile('acme/shared-infra', 'old.yaml', 'main')).toBe('old\n');
    expect(logs).toContain('warn: filesToDelete: nope.txt is not in acme/shared-infra; there is nothing to delete there');
    const r = gh.state.repo('acme', 'shared-infra');
    expect(r.git.commit(head('retire-legacy')!)!.data.author).toMatchObject({ name: 'Platform Bot', email: 'scaffolder@backstage.io' });

    checkpoints.clear();
    await expect(openPullRequest({ branchName: 'escape', filesToDelete: ['../other/x'] })).rejects.toThrow(
      'filesToDelete "../other/x" leaves the repository; remove the ".." segments',
    );
    expect(head('escape')).toBeUndefined();
  });

  it('with createWhenEmpty: false, opens nothing when the commit would change nothing', async () => {
    gh.state.commitFiles('acme/shared-infra', { message: 'payments', files: { 'service.yaml': 'name: payments\n' } });
    checkpoints.clear();
    const logs: string[] = [];
    const before = gh.state.repo('acme', 'shared-infra').pulls.length;
    expect(await openPullRequest({ branchName: 'no-change', createWhenEmpty: false }, undefined, logs)).toEqual({});
    expect(head('no-change')).toBeUndefined();
    expect(gh.state.repo('acme', 'shared-infra').pulls.length).toBe(before);
    expect(logs).toContain('info: No changes to commit, pull request was not created');
    // By default (Backstage's too) the pull request is opened all the same.
    checkpoints.clear();
    expect(await openPullRequest({ branchName: 'no-change' })).toMatchObject({ pullRequestNumber: expect.any(Number) });
  });

  it('opens a pull request from a new branch, and a retry after a failed request keeps that branch', async () => {
    checkpoints.clear();
    const main = head('main');
    await expect(openPullRequest({ branchName: 'add-payments' }, 'pull-request')).rejects.toThrow('pull-request failed');
    const pushed = head('add-payments');
    expect(pushed).toBeDefined();
    const outputs = await openPullRequest({ branchName: 'add-payments' });
    expect(outputs).toMatchObject({ pullRequestNumber: expect.any(Number), targetBranchName: 'main' });
    expect(head('add-payments')).toBe(pushed);
    expect(head('main')).toBe(main);
    expect(gh.state.readFile('acme/shared-infra', 'service.yaml', 'add-payments')).toBe('name: payments\n');
  });
});

// github:repo:push fills a repository that exists: its commit goes on top of what the default
// branch holds. It never replaces a repository's history (a force push of a parentless commit
// would throw away every commit of a repository the run could name).
// Backstage's github:branch-protection:create, on a repository that exists.
describe('github:branch-protection:create', () => {
  it('protects the default branch, or the branch named, with the rules given', async () => {
    gh.state.createRepo('acme', { name: 'protect-me' });
    gh.state.commitFiles('acme/protect-me', { message: 'base', files: { 'README.md': '# hi\n' } });
    gh.state.commitFiles('acme/protect-me', { branch: 'release', message: 'rel', files: { 'x.txt': 'x\n' } });
    const protect = (input: Record<string, unknown>) =>
      runGithubAction(githubBranchProtectionAction, { repoUrl: 'github.local?owner=acme&repo=protect-me', ...input }, new Map());
    await protect({ requiredStatusCheckContexts: ['ci/build'], requireCodeOwnerReviews: true });
    await protect({ branch: 'release', enforceAdmins: false, requiredApprovingReviewCount: 2 });
    const { protection } = gh.state.repo('acme', 'protect-me');
    expect(protection.get('main')).toMatchObject({
      required_status_checks: { contexts: ['ci/build'] },
      required_pull_request_reviews: { require_code_owner_reviews: true, required_approving_review_count: 1 },
      enforce_admins: true,
    });
    expect(protection.get('release')).toMatchObject({
      required_pull_request_reviews: { required_approving_review_count: 2 },
      enforce_admins: false,
    });
    await expect(protect({ branch: 'nope' })).rejects.toThrow(/GitHub answered 404 to protect a branch of acme\/protect-me/);
  });
});

describe('github:repo:push', () => {
  const history = (name: string, branch = 'main') => {
    const r = gh.state.repo('acme', name);
    const shas: string[] = [];
    for (let sha = r.refs.get(`refs/heads/${branch}`); sha; sha = r.git.commit(sha)!.data.parents[0]) shas.push(sha);
    return shas;
  };

  it('keeps the history of a repository that has commits', async () => {
    gh.state.createRepo('acme', { name: 'billing-api' });
    gh.state.commitFiles('acme/billing-api', { message: 'years of work', files: { 'src/billing.ts': 'export {};\n' } });
    const before = history('billing-api');
    const outputs = await runGithubAction(
      githubRepoPushAction,
      { repoUrl: 'github.local?owner=acme&repo=billing-api', protectDefaultBranch: false, gitAuthorEmail: 'platform@acme.example' },
      new Map(),
    );
    const after = history('billing-api');
    expect(after.slice(1)).toEqual(before);
    expect(outputs.commitHash).toBe(after[0]);
    // One of the two author inputs is enough, the other Backstage's default (it was dropped).
    expect(gh.state.repo('acme', 'billing-api').git.commit(after[0]!)!.data.author).toMatchObject({
      name: 'Scaffolder',
      email: 'platform@acme.example',
    });
    expect(gh.state.readFile('acme/billing-api', 'service.yaml')).toBe('name: payments\n');
  });

  it('fills a repository that github:repo:create made', async () => {
    const repoUrl = 'github.local?owner=acme&repo=fresh-service';
    await runGithubAction(githubRepoCreateAction, { repoUrl }, new Map());
    await runGithubAction(githubRepoPushAction, { repoUrl, protectDefaultBranch: false }, new Map());
    expect(gh.state.readFile('acme/fresh-service', 'service.yaml')).toBe('name: payments\n');
  });

  it('refuses a defaultBranch that exists elsewhere in the history instead of writing over it', async () => {
    gh.state.createRepo('acme', { name: 'ledger' });
    gh.state.commitFiles('acme/ledger', { message: 'main work', files: { 'a.txt': 'a\n' } });
    gh.state.commitFiles('acme/ledger', { branch: 'release', message: 'release work', files: { 'r.txt': 'r\n' } });
    gh.state.commitFiles('acme/ledger', { branch: 'release', message: 'hotfix', files: { 'h.txt': 'h\n' } });
    const release = history('ledger', 'release');
    await expect(
      runGithubAction(
        githubRepoPushAction,
        { repoUrl: 'github.local?owner=acme&repo=ledger', defaultBranch: 'release', protectDefaultBranch: false },
        new Map(),
      ),
    ).rejects.toThrow(
      /the branch release of acme\/ledger has commits that main does not; .* set defaultBranch to main or to a branch that does not exist/,
    );
    expect(history('ledger', 'release')).toEqual(release);
    expect(gh.state.repo('acme', 'ledger').refs.has('refs/heads/main')).toBe(true);
  });
});

// publish:github creates the repository it then pushes to: in an organisation, or in the token's own
// account. Another person's account is neither (GitHub would create the repository in the token's
// account, and the push would go to that person's repository of the same name).
// Backstage's `access` and `collaborators` of publish:github and github:repo:create: golden-path
// templates give the owning team admin on the new repository. They were dropped without a word.
describe('publish:github access and collaborators', () => {
  it('gives the admin and each collaborator their access, invites outsiders, and logs one GitHub refuses', async () => {
    gh.state.addUser({ login: 'contractor-kim', name: 'Kim', email: null });
    const logs: string[] = [];
    await runGithubAction(
      publishGithubAction,
      {
        repoUrl: 'github.local?owner=acme&repo=with-access',
        access: 'acme/team-shipments',
        collaborators: [
          { user: 'tombakker', access: 'maintain' },
          { team: 'team-routing', access: 'push' },
          { username: 'contractor-kim', access: 'pull' },
          { team: 'no-such-team', access: 'push' },
        ],
        protectDefaultBranch: false,
      },
      new Map(),
      undefined,
      logs,
    );
    const r = gh.state.repo('acme', 'with-access');
    expect(gh.state.world.team('acme', 'team-shipments')!.repos.get('acme/with-access')).toBe('admin');
    expect(gh.state.world.team('acme', 'team-routing')!.repos.get('acme/with-access')).toBe('push');
    expect(r.collaborators.get('tombakker')).toEqual({ permission: 'maintain', invitationId: null });
    expect(r.collaborators.get('contractor-kim')).toMatchObject({ permission: 'pull', invitationId: expect.any(Number) });
    expect(logs).toContain('info: Gave team team-shipments admin access to acme/with-access');
    expect(logs).toContain('info: Invited contractor-kim to acme/with-access with pull access');
    expect(logs.find((l) => l.startsWith('warn: Skipping push access for team no-such-team:'))).toBeDefined();

    await expect(
      runGithubAction(githubRepoCreateAction, { repoUrl: 'github.local?owner=acme&repo=bad-admin', access: 'acme/nope' }, new Map()),
    ).rejects.toThrow("access: GitHub has no team nope in acme; name the repository's admin as a login or as acme/<team-slug>");
  });
});

// The rest of Backstage's publish:github and github:repo:create inputs: the repository's features and
// merge settings, custom properties, Actions variables and secrets, the OIDC subject template, the
// subscription, and the protection rules beyond reviews. They were dropped without a word.
describe('publish:github repository settings', () => {
  const settings = {
    repoUrl: 'github.local?owner=acme&repo=with-settings',
    hasWiki: false,
    hasProjects: false,
    allowAutoMerge: true,
    squashMergeCommitTitle: 'PR_TITLE',
    squashMergeCommitMessage: 'PR_BODY',
    customProperties: { tier: 'gold' },
    topics: ['Java', 'grpc'],
    repoVariables: { REGION: 'eu-west-1', REPLICAS: 3 },
    secrets: { DEPLOY_TOKEN: 'dt-9f8e7d6c' },
    oidcCustomization: { useDefault: false, includeClaimKeys: ['repo', 'context'] },
    subscribe: true,
    collaborators: [{ team: 'group:default/team-routing', access: 'push' }],
    requiredConversationResolution: true,
    requireLastPushApproval: true,
    requiredLinearHistory: true,
    requiredCommitSigning: true,
    bypassPullRequestAllowances: { teams: ['team-shipments'] },
    restrictions: { users: ['tombakker'], teams: [] },
  };

  it('creates the repository with them, seals each secret with its key, and protects the branch with every rule', async () => {
    const logs: string[] = [];
    await runGithubAction(publishGithubAction, settings, new Map(), undefined, logs);
    const r = gh.state.repo('acme', 'with-settings');
    expect(r.settings).toMatchObject({
      has_wiki: false,
      has_projects: false,
      allow_auto_merge: true,
      squash_merge_commit_title: 'PR_TITLE',
      squash_merge_commit_message: 'PR_BODY',
      custom_properties: { tier: 'gold' },
    });
    expect(r.topics).toEqual(['java', 'grpc']);
    expect(Object.fromEntries([...r.variables].map(([k, v]) => [k, v.value]))).toEqual({ REGION: 'eu-west-1', REPLICAS: '3' });
    // The stand-in opened the sealed box with the repository's private key, as GitHub does.
    expect(r.secrets.get('DEPLOY_TOKEN')?.value).toBe('dt-9f8e7d6c');
    expect(logs.join('\n')).not.toContain('dt-9f8e7d6c');
    expect(r.oidcSubject).toEqual({ use_default: false, include_claim_keys: ['repo', 'context'] });
    expect([...r.watchers]).toEqual([gh.state.actor]);
    // A catalog reference names the GitHub team (Backstage's entityRefToName).
    expect(gh.state.world.team('acme', 'team-routing')!.repos.get('acme/with-settings')).toBe('push');
    expect(r.protection.get('main')).toMatchObject({
      required_conversation_resolution: true,
      required_linear_history: true,
      required_signatures: true,
      restrictions: { users: ['tombakker'], teams: [] },
      required_pull_request_reviews: { require_last_push_approval: true, bypass_pull_request_allowances: { teams: ['team-shipments'] } },
    });
  });

  it('sets them again on a retry: an existing variable is updated, a secret replaced', async () => {
    const checkpoints = new Map<string, unknown>([['repository', { defaultBranch: 'main', existed: false }]]);
    await runGithubAction(
      githubRepoCreateAction,
      { repoUrl: settings.repoUrl, repoVariables: { REGION: 'us-east-1' }, secrets: { DEPLOY_TOKEN: 'dt-rotated' } },
      checkpoints,
    );
    const r = gh.state.repo('acme', 'with-settings');
    expect(r.variables.get('REGION')?.value).toBe('us-east-1');
    expect(r.secrets.get('DEPLOY_TOKEN')?.value).toBe('dt-rotated');
  });
});

// Backstage's github:environment:create, github:deployKey:create, github:issues:create, github:issues:label,
// github:autolinks:create and github:pages:enable: a template using one stopped at 'no action'.
describe('the environment, deploy key, label, autolink and Pages actions', () => {
  const repoUrl = 'github.local?owner=acme&repo=tooling';
  beforeAll(async () => {
    await registerLocation({ type: 'file', target: path.join(EXAMPLES, 'org/users.yaml') });
    await registerLocation({ type: 'file', target: path.join(EXAMPLES, 'org/groups.yaml') });
    gh.state.createRepo('acme', { name: 'tooling' });
    gh.state.commitFiles('acme/tooling', { message: 'base', files: { 'README.md': '# tooling\n' } });
  });

  it('creates an environment with its policies, reviewers from the catalog, variables and sealed secrets', async () => {
    const logs: string[] = [];
    const input = {
      repoUrl,
      name: 'production',
      deploymentBranchPolicy: { protected_branches: false, custom_branch_policies: true },
      customBranchPolicyNames: ['main', 'release/*/*'],
      customTagPolicyNames: ['v*'],
      environmentVariables: { REGION: 'eu-west-1', REPLICAS: 3 },
      secrets: { API_KEY: 'ak-5up3r' },
      waitTimer: 10,
      preventSelfReview: true,
      reviewers: [
        'user:default/tom-bakker',
        'group:default/team-shipments',
        'user:default/nobody',
        'template:default/spring-boot-grpc-service',
      ],
    };
    await runGithubAction(githubEnvironmentAction, input, new Map(), undefined, logs);
    const env = gh.state.repo('acme', 'tooling').environments.get('production')!;
    expect(env).toMatchObject({ waitTimer: 10, preventSelfReview: true, branchPolicy: input.deploymentBranchPolicy });
    expect(env.reviewers).toEqual([
      { type: 'User', id: gh.state.world.user('tombakker')!.id },
      { type: 'Team', id: gh.state.world.team('acme', 'team-shipments')!.id },
    ]);
    expect(env.policies.map((p) => `${p.type}:${p.name}`)).toEqual(['branch:main', 'branch:release/*/*', 'tag:v*']);
    expect(Object.fromEntries([...env.variables].map(([k, v]) => [k, v.value]))).toEqual({ REGION: 'eu-west-1', REPLICAS: '3' });
    expect(env.secrets.get('API_KEY')?.value).toBe('ak-5up3r');
    expect(logs).toContain('warn: Skipping reviewer user:default/nobody: it is not in the catalog');
    expect(logs).toContain('warn: Skipping reviewer template:default/spring-boot-grpc-service: only Users and Groups review deployments');
    expect(logs.join('\n')).not.toContain('ak-5up3r');

    // A retry of the whole step sets the variables again (an existing one is updated).
    await runGithubAction(
      githubEnvironmentAction,
      { ...input, environmentVariables: { REGION: 'us-east-1' }, customBranchPolicyNames: [] },
      new Map(),
    );
    expect(env.variables.get('REGION')?.value).toBe('us-east-1');
  });

  it('adds a deploy key and keeps its private key as a sealed secret', async () => {
    const publicKey = `ssh-ed25519 ${Buffer.from('k'.repeat(51)).toString('base64')} deploy@tooling`;
    const privateKey = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n';
    const out = await runGithubAction(githubDeployKeyAction, { repoUrl, publicKey, privateKey, deployKeyName: 'argo sync' }, new Map());
    expect(out).toEqual({ privateKeySecretName: 'ARGO_SYNC_PRIVATE_KEY' });
    const r = gh.state.repo('acme', 'tooling');
    expect(r.deployKeys.map((k) => [k.title, k.key])).toEqual([['argo sync', publicKey.split(' ').slice(0, 2).join(' ')]]);
    expect(r.secrets.get('ARGO_SYNC_PRIVATE_KEY')?.value).toBe(privateKey);
    await expect(
      runGithubAction(githubDeployKeyAction, { repoUrl, publicKey: 'not a key', privateKey, deployKeyName: 'bad' }, new Map()),
    ).rejects.toThrow(/OpenSSH public key format/);
  });

  it('labels a pull request, logging a refusal without failing; creates an issue; adds an autolink; enables Pages once', async () => {
    const opened = await runGithubAction(
      publishGithubPullRequestAction,
      { repoUrl, title: 'Add service.yaml', branchName: 'add-service' },
      new Map(),
    );
    const number = opened.pullRequestNumber as number;
    await runGithubAction(githubIssuesLabelAction, { repoUrl, number, labels: ['scaffolder', 'needs-review'] }, new Map());
    const r = gh.state.repo('acme', 'tooling');
    expect(r.pulls.find((p) => p.number === number)!.labels).toEqual(['scaffolder', 'needs-review']);
    const logs: string[] = [];
    await runGithubAction(githubIssuesLabelAction, { repoUrl, number: 999, labels: ['x'] }, new Map(), undefined, logs);
    expect(logs.find((l) => l.startsWith('warn: Could not label acme/tooling#999:'))).toBeDefined();

    await runGithubAction(
      githubAutolinksAction,
      { repoUrl, keyPrefix: 'JIRA-', urlTemplate: 'https://jira.example/browse/JIRA-<num>' },
      new Map(),
    );
    expect(r.autolinks).toMatchObject([
      { keyPrefix: 'JIRA-', urlTemplate: 'https://jira.example/browse/JIRA-<num>', isAlphanumeric: true },
    ]);

    const issue = await runGithubAction(
      githubIssuesCreateAction,
      { repoUrl, title: 'Onboarding checklist', body: '- [ ] Add alerts', assignees: ['tombakker'], labels: ['onboarding'] },
      new Map(),
    );
    const created = r.issues.find((x) => x.number === issue.issueNumber)!;
    expect(created).toMatchObject({
      title: 'Onboarding checklist',
      body: '- [ ] Add alerts',
      assignees: ['tombakker'],
      labels: ['onboarding'],
    });
    expect(created.number).toBe(number + 1);
    expect(issue.issueUrl).toBe(`${gh.url}/acme/tooling/issues/${created.number}`);
    await runGithubAction(githubIssuesLabelAction, { repoUrl, number: created.number, labels: ['scaffolder'] }, new Map());
    expect(created.labels).toEqual(['onboarding', 'scaffolder']);
    gh.state.addUser({ login: 'issue-outsider', name: null, email: null });
    await expect(
      runGithubAction(githubIssuesCreateAction, { repoUrl, title: 'x', assignees: ['issue-outsider'] }, new Map()),
    ).rejects.toThrow(/GitHub refused to create the issue "x" in acme\/tooling/);

    await runGithubAction(githubPagesAction, { repoUrl }, new Map());
    expect(r.pages).toEqual({ buildType: 'workflow', source: { branch: 'main', path: '/' } });
    await expect(runGithubAction(githubPagesAction, { repoUrl }, new Map())).rejects.toThrow(/already enabled/);
  });
});

// Backstage's fetch:* take `token`: a skeleton in a repository the integration cannot read is read
// with the person's own token. It was dropped, and the integration's credentials were used.
describe('fetch:* with a token', () => {
  it("reads a GitHub URL with the token given instead of the integration's", async () => {
    gh.state.createRepo('acme', { name: 'skeletons' });
    gh.state.commitFiles('acme/skeletons', { message: 'base', files: { 'svc/README.md': '# ${{ values.name }}\n' } });
    const url = `${gh.url}/acme/skeletons/tree/main/svc`;
    const token = gh.state.issueToken('tombakker');
    expect((await readTemplateSource(null, url, { token })).map((f) => [f.path, f.content.toString()])).toEqual([
      ['README.md', '# ${{ values.name }}\n'],
    ]);
    gh.state.revokeToken(token);
    await expect(readTemplateSource(null, url, { token })).rejects.toThrow(/Bad credentials|401/);
    await expect(runGithubAction(fetchPlainAction, { url, token }, new Map())).rejects.toThrow(/Bad credentials|401/);
    // Without one, the integration reads it.
    await runGithubAction(fetchPlainAction, { url }, new Map());
  });
});

describe('publishing a workspace with .gitignore files', () => {
  it('pushes what git would add, as Backstage does: a file a .gitignore ignores stays out', async () => {
    const files = {
      '.gitignore': '.env\nbuild/\n',
      '.env': 'DB_PASSWORD=local-only\n',
      'build/app.jar': 'jar',
      'src/Main.java': 'class Main {}\n',
    };
    await runGithubAction(
      publishGithubAction,
      { repoUrl: 'github.local?owner=acme&repo=ignoring', protectDefaultBranch: false },
      new Map(),
      undefined,
      [],
      files,
    );
    expect(gh.state.readFile('acme/ignoring', 'src/Main.java')).toBe('class Main {}\n');
    expect(gh.state.readFile('acme/ignoring', '.gitignore')).toBe('.env\nbuild/\n');
    expect(gh.state.readFile('acme/ignoring', '.env')).toBeUndefined();
    expect(gh.state.readFile('acme/ignoring', 'build/app.jar')).toBeUndefined();
  });
});

describe('publish:github with a personal account as owner', () => {
  it("refuses an owner that is neither an organisation nor the token's account, and writes nothing", async () => {
    const users = [...gh.state.world.users.values()].map((u) => u.login);
    const other = users.find((login) => login !== gh.state.actor)!;
    gh.state.createRepo(other, { name: 'dotfiles' });
    gh.state.commitFiles(`${other}/dotfiles`, { message: 'mine', files: { '.bashrc': 'set -o vi\n' } });
    const before = gh.state.repo(other, 'dotfiles').refs.get('refs/heads/main');
    await expect(runGithubAction(publishGithubAction, { repoUrl: `github.local?owner=${other}&repo=dotfiles` }, new Map())).rejects.toThrow(
      new RegExp(`${other} is not an organisation, and the integration's account is ${gh.state.actor}`),
    );
    expect(gh.state.repo(other, 'dotfiles').refs.get('refs/heads/main')).toBe(before);
    expect(() => gh.state.repo(gh.state.actor!, 'dotfiles')).toThrow();
  });

  it("creates the repository in the token's own account", async () => {
    const me = gh.state.actor!;
    await runGithubAction(
      publishGithubAction,
      { repoUrl: `github.local?owner=${me}&repo=scratch`, protectDefaultBranch: false },
      new Map(),
    );
    expect(gh.state.readFile(`${me}/scratch`, 'service.yaml')).toBe('name: payments\n');
  });
});
