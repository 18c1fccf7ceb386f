import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { apiRoute } from '@/lib/http/route';
import { sessionCookieFor, signInAs, signOut, type TestUser } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { createAction } from './action';
import { entityRecord, type EntityRecord } from './records';

// The action helper's promise: an action runs only for a signed-in person, with valid input, on a
// record that exists and that this person may change. Each refusal below leaves `run` uncalled.

vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

const t = useTestDb();
// the-admin and plain-member are on no User of the catalog (allowUnknownUsers).
const config = useTestConfig(
  'action-helper',
  'catalog:\n  rules:\n    - allow: [Component, Group, User]\n  locations:\n    - { type: file, target: ./org.yaml }\n  fileLocationRoots: [.]\nauth:\n  admins:\n    logins: [the-admin]\n  allowUnknownUsers: true\n',
);

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

let lena: TestUser;
beforeAll(async () => {
  // Trusted (a configured location): team-a and team-b, Lena a member of team-a, one component each.
  const docs = [
    doc('Group', 'team-a', '  type: team\n  children: []\n'),
    doc('Group', 'team-b', '  type: team\n  children: []\n'),
    doc('User', 'lena', '  memberOf: [team-a]\n'),
    doc('Component', 'owned-by-a', '  type: service\n  lifecycle: production\n  owner: team-a\n'),
    doc('Component', 'owned-by-b', '  type: service\n  lifecycle: production\n  owner: team-b\n'),
  ];
  fs.writeFileSync(path.join(config.dir, 'org.yaml'), docs.join('---\n'));
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
  await t.db.prisma.groupLead.create({ data: { groupRef: 'group:default/team-a', userRef: 'user:default/lena', source: 'portal' } });
  lena = await signInAs({ login: 'lena', entityRef: 'user:default/lena' });
});

// What the action body was given, each time it ran.
const ran: { title: string; record: EntityRecord }[] = [];
beforeEach(() => {
  ran.length = 0;
});

const retitleAction = createAction(
  {
    name: 'test.retitle',
    schema: z.object({ entityRef: z.string().min(3, 'which entity?'), title: z.string().trim().min(1, 'give a title') }),
    access: ({ entityRef }) => ({ permission: 'catalog.entity.update', record: entityRecord(entityRef) }),
  },
  async ({ title }, { record }) => {
    ran.push({ title, record });
    return { ref: record.ref };
  },
);

const refusals = (target: string) => t.db.prisma.auditLog.findMany({ where: { action: 'permission.refused', target } });

describe('createAction', () => {
  it('refuses a caller with no session, before reading the input', async () => {
    signOut();
    try {
      expect(await retitleAction({ entityRef: 'component:default/owned-by-a' })).toEqual({
        ok: false,
        code: 'UNAUTHENTICATED',
        error: 'sign in to do this',
      });
    } finally {
      await signInAs(lena);
    }
    expect(ran).toEqual([]);
  });

  it('refuses bad input with an error per field', async () => {
    expect(await retitleAction({ entityRef: 'x', title: ' ' })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      error: 'Some fields need fixing.',
      fieldErrors: { entityRef: ['which entity?'], title: ['give a title'] },
    });
    expect(ran).toEqual([]);
  });

  it('refuses a record that does not exist', async () => {
    expect(await retitleAction({ entityRef: 'component:default/nowhere', title: 'New' })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      error: 'component:default/nowhere is not in the catalog',
    });
    expect(ran).toEqual([]);
  });

  it('refuses a record the actor may not change, and records the refusal against it', async () => {
    expect(await retitleAction({ entityRef: 'component:default/owned-by-b', title: 'Hijacked' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      error: 'only admins and leads of group:default/team-b (or of a group above it) may change component:default/owned-by-b',
    });
    expect(ran).toEqual([]);
    expect(await refusals('component:default/owned-by-b')).toEqual([
      expect.objectContaining({
        actor: 'user:default/lena',
        details: { attempted: 'test.retitle', reason: expect.stringContaining('team-b') },
      }),
    ]);
  });

  it('runs with the loaded record when the actor may change it', async () => {
    expect(await retitleAction({ entityRef: 'Component:default/Owned-By-A', title: 'Renamed' })).toEqual({
      ok: true,
      data: { ref: 'component:default/owned-by-a' },
    });
    expect(ran).toEqual([
      { title: 'Renamed', record: expect.objectContaining({ ref: 'component:default/owned-by-a', kind: 'Component', name: 'owned-by-a' }) },
    ]);
  });

  it('checks the role once: a member is refused for the permission, without the record being read', async () => {
    const member = await signInAs({ login: 'plain-member' });
    try {
      expect(await retitleAction({ entityRef: 'component:default/nowhere-either', title: 'x' })).toEqual({
        ok: false,
        code: 'FORBIDDEN',
        error: 'you do not have the catalog.entity.update permission',
      });
      expect(await t.db.prisma.auditLog.count({ where: { action: 'permission.refused', actor: member.login } })).toBe(1);
    } finally {
      await signInAs(lena);
    }
    expect(ran).toEqual([]);
  });

  it('cannot be written to skip the record check of an owner-scoped permission', async () => {
    const run = vi.fn(async () => 'ran');
    // A bare permission: refused by the types, and at definition for whatever gets past them.
    // @ts-expect-error catalog.entity.delete needs a record
    expect(() => createAction({ name: 'test.noRecord', schema: z.object({}), access: 'catalog.entity.delete' }, run)).toThrow(
      /checked on an entity/,
    );
    // The permission named without its record from a function of the input: refused when called.
    const sneaky = createAction(
      // @ts-expect-error catalog.entity.delete needs a record
      { name: 'test.sneaky', schema: z.object({}), access: () => ({ permission: 'catalog.entity.delete' }) },
      run,
    );
    expect(await sneaky({})).toMatchObject({ ok: false, error: 'Something went wrong on the server; the error was logged.' });
    expect(run).not.toHaveBeenCalled();
  });
});

describe('apiRoute: the same steps for route handlers', () => {
  const handled: string[] = [];
  const route = apiRoute(
    (req) => ({ permission: 'catalog.entity.delete', record: entityRecord(new URL(req.url).searchParams.get('ref') ?? '') }),
    async (_req, _ctx, _actor, entity) => {
      handled.push(entity.ref);
      return Response.json({ ref: entity.ref });
    },
  );
  const call = async (ref: string, cookie?: string) => {
    const res = await route(
      new Request(`http://wayfinder.test/api/test?ref=${encodeURIComponent(ref)}`, { method: 'DELETE', headers: cookie ? { cookie } : {} }),
      {},
    );
    return { status: res.status, body: (await res.json()) as { error?: { message: string }; ref?: string } };
  };

  it('answers 401, 404 and 403 in order, and runs only for a record the actor may change', async () => {
    const cookie = await sessionCookieFor(lena);
    expect((await call('component:default/owned-by-a')).status).toBe(401);
    expect(await call('component:default/nowhere', cookie)).toMatchObject({
      status: 404,
      body: { error: { message: 'component:default/nowhere is not in the catalog' } },
    });
    expect(await call('component:default/owned-by-b', cookie)).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringContaining('group:default/team-b') } },
    });
    expect(handled).toEqual([]);
    expect(await call('component:default/owned-by-a', cookie)).toEqual({ status: 200, body: { ref: 'component:default/owned-by-a' } });
  });
});
