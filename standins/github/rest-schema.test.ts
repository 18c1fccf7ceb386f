import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Octokit } from '@octokit/rest';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';
import { validatingOctokit } from './testing/octokit';
import { RestValidator } from './testing/openapi-validator';

// Every endpoint Wayfinder uses, called through @octokit/rest, answers in the shape GitHub's
// OpenAPI description documents for that operation.

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
const validator = new RestValidator();
let gh: GitHubStandIn;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'booking-service' };

beforeAll(async () => {
  gh = await createGitHubStandIn({ seed: seedAcme });
  octokit = validatingOctokit(gh.url, SEED_TOKEN, validator);
});
afterAll(() => gh.stop());

describe('users and orgs', () => {
  it('describes the signed-in user, their e-mails, and any user or org by login', async () => {
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data.login).toBe('sannedevries');
    expect(me.headers['x-oauth-scopes']).toContain('read:org');
    const emails = await octokit.rest.users.listEmailsForAuthenticatedUser();
    expect(emails.data.find((e) => e.primary)?.email).toBe('sanne.devries@acme-logistics.com');
    expect((await octokit.rest.users.getByUsername({ username: 'tombakker' })).data.name).toBe('Tom Bakker');
    expect((await octokit.rest.users.getByUsername({ username: 'acme' })).data.type).toBe('Organization');
  });

  it('pages through the org repositories with a Link header', async () => {
    expect((await octokit.rest.orgs.get({ org: 'acme' })).data.login).toBe('acme');
    const first = await octokit.rest.repos.listForOrg({ org: 'acme', per_page: 10 });
    expect(first.data).toHaveLength(10);
    expect(first.headers.link).toMatch(/page=2>; rel="next".*page=6>; rel="last"/);
    const all = await octokit.paginate(octokit.rest.repos.listForOrg, { org: 'acme', per_page: 10 });
    const components = readFileSync(path.join(EXAMPLES, 'catalog-info.yaml'), 'utf8').match(/\.\/components\//g)!.length;
    expect(all.map((r) => r.name)).toContain('catalog');
    expect(all).toHaveLength(components + 1);
  });

  it('lists the organisations the token’s user belongs to', async () => {
    gh.state.addOrg({ login: 'acme-labs' });
    gh.state.addOrg({ login: 'elsewhere' });
    gh.state.addOrgMember('acme-labs', 'sannedevries');
    const orgs = await octokit.paginate(octokit.rest.orgs.listForAuthenticatedUser, { per_page: 1 });
    expect(orgs.map((o) => o.login).sort()).toEqual(['acme', 'acme-labs']);
  });

  it('lists members, teams, team maintainers and child teams', async () => {
    const members = await octokit.paginate(octokit.rest.orgs.listMembers, { org: 'acme', per_page: 100 });
    expect(members.length).toBeGreaterThan(20);
    const teams = await octokit.paginate(octokit.rest.teams.list, { org: 'acme' });
    expect(teams.map((t) => t.slug)).toContain('team-shipments');
    const team = await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'team-shipments' });
    expect(team.data.parent?.slug).toBe('shipping-fulfilment');
    const maintainers = await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'team-shipments', role: 'maintainer' });
    expect(maintainers.data.map((m) => m.login)).toEqual(['sannedevries']);
    const children = await octokit.rest.teams.listChildInOrg({ org: 'acme', team_slug: 'shipping-fulfilment' });
    expect(children.data.map((t) => t.slug).sort()).toEqual(['team-carriers', 'team-routing', 'team-shipments', 'team-warehouse']);
  });
});

describe('reading a repository', () => {
  it('serves files, directories and raw content exactly as committed', async () => {
    expect((await octokit.rest.repos.get(repo)).data.default_branch).toBe('main');
    const file = await octokit.rest.repos.getContent({ ...repo, path: 'catalog-info.yaml', ref: 'main' });
    if (Array.isArray(file.data) || file.data.type !== 'file') throw new Error('expected a file');
    const expected = readFileSync(path.join(EXAMPLES, 'components/booking-service/catalog-info.yaml'), 'utf8');
    expect(Buffer.from(file.data.content, 'base64').toString('utf8')).toBe(expected);
    const dir = await octokit.rest.repos.getContent({ ...repo, path: 'docs' });
    expect(Array.isArray(dir.data) && dir.data.map((e) => e.path)).toContain('docs/index.md');
    const raw = await octokit.rest.repos.getContent({ ...repo, path: 'docs/index.md', mediaType: { format: 'raw' } });
    expect(raw.data as unknown as string).toBe(readFileSync(path.join(EXAMPLES, 'components/booking-service/docs/index.md'), 'utf8'));
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: file.data.sha });
    expect(Buffer.from(blob.data.content, 'base64').toString('utf8')).toBe(expected);
  });

  it('walks refs, branches, commits and recursive trees', async () => {
    const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.data.commit.sha).toBe(ref.data.object.sha);
    const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.data.object.sha });
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.data.tree.sha, recursive: '1' });
    expect(tree.data.tree.filter((e) => e.type === 'blob').map((e) => e.path)).toEqual(
      expect.arrayContaining(['mkdocs.yml', 'openapi.yaml', 'docs/runbook.md']),
    );
    const branches = await octokit.rest.repos.listBranches({ ...repo, per_page: 100 });
    expect(branches.data.find((b) => b.name === 'main')).toMatchObject({ commit: { sha: ref.data.object.sha }, protected: false });
    expect((await octokit.rest.repos.listBranches({ ...repo, protected: true })).data).toEqual([]);
    const restCommit = await octokit.rest.repos.getCommit({ ...repo, ref: 'main' });
    expect(restCommit.data.files?.length).toBe(tree.data.tree.filter((e) => e.type === 'blob').length);
    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.resources.core.limit).toBe(5000);
  });
});

describe('writing', () => {
  it('commits through the git database API and the contents API, then compares', async () => {
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/docs', sha: main });
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/faq.md',
      branch: 'feature/docs',
      message: 'Add FAQ',
      content: Buffer.from('# FAQ\n').toString('base64'),
    });
    expect(put.status).toBe(201);
    const update = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/faq.md',
      branch: 'feature/docs',
      message: 'Edit FAQ',
      content: Buffer.from('# FAQ\n\nQ?\n').toString('base64'),
      sha: put.data.content!.sha!,
    });
    expect(update.status).toBe(200);

    const blob = await octokit.rest.git.createBlob({ ...repo, content: 'owner: team-booking\n' });
    const base = (await octokit.rest.git.getCommit({ ...repo, commit_sha: update.data.commit.sha! })).data;
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.tree.sha,
      tree: [{ path: 'docs/owners.txt', mode: '100644', type: 'blob', sha: blob.data.sha }],
    });
    const commit = await octokit.rest.git.createCommit({ ...repo, message: 'Add owners', tree: tree.data.sha, parents: [base.sha] });
    const moved = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/feature/docs', sha: commit.data.sha });
    expect(moved.data.object.sha).toBe(commit.data.sha);

    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature/docs' });
    expect(cmp.data.status).toBe('ahead');
    expect(cmp.data.ahead_by).toBe(3);
    expect(cmp.data.files?.map((f) => [f.filename, f.status])).toEqual([
      ['docs/faq.md', 'added'],
      ['docs/owners.txt', 'added'],
    ]);
  });

  it('opens, lists and merges a pull request, moving the base branch', async () => {
    const pr = await octokit.rest.pulls.create({ ...repo, title: 'Docs', head: 'feature/docs', base: 'main' });
    expect((await octokit.rest.pulls.list(repo)).data.map((p) => p.number)).toEqual([pr.data.number]);
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data.changed_files).toBe(2);
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: pr.data.number });
    expect(files.data.map((f) => f.filename)).toEqual(['docs/faq.md', 'docs/owners.txt']);
    const pull_number = pr.data.number;
    const asked = await octokit.rest.pulls.requestReviewers({
      ...repo,
      pull_number,
      reviewers: ['tombakker'],
      team_reviewers: ['team-shipments'],
    });
    expect(asked.data.requested_reviewers?.map((u) => u.login)).toEqual(['tombakker']);
    expect(asked.data.requested_teams?.map((t) => t.slug)).toEqual(['team-shipments']);
    await expect(octokit.rest.pulls.requestReviewers({ ...repo, pull_number, reviewers: ['sannedevries'] })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Review cannot be requested from pull request author'),
    });
    await expect(octokit.rest.pulls.requestReviewers({ ...repo, pull_number, reviewers: ['no-such-user'] })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reviews may only be requested from collaborators'),
    });
    const assigned = await octokit.rest.issues.addAssignees({
      ...repo,
      issue_number: pull_number,
      assignees: ['tombakker', 'no-such-user'],
    });
    expect(assigned.data.assignees?.map((u) => u.login)).toEqual(['tombakker']);
    expect((await octokit.rest.pulls.get({ ...repo, pull_number })).data.assignee?.login).toBe('tombakker');
    const merged = await octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number });
    expect(merged.data.merged).toBe(true);
    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(main.data.object.sha).toBe(merged.data.sha);
    const after = await octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number });
    expect([after.data.state, after.data.merged]).toEqual(['closed', true]);
  });

  it('records check runs, branch protection and workflow dispatches', async () => {
    const sha = (await octokit.rest.repos.getBranch({ ...repo, branch: 'main' })).data.commit.sha;
    const run = await octokit.rest.checks.create({ ...repo, name: 'wayfinder/scorecard', head_sha: sha, status: 'in_progress' });
    const done = await octokit.rest.checks.update({
      ...repo,
      check_run_id: run.data.id,
      conclusion: 'success',
      output: { title: 'Gold', summary: '9/9 checks' },
    });
    expect(done.data.status).toBe('completed');
    const runs = await octokit.rest.checks.listForRef({ ...repo, ref: 'main' });
    expect(runs.data.check_runs.map((r) => [r.name, r.conclusion])).toEqual([['wayfinder/scorecard', 'success']]);

    // Annotations are kept, appended by each update (GitHub's rule), counted and listed.
    const annotation = {
      path: 'catalog-info.yaml',
      start_line: 4,
      end_line: 4,
      start_column: 9,
      end_column: 12,
      annotation_level: 'failure' as const,
      title: 'invalid',
      message: 'name is invalid',
    };
    const annotated = await octokit.rest.checks.create({
      ...repo,
      name: 'wayfinder/catalog',
      head_sha: sha,
      conclusion: 'failure',
      output: { title: '2 problems', summary: 'see annotations', annotations: [annotation] },
    });
    expect(annotated.data.output.annotations_count).toBe(1);
    const more = await octokit.rest.checks.update({
      ...repo,
      check_run_id: annotated.data.id,
      output: {
        title: '2 problems',
        summary: 'see annotations',
        annotations: [{ ...annotation, start_line: 7, end_line: 9, message: 'owner is missing' }],
      },
    });
    expect(more.data.output.annotations_count).toBe(2);
    const listed = await octokit.rest.checks.listAnnotations({ ...repo, check_run_id: annotated.data.id });
    expect(listed.data.map((a) => [a.path, a.start_line, a.end_line, a.start_column, a.annotation_level, a.message])).toEqual([
      ['catalog-info.yaml', 4, 4, 9, 'failure', 'name is invalid'],
      // Columns only apply to a single line.
      ['catalog-info.yaml', 7, 9, null, 'failure', 'owner is missing'],
    ]);
    expect(listed.data[0].blob_href).toBe(`${gh.url}/acme/booking-service/blob/${sha}/catalog-info.yaml`);
    const tooMany = Array.from({ length: 51 }, () => annotation);
    await expect(
      octokit.rest.checks.update({ ...repo, check_run_id: annotated.data.id, output: { title: 'x', summary: 'y', annotations: tooMany } }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.checks.create({
        ...repo,
        name: 'x',
        head_sha: sha,
        output: { title: 'x', summary: 'y', annotations: [{ ...annotation, annotation_level: 'fatal' as 'failure' }] },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.checks.listAnnotations({ ...repo, check_run_id: 999_999_999 })).rejects.toMatchObject({ status: 404 });

    await octokit.rest.repos.updateBranchProtection({
      ...repo,
      branch: 'main',
      required_status_checks: { strict: true, contexts: ['wayfinder/scorecard'] },
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
    });
    const prot = await octokit.rest.repos.getBranchProtection({ ...repo, branch: 'main' });
    expect(prot.data.required_status_checks?.contexts).toEqual(['wayfinder/scorecard']);
    expect(prot.data.required_pull_request_reviews?.required_approving_review_count).toBe(2);

    const dispatch = await octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: 'docs.yml',
      ref: 'main',
      inputs: { reason: 'test' },
    });
    expect(dispatch.status).toBe(204);
    expect(gh.state.repo('acme', 'booking-service').dispatches).toMatchObject([
      { workflowId: 'docs.yml', ref: 'main', inputs: { reason: 'test' } },
    ]);
  });

  it('lists workflow runs of a branch, newest first (scorecards read the latest default-branch run)', async () => {
    gh.state.recordWorkflowRun('acme/booking-service', { path: '.github/workflows/ci.yml', name: 'CI', conclusion: 'failure' });
    gh.state.recordWorkflowRun('acme/booking-service', { path: '.github/workflows/ci.yml', name: 'CI', conclusion: 'success' });
    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, branch: 'main', per_page: 1 });
    expect(runs.data.total_count).toBe(2);
    expect(runs.data.workflow_runs.map((r) => [r.name, r.run_number, r.conclusion, r.path])).toEqual([
      ['CI', 2, 'success', '.github/workflows/ci.yml'],
    ]);
    expect((await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, branch: 'other' })).data.total_count).toBe(0);
  });

  it('reads a run and its jobs with their steps, as a running and a failed run report them', async () => {
    const running = gh.state.recordWorkflowRun('acme/booking-service', {
      path: '.github/workflows/ci.yml',
      name: 'CI',
      status: 'in_progress',
      seconds: 90,
      jobs: [{ name: 'test', steps: ['Set up job', 'Run tests'] }],
    });
    const failed = gh.state.recordWorkflowRun('acme/booking-service', {
      path: '.github/workflows/deploy.yml',
      conclusion: 'failure',
      seconds: 60,
      jobs: [{ name: 'lint', conclusion: 'success' }, { name: 'deploy' }],
    });
    const run = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: running.id });
    expect([run.data.status, run.data.conclusion, run.data.name]).toEqual(['in_progress', null, 'CI']);
    const jobs = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: running.id });
    expect(jobs.data.jobs.map((j) => [j.name, j.status, j.steps!.map((s) => s.status)])).toEqual([
      ['test', 'in_progress', ['completed', 'in_progress']],
    ]);
    const done = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: failed.id });
    expect(done.data.jobs.map((j) => [j.name, j.conclusion, j.steps!.map((s) => s.conclusion)])).toEqual([
      ['lint', 'success', ['success', 'success', 'success']],
      ['deploy', 'failure', ['success', 'failure', 'success']],
    ]);
    expect(Date.parse(done.data.jobs[1]!.completed_at!) - Date.parse(done.data.jobs[1]!.started_at)).toBe(60_000);
    await expect(octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 999_999_999 })).rejects.toMatchObject({ status: 404 });
  });

  it('creates repositories for an org and for the signed-in user', async () => {
    const org = await octokit.rest.repos.createInOrg({ org: 'acme', name: 'new-service', description: 'From a template', auto_init: true });
    expect(org.data.full_name).toBe('acme/new-service');
    const mine = await octokit.rest.repos.createForAuthenticatedUser({ name: 'scratch' });
    expect(mine.data.owner.login).toBe('sannedevries');
  });

  it('sets up a new repository as the scaffolder does: internal, topics, default branch, webhook', async () => {
    const created = await octokit.rest.repos.createInOrg({
      org: 'acme',
      name: 'golden-path',
      visibility: 'internal' as 'private',
      auto_init: true,
    });
    expect(created.data.visibility).toBe('internal');
    const r = { owner: 'acme', repo: 'golden-path' };
    const head = (await octokit.rest.git.getRef({ ...r, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...r, ref: 'refs/heads/trunk', sha: head });
    expect((await octokit.rest.repos.update({ ...r, default_branch: 'trunk' })).data.default_branch).toBe('trunk');
    await octokit.rest.git.deleteRef({ ...r, ref: 'heads/main' });
    expect((await octokit.rest.repos.replaceAllTopics({ ...r, names: ['java', 'grpc'] })).data.names).toEqual(['java', 'grpc']);
    expect((await octokit.rest.repos.getAllTopics(r)).data.names).toEqual(['java', 'grpc']);
    const hook = await octokit.rest.repos.createWebhook({
      ...r,
      events: ['push'],
      config: { url: 'https://portal.example/api/webhooks/github', content_type: 'json', secret: 'x' },
    });
    expect(hook.data.config.secret).toBe('********');
    expect((await octokit.rest.repos.listWebhooks(r)).data.map((h) => h.config.url)).toEqual([
      'https://portal.example/api/webhooks/github',
    ]);
    // Access: a team of the organisation, a member (at once: 204) and someone outside it (invited: 201).
    const team = await octokit.rest.teams.addOrUpdateRepoPermissionsInOrg({
      org: 'acme',
      team_slug: 'team-shipments',
      ...r,
      permission: 'admin',
    });
    expect(team.status).toBe(204);
    expect(gh.state.world.team('acme', 'team-shipments')!.repos.get('acme/golden-path')).toBe('admin');
    expect((await octokit.rest.repos.addCollaborator({ ...r, username: 'tombakker', permission: 'maintain' })).status).toBe(204);
    gh.state.addUser({ login: 'outside-dev', name: 'Outside Dev', email: null });
    const invited = await octokit.rest.repos.addCollaborator({ ...r, username: 'outside-dev', permission: 'pull' });
    expect([invited.status, invited.data.permissions, invited.data.invitee?.login]).toEqual([201, 'read', 'outside-dev']);
    await expect(octokit.rest.repos.addCollaborator({ ...r, username: 'no-such-user' })).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.teams.addOrUpdateRepoPermissionsInOrg({
        org: 'acme',
        team_slug: 'team-shipments',
        ...r,
        permission: 'owner' as 'admin',
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("sets a repository's Actions variables and sealed secrets, OIDC template, subscription and signed-commit rule", async () => {
    const r = { owner: 'acme', repo: 'golden-path' };
    const created = await octokit.rest.repos.createInOrg({
      org: 'acme',
      name: 'settings-path',
      has_wiki: false,
      allow_auto_merge: true,
      squash_merge_commit_title: 'PR_TITLE',
      squash_merge_commit_message: 'PR_BODY',
      custom_properties: { tier: 'gold' },
    });
    expect([created.data.has_wiki, created.data.allow_auto_merge, created.data.squash_merge_commit_title]).toEqual([
      false,
      true,
      'PR_TITLE',
    ]);
    expect(created.data.custom_properties).toEqual({ tier: 'gold' });
    expect((await octokit.rest.actions.createRepoVariable({ ...r, name: 'REGION', value: 'eu' })).status).toBe(201);
    await expect(octokit.rest.actions.createRepoVariable({ ...r, name: 'REGION', value: 'us' })).rejects.toMatchObject({ status: 409 });
    expect((await octokit.rest.actions.updateRepoVariable({ ...r, name: 'REGION', value: 'us' })).status).toBe(204);
    expect((await octokit.rest.actions.listRepoVariables(r)).data.variables.map((v) => [v.name, v.value])).toEqual([['REGION', 'us']]);
    await expect(octokit.rest.actions.createRepoVariable({ ...r, name: 'GITHUB_X', value: 'x' })).rejects.toMatchObject({ status: 422 });

    const { data: key } = await octokit.rest.actions.getRepoPublicKey(r);
    await sodium.ready;
    const seal = (v: string) =>
      sodium.to_base64(
        sodium.crypto_box_seal(sodium.from_string(v), sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL)),
        sodium.base64_variants.ORIGINAL,
      );
    const put = (value: string, key_id = key.key_id) =>
      octokit.rest.actions.createOrUpdateRepoSecret({ ...r, secret_name: 'DEPLOY_TOKEN', encrypted_value: seal(value), key_id });
    expect((await put('one')).status).toBe(201);
    expect((await put('two')).status).toBe(204);
    await expect(put('three', 'another-key')).rejects.toMatchObject({ status: 422 });
    expect(gh.state.repo('acme', 'golden-path').secrets.get('DEPLOY_TOKEN')?.value).toBe('two');
    expect((await octokit.rest.actions.listRepoSecrets(r)).data.secrets.map((x) => x.name)).toEqual(['DEPLOY_TOKEN']);

    const oidc = await octokit.request('PUT /repos/{owner}/{repo}/actions/oidc/customization/sub', {
      ...r,
      use_default: false,
      include_claim_keys: ['repo'],
    });
    expect(oidc.status).toBe(201);
    expect((await octokit.rest.activity.setRepoSubscription({ ...r, subscribed: true, ignored: false })).data.subscribed).toBe(true);

    await expect(octokit.rest.repos.createCommitSignatureProtection({ ...r, branch: 'trunk' })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.repos.updateBranchProtection({
      ...r,
      branch: 'trunk',
      required_status_checks: null,
      enforce_admins: true,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    expect((await octokit.rest.repos.createCommitSignatureProtection({ ...r, branch: 'trunk' })).data.enabled).toBe(true);
    expect((await octokit.rest.repos.getBranchProtection({ ...r, branch: 'trunk' })).data.required_signatures?.enabled).toBe(true);
  });

  it('creates environments with reviewers, branch policies, variables and secrets; deploy keys, autolinks, Pages and labels', async () => {
    const r = { owner: 'acme', repo: 'golden-path' };
    const env = { ...r, environment_name: 'production' };
    const tom = (await octokit.rest.users.getByUsername({ username: 'tombakker' })).data.id;
    const team = (await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'team-shipments' })).data.id;
    const created = await octokit.rest.repos.createOrUpdateEnvironment({
      ...env,
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: 'User', id: tom },
        { type: 'Team', id: team },
      ],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(created.data.protection_rules?.map((p) => p.type)).toEqual(['wait_timer', 'required_reviewers', 'branch_policy']);
    await expect(
      octokit.rest.repos.createOrUpdateEnvironment({
        ...env,
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: true },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await octokit.rest.repos.createDeploymentBranchPolicy({ ...env, name: 'release/*', type: 'branch' })).data.name).toBe(
      'release/*',
    );
    expect((await octokit.rest.actions.createEnvironmentVariable({ ...env, name: 'REGION', value: 'eu' })).status).toBe(201);
    expect((await octokit.rest.actions.updateEnvironmentVariable({ ...env, name: 'REGION', value: 'us' })).status).toBe(204);
    const { data: key } = await octokit.rest.actions.getEnvironmentPublicKey(env);
    await sodium.ready;
    const sealed = sodium.to_base64(
      sodium.crypto_box_seal(sodium.from_string('s'), sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL)),
      sodium.base64_variants.ORIGINAL,
    );
    expect(
      (
        await octokit.rest.actions.createOrUpdateEnvironmentSecret({
          ...env,
          secret_name: 'API_KEY',
          encrypted_value: sealed,
          key_id: key.key_id,
        })
      ).status,
    ).toBe(201);
    expect(gh.state.repo('acme', 'golden-path').environments.get('production')!.secrets.get('API_KEY')?.value).toBe('s');

    const deployKey = await octokit.rest.repos.createDeployKey({ ...r, title: 'ci', key: `ssh-ed25519 ${'A'.repeat(68)} ci@example` });
    expect([deployKey.status, deployKey.data.read_only]).toEqual([201, true]);
    await expect(octokit.rest.repos.createDeployKey({ ...r, title: 'again', key: `ssh-ed25519 ${'A'.repeat(68)}` })).rejects.toMatchObject({
      status: 422,
    });
    const link = await octokit.rest.repos.createAutolink({ ...r, key_prefix: 'TICKET-', url_template: 'https://t.example/TICKET-<num>' });
    expect(link.data.is_alphanumeric).toBe(true);
    const pages = await octokit.rest.repos.createPagesSite({ ...r, build_type: 'legacy', source: { branch: 'trunk', path: '/docs' } });
    expect([pages.status, pages.data.build_type, pages.data.source]).toEqual([201, 'legacy', { branch: 'trunk', path: '/docs' }]);
    await expect(octokit.rest.repos.createPagesSite({ ...r, build_type: 'workflow' })).rejects.toMatchObject({ status: 409 });

    const head = (await octokit.rest.git.getRef({ ...r, ref: 'heads/trunk' })).data.object.sha;
    await octokit.rest.git.createRef({ ...r, ref: 'refs/heads/labelled', sha: head });
    await octokit.rest.repos.createOrUpdateFileContents({ ...r, path: 'x.txt', message: 'x', content: 'eA==', branch: 'labelled' });
    const pr = await octokit.rest.pulls.create({ ...r, title: 'Labelled', head: 'labelled', base: 'trunk' });
    const issue = await octokit.rest.issues.create({ ...r, title: 'Checklist', body: 'x', labels: ['todo'], assignees: ['tombakker'] });
    expect([issue.status, issue.data.number, issue.data.labels.map((l) => (typeof l === 'string' ? l : l.name))]).toEqual([
      201,
      pr.data.number + 1,
      ['todo'],
    ]);
    await expect(octokit.rest.issues.create({ ...r, title: 'x', milestone: 7 })).rejects.toMatchObject({ status: 422 });
    const labels = await octokit.rest.issues.addLabels({ ...r, issue_number: pr.data.number, labels: ['scaffolder'] });
    expect(labels.data.map((l) => l.name)).toEqual(['scaffolder']);
    expect((await octokit.rest.pulls.get({ ...r, pull_number: pr.data.number })).data.labels.map((l) => l.name)).toEqual(['scaffolder']);
  });

  it('refuses repository creation as GitHub does for an App without Administration: write, and for an org policy', async () => {
    gh.state.refuseRepoCreation('acme', 'integration');
    await expect(octokit.rest.repos.createInOrg({ org: 'acme', name: 'refused' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    gh.state.refuseRepoCreation('acme', 'policy');
    await expect(octokit.rest.repos.createInOrg({ org: 'acme', name: 'refused' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('admin access to the organization'),
    });
    gh.state.refuseRepoCreation('acme', null);
    await expect(octokit.rest.repos.createInOrg({ org: 'acme', name: 'golden-path' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('name already exists'),
    });
  });
});

it('covered every operation Wayfinder relies on', () => {
  const expected = [
    'GET /user',
    'GET /user/emails',
    'GET /user/orgs',
    'GET /users/{username}',
    'GET /orgs/{org}',
    'GET /orgs/{org}/repos',
    'GET /repos/{owner}/{repo}',
    'GET /repos/{owner}/{repo}/contents/{path}',
    'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
    'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
    'POST /repos/{owner}/{repo}/git/trees',
    'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
    'POST /repos/{owner}/{repo}/git/commits',
    'GET /repos/{owner}/{repo}/git/ref/{ref}',
    'POST /repos/{owner}/{repo}/git/refs',
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
    'PUT /repos/{owner}/{repo}/contents/{path}',
    'GET /repos/{owner}/{repo}/branches',
    'GET /repos/{owner}/{repo}/branches/{branch}',
    'GET /repos/{owner}/{repo}/commits/{ref}',
    'GET /repos/{owner}/{repo}/compare/{basehead}',
    'GET /orgs/{org}/teams',
    'GET /orgs/{org}/teams/{team_slug}',
    'GET /orgs/{org}/teams/{team_slug}/members',
    'GET /orgs/{org}/members',
    'GET /orgs/{org}/teams/{team_slug}/teams',
    'POST /repos/{owner}/{repo}/pulls',
    'GET /repos/{owner}/{repo}/pulls',
    'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
    'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    'POST /repos/{owner}/{repo}/check-runs',
    'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
    'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    'GET /repos/{owner}/{repo}/branches/{branch}/protection',
    'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    'POST /orgs/{org}/repos',
    'POST /user/repos',
    'GET /rate_limit',
    'PATCH /repos/{owner}/{repo}',
    'PUT /repos/{owner}/{repo}/topics',
    'GET /repos/{owner}/{repo}/topics',
    'POST /repos/{owner}/{repo}/hooks',
    'GET /repos/{owner}/{repo}/hooks',
    'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
    'GET /repos/{owner}/{repo}/actions/runs',
    'PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}',
    'PUT /repos/{owner}/{repo}/collaborators/{username}',
    'POST /repos/{owner}/{repo}/actions/variables',
    'PATCH /repos/{owner}/{repo}/actions/variables/{name}',
    'GET /repos/{owner}/{repo}/actions/secrets/public-key',
    'PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}',
    'PUT /repos/{owner}/{repo}/actions/oidc/customization/sub',
    'PUT /repos/{owner}/{repo}/subscription',
    'POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures',
    'PUT /repos/{owner}/{repo}/environments/{environment_name}',
    'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    'POST /repos/{owner}/{repo}/environments/{environment_name}/variables',
    'PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}',
    'GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key',
    'PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}',
    'POST /repos/{owner}/{repo}/keys',
    'POST /repos/{owner}/{repo}/autolinks',
    'POST /repos/{owner}/{repo}/pages',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    'POST /repos/{owner}/{repo}/issues',
  ];
  expect(expected.filter((op) => !validator.covered.has(op))).toEqual([]);
});
