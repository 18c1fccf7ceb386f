import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';
import { validatingOctokit } from './testing/octokit';
import { RestValidator, WebhookValidator } from './testing/openapi-validator';

// What adoption insights read from GitHub: deployments (deployment_status), new repositories
// (repository created), forks, and the repositories each team can reach. Every answer and payload
// is held to GitHub's published schemas.

const received: { event: string; body: Record<string, unknown> }[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({
      event: String(req.headers['x-github-event']),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
    });
    res.writeHead(202).end();
  });
});
const rest = new RestValidator();
const hooks = new WebhookValidator();
let gh: GitHubStandIn;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  gh = await createGitHubStandIn({
    seed: seedAcme,
    webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 's' },
  });
});
afterAll(async () => {
  await gh.stop();
  receiver.close();
});

describe('deployments', () => {
  it('creates a deployment and its statuses through the REST API and sends deployment_status', async () => {
    const octokit = validatingOctokit(gh.url, SEED_TOKEN, rest);
    const repo = { owner: 'acme', repo: 'booking-service' };
    const d = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
    });
    if (!('id' in d.data)) throw new Error('expected a deployment');
    expect(d.status).toBe(201);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: d.data.id, state: 'in_progress' });
    const ok = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: d.data.id,
      state: 'success',
      target_url: 'https://ci.example/run/1',
    });
    expect(ok.data.state).toBe('success');
    await expect(octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: 999999, state: 'success' })).rejects.toMatchObject({
      status: 404,
    });
    await gh.state.flushWebhooks();
    const statuses = received.filter((r) => r.event === 'deployment_status');
    expect(statuses.map((s) => (s.body.deployment_status as { state: string }).state)).toEqual(['in_progress', 'success']);
    for (const s of statuses) hooks.validate(s.event, s.body);
    expect((statuses[1]!.body.repository as { full_name: string }).full_name).toBe('acme/booking-service');
  });

  it('deploys through the state API at the world clock’s time', async () => {
    gh.state.world.now = () => new Date('2026-11-02T09:30:00Z');
    gh.state.deploy('acme/booking-service', { state: 'success' });
    gh.state.world.now = () => new Date();
    await gh.state.flushWebhooks();
    const last = received.filter((r) => r.event === 'deployment_status').at(-1)!;
    hooks.validate(last.event, last.body);
    expect((last.body.deployment_status as { created_at: string }).created_at).toBe('2026-11-02T09:30:00Z');
  });
});

describe('repositories and teams', () => {
  it('sends repository created (with fork and topics) and lists the repositories a team can reach', async () => {
    const octokit = validatingOctokit(gh.url, SEED_TOKEN, rest);
    gh.state.createRepo('acme', { name: 'forked-lib', fork: true, topics: ['wayfinder-ignore'] });
    gh.state.grantTeamRepo('acme', 'team-shipments', 'acme/forked-lib', 'maintain');
    await gh.state.flushWebhooks();
    const created = received.find((r) => r.event === 'repository' && (r.body.repository as { name: string }).name === 'forked-lib')!;
    hooks.validate(created.event, created.body);
    expect(created.body.repository).toMatchObject({ fork: true, topics: ['wayfinder-ignore'] });
    const repos = await octokit.rest.teams.listReposInOrg({ org: 'acme', team_slug: 'team-shipments' });
    expect(repos.data.map((r) => [r.name, r.role_name])).toEqual([['forked-lib', 'maintain']]);
    expect(repos.data[0]!.permissions).toMatchObject({ maintain: true, admin: false });
  });

  it('covered the operations adoption insights rely on', () => {
    const expected = [
      'POST /repos/{owner}/{repo}/deployments',
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      'GET /orgs/{org}/teams/{team_slug}/repos',
    ];
    expect(expected.filter((op) => !rest.covered.has(op))).toEqual([]);
  });
});
