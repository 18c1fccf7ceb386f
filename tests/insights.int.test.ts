import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import * as metricsRoute from '@/app/api/insights/metrics/route';
import * as feedbackRoute from '@/app/api/insights/feedback/route';
import { createApiToken } from '@/lib/auth/api-tokens';
import type { Actor } from '@/lib/auth/permissions';
import { registerLocation, unregisterLocation } from '@/lib/catalog/location-admin';
import { getInsights, proposeRegistration } from '@/lib/insights';
import { syncRepositoryInventory } from '@/lib/insights/inventory';
import { recordVisit } from '@/lib/auth/activity';
import { dailyInsightsJob } from '@/lib/insights/jobs';
import { pruneActivity, recordSearchMiss, snapshotDocsFreshness, submitFeedback } from '@/lib/insights/mutations';
import type { Metric, MetricId } from '@/lib/insights/model/metric';
import { weekStart } from '@/lib/insights/model/weeks';
import { SEED_TOKEN } from '@/standins/github/seed';
import { webhookRepository } from '@/standins/github/webhook-payloads';
import { startGithubEnvironment, until, type GithubEnvironment } from '@/testing/github-environment';
import { createTestUser, signInAs, type TestUser } from '@/testing/sign-in';
import { useTestDb } from '@/testing/test-db';

// Every adoption metric from events sent through the real webhook path (the GitHub stand-in's
// signed deliveries → /api/webhooks/github → job → subscriptions), checked against values worked
// out by hand in the comments.

vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

const t = useTestDb();
const SECRET = 'insights-test-secret';
const DAY = 86_400_000;
const t0 = new Date();
const ago = (days: number, minutes = 0) => new Date(t0.getTime() - days * DAY + minutes * 60_000);
let env: GithubEnvironment;
let alice: TestUser;
let carol: TestUser;

const descriptor = (name: string, owner: string, annotations: Record<string, string> = {}) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    ...Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}`),
    ...(Object.keys(annotations).length ? [] : ['    {}']),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
    '',
  ]
    .join('\n')
    .replace('  annotations:\n    {}', '  annotations: {}');

function at<T>(when: Date, fn: () => T): T {
  env.gh.state.world.now = () => when;
  try {
    return fn();
  } finally {
    env.gh.state.world.now = () => new Date();
  }
}

/** A workflow_run delivery as GitHub sends it, signed and sent by the stand-in's webhook sender. */
function workflowRun(repo: string, run: { path: string; name: string; branch: string; conclusion: string; at: Date }) {
  const gh = env.gh;
  const r = gh.state.repo('globex', repo);
  gh.state.hooks.emit('workflow_run', {
    action: 'completed',
    workflow_run: {
      id: gh.state.world.id(),
      name: run.name,
      path: run.path,
      head_branch: run.branch,
      head_sha: r.refs.get(`refs/heads/${r.defaultBranch}`),
      status: 'completed',
      conclusion: run.conclusion,
      event: 'push',
      created_at: run.at.toISOString(),
      updated_at: run.at.toISOString(),
    },
    workflow: { name: run.name, path: run.path },
    repository: webhookRepository(gh.state.world, gh.url, r),
    sender: { login: 'alice', html_url: `${gh.url}/alice` },
  });
}

const metric = (list: Metric[], id: MetricId) => list.find((m) => m.id === id)!;

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET, {
    sections: ['auth:', '  admins:', '    logins: [alice]', 'insights:', '  feedbackPerHour: 2', '  minTeamPeople: 2', '  cacheSeconds: 0'],
  });
  const s = env.gh.state;
  s.addOrg({ login: 'globex', name: 'Globex' });
  for (const login of ['alice', 'bob', 'carol', 'dave']) {
    s.addUser({ login, name: login[0]!.toUpperCase() + login.slice(1), email: `${login}@globex.example` });
    s.addOrgMember('globex', login);
  }
  s.addTeam('globex', { name: 'Team A', slug: 'team-a' });
  s.addTeam('globex', { name: 'Team B', slug: 'team-b' });
  for (const [team, login] of [
    ['team-a', 'alice'],
    ['team-a', 'bob'],
    ['team-b', 'carol'],
    ['team-b', 'dave'],
  ] as const)
    s.addTeamMember('globex', team, login);
  await s.flushWebhooks();
  // Org sync (Users and Groups) and discovery of the organisation's repositories.
  await registerLocation({ type: 'github-org', target: `${env.gh.url}/globex` });
  await registerLocation({ type: 'github-discovery', target: `${env.gh.url}/globex` });

  // Repositories, each created at its own time (repository created webhooks carry it).
  const docs = { 'mkdocs.yml': 'site_name: Docs\n', 'docs/index.md': '# Docs\n' };
  at(ago(120), () =>
    s.createRepo('globex', {
      name: 'orders',
      files: { 'catalog-info.yaml': descriptor('orders', 'team-a', { 'backstage.io/techdocs-ref': 'dir:.' }), ...docs },
    }),
  );
  at(ago(200), () => s.createRepo('globex', { name: 'legacy', files: { 'README.md': '# old\n' } }));
  s.archiveRepo('globex/legacy');
  at(ago(10), () => s.createRepo('globex', { name: 'fork-lib', fork: true }));
  at(ago(5), () => s.createRepo('globex', { name: 'sandbox', topics: ['wayfinder-ignore'] }));
  at(ago(30), () => s.createRepo('globex', { name: 'old-thing' }));
  s.deleteRepo('globex/old-thing');
  at(ago(12), () =>
    s.createRepo('globex', {
      name: 'billing',
      files: {
        'catalog-info.yaml': descriptor('billing', 'team-b', {
          'backstage.io/techdocs-ref': 'dir:.',
          'backstage.io/source-template': 'template:default/service',
        }),
        ...docs,
      },
    }),
  );
  at(ago(6), () =>
    s.createRepo('globex', {
      name: 'search',
      files: {
        'catalog-info.yaml': descriptor('search', 'team-a', { 'backstage.io/techdocs-ref': 'dir:.', 'github.com/workflows': 'deploy.yml' }),
        ...docs,
      },
    }),
  );
  at(ago(3), () => s.createRepo('globex', { name: 'docs-site', files: { 'catalog-info.yaml': descriptor('docs-site', 'team-b') } }));
  // payments: created through the REST API (as the scaffolder does), no descriptor; CODEOWNERS names team-a, team-b has access.
  const octokit = new Octokit({ baseUrl: env.gh.url, auth: SEED_TOKEN });
  env.gh.state.world.now = () => ago(7);
  await octokit.rest.repos.createInOrg({ org: 'globex', name: 'payments', auto_init: true });
  env.gh.state.world.now = () => new Date();
  s.commitFiles('globex/payments', { branch: 'main', message: 'Owners', files: { '.github/CODEOWNERS': '*  @globex/team-a\n' } });
  s.grantTeamRepo('globex', 'team-b', 'globex/payments');
  s.grantTeamRepo('globex', 'team-a', 'globex/search');
  await s.flushWebhooks();
  await until(
    () => t.db.prisma.entity.count({ where: { kind: 'Component' } }),
    (n) => n === 4,
    20_000,
  );
  await until(
    () => t.db.prisma.webhookDelivery.count({ where: { status: 'queued' } }),
    (n) => n === 0,
    20_000,
  );

  // Two template runs: payments and search.
  for (const [repo, completedAt] of [
    ['payments', ago(7, 60)],
    ['search', ago(6)],
  ] as const) {
    await t.db.prisma.scaffolderTask.create({
      data: {
        templateRef: 'template:default/service',
        template: {},
        values: {},
        status: 'completed',
        createdBy: 'user:x',
        completedAt,
        steps: {
          create: {
            stepId: 'publish',
            position: 0,
            name: 'Publish',
            action: 'publish:github',
            status: 'completed',
            output: { remoteUrl: `${env.gh.url}/globex/${repo}.git` },
          },
        },
      },
    });
  }
  // payments deploys 45 minutes after its task (a failure before does not count).
  at(ago(7, 90), () => s.deploy('globex/payments', { state: 'failure' }));
  at(ago(7, 105), () => s.deploy('globex/payments', { state: 'success' }));
  at(ago(5), () => s.deploy('globex/payments', { state: 'success' }));
  // search: only the first green run of deploy.yml on main counts (120 minutes after its task).
  workflowRun('search', { path: '.github/workflows/deploy.yml', name: 'Deploy', branch: 'feature', conclusion: 'success', at: ago(6, 30) });
  workflowRun('search', { path: '.github/workflows/deploy.yml', name: 'Deploy', branch: 'main', conclusion: 'failure', at: ago(6, 60) });
  workflowRun('search', { path: '.github/workflows/lint.yml', name: 'Lint', branch: 'main', conclusion: 'success', at: ago(6, 60) });
  workflowRun('search', { path: '.github/workflows/deploy.yml', name: 'Deploy', branch: 'main', conclusion: 'success', at: ago(6, 120) });
  workflowRun('search', { path: '.github/workflows/deploy.yml', name: 'Deploy', branch: 'main', conclusion: 'success', at: ago(4) });
  await s.flushWebhooks();
  await until(
    () => t.db.prisma.webhookDelivery.count({ where: { status: 'queued' } }),
    (n) => n === 0,
    20_000,
  );
  // The org listing adds the teams with access.
  await syncRepositoryInventory();

  // Docs: orders last changed 40 days ago, search 10 days ago, billing was pushed 2 days ago.
  const site = (entityRef: string, sourceChangedAt: Date) => ({
    entityRef,
    sourceType: 'github',
    source: 'x',
    siteName: 'Docs',
    sourceChangedAt,
  });
  await t.db.prisma.docsSite.create({ data: site('component:default/orders', ago(40)) });
  await t.db.prisma.docsSite.create({ data: site('component:default/search', ago(10)) });
  await t.db.prisma.docsState.create({ data: { entityRef: 'component:default/billing', changedAt: ago(2) } });
  await snapshotDocsFreshness(ago(7));

  // Sign-ins over several weeks: alice today and yesterday, bob 3 days ago, carol 10 days ago, dave never.
  alice = await createTestUser({ login: 'alice', entityRef: 'user:default/alice' });
  const bob = await createTestUser({ login: 'bob', entityRef: 'user:default/bob' });
  carol = await createTestUser({ login: 'carol', entityRef: 'user:default/carol' });
  const person = (u: TestUser) => ({ userId: u.id, userRef: u.entityRef });
  await recordVisit(person(alice), '/catalog', ago(1));
  await recordVisit(person(bob), '/catalog/[kind]/[namespace]/[name]', ago(3));
  await recordVisit(person(carol), '/search', ago(10));
  await recordVisit(person(carol), '/docs', ago(500));
  await signInAs(alice);
  const { recordVisitAction } = await import('@/lib/insights/actions');
  expect(await recordVisitAction({ path: '/catalog/component/default/orders' })).toEqual({ ok: true, data: { recorded: true } });
}, 120_000);

afterAll(() => env?.close());

describe('adoption metrics from GitHub events', () => {
  it('measures each metric as worked out by hand', async () => {
    const { metrics } = await getInsights();
    // Counted: orders, billing, payments, search, docs-site (legacy archived, fork-lib a fork,
    // sandbox ignored by topic, old-thing deleted). Registered: all but payments → 4/5.
    expect(metric(metrics, 'catalog-coverage')).toMatchObject({ value: 80, summary: '4 of 5 repositories have a catalog entity' });
    expect(metric(metrics, 'catalog-coverage').drillDown.rows.map((r) => r.cells[0])).toEqual(['globex/payments']);
    // New in 90 days: billing (source-template), payments and search (tasks), docs-site → 3/4.
    expect(metric(metrics, 'template-usage')).toMatchObject({ value: 75 });
    // payments 45 min, search 120 min → median 82.5, p90 120.
    expect(metric(metrics, 'onboarding-time')).toMatchObject({ value: 82.5, summary: 'median 82.5 min, p90 120 min over 2 new services' });
    // alice and bob in the last 7 days, of 4 User entities.
    expect(metric(metrics, 'dau-wau')).toMatchObject({ value: 50 });
    // search (10 days) and billing (2 days) of orders, billing, search → 2/3.
    expect(metric(metrics, 'docs-freshness')).toMatchObject({ value: 66.7 });
    expect(metric(metrics, 'mttr')).toMatchObject({ value: null, status: 'needs-integration' });
    expect(metric(metrics, 'mttr').summary).toMatch(/^No entity carries an incident annotation \(pagerduty\.com\/service-id, .*\) yet$/);
  });

  it('draws the weekly trends from event dates and the daily docs snapshot', async () => {
    const { metrics } = await getInsights();
    const weekOf = (m: Metric, d: Date) =>
      m.trend.find(
        (p) =>
          p.week <= d.toISOString().slice(0, 10) &&
          d.toISOString().slice(0, 10) < new Date(Date.parse(p.week) + 7 * DAY).toISOString().slice(0, 10),
      )!;
    const coverage = metric(metrics, 'catalog-coverage');
    expect(coverage.trend.at(-1)!.value).toBe(80);
    // Twelve weeks ago only orders existed, not yet registered.
    expect(coverage.trend[0]!.value).toBe(0);
    // The snapshot of 7 days ago: only search's docs had changed in the 30 days before → 1/3.
    expect(weekOf(metric(metrics, 'docs-freshness'), ago(7)).value).toBe(33.3);
    // The week of payments' task: 45 minutes, or the median with search's when both fell in one week.
    const sameWeek = weekStart(ago(7, 60)).getTime() === weekStart(ago(6)).getTime();
    expect(weekOf(metric(metrics, 'onboarding-time'), ago(7, 60)).value).toBe(sameWeek ? 82.5 : 45);
  });

  it('filters by team: its groups’ repositories, entities and members', async () => {
    const a = (await getInsights({ team: 'group:default/team-a' })).metrics;
    // team-a owns orders and search (both registered); alice and bob of its 2 members were active.
    expect(metric(a, 'catalog-coverage').value).toBe(100);
    expect(metric(a, 'dau-wau').value).toBe(100);
    expect(metric(a, 'docs-freshness').value).toBe(50);
    const b = (await getInsights({ team: 'group:default/team-b' })).metrics;
    // team-b: billing and docs-site (owned), payments (access) → 2/3; carol was active 10 days ago only.
    expect(metric(b, 'catalog-coverage').value).toBe(66.7);
    expect(metric(b, 'dau-wau').value).toBe(0);
  });

  it('shows a team’s activity only for enough people of the organisation’s own teams', async () => {
    // A Group any member registers, naming alice and bob: its members are not counted, so it
    // has no one, fewer than insights.minTeamPeople (2 here), and their days and pages are not shown.
    env.gh.state.commitFiles('globex/docs-site', {
      message: 'A team',
      files: {
        'snoop.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: snoop\nspec:\n  type: team\n  children: []\n  members: [alice, bob]\n',
      },
    });
    const { id } = await registerLocation({ type: 'url', target: `${env.gh.url}/globex/docs-site/blob/main/snoop.yaml` });
    onTestFinished(() => void unregisterLocation(id));
    const snoop = await getInsights({ team: 'group:default/snoop' });
    expect(metric(snoop.metrics, 'dau-wau')).toMatchObject({
      value: null,
      status: 'no-data',
      statusMessage:
        "Activity is shown for teams of at least 2 people, so that no one's own use can be read from it; group:default/snoop has 0 (members of the organisation's own teams: org sync and the config's locations).",
      drillDown: { rows: [] },
    });
    expect(metric(snoop.metrics, 'dau-wau').trend.every((p) => p.value === null)).toBe(true);
    expect(snoop.usage).toEqual({ pages: [], actions: [], withheld: metric(snoop.metrics, 'dau-wau').statusMessage });
    // team-a, from org sync, has its 2 people: shown.
    const a = await getInsights({ team: 'group:default/team-a' });
    expect(metric(a.metrics, 'dau-wau').value).toBe(100);
    expect(a.usage.pages.length).toBeGreaterThan(0);
  });

  it('counts page patterns, never URLs, and prunes activity past its retention', async () => {
    const { usage } = await getInsights();
    // Within 30 days: alice (a list, and an entity page through the page-view action), bob, carol.
    expect(usage.pages).toEqual([
      { name: '/catalog/[kind]/[namespace]/[name]', uses: 2, people: 2 },
      { name: '/catalog', uses: 1, people: 1 },
      { name: '/search', uses: 1, people: 1 },
    ]);
    expect(await pruneActivity()).toBe(1);
  });

  it('keeps searches that found nothing as long as activity, then the daily job deletes them', async () => {
    await recordSearchMiss('jane doe salary', 'api', ago(500));
    await recordSearchMiss('kafka runbook', 'page', ago(399));
    await recordSearchMiss('kafka runbook', 'api', ago(1));
    await dailyInsightsJob.run({});
    const left = await t.db.prisma.searchMiss.findMany({ select: { query: true, source: true }, orderBy: { at: 'asc' } });
    expect(left).toEqual([
      { query: 'kafka runbook', source: 'page' },
      { query: 'kafka runbook', source: 'api' },
    ]);
  });
});

describe('searches that found nothing', () => {
  it('are recorded up to 10,000 a day: a script of misses cannot grow the table without end', async () => {
    await t.db.prisma.searchMiss.deleteMany();
    const day = new Date('2026-11-20T00:00:00Z');
    await t.db.driver.query(
      `INSERT INTO "SearchMiss" (query, source, at) SELECT 'flood ' || n, 'api', $1::timestamptz + n * interval '1 second' FROM generate_series(1, 10000) AS n`,
      [day],
    );
    await recordSearchMiss('kafka runbook', 'page', new Date('2026-11-20T23:00:00Z'));
    await recordSearchMiss('kafka runbook', 'page', new Date('2026-11-21T01:00:00Z'));
    const kept = await t.db.prisma.searchMiss.findMany({ where: { query: 'kafka runbook' }, select: { at: true } });
    expect(kept.map((k) => k.at.toISOString())).toEqual(['2026-11-21T01:00:00.000Z']);
    await t.db.prisma.searchMiss.deleteMany();
  });
});

describe('GET /api/insights/metrics', () => {
  it('answers a token of an admin with one object per metric, and refuses a member', async () => {
    const { token } = await createApiToken(alice.id, { name: 'ci', scope: 'read', expiresInDays: 1 });
    const res = await metricsRoute.GET(
      new Request('http://portal/api/insights/metrics', { headers: { authorization: `Bearer ${token}` } }),
      {},
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; value: number | null; status?: string }[];
    expect(body.map((m) => m.id)).toEqual(['catalog-coverage', 'template-usage', 'dau-wau', 'onboarding-time', 'mttr', 'docs-freshness']);
    expect(body.find((m) => m.id === 'mttr')).toMatchObject({ value: null, status: 'needs-integration' });
    expect(body[0]).toMatchObject({ value: 80, target: 95, unit: 'percent', measuredAt: expect.any(String) });
    const bad = await metricsRoute.GET(
      new Request('http://portal/api/insights/metrics?team=group:default/nobody', { headers: { authorization: `Bearer ${token}` } }),
      {},
    );
    expect(bad.status).toBe(404);
    const member = await createApiToken(carol.id, { name: 'ci', scope: 'read', expiresInDays: 1 });
    const refused = await metricsRoute.GET(
      new Request('http://portal/api/insights/metrics', { headers: { authorization: `Bearer ${member.token}` } }),
      {},
    );
    expect(refused.status).toBe(403);
  });
});

describe('Register an unregistered repository', () => {
  it('guesses the owner from CODEOWNERS, then teams with access, and opens a pull request with the confirmed owner', async () => {
    const url = `${env.gh.url}/globex/payments`;
    const proposal = await proposeRegistration(url);
    // Only the Groups the catalog has count, each with the name to show.
    expect(proposal.candidates).toEqual([
      { ref: 'group:default/team-a', title: 'team-a' },
      { ref: 'group:default/team-b', title: 'team-b' },
    ]);
    await signInAs(carol);
    const { registerRepositoryAction } = await import('@/lib/insights/actions');
    expect(await registerRepositoryAction({ repository: url, owner: 'group:default/team-b' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    await signInAs(alice);
    const res = await registerRepositoryAction({ repository: url, owner: 'group:default/team-b' });
    if (!res.ok) throw new Error(res.error);
    const pr = env.gh.state.repo('globex', 'payments').pulls.find((p) => p.number === res.data.prNumber)!;
    expect(pr.title).toBe('Register payments in the software catalog');
    expect(env.gh.state.readFile('globex/payments', 'catalog-info.yaml', pr.head)).toContain('owner: team-b');
    expect(await registerRepositoryAction({ repository: `${env.gh.url}/globex/orders`, owner: 'group:default/team-a' })).toMatchObject({
      ok: false,
      error: 'globex/orders already has a catalog entity',
    });
  });
});

describe('page feedback', () => {
  it('stores answers of a member, limits them per hour, and lets only admins read them', async () => {
    await signInAs(carol);
    const { giveFeedbackAction } = await import('@/lib/insights/actions');
    expect(await giveFeedbackAction({ path: '/catalog/component/default/orders', useful: true })).toMatchObject({ ok: true });
    expect(await giveFeedbackAction({ path: '/docs', useful: false, comment: 'Where is the runbook?' })).toMatchObject({ ok: true });
    expect(await giveFeedbackAction({ path: '/docs', useful: false })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/2 answers in the last hour/),
    });
    expect(await giveFeedbackAction({ path: '/nowhere', useful: true })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const member = await createApiToken(carol.id, { name: 'x', scope: 'read', expiresInDays: 1 });
    expect(
      (
        await feedbackRoute.GET(
          new Request('http://portal/api/insights/feedback', { headers: { authorization: `Bearer ${member.token}` } }),
          {},
        )
      ).status,
    ).toBe(403);
    const admin = await createApiToken(alice.id, { name: 'x', scope: 'read', expiresInDays: 1 });
    const csv = await (
      await feedbackRoute.GET(
        new Request('http://portal/api/insights/feedback?format=csv', { headers: { authorization: `Bearer ${admin.token}` } }),
        {},
      )
    ).text();
    expect(
      csv
        .split('\r\n')
        .slice(1, 3)
        .map((l) => l.split(',').slice(1)),
    ).toEqual([
      ['user:default/carol', '/docs', 'no', 'Where is the runbook?'],
      ['user:default/carol', '/catalog/[kind]/[namespace]/[name]', 'yes', ''],
    ]);
  });

  it('keeps to the hourly limit when one person sends many answers at once', async () => {
    const erin = await createTestUser({ login: 'erin', entityRef: 'user:default/erin' });
    const actor: Actor = {
      id: `user:${erin.id}`,
      name: 'erin',
      kind: 'user',
      userRef: erin.entityRef,
      roles: ['member'],
      leadOf: [],
      scope: 'write',
    };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => submitFeedback(actor, { pattern: '/search', useful: i % 2 === 0, comment: `#${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected' && /2 answers in the last hour/.test(String(r.reason)))).toHaveLength(8);
    expect(await t.db.prisma.feedback.count({ where: { userId: erin.id } })).toBe(2);
  });
});
