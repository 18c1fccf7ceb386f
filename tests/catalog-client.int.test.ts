import path from 'node:path';
import { CatalogClient } from '@backstage/catalog-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '@/testing/test-db';
import { CONTRACT_TOKEN, generatedRef, setUpCatalogFixture } from '@/testing/catalog-fixture';

// The whole @backstage/catalog-client surface against the server over HTTP: every public method
// of CatalogClient is called (the last test fails for any that was not), as a Backstage plugin or
// script pointed at Wayfinder would call it.

useTestDb();
const f = setUpCatalogFixture('catalog-client');
const names = (items: { metadata: { name: string } }[]) => items.map((e) => e.metadata.name);
let rootId: string;

describe('@backstage/catalog-client: every method against the server', () => {
  const called = new Set<string>();
  let client: CatalogClient;
  // Methods of the class that are not the public CatalogApi (helpers the public methods call).
  const INTERNAL = [
    'constructor',
    'requestIgnored',
    'requestRequired',
    'requestOptional',
    'getFilterValue',
    'queryEntitiesByPredicate',
    'getEntityFacetsByPredicate',
  ];
  const methods = Object.getOwnPropertyNames(CatalogClient.prototype).filter((m) => !INTERNAL.includes(m) && !m.startsWith('#'));

  beforeAll(() => {
    const real = new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${f.base}/api/catalog` },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${CONTRACT_TOKEN}` },
          }),
      },
    });
    // Records each public method the tests call (the client's own inner calls are not counted).
    client = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop === 'string' && typeof value === 'function' && methods.includes(prop)) {
          return (...args: unknown[]) => {
            called.add(prop);
            return value.apply(target, args);
          };
        }
        return value;
      },
    });
  });

  it('registers locations, ingested when the call returns', async () => {
    const dry = await client.addLocation({ type: 'file', target: f.rootTarget, dryRun: true });
    expect(dry.entities.map((e) => e.metadata.name)).toContain('orders');
    const root = await client.addLocation({ type: 'file', target: f.rootTarget });
    rootId = root.location.id;
    expect(root.location).toEqual({ id: rootId, type: 'file', target: f.rootTarget, entityRef: generatedRef('file', f.rootTarget) });
    expect(root.entities.map((e) => e.metadata.name)).toContain('orders');
    await client.addLocation({ type: 'file', target: f.extraTarget });
    expect((await client.addLocation({ type: 'file', target: f.extraTarget, onConflict: 'refresh' })).exists).toBe(true);
  });

  it('reads entities every way', async () => {
    expect((await client.getEntities({ filter: { kind: 'api' }, fields: ['metadata.name'] })).items).toEqual([
      { metadata: { name: 'audit-api' } },
      { metadata: { name: 'orders-api' } },
    ]);
    expect((await client.getEntityByRef('component:default/orders'))?.metadata.name).toBe('orders');
    expect((await client.getEntityByName({ kind: 'Component', namespace: 'default', name: 'billing' }))?.metadata.name).toBe('billing');
    const refs = await client.getEntitiesByRefs({
      entityRefs: ['component:default/orders', 'api:default/nope'],
      query: { kind: 'component' },
    });
    expect(refs.items.map((e) => e?.metadata.name)).toEqual(['orders', undefined]);

    const byFilter = await client.queryEntities({
      filter: { kind: 'component' },
      limit: 2,
      orderFields: { field: 'metadata.name', order: 'asc' },
    });
    expect(names(byFilter.items)).toEqual(['billing', 'extra-tool']);
    expect(names((await client.queryEntities({ cursor: byFilter.pageInfo.nextCursor! })).items)).toEqual(['orders', 'web']);
    const byPredicate = await client.queryEntities({
      query: { 'spec.type': { $in: ['service', 'website'] } },
      filter: { 'spec.owner': 'team-a' },
      limit: 1,
      orderFields: { field: 'metadata.name', order: 'asc' },
    });
    expect(names(byPredicate.items)).toEqual(['orders']);
    expect(names((await client.queryEntities({ cursor: byPredicate.pageInfo.nextCursor! })).items)).toEqual(['web']);

    const streamed: string[] = [];
    for await (const page of client.streamEntities({
      query: { kind: 'component' },
      pageSize: 2,
      orderFields: { field: 'metadata.name', order: 'asc' },
    }))
      streamed.push(...names(page));
    expect(streamed).toEqual(['billing', 'extra-tool', 'orders', 'web']);

    const ancestors = await client.getEntityAncestors({ entityRef: 'component:default/billing' });
    expect(ancestors.items.map((i) => i.parentEntityRefs)).toEqual([['location:default/acme'], [generatedRef('file', f.rootTarget)], []]);

    expect((await client.getEntityFacets({ facets: ['kind'], filter: { kind: 'api' } })).facets.kind).toEqual([{ value: 'API', count: 2 }]);
    expect((await client.getEntityFacets({ facets: ['spec.owner'], query: { kind: 'api' } })).facets['spec.owner']).toEqual([
      { value: 'team-a', count: 2 },
    ]);
  });

  it('manages locations every way', async () => {
    const loc = await client.getLocationById(rootId);
    expect(loc?.target).toBe(f.rootTarget);
    expect((await client.getLocations()).items.map((l) => l.target).sort()).toEqual([f.rootTarget, f.extraTarget].sort());
    expect((await client.getLocationByRef(`file:${f.rootTarget}`))?.id).toBe(rootId);
    expect((await client.getLocationByEntity('component:default/orders'))?.id).toBe(rootId);
    expect(
      (await client.queryLocations({ query: { target: { $hasPrefix: path.dirname(f.extraTarget) } } })).items.map((l) => l.target),
    ).toEqual([f.extraTarget]);
    const streamed: string[] = [];
    for await (const page of client.streamLocations({ limit: 1 })) streamed.push(...page.map((l) => l.target));
    expect(streamed.sort()).toEqual([f.rootTarget, f.extraTarget].sort());

    const otherTarget = f.otherTarget;
    const extra = (await client.getLocationByRef(`file:${f.extraTarget}`))!;
    expect(await client.updateLocation(extra.id, { type: 'file', target: otherTarget })).toEqual({
      id: extra.id,
      type: 'file',
      target: otherTarget,
      entityRef: generatedRef('file', otherTarget),
    });
    await client.removeLocationById(extra.id);
    expect(await client.getLocationById(extra.id)).toBeUndefined();

    const analysis = await client.analyzeLocation({ location: { type: 'url', target: `${f.github}/acme/bare-repo` } });
    expect(analysis.generateEntities[0].entity.metadata?.name).toBe('bare-repo');
  });

  it('validates, refreshes and removes entities', async () => {
    expect(
      await client.validateEntity(
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: { type: 'team', children: [] } },
        'url:https://example.com/g.yaml',
      ),
    ).toEqual({ valid: true });
    await client.refreshEntity('component:default/orders');
    const web = await client.getEntityByRef('component:default/web');
    await client.removeEntityByUid(web!.metadata.uid!);
    expect(await client.getEntityByRef('component:default/web')).toBeUndefined();
  });

  it('called every public method of CatalogClient', () => {
    // The list, for the record: what @backstage/catalog-client offers and this suite ran.
    console.info(`catalog-client methods run against Wayfinder (${methods.length}): ${[...methods].sort().join(', ')}`);
    expect([...called].sort()).toEqual([...methods].sort());
  });
});
