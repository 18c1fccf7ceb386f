import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { onEntitiesWritten } from '@/lib/catalog/ingest/write-listeners';
import { registerLocation, unregisterLocation } from '@/lib/catalog/location-admin';
import { getPrisma } from '@/lib/db/client';
import * as listRoute from '@/app/api/scorecards/route';
import * as entityRoute from '@/app/api/scorecards/entity/[kind]/[namespace]/[name]/route';
import { entityScorecardsResponse } from '@/lib/scorecards/api';
import type { Actor } from '@/lib/auth/permissions';
import {
  createInitiative,
  getEntityScorecards,
  getScorecard,
  listScorecardVersions,
  parseScorecard,
  previewScorecard,
  saveScorecardFromPortal,
  getInitiativeHistory,
  getInitiativeProgress,
  getTeamView,
  groupSubtree,
  leadsTeam,
  listOpenItemsFor,
  listScorecardProblems,
  rescoreAll,
  rescoreEntities,
  syncConfiguredScorecards,
  refreshRepositoryFacts,
  queueRescore,
  rescoreAllJob,
} from '@/lib/scorecards';
import { useTestDb } from '@/testing/test-db';
import { startGithubEnvironment, until, type GithubEnvironment } from '@/testing/github-environment';

// Scorecards end to end below the UI, against the GitHub stand-in: configured files (a refused one
// shows file:line:column and keeps nothing broken), repository facts read through the integration
// and refreshed by webhooks, and a push that changes a descriptor rescoring the entity.

useTestDb();
const SECRET = 'scorecards-webhook-secret';
const SERVICE = 'component:default/booking-service';
const READ_TOKEN = 'scorecards-read-token-0123456789';
const EXAMPLES = path.resolve(import.meta.dirname, '../examples/scorecards');
let env: GithubEnvironment;

async function rule(scorecard: string, id: string) {
  const card = (await getEntityScorecards(SERVICE)).find((c) => c.id === scorecard);
  return { ...card?.rules.find((r) => r.id === id), reached: card?.level };
}

/** A file any member may register: a new repository of the stand-in holding it, registered through the API. */
async function registerMemberFile(repo: string, file: string, yaml: string): Promise<string> {
  env.gh.state.createRepo('acme', { name: repo, files: { [file]: yaml } });
  return (await registerLocation({ type: 'url', target: `${env.gh.url}/acme/${repo}/blob/main/${file}` })).id;
}

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET, {
    sections: [
      'scorecards:',
      '  - ./catalog-registration.yaml',
      '  - ./production-readiness.yaml',
      '  - ./broken.yaml',
      'auth:',
      `  serviceTokens: [{ name: reader, token: ${READ_TOKEN}, scope: read }]`,
    ],
  });
  for (const f of ['catalog-registration.yaml', 'production-readiness.yaml'])
    fs.copyFileSync(path.join(EXAMPLES, f), path.join(env.dir, f));
  fs.writeFileSync(
    path.join(env.dir, 'broken.yaml'),
    'apiVersion: wayfinder.dev/v1\nkind: Scorecard\nmetadata:\n  name: broken\nspec:\n  levels:\n    - name: Bronze\n      rules:\n        - id: r1\n          title: R1\n          check: { field: metadata.name, matches: "(a+)+$" }\n          remediation: x\n',
  );
  // The catalog's write listener, as lib/jobs/registry.ts wires it (here synchronously).
  onEntitiesWritten(async (refs) => void (await rescoreEntities(refs)));
  await registerLocation({ type: 'url', target: `${env.gh.url}/acme/catalog/blob/main/catalog-info.yaml` });
  await registerLocation({ type: 'url', target: `${env.gh.url}/acme/booking-service/blob/main/catalog-info.yaml` });
}, 90_000);

afterAll(() => env?.close());

describe('scorecard files', () => {
  it('stores the good files and refuses the bad one with file:line:column and what to change', async () => {
    expect((await syncConfiguredScorecards()).sort()).toEqual(['catalog-registration', 'production-readiness']);
    const problems = await listScorecardProblems();
    expect(problems).toMatchObject([{ file: './broken.yaml', line: 11, column: 51 }]);
    expect(problems[0].message).toContain(
      './broken.yaml:11:51: spec.levels[0].rules[0].check.matches: a group with a quantifier inside may not be repeated',
    );
    expect(await (await getPrisma()).scorecard.findUnique({ where: { id: 'broken' } })).toBeNull();
  });

  it('keeps the last good version when a file turns bad, and a new version when it is fixed', async () => {
    const file = path.join(env.dir, 'production-readiness.yaml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('kind: Scorecard', 'kind: Scorecard\nspec: oops'));
    await syncConfiguredScorecards();
    const problem = (await listScorecardProblems()).find((p) => p.file === './production-readiness.yaml');
    expect(problem?.message).toMatch(/^\.\/production-readiness\.yaml:\d+:\d+: /);
    expect((await (await getPrisma()).scorecard.findUnique({ where: { id: 'production-readiness' } }))?.version).toBe(1);
    fs.writeFileSync(file, good.replace('Production readiness (tier-1)', 'Production readiness'));
    expect(await syncConfiguredScorecards()).toEqual(['production-readiness']);
    expect((await (await getPrisma()).scorecard.findUnique({ where: { id: 'production-readiness' } }))?.version).toBe(2);
    expect((await listScorecardProblems()).map((p) => p.file)).toEqual(['./broken.yaml']);
  });
});

describe('repository facts and scores', () => {
  it('reads the repository through the integration and scores what it saw', async () => {
    expect(await refreshRepositoryFacts('acme/booking-service')).toBe(true);
    await rescoreAll();
    expect(await rule('catalog-registration', 'owner-is-team')).toMatchObject({
      pass: true,
      seen: 'owned by the Group `group:default/team-booking`',
    });
    expect(await rule('catalog-registration', 'catalog-info-at-root')).toMatchObject({ pass: true });
    expect(await rule('production-readiness', 'codeowners')).toMatchObject({
      pass: false,
      seen: 'no CODEOWNERS file (looked in the root, `.github/` and `docs/`)',
    });
    expect(await rule('production-readiness', 'ci-green')).toMatchObject({
      pass: false,
      seen: 'no workflow run on the default branch yet',
    });
    expect(await rule('production-readiness', 'branch-protected')).toMatchObject({ pass: false });
  });

  it('believes a member’s file naming another repository in its project-slug only for its own repository', async () => {
    // A file any member registers names the booking service's (private) repository: the scorecard
    // would show everyone that repository's facts, read with the integration's token.
    const id = await registerMemberFile(
      'mallory-tools',
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: mallory-tools\n  annotations:\n    github.com/project-slug: acme/booking-service\nspec:\n  type: service\n  lifecycle: production\n  owner: team-booking\n',
    );
    onTestFinished(async () => {
      await unregisterLocation(id);
      await rescoreAll();
    });
    await rescoreAll();
    const card = (await getEntityScorecards('component:default/mallory-tools')).find((c) => c.id === 'catalog-registration');
    const atRoot = card?.rules.find((r) => r.id === 'catalog-info-at-root');
    expect(atRoot).toMatchObject({ pass: false });
    expect(atRoot?.seen).toContain(
      "repository `acme/booking-service` could not be read: the entity's `github.com/project-slug` names a repository other than the one its descriptor is read from (acme/mallory-tools)",
    );
    // The booking service's own entity, whose slug is its descriptor's repository, still reads it.
    expect(await rule('catalog-registration', 'catalog-info-at-root')).toMatchObject({ pass: true });
  });

  it('refreshes facts from push, workflow_run and branch_protection_rule webhooks', async () => {
    const { gh } = env;
    gh.state.commitFiles('acme/booking-service', {
      message: 'Code owners',
      files: { '.github/CODEOWNERS': '* @acme/team-booking\n', '.github/workflows/ci.yml': 'on: push\n' },
    });
    await gh.state.flushWebhooks();
    expect(
      await until(
        () => rule('production-readiness', 'codeowners'),
        (r) => r.pass === true,
      ),
    ).toMatchObject({ pass: true, seen: 'a CODEOWNERS file is present' });
    expect(await rule('production-readiness', 'ci-workflow')).toMatchObject({ pass: true, seen: 'CI workflow `.github/workflows/ci.yml`' });

    gh.state.recordWorkflowRun('acme/booking-service', { path: '.github/workflows/ci.yml', name: 'CI', conclusion: 'failure' });
    await gh.state.flushWebhooks();
    expect(
      (
        await until(
          () => rule('production-readiness', 'ci-green'),
          (r) => /failure/.test(r.seen ?? ''),
        )
      ).seen,
    ).toMatch(/^latest default-branch run of `CI` is `failure`/);
    gh.state.recordWorkflowRun('acme/booking-service', { path: '.github/workflows/ci.yml', name: 'CI', conclusion: 'success' });
    await gh.state.flushWebhooks();
    expect(
      await until(
        () => rule('production-readiness', 'ci-green'),
        (r) => r.pass === true,
      ),
    ).toMatchObject({ pass: true });

    gh.state.protectBranch('acme/booking-service', 'main', {
      required_status_checks: null,
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
    });
    await gh.state.flushWebhooks();
    expect(
      await until(
        () => rule('production-readiness', 'reviews-required'),
        (r) => r.pass === true,
      ),
    ).toMatchObject({ seen: '2 approving reviews required on the default branch; expected at least 1' });
  });

  it('rescores after a push changes the descriptor: push → catalog → score', async () => {
    const { gh } = env;
    const descriptor = gh.state.readFile('acme/booking-service', 'catalog-info.yaml')!;
    gh.state.commitFiles('acme/booking-service', {
      message: 'Hand over',
      files: { 'catalog-info.yaml': descriptor.replace('owner: team-booking', 'owner: team-x') },
    });
    await gh.state.flushWebhooks();
    const failing = await until(
      () => rule('catalog-registration', 'owner-is-team'),
      (r) => r.pass === false,
    );
    expect(failing).toMatchObject({ reached: null, pass: false, seen: 'owner `group:default/team-x` is not in the catalog' });

    gh.state.commitFiles('acme/booking-service', { message: 'Back', files: { 'catalog-info.yaml': descriptor } });
    await gh.state.flushWebhooks();
    expect(
      await until(
        () => rule('catalog-registration', 'owner-is-team'),
        (r) => r.pass === true,
      ),
    ).toMatchObject({ pass: true });
  });

  it('answers the read API with a read-scope bearer token, and 401 without one', async () => {
    const get = (url: string, headers: Record<string, string> = {}) => listRoute.GET(new Request(url, { headers }), undefined);
    const ok = await get('http://portal.test/api/scorecards', { authorization: `Bearer ${READ_TOKEN}` });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { items: { id: string; version: number; definition: { spec: { levels: { name: string }[] } } }[] };
    expect(body.items.map((i) => i.id)).toEqual(['catalog-registration', 'production-readiness']);
    expect(body.items[0].definition.spec.levels.map((l) => l.name)).toEqual(['Bronze', 'Silver', 'Gold']);
    expect((await get('http://portal.test/api/scorecards')).status).toBe(401);
    const entity = await entityRoute.GET(
      new Request('http://portal.test/api/scorecards/entity/component/default/booking-service', {
        headers: { authorization: `Bearer ${READ_TOKEN}` },
      }),
      {
        params: Promise.resolve({ kind: 'component', namespace: 'default', name: 'booking-service' }),
      },
    );
    expect(entity.status).toBe(200);
    expect(((await entity.json()) as { entityRef: string }).entityRef).toBe(SERVICE);
  });

  it('serves an entity’s results on the read API', async () => {
    const res = await entityScorecardsResponse({ kind: 'component', namespace: 'default', name: 'booking-service' });
    const body = (await res.json()) as {
      scorecards: { id: string; level: string | null; rules: { id: string; pass: boolean; seen: string; remediation: string }[] }[];
    };
    const card = body.scorecards.find((s) => s.id === 'catalog-registration')!;
    expect(card.rules.find((r) => r.id === 'owner-is-team')).toMatchObject({
      pass: true,
      remediation: expect.stringContaining('Edit ownership'),
    });
    await expect(entityScorecardsResponse({ kind: 'component', namespace: 'default', name: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('initiatives and the team view', () => {
  const person = (roles: Actor['roles'], leadOf: string[] = []): Actor => ({
    id: 'user:x',
    name: 'X',
    kind: 'user',
    userRef: 'user:default/someone',
    roles,
    leadOf,
    scope: 'write',
  });
  const goal = {
    title: 'Booking reaches Gold',
    scorecardId: 'catalog-registration',
    goal: 'level' as const,
    targetLevel: 'Gold',
    filter: {},
    deadline: '2027-03-31',
  };

  it('lets a lead set one for their team, and refuses other teams and the whole organisation', async () => {
    const lead = person(['lead', 'member'], ['group:default/team-booking']);
    await expect(createInitiative({ ...goal, groupRef: 'group:default/team-web' }, lead)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('only admins and leads of group:default/team-web'),
    });
    await expect(createInitiative(goal, lead)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('only admins set organisation-wide initiatives'),
    });
    await expect(
      createInitiative({ ...goal, targetLevel: 'Platinum', groupRef: 'group:default/team-booking' }, lead),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    const { id } = await createInitiative({ ...goal, groupRef: 'group:default/team-booking' }, lead);
    const progress = await getInitiativeProgress((await (await getPrisma()).initiative.findUnique({ where: { id } }))!);
    expect(progress).toMatchObject({ goal: 'reach Gold', total: 1, perTeam: [{ group: 'group:default/team-booking', total: 1 }] });
    expect((await getInitiativeHistory(id)).map((h) => [h.done, h.total])).toEqual([[progress!.done, 1]]);
  });

  it('offers a lead only the teams below theirs by trusted relations, as it checks them', async () => {
    // A Group any member registers under the lead's team: in its subtree by relations, but not
    // theirs to set goals for (the new-initiative form offered it, and saving was refused).
    const id = await registerMemberFile(
      'rogue-team',
      'group.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: rogue\nspec:\n  type: team\n  parent: team-booking\n  children: []\n',
    );
    onTestFinished(() => void unregisterLocation(id));
    const lead = person(['lead', 'member'], ['group:default/team-booking']);
    expect((await groupSubtree('group:default/team-booking')).map((g) => g.ref)).toContain('group:default/rogue');
    expect(await leadsTeam(lead, 'group:default/team-booking')).toBe(true);
    expect(await leadsTeam(lead, 'group:default/rogue')).toBe(false);
    await expect(createInitiative({ ...goal, groupRef: 'group:default/rogue' }, lead)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sets one only for a Group of the catalog, whatever the case of its ref', async () => {
    const admin = person(['admin', 'member']);
    await expect(createInitiative({ ...goal, groupRef: 'group:default/team-nobody' }, admin)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: 'group:default/team-nobody is not a Group in the catalog; choose a team',
      details: { fieldErrors: [{ field: 'groupRef', message: 'choose a team' }] },
    });
    const lead = person(['lead', 'member'], ['group:default/team-booking']);
    const { id } = await createInitiative({ ...goal, title: 'Gold, as typed', groupRef: 'Group:default/Team-Booking' }, lead);
    const initiative = (await (await getPrisma()).initiative.findUnique({ where: { id } }))!;
    expect(initiative.groupRef).toBe('group:default/team-booking');
    expect(await getInitiativeProgress(initiative)).toMatchObject({ total: 1 });
    await (await getPrisma()).initiative.delete({ where: { id } });
  });

  it('shows the owners what still fails, with how to fix it, on their home page', async () => {
    const admin = person(['admin', 'member']);
    await createInitiative(
      {
        ...goal,
        title: 'Fresh docs everywhere',
        scorecardId: 'production-readiness',
        goal: 'rule',
        ruleId: 'docs-fresh',
        targetLevel: undefined,
      },
      admin,
    );
    const items = await listOpenItemsFor(person(['lead', 'member'], ['group:default/team-booking']));
    expect(items.map((i) => [i.title, i.ref])).toEqual([['Fresh docs everywhere', SERVICE]]);
    expect(items[0].failing).toMatchObject([
      {
        id: 'docs-fresh',
        title: 'Docs updated within 90 days',
        seen: 'the docs have not been built yet',
        remediation: expect.stringMatching(/\]\(https:\/\//),
      },
    ]);
    expect(await listOpenItemsFor(person(['lead', 'member'], ['group:default/team-web']))).toEqual([]);
  });

  it('says the goal is gone when the scorecard no longer has its level or rule, rather than counting everything done', async () => {
    const admin = person(['admin', 'member']);
    const card = (level: string, onCall = true) =>
      `apiVersion: wayfinder.dev/v1\nkind: Scorecard\nmetadata: { name: tiers }\nspec:\n  appliesTo: { kind: Component }\n  levels:\n    - name: ${level}\n      rules:\n        - { id: named, title: Named, check: { field: metadata.name, exists: true }, remediation: Name it. }\n` +
      (onCall
        ? '        - { id: on-call, title: On call, check: { annotation: nobody.example/on-call, exists: true }, remediation: Add it. }\n'
        : '');
    await saveScorecardFromPortal(card('Silver'), admin, null);
    await rescoreAll(['tiers']);
    const team = { ...goal, scorecardId: 'tiers', groupRef: 'group:default/team-booking' };
    const { id: levelGoal } = await createInitiative({ ...team, title: 'Silver everywhere', targetLevel: 'Silver' }, admin);
    const { id: ruleGoal } = await createInitiative(
      { ...team, title: 'On call', goal: 'rule', ruleId: 'on-call', targetLevel: undefined },
      admin,
    );
    const progress = async (id: string) => getInitiativeProgress((await (await getPrisma()).initiative.findUnique({ where: { id } }))!);
    expect(await progress(levelGoal)).toMatchObject({ done: 0, total: 1, problem: null });

    await saveScorecardFromPortal(card('Silver tier', false), admin, 'tiers');
    expect(await progress(levelGoal)).toMatchObject({
      done: 0,
      total: 1,
      items: [],
      problem: expect.stringContaining('tiers no longer has the level “Silver”'),
    });
    expect(await progress(ruleGoal)).toMatchObject({ done: 0, problem: expect.stringContaining('tiers no longer has the rule “on-call”') });
    expect((await listOpenItemsFor(person(['lead', 'member'], ['group:default/team-booking']))).map((i) => i.title)).not.toContain(
      'Silver everywhere',
    );
  });

  it('rolls a team’s entities up through the group hierarchy', async () => {
    const view = await getTeamView('group:default/customer-experience', 'catalog-registration');
    const booking = view?.groups.find((g) => g.ref === 'group:default/team-booking');
    const parent = view?.groups.find((g) => g.ref === 'group:default/customer-experience');
    expect(booking?.total).toBe(1);
    expect(parent?.total).toBe(1);
    expect(view?.entities.map((e) => e.ref)).toEqual([SERVICE]);
  });
});

describe('the portal editor', () => {
  const admin: Actor = {
    id: 'user:a',
    name: 'Admin',
    kind: 'user',
    userRef: 'user:default/admin',
    roles: ['admin', 'member'],
    leadOf: [],
    scope: 'write',
  };
  const YAML = `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata: { name: docs-basics, title: Docs basics }
spec:
  appliesTo: { kind: Component, type: service }
  levels:
    - name: Documented
      rules:
        - { id: techdocs, title: TechDocs configured, check: { docs: configured }, remediation: Add backstage.io/techdocs-ref. }
`;

  it('previews how every covered entity would score, storing nothing', async () => {
    const parsed = parseScorecard(YAML, 'x.yaml');
    if (!parsed.ok) throw new Error('the test definition is valid');
    const rows = await previewScorecard(parsed.definition);
    expect(rows.map((r) => [r.ref, r.score.level])).toEqual([[SERVICE, 'Documented']]);
    expect(await getScorecard('docs-basics')).toBeNull();
  });

  it('saves versions, refuses a bad definition with line:column, and a second scorecard of the same name', async () => {
    expect(await saveScorecardFromPortal(YAML, admin, null)).toEqual({ id: 'docs-basics', version: 1 });
    await expect(saveScorecardFromPortal(YAML, admin, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveScorecardFromPortal(YAML.replace('docs: configured', 'docs: sometimes'), admin, 'docs-basics')).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: expect.stringMatching(
        /^scorecard\.yaml:9:\d+: spec\.levels\[0\]\.rules\[0\]\.check\.docs: must be one of configured, buildOk, updatedWithin/,
      ),
    });
    expect(await saveScorecardFromPortal(YAML.replace('Docs basics', 'The docs basics'), admin, 'docs-basics')).toEqual({
      id: 'docs-basics',
      version: 2,
    });
    expect((await listScorecardVersions('docs-basics')).map((v) => [v.version, v.createdBy])).toEqual([
      [2, 'user:default/admin'],
      [1, 'user:default/admin'],
    ]);
  });
});

describe('rescoring after a bulk load', () => {
  // Each written batch of 500+ entities asks for a full pass: the batches of one load must share
  // them (one per 30 s slot and the next slot's), not queue one each.
  it('queues at most two full passes for the batches of one load', async () => {
    const prisma = await getPrisma();
    const passes = async () =>
      (
        await prisma.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${rescoreAllJob.name} AND singleton_key = 'after-bulk-write'`
      )[0].n;
    const before = await passes();
    const refs = Array.from({ length: 600 }, (_, i) => `component:default/bulk-${i}`);
    for (let batch = 0; batch < 6; batch++) await queueRescore(refs);
    const queued = (await passes()) - before;
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(queued).toBeLessThanOrEqual(2);
  });
});
