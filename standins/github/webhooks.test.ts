import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';
import { WebhookValidator } from './testing/openapi-validator';

// Every webhook the stand-in sends is signed like GitHub's and matches @octokit/openapi-webhooks.

const SECRET = 'it-is-a-secret';
interface Received {
  event: string;
  id: string;
  hookId: string;
  userAgent: string;
  signature: string;
  body: string;
}
const received: Received[] = [];
let receiverStatus = 202;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const h = (name: string) => String(req.headers[name] ?? '');
    received.push({
      event: h('x-github-event'),
      id: h('x-github-delivery'),
      hookId: h('x-github-hook-id'),
      userAgent: h('user-agent'),
      signature: h('x-hub-signature-256'),
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(receiverStatus).end();
  });
});

let gh: GitHubStandIn;
let octokit: Octokit;
const validator = new WebhookValidator();

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhook`;
  gh = await createGitHubStandIn({ seed: seedAcme, webhook: { url, secret: SECRET } });
  octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
});
afterAll(async () => {
  await gh.stop();
  receiver.close();
});

/** The fields these tests read, across the events they read them from. */
interface Payload {
  action?: string;
  ref: string;
  before: string;
  after: string;
  created: boolean;
  head_commit: { id: string; message: string } | null;
  commits: { added: string[]; modified: string[]; removed: string[] }[];
  pull_request: { merged: boolean; merge_commit_sha: string };
  changes: { repository: { name: { from: string } } };
}
const payloadsOf = (event: string) => received.filter((r) => r.event === event).map((r) => JSON.parse(r.body) as Payload);

describe('webhook deliveries', () => {
  it('sends every event Wayfinder handles, each valid against GitHub’s schema', async () => {
    const s = gh.state;
    // repository
    await octokit.rest.repos.createInOrg({ org: 'acme', name: 'hooks-demo', auto_init: true });
    s.archiveRepo('acme/legacy-fax-gateway');
    s.renameRepo('acme/quote-calculator', 'quote-calculator-v2');
    s.transferRepo('acme/marketing-site', 'tombakker');
    s.deleteRepo('tombakker/marketing-site');
    // push through the contents API and through the state API (an add, a modify, a delete)
    const main = (await octokit.rest.git.getRef({ owner: 'acme', repo: 'hooks-demo', ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ owner: 'acme', repo: 'hooks-demo', ref: 'refs/heads/feature', sha: main });
    await octokit.rest.repos.createOrUpdateFileContents({
      owner: 'acme',
      repo: 'hooks-demo',
      path: 'catalog-info.yaml',
      branch: 'feature',
      message: 'Register',
      content: Buffer.from('kind: Component\n').toString('base64'),
    });
    // pull_request opened → synchronize (a push to its head) → closed (merged)
    const pr = await octokit.rest.pulls.create({ owner: 'acme', repo: 'hooks-demo', title: 'Register', head: 'feature', base: 'main' });
    s.commitFiles('acme/hooks-demo', {
      branch: 'feature',
      message: 'Tweak',
      files: { 'catalog-info.yaml': 'kind: Component\nmetadata: {}\n', 'README.md': null, 'docs/index.md': '# Hi\n' },
    });
    await octokit.rest.pulls.merge({ owner: 'acme', repo: 'hooks-demo', pull_number: pr.data.number });
    // teams, memberships, org membership
    s.addUser({ login: 'newhire', name: 'New Hire', email: 'new.hire@acme-logistics.com' });
    s.addOrgMember('acme', 'newhire');
    s.addTeam('acme', { name: 'Team Payments', parent: 'customer-experience' });
    s.editTeam('acme', 'team-payments', { description: 'Money in, money out' });
    s.addTeamMember('acme', 'team-payments', 'newhire', 'maintainer');
    s.removeTeamMember('acme', 'team-payments', 'newhire');
    s.deleteTeam('acme', 'team-payments');
    s.removeOrgMember('acme', 'newhire');
    await s.flushWebhooks();

    const kinds = new Set(received.map((r) => `${r.event}.${JSON.parse(r.body).action ?? ''}`));
    expect([...kinds].sort()).toEqual([
      'membership.added',
      'membership.removed',
      'organization.member_added',
      'organization.member_removed',
      'ping.',
      'pull_request.closed',
      'pull_request.opened',
      'pull_request.synchronize',
      'push.',
      'repository.archived',
      'repository.created',
      'repository.deleted',
      'repository.renamed',
      'repository.transferred',
      'team.created',
      'team.deleted',
      'team.edited',
    ]);
    for (const r of received) validator.validate(r.event, JSON.parse(r.body));
  });

  it('signs with X-Hub-Signature-256 over the raw body and sends GitHub’s headers', async () => {
    for (const r of received) {
      expect(await verify(SECRET, r.body, r.signature)).toBe(true);
      expect(r.userAgent).toMatch(/^GitHub-Hookshot\//);
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.hookId).toBe('1');
    }
    expect(await verify('wrong-secret', received[0]!.body, received[0]!.signature)).toBe(false);
  });

  it('describes a push: commits with added/modified/removed, head commit and moved SHAs', () => {
    const pushes = payloadsOf('push');
    const tweak = pushes.find((p) => p.head_commit?.message === 'Tweak')!;
    expect(tweak.ref).toBe('refs/heads/feature');
    expect(tweak.commits[0]).toMatchObject({ added: ['docs/index.md'], modified: ['catalog-info.yaml'], removed: ['README.md'] });
    expect(tweak.after).toBe(tweak.head_commit!.id);
    const branchCreated = pushes.find((p) => p.created)!;
    expect(branchCreated.before).toBe('0'.repeat(40));
    const merged = payloadsOf('pull_request').find((p) => p.action === 'closed')!;
    expect(merged.pull_request.merged).toBe(true);
    const mergePush = pushes.find((p) => p.ref === 'refs/heads/main' && p.after === merged.pull_request.merge_commit_sha);
    expect(mergePush).toBeDefined();
    expect(payloadsOf('repository').find((p) => p.action === 'renamed')!.changes.repository.name.from).toBe('quote-calculator');
  });

  it('records every delivery and redelivers with the same delivery id and body', async () => {
    expect(gh.state.deliveries).toHaveLength(received.length);
    expect(gh.state.deliveries.every((d) => d.status === 202)).toBe(true);
    const first = gh.state.deliveries.find((d) => d.event === 'push')!;
    receiverStatus = 500;
    gh.state.redeliver(first.id);
    await gh.state.flushWebhooks();
    const copies = received.filter((r) => r.id === first.id);
    expect(copies).toHaveLength(2);
    expect(copies[1]!.body).toBe(copies[0]!.body);
    expect(first.status).toBe(500);
    expect(first.attempts.map((a) => [a.status, a.redelivery])).toEqual([
      [202, false],
      [500, true],
    ]);
  });

  it('announces workflow runs and branch protection rules (scorecards read them), valid against GitHub’s schema', async () => {
    receiverStatus = 202;
    const before = received.length;
    gh.state.recordWorkflowRun('acme/booking-service', { path: '.github/workflows/ci.yml', name: 'CI', conclusion: 'failure' });
    await octokit.rest.repos.updateBranchProtection({
      owner: 'acme',
      repo: 'booking-service',
      branch: 'main',
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    gh.state.protectBranch('acme/booking-service', 'main', null);
    await gh.state.flushWebhooks();
    const sent = received.slice(before).map((r) => ({
      event: r.event,
      body: JSON.parse(r.body) as {
        action: string;
        workflow_run?: { conclusion: string; head_branch: string };
        rule?: { required_approving_review_count: number };
      },
    }));
    expect(sent.map((r) => `${r.event}.${r.body.action}`)).toEqual([
      'workflow_run.completed',
      'branch_protection_rule.created',
      'branch_protection_rule.deleted',
    ]);
    expect(sent[0].body.workflow_run).toMatchObject({ conclusion: 'failure', head_branch: 'main' });
    expect(sent[1].body.rule?.required_approving_review_count).toBe(1);
    for (const r of sent) validator.validate(r.event, r.body);
  });
});
