import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { currentSessionActor } from '@/lib/auth/authorize';
import { signInAs, signOut, tokenFor, useBearer } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { starEntityAction } from './actions';
import { ingestLocationTree } from './ingest/ingest-location';
import { syncConfigLocations } from './location-admin';
import { getCatalogViewer, listCatalog } from './queries/catalog-list';
import { parseCatalogParams } from './queries/catalog-params';
import { isStarred, listStarredRefs, MAX_STARRED } from './queries/starred';

// Starred entities and the catalog list's Owned / Starred / All, through the action a person's
// browser calls and the list query the page renders.

const revalidated = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

const t = useTestDb();
const config = useTestConfig(
  'starred',
  'catalog:\n  rules:\n    - allow: [Component, API, Group, User, System, Location]\n  locations:\n    - { type: file, target: ./org.yaml }\n  fileLocationRoots: [.]\nauth:\n  allowUnknownUsers: true\n',
);

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

beforeAll(async () => {
  fs.writeFileSync(
    path.join(config.dir, 'org.yaml'),
    [
      doc('Group', 'payments', '  type: team\n  children: []\n'),
      doc('Group', 'search-team', '  type: team\n  children: []\n'),
      doc('User', 'ada', '  memberOf: [payments]\n'),
      doc('Component', 'checkout', '  type: service\n  lifecycle: production\n  owner: payments\n'),
      doc('Component', 'ledger', '  type: service\n  lifecycle: production\n  owner: user:ada\n'),
      doc('Component', 'indexer', '  type: service\n  lifecycle: production\n  owner: search-team\n'),
      doc('API', 'checkout-api', '  type: openapi\n  lifecycle: production\n  owner: payments\n  definition: "openapi: 3.0.0"\n'),
    ].join('---\n'),
  );
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
});

const list = async (raw: Record<string, string>) => {
  const actor = await currentSessionActor();
  const result = await listCatalog(parseCatalogParams(raw), await getCatalogViewer(actor));
  return { names: result.rows.map((r) => r.name).sort(), total: result.total, shows: result.shows, facets: result.facets };
};

describe('starring entities', () => {
  it('stars and unstars an entity for the person who asked, and only for them', async () => {
    const ada = await signInAs({ login: 'ada', entityRef: 'user:default/ada' });
    expect(await starEntityAction({ entityRef: 'Component:default/Checkout', starred: true })).toEqual({
      ok: true,
      data: { ref: 'component:default/checkout', starred: true },
    });
    // Twice is the same as once.
    expect((await starEntityAction({ entityRef: 'component:default/checkout', starred: true })).ok).toBe(true);
    expect(await starEntityAction({ entityRef: 'api:default/checkout-api', starred: true })).toMatchObject({ ok: true });
    expect(await listStarredRefs({ id: `user:${ada.id}`, kind: 'user' })).toEqual([
      'api:default/checkout-api',
      'component:default/checkout',
    ]);
    expect(revalidated).toEqual(expect.arrayContaining(['/', '/catalog', '/catalog/component/default/checkout']));

    // Someone else sees none of them.
    const bob = await signInAs({ login: 'bob' });
    expect(await isStarred({ id: `user:${bob.id}`, kind: 'user' }, 'component:default/checkout')).toBe(false);
    expect((await list({ kind: 'all', show: 'starred' })).names).toEqual([]);

    await signInAs(ada);
    expect(await starEntityAction({ entityRef: 'component:default/checkout', starred: false })).toMatchObject({
      ok: true,
      data: { starred: false },
    });
    expect(await listStarredRefs({ id: `user:${ada.id}`, kind: 'user' })).toEqual(['api:default/checkout-api']);
  });

  it('stars only what is in the catalog, but unstars a star whose entity has gone', async () => {
    const user = await signInAs({ login: 'carol' });
    expect(await starEntityAction({ entityRef: 'component:default/nowhere', starred: true })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      error: 'component:default/nowhere is not in the catalog',
    });
    await t.db.prisma.starredEntity.create({ data: { userId: user.id, entityRef: 'component:default/gone' } });
    expect(await starEntityAction({ entityRef: 'component:default/gone', starred: false })).toMatchObject({ ok: true });
    expect(await t.db.prisma.starredEntity.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a request without a browser session, and bad input with what to fix', async () => {
    signOut();
    expect(await starEntityAction({ entityRef: 'component:default/checkout', starred: true })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    // A token is for the API, never for the portal's forms.
    const dan = await signInAs({ login: 'dan' });
    useBearer((await tokenFor(dan, 'write')).token);
    expect(await starEntityAction({ entityRef: 'component:default/checkout', starred: true })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    await signInAs(dan);
    expect(await starEntityAction({ entityRef: 'component:default/checkout' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      fieldErrors: { starred: [expect.any(String)] },
    });
    expect(await t.db.prisma.starredEntity.count({ where: { userId: dan.id } })).toBe(0);
  });

  it(`keeps at most ${MAX_STARRED} stars a person, and says what to do`, async () => {
    const user = await signInAs({ login: 'erin' });
    await t.db.prisma.starredEntity.createMany({
      data: Array.from({ length: MAX_STARRED }, (_, i) => ({ userId: user.id, entityRef: `component:default/old-${i}` })),
    });
    expect(await starEntityAction({ entityRef: 'component:default/checkout', starred: true })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      error: `You have starred ${MAX_STARRED} entities, the most one person can: unstar some first.`,
    });
    // Unstarring one makes room.
    expect((await starEntityAction({ entityRef: 'component:default/old-0', starred: false })).ok).toBe(true);
    expect((await starEntityAction({ entityRef: 'component:default/checkout', starred: true })).ok).toBe(true);
  });
});

describe('the catalog list: Owned / Starred / All', () => {
  it('lists what the person or one of their groups owns, and what they starred, with the counts of each', async () => {
    await signInAs({ login: 'ada', entityRef: 'user:default/ada' });
    // checkout (payments), ledger (ada herself); not indexer (search-team).
    expect(await list({ show: 'owned' })).toMatchObject({
      names: ['checkout', 'ledger'],
      total: 2,
      shows: { all: 3, owned: 2, starred: 0 },
    });
    // The other filters apply too, and the facets count within the owned entities.
    const owned = await list({ kind: 'all', show: 'owned' });
    expect(owned.names).toEqual(['checkout', 'checkout-api', 'ledger']);
    expect(owned.facets.kind).toEqual([
      { value: 'component', count: 2 },
      { value: 'api', count: 1 },
    ]);
    expect(await list({ kind: 'all', show: 'starred' })).toMatchObject({ names: ['checkout-api'], shows: { starred: 1 } });

    await starEntityAction({ entityRef: 'component:default/indexer', starred: true });
    expect(await list({ show: 'starred' })).toMatchObject({ names: ['indexer'], total: 1, shows: { all: 3, owned: 2, starred: 1 } });
    expect(await list({ show: 'starred', q: 'nothing-like-this' })).toMatchObject({ names: [], shows: { all: 0, owned: 0, starred: 0 } });
  });

  it('owns nothing for someone without a User entity, and stars nothing for someone who has not starred', async () => {
    await signInAs({ login: 'frank' });
    expect(await list({ show: 'owned' })).toMatchObject({ names: [], total: 0, shows: { all: 3, owned: 0, starred: 0 } });
    expect(await list({ show: 'starred' })).toMatchObject({ names: [], total: 0 });
  });
});
