import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { editEntity } from '@/lib/catalog/edit/edit-entity';
import { listEntityHistory } from '@/lib/catalog/edit/queries';
import { registerLocation } from '@/lib/catalog/location-admin';
import { refreshEntity, saveManagedEntity } from '@/lib/catalog/mutations';
import { getEntityByRef } from '@/lib/catalog/queries/served-entities';
import { useTestDb } from '@/testing/test-db';
import type { GitHubStandIn } from '@/standins/github/server';
import { SEED_TOKEN } from '@/standins/github/seed';
import { startGithubEnvironment, until, type GithubEnvironment } from '@/testing/github-environment';

// Team leads edit ownership: a descriptor in GitHub changes through a pull request (merged in the
// stand-in, brought in by its webhooks), a local descriptor is rewritten in place, a portal-managed
// entity is saved directly; comments survive and a bad value changes nothing. A source that has
// given the entity to another owner since the catalog read it is not edited on the old owner's say.

const actorBox = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/auth/authorize', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/authorize')>()),
  currentActor: async () => actorBox.current,
  currentSessionActor: async () => actorBox.current,
}));

const t = useTestDb();
const SECRET = 'ownership-test-secret';
const LABEL = 'component:default/label-service';
let env: GithubEnvironment;
let gh: GitHubStandIn;
let dir: string;
let octokit: Octokit;

const lead = (leadOf: string[]): Actor => ({
  id: 'user:lead',
  name: 'Tess Lead',
  kind: 'user',
  login: 'tess',
  userRef: 'user:default/tess',
  roles: ['lead', 'member'],
  leadOf,
  scope: 'write',
});

function changedLines(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
}

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET);
  gh = env.gh;
  dir = env.dir;
  octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
  // Groups and systems the pickers offer, and the entity to edit.
  await registerLocation({ type: 'url', target: `${gh.url}/acme/catalog/blob/main/org/groups.yaml` });
  await registerLocation({ type: 'url', target: `${gh.url}/acme/catalog/blob/main/systems.yaml` });
  await registerLocation({ type: 'url', target: `${gh.url}/acme/label-service/blob/main/catalog-info.yaml` });
}, 60_000);

afterAll(() => env?.close());

describe('editing ownership of an entity whose descriptor is in GitHub', () => {
  it('refuses a lead of another group, and an invalid owner, without touching GitHub', async () => {
    const { editEntityAction } = await import('@/lib/catalog/edit/actions');
    const branches = () => [...gh.state.repo('acme', 'label-service').refs.keys()].filter((r) => r.includes('wayfinder/'));
    actorBox.current = lead(['group:default/team-web']);
    const forbidden = await editEntityAction({ entityRef: LABEL, owner: 'team-booking' });
    expect(forbidden).toMatchObject({ ok: false, error: expect.stringMatching(/only admins and leads of group:default\/team-shipments/) });

    actorBox.current = lead(['group:default/team-shipments']);
    const invalid = await editEntityAction({ entityRef: LABEL, owner: 'Not A Valid Ref!!' });
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.fieldErrors?.owner?.[0]).toMatch(/"Not A Valid Ref!!" is not a valid entity ref/);
    await expect(editEntity(LABEL, { owner: 'Not A Valid Ref!!' }, lead([]))).rejects.toThrow(
      /owner: "Not A Valid Ref!!" is not a valid entity ref/,
    );
    await expect(editEntity(LABEL, { owner: 'team-nobody' }, lead([]))).rejects.toThrow(/group:default\/team-nobody is not in the catalog/);

    expect(branches()).toEqual([]);
    expect(gh.state.repo('acme', 'label-service').pulls).toHaveLength(0);
    expect(await t.db.prisma.pendingChange.count()).toBe(0);
  });

  it('opens a pull request that changes only the owner line, then the merge updates the catalog', async () => {
    const { editEntityAction } = await import('@/lib/catalog/edit/actions');
    const before = gh.state.readFile('acme/label-service', 'catalog-info.yaml')!;
    actorBox.current = lead(['group:default/team-shipments']);
    const result = await editEntityAction({
      entityRef: LABEL,
      owner: 'team-booking',
      system: 'shipment-management',
      lifecycle: 'production',
      description: 'Renders carrier-compliant shipping labels (PDF and ZPL) and customs forms.',
      tags: 'python, fastapi, s3',
      links:
        'https://github.com/acme/label-service Source code\nhttps://grafana.acme-logistics.com/d/lfz2nz/label-service Grafana dashboard\nhttps://wiki.acme-logistics.com/runbooks/label-service Runbook',
    });
    expect(result).toMatchObject({ ok: true, data: { status: 'pull-request', prNumber: 1, fields: ['owner'] } });

    const repo = gh.state.repo('acme', 'label-service');
    const pr = repo.pulls[0];
    expect(pr).toMatchObject({ title: 'Change owner of label-service to team-booking', base: 'main', state: 'open' });
    expect(pr.head).toMatch(/^wayfinder\/label-service-[0-9a-f]{8}$/);
    expect(pr.body).toContain('Requested by `Tess Lead (user:default/tess)`');
    expect(pr.body).toContain('| owner | `team-shipments` | `team-booking` |');
    const proposed = gh.state.readFile('acme/label-service', 'catalog-info.yaml', pr.head)!;
    // One line changes: the Component's owner; the comments, the icons and the API document stay.
    expect(changedLines(before, proposed)).toEqual([['  owner: team-shipments', '  owner: team-booking']]);
    expect(proposed).toContain('# Also declares the API(s) this component provides');

    const pending = await t.db.prisma.pendingChange.findFirstOrThrow({ where: { entityRef: LABEL } });
    expect(pending).toMatchObject({
      status: 'open',
      repository: 'acme/label-service',
      prNumber: 1,
      branch: pr.head,
      actor: 'user:default/tess',
    });
    const [requested] = await listEntityHistory(LABEL);
    expect(requested).toMatchObject({
      actor: 'user:default/tess',
      action: 'entity.change-requested',
      before: { owner: 'team-shipments' },
      after: { owner: 'team-booking' },
      prUrl: pending.prUrl,
    });
    // Nothing in the catalog changes before the merge, and a second edit waits for this one.
    expect((await getEntityByRef(LABEL))?.spec?.owner).toBe('team-shipments');
    await expect(editEntity(LABEL, { lifecycle: 'deprecated' }, lead([]))).rejects.toThrow(/already waiting in pull request #1/);

    await gh.state.flushWebhooks();
    await octokit.rest.pulls.merge({ owner: 'acme', repo: 'label-service', pull_number: 1 });
    await gh.state.flushWebhooks();
    const entity = await until(
      () => getEntityByRef(LABEL),
      (e) => e?.spec?.owner === 'team-booking',
    );
    expect(entity?.spec?.owner).toBe('team-booking');
    expect(entity?.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-booking' });
    const settled = await until(
      () => t.db.prisma.pendingChange.findUniqueOrThrow({ where: { id: pending.id } }),
      (p) => p.status === 'merged',
    );
    expect(settled.status).toBe('merged');
    expect((await listEntityHistory(LABEL))[0]).toMatchObject({ actor: 'github', action: 'entity.change-merged', prUrl: pending.prUrl });
  });

  it('marks the pending change closed when its pull request is closed unmerged', async () => {
    const out = await editEntity(LABEL, { lifecycle: 'deprecated' }, lead([]));
    expect(out).toMatchObject({ status: 'pull-request', prNumber: 2 });
    // The stand-in has no PATCH /pulls: close it as GitHub would, with its pull_request closed event.
    const repo = gh.state.repo('acme', 'label-service');
    const pr = repo.pulls.find((p) => p.number === 2)!;
    Object.assign(pr, { state: 'closed', closedAt: new Date().toISOString() });
    const { pullRequestEvent } = await import('@/standins/github/webhook-payloads');
    const { ctx } = gh.state;
    ctx.hooks.emit('pull_request', pullRequestEvent(ctx.world, ctx.base(), repo, pr, ctx.world.user(gh.state.actor!)!, 'closed'));
    await gh.state.flushWebhooks();
    const closed = await until(
      () => t.db.prisma.pendingChange.findFirstOrThrow({ where: { prNumber: 2 } }),
      (p) => p.status === 'closed',
    );
    expect(closed.status).toBe('closed');
    expect((await getEntityByRef(LABEL))?.spec?.lifecycle).toBe('production');
  });

  it('refuses the lead of the stored owner when a push the catalog has not read gave the entity to another team', async () => {
    const { editEntityAction } = await import('@/lib/catalog/edit/actions');
    const moved = gh.state.readFile('acme/label-service', 'catalog-info.yaml')!.replace('owner: team-booking', 'owner: team-web');
    // A push whose webhook never arrives: the catalog still says team-booking.
    gh.state.setWebhook(null);
    gh.state.commitFiles('acme/label-service', { message: 'Hand over to web', files: { 'catalog-info.yaml': moved } });
    expect((await getEntityByRef(LABEL))?.spec?.owner).toBe('team-booking');

    actorBox.current = lead(['group:default/team-booking']);
    const result = await editEntityAction({ entityRef: LABEL, owner: 'team-booking', lifecycle: 'deprecated' });
    expect(result).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      error: expect.stringMatching(/now gives component:default\/label-service to group:default\/team-web.*refresh/),
    });
    expect(gh.state.repo('acme', 'label-service').pulls).toHaveLength(2);
    expect(await t.db.prisma.pendingChange.count({ where: { entityRef: LABEL, status: 'open' } })).toBe(0);
    expect(
      await t.db.prisma.auditLog.findFirst({ where: { action: 'permission.refused', target: LABEL }, orderBy: { at: 'desc' } }),
    ).toMatchObject({
      actor: 'user:default/tess',
      details: { attempted: 'editEntity', reason: result.ok ? '' : result.error },
    });
  });
});

describe('editing ownership of a local descriptor and of a portal-managed entity', () => {
  const LOCAL = `# Billing — kept by hand
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
  tags: [java, payments]   # flow style stays
spec:
  type: service
  lifecycle: production
  owner: team-booking # until the re-org
`;

  it('rewrites the file in place, keeping its comments, and the catalog follows at once', async () => {
    const file = path.join(dir, 'billing', 'catalog-info.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, LOCAL);
    await registerLocation({ type: 'file', target: file });
    const out = await editEntity('component:default/billing', { owner: 'team-web', tags: ['java', 'payments', 'kafka'] }, lead([]));
    expect(out.status).toBe('updated');
    expect(changedLines(LOCAL, fs.readFileSync(file, 'utf8'))).toEqual([
      ['  tags: [java, payments]   # flow style stays', '  tags: [java, payments, kafka] # flow style stays'],
      ['  owner: team-booking # until the re-org', '  owner: team-web # until the re-org'],
    ]);
    const entity = await getEntityByRef('component:default/billing');
    expect(entity?.spec?.owner).toBe('team-web');
    expect(entity?.metadata.tags).toEqual(['java', 'payments', 'kafka']);
    expect((await listEntityHistory('component:default/billing'))[0]).toMatchObject({
      action: 'entity.changed',
      before: { owner: 'team-booking' },
      after: { owner: 'team-web' },
    });
  });

  it('refuses a value that would make the descriptor invalid and leaves the file as it was', async () => {
    const file = path.join(dir, 'billing', 'catalog-info.yaml');
    const before = fs.readFileSync(file, 'utf8');
    await expect(editEntity('component:default/billing', { tags: ['Not A Tag'] }, lead([]))).rejects.toThrow(
      /"Not A Tag" is not a valid tag/,
    );
    await expect(editEntity('component:default/billing', { lifecycle: '' }, lead([]))).rejects.toThrow(
      /descriptor invalid, so nothing was written: .*lifecycle/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses the lead of the stored owner when the file has since given the entity to another team', async () => {
    const { editEntityAction } = await import('@/lib/catalog/edit/actions');
    const REF = 'component:default/invoicing';
    const descriptor = (owner: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: invoicing\nspec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n`;
    const file = path.join(dir, 'invoicing', 'catalog-info.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, descriptor('team-booking'));
    await registerLocation({ type: 'file', target: file });
    // The file moves to team-web; the catalog has not re-read it yet.
    fs.writeFileSync(file, descriptor('team-web'));

    actorBox.current = lead(['group:default/team-booking']);
    const result = await editEntityAction({ entityRef: REF, owner: 'team-booking', lifecycle: 'deprecated' });
    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', error: expect.stringMatching(/refresh .* and try again/) });
    expect(fs.readFileSync(file, 'utf8')).toBe(descriptor('team-web'));
    expect(await t.db.prisma.auditLog.findFirst({ where: { action: 'permission.refused', target: REF } })).toMatchObject({
      details: { attempted: 'editEntity' },
    });

    // After a refresh the check runs against the new owner: team-booking's lead is refused, team-web's may edit.
    await refreshEntity(REF);
    expect(await editEntityAction({ entityRef: REF, owner: 'team-booking', lifecycle: 'deprecated' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    actorBox.current = lead(['group:default/team-web']);
    expect(await editEntityAction({ entityRef: REF, owner: 'team-web', lifecycle: 'deprecated' })).toMatchObject({
      ok: true,
      data: { status: 'updated', fields: ['lifecycle'] },
    });
  });

  it('does not read a descriptor that a symbolic link puts outside catalog.fileLocationRoots, as ingestion does not', async () => {
    const descriptor = (note: string) =>
      `# ${note}\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payroll\nspec:\n  type: service\n  lifecycle: production\n  owner: team-booking\n`;
    const file = path.join(dir, 'payroll', 'catalog-info.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, descriptor('inside the roots'));
    await registerLocation({ type: 'file', target: file });
    expect(await getEntityByRef('component:default/payroll')).not.toBeNull();
    // The file becomes a link to one outside the roots (which the location may not read).
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-outside-'));
    try {
      const secret = path.join(outside, 'catalog-info.yaml');
      fs.writeFileSync(secret, descriptor('OUTSIDE-SECRET'));
      fs.rmSync(file);
      fs.symlinkSync(secret, file);
      await expect(editEntity('component:default/payroll', { lifecycle: 'deprecated' }, lead([]))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(
          /cannot read the descriptor of component:default\/payroll: .*lies outside catalog\.fileLocationRoots/,
        ),
      });
      // Nothing read through the link was written inside the roots, and the file outside is as it was.
      expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
      expect(fs.readFileSync(secret, 'utf8')).toBe(descriptor('OUTSIDE-SECRET'));
      expect(await listEntityHistory('component:default/payroll')).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('saves a portal-managed entity directly', async () => {
    await saveManagedEntity(
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-booking\n',
    );
    const out = await editEntity('component:default/ledger', { owner: 'team-web', system: 'shipment-management' }, lead([]));
    expect(out).toMatchObject({ status: 'updated', changes: [{ field: 'owner' }, { field: 'system' }] });
    const entity = await getEntityByRef('component:default/ledger');
    expect(entity?.spec).toMatchObject({ owner: 'team-web', system: 'shipment-management' });
  });
});
