import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG_FILTER_EXISTS, CatalogClient } from '@backstage/catalog-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { CATALOG_ROUTES } from '@/testing/catalog-routes';
import { createProjection } from '@/lib/catalog/api/fields';
import { startRouteServer } from '@/testing/route-server';

// The catalog REST API driven by the real @backstage/catalog-client, over HTTP, against the route
// handlers and a real database: what a Backstage plugin or script pointed at Wayfinder would see.

const t = useTestDb();

let fixtures: string;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let base: string;
let catalog: CatalogClient;

function write(rel: string, text: string): string {
  const file = path.join(fixtures, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const component = (name: string, spec: string, metadata = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;

const SERVICES = [
  component(
    'orders',
    '  type: service\n  lifecycle: production\n  owner: team-a\n  providesApis: [orders-api]\n',
    '  description: Takes orders\n',
  ),
  component(
    'billing',
    '  type: service\n  lifecycle: experimental\n  owner: team-b\n  consumesApis: [orders-api]\n',
    '  description: Sends invoices\n',
  ),
  component('web', '  type: website\n  lifecycle: production\n  owner: team-a\n  dependsOn: [component:orders]\n'),
  component('catalog-ui', '  type: website\n  lifecycle: production\n  owner: team-b\n'),
  component('Bad_Name!', '  type: service\n  lifecycle: production\n  owner: team-a\n'),
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n`,
].join('---\n');

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const SERVICE_TOKEN = 'svc-catalog-client-0123456789abcdef';
// The client authenticates as a real one would: a service token from auth.serviceTokens.
const config = useTestConfig(
  'catalog-api',
  `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [./fixtures]\nauth:\n  serviceTokens:\n    - { name: catalog-client, token: ${SERVICE_TOKEN}, scope: write }\n`,
);

const COMPONENT_NAMES = ['billing', 'catalog-ui', 'orders', 'web'];

async function api(pathAndQuery: string, init?: RequestInit) {
  const res = await fetch(`${base}/api/catalog${pathAndQuery}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}`, ...init?.headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  fixtures = path.join(config.dir, 'fixtures');

  write(
    'catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: acme\nspec:\n  targets: [./teams/catalog-info.yaml, ./services/catalog-info.yaml]\n',
  );
  write(
    'teams/catalog-info.yaml',
    ['team-a', 'team-b']
      .map((n) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${n}\nspec:\n  type: team\n  children: []\n`)
      .join('---\n'),
  );
  write('services/catalog-info.yaml', SERVICES);
  write('extra/catalog-info.yaml', component('extra-tool', '  type: tool\n  lifecycle: production\n  owner: team-b\n  oncall: ~\n'));
  fs.mkdirSync(path.join(config.dir, 'outside'));
  fs.writeFileSync(
    path.join(config.dir, 'outside/catalog-info.yaml'),
    component('sneaky', '  type: service\n  lifecycle: production\n  owner: team-a\n'),
  );

  server = await startRouteServer(CATALOG_ROUTES);
  base = server.url;
  catalog = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${base}/api/catalog` },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${SERVICE_TOKEN}` } }),
    },
  });
});

afterAll(async () => {
  await server?.close();
});

describe('catalog REST API through @backstage/catalog-client', () => {
  let rootLocationId: string;

  it('previews a location on dryRun without writing anything', async () => {
    // Backstage's generated Location entity for a registered location: generated-<sha1 of "type:target">.
    const generatedName = `generated-${createHash('sha1')
      .update(`file:${path.join(fixtures, 'catalog-info.yaml')}`)
      .digest('hex')}`;
    const res = await catalog.addLocation({ type: 'file', target: path.join(fixtures, 'catalog-info.yaml'), dryRun: true });
    expect(res.exists).toBe(false);
    const refs = res.entities.map((e) => `${e.kind}:${e.metadata.name}`.toLowerCase()).sort();
    expect(refs).toEqual(
      [
        'api:orders-api',
        'component:billing',
        'component:catalog-ui',
        'component:orders',
        'component:web',
        'group:team-a',
        'group:team-b',
        'location:acme',
        `location:${generatedName}`,
      ].sort(),
    );
    expect(await t.db.prisma.location.count()).toBe(0);
    expect(await t.db.prisma.entity.count()).toBe(0);
  });

  it('registers a location, ingests it before answering, and reports its errors with file and line', async () => {
    const target = path.join(fixtures, 'catalog-info.yaml');
    const res = await api('/locations', { method: 'POST', body: JSON.stringify({ type: 'file', target }) });
    expect(res.status).toBe(201);
    rootLocationId = res.body.location.id;
    const entityRef = `location:default/generated-${createHash('sha1').update(`file:${target}`).digest('hex')}`;
    expect(res.body.location).toEqual({ id: rootLocationId, type: 'file', target, entityRef });
    expect(res.body.entities.map((e: { metadata: { name: string } }) => e.metadata.name)).toContain('orders');
    // The invalid document lives in the child location the Location entity declared.
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ line: lineOf(SERVICES, 'Bad_Name!'), column: 9 });
    expect(res.body.errors[0].file).toMatch(/services\/catalog-info\.yaml$/);
    expect(res.body.errors[0].message).toContain('Bad_Name!');

    expect(await catalog.getLocationById(rootLocationId)).toEqual({ id: rootLocationId, type: 'file', target, entityRef });
    // As Backstage: only registered locations are listed; the declared child is not.
    expect((await catalog.getLocations()).items).toEqual([{ id: rootLocationId, type: 'file', target, entityRef }]);
    const generated = await catalog.getEntityByRef(entityRef);
    expect(generated?.spec).toEqual({ type: 'file', target });
    expect(generated?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`file:${target}`);
    expect((await api('/locations', { method: 'POST', body: JSON.stringify({ type: 'file', target }) })).status).toBe(409);
  });

  it('lists entities with filter, fields projection and order', async () => {
    const { items } = await catalog.getEntities({
      filter: { kind: 'component' },
      fields: ['metadata.name', 'kind'],
      order: { field: 'metadata.name', order: 'asc' },
    });
    expect(items).toEqual(COMPONENT_NAMES.map((name) => ({ kind: 'Component', metadata: { name } })));

    const services = await catalog.getEntities({
      filter: [{ kind: 'component', 'spec.type': 'service' }],
      fields: ['metadata.name'],
      order: [{ field: 'metadata.name', order: 'desc' }],
    });
    expect(services.items.map((e) => e.metadata.name)).toEqual(['orders', 'billing']);

    // OR of alternatives: Groups, or Components of team-a.
    const mixed = await catalog.getEntities({
      filter: [{ kind: 'group' }, { kind: 'component', 'spec.owner': 'team-a' }],
      fields: ['metadata.name'],
    });
    expect(mixed.items.map((e) => e.metadata.name).sort()).toEqual(['orders', 'team-a', 'team-b', 'web']);
  });

  it('answers a projection of column paths as the same projection of the whole entity', async () => {
    // kind, name, namespace, uid, etag and relations are read from the entity's columns, not its
    // body (COLUMN_PATHS): the answer, key order included, is the projection of the served entity.
    const fieldLists = [
      ['relations', 'metadata.uid', 'kind', 'metadata.namespace', 'metadata.etag', 'metadata.name'],
      ['metadata.name', 'kind', 'metadata.name'],
    ];
    const queries = [
      ['/entities?order=asc:metadata.name', (b: object[]) => b],
      ['/entities/by-query?orderField=metadata.name,desc&limit=5', (b: { items: object[] }) => b.items],
      ['/entities/by-query?fullTextFilterTerm=team&orderField=kind,asc', (b: { items: object[] }) => b.items],
    ] as const;
    for (const [query, itemsOf] of queries) {
      const whole = itemsOf((await api(query)).body);
      expect(whole.length).toBeGreaterThan(1);
      for (const fields of fieldLists) {
        const projected = itemsOf((await api(`${query}&fields=${fields.join(',')}`)).body);
        expect(JSON.stringify(projected)).toBe(JSON.stringify(whole.map(createProjection(fields)!)));
      }
    }
  });

  it('paginates GET /entities with limit and a Link header whose after cursor continues', async () => {
    const first = await api('/entities?filter=kind=component&fields=metadata.name&limit=3');
    expect(first.body.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(COMPONENT_NAMES.slice(0, 3));
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/api\/catalog\/entities\?.*after=.*>; rel="next"$/);
    const next = await api(link!.slice(link!.indexOf('<') + 1, link!.indexOf('>')).replace('/api/catalog', ''));
    expect(next.body.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(COMPONENT_NAMES.slice(3));
    expect(next.headers.get('link')).toBeNull();
  });

  it('pages through queryEntities with cursors, counting all matches', async () => {
    const seen: string[] = [];
    let page = await catalog.queryEntities({
      filter: { kind: 'component' },
      limit: 3,
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: ['metadata.name'],
    });
    expect(page.totalItems).toBe(4);
    expect(page.pageInfo.prevCursor).toBeUndefined();
    seen.push(...page.items.map((e) => e.metadata.name));
    let pages = 1;
    while (page.pageInfo.nextCursor) {
      page = await catalog.queryEntities({ cursor: page.pageInfo.nextCursor, limit: 3, fields: ['metadata.name'] });
      expect(page.totalItems).toBe(4);
      expect(page.pageInfo.prevCursor).toEqual(expect.any(String));
      seen.push(...page.items.map((e) => e.metadata.name));
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(COMPONENT_NAMES);

    // The previous cursor leads back to the first page.
    const back = await catalog.queryEntities({ cursor: page.pageInfo.prevCursor!, fields: ['metadata.name'] });
    expect(back.items.map((e) => e.metadata.name)).toEqual(COMPONENT_NAMES.slice(0, 3));

    const text = await catalog.queryEntities({ fullTextFilter: { term: 'invoices' }, fields: ['metadata.name'] });
    expect(text.items.map((e) => e.metadata.name)).toEqual(['billing']);
    expect(text.totalItems).toBe(1);

    const byField = await catalog.queryEntities({
      filter: { kind: 'component' },
      fullTextFilter: { term: 'ORD', fields: ['metadata.name'] },
      fields: ['metadata.name'],
    });
    expect(byField.items.map((e) => e.metadata.name)).toEqual(['orders']);
  });

  // Next pages start after the last row's sort key (no rows skipped, so no page costs more than the
  // first): every order, ties, missing values and descending fields must page to the one-page answer.
  it.each([
    { label: 'the default order (name)' },
    { label: 'name descending', orderFields: [{ field: 'metadata.name', order: 'desc' as const }] },
    { label: 'spec.type, tied and missing', orderFields: [{ field: 'spec.type', order: 'asc' as const }] },
    { label: 'spec.lifecycle descending', orderFields: [{ field: 'spec.lifecycle', order: 'desc' as const }] },
    { label: 'a relation', orderFields: [{ field: 'relations.ownedBy', order: 'asc' as const }] },
    { label: 'a search-table key, mostly missing', orderFields: [{ field: 'metadata.description', order: 'desc' as const }] },
    { label: 'uid', orderFields: [{ field: 'metadata.uid', order: 'asc' as const }] },
    {
      label: 'two fields',
      orderFields: [
        { field: 'kind', order: 'asc' as const },
        { field: 'metadata.name', order: 'desc' as const },
      ],
    },
    { label: 'a text term', fullTextFilter: { term: 'e' } },
    { label: 'a predicate (POST)', query: { $not: { kind: 'location' } }, orderFields: [{ field: 'spec.type', order: 'desc' as const }] },
  ])('pages with cursors to the same entities as one page: $label', async ({ label, ...request }) => {
    const names = (items: { kind: string; metadata: { name: string } }[]) => items.map((e) => `${e.kind}:${e.metadata.name}`);
    const fields = ['kind', 'metadata.name'];
    const whole = await catalog.queryEntities({ ...request, limit: 1000, fields });
    expect(whole.items.length, label).toBeGreaterThan(3);
    const seen: string[] = [];
    let page = await catalog.queryEntities({ ...request, limit: 2, fields });
    seen.push(...names(page.items));
    for (let pages = 1; page.pageInfo.nextCursor && pages <= whole.items.length; pages++) {
      page = await catalog.queryEntities({ cursor: page.pageInfo.nextCursor, fields });
      expect(page.totalItems).toBe(whole.totalItems);
      seen.push(...names(page.items));
    }
    expect(seen).toEqual(names(whole.items));
  });

  it('refuses a cursor whose sort key does not fit its order', async () => {
    const first = await api('/entities/by-query?limit=1&fields=metadata.name');
    const cursor = JSON.parse(Buffer.from(first.body.pageInfo.nextCursor, 'base64url').toString('utf8'));
    for (const after of [['only-one'], [null, null], [1, 'x']]) {
      const forged = Buffer.from(JSON.stringify({ ...cursor, after }), 'utf8').toString('base64url');
      const res = await api(`/entities/by-query?cursor=${forged}`);
      expect(res.status, JSON.stringify(after)).toBe(400);
      expect(res.body.error.message).toContain('cursor');
    }
  });

  it('gets an entity by ref with its relations, and undefined for a missing one', async () => {
    const orders = await catalog.getEntityByRef('component:default/orders');
    expect(orders?.metadata).toMatchObject({ name: 'orders', namespace: 'default', uid: expect.any(String), etag: expect.any(String) });
    expect(orders?.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'providesApi', targetRef: 'api:default/orders-api' },
        { type: 'dependencyOf', targetRef: 'component:default/web' },
      ]),
    );
    expect(await catalog.getEntityByRef('component:default/nope')).toBeUndefined();

    const missing = await api('/entities/by-name/component/default/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      name: 'NotFoundError',
      message: "No entity named 'nope' found, with kind 'component' in namespace 'default'",
    });
  });

  it('gets entities by refs in request order, with undefined for a missing ref', async () => {
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: ['group:default/team-b', 'component:default/missing', 'Component:default/Orders'],
      fields: ['kind', 'metadata.name'],
    });
    expect(items).toEqual([
      { kind: 'Group', metadata: { name: 'team-b' } },
      undefined,
      { kind: 'Component', metadata: { name: 'orders' } },
    ]);

    const filtered = await catalog.getEntitiesByRefs({
      entityRefs: ['group:default/team-b', 'component:default/orders'],
      filter: { kind: 'component' },
      fields: ['metadata.name'],
    });
    expect(filtered.items).toEqual([undefined, { metadata: { name: 'orders' } }]);
  });

  it('filters by-refs of many refs with several filter parameters (each alternative got every uid: a 500 past 65,535 bind parameters)', async () => {
    // 10,000 refs (the cap) and 7 filters: 70,000 parameters before. The same ref repeated stands for a large catalog.
    const filters = Array.from({ length: 7 }, (_, i) => `filter=kind=component,metadata.name=${i ? `other-${i}` : 'orders'}`).join('&');
    const res = await api(`/entities/by-refs?${filters}&fields=metadata.name`, {
      method: 'POST',
      body: JSON.stringify({ entityRefs: [...Array(9_999).fill('component:default/orders'), 'component:default/billing'] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(10_000);
    expect(res.body.items[0]).toEqual({ metadata: { name: 'orders' } });
    expect(res.body.items[9_999]).toBeNull();
  });

  it('counts facet values among the filtered entities', async () => {
    const { facets: result } = await catalog.getEntityFacets({ facets: ['kind', 'spec.type'], filter: { kind: ['component', 'api'] } });
    // As Backstage: values as written, ordered by value.
    expect(result.kind).toEqual([
      { value: 'API', count: 1 },
      { value: 'Component', count: 4 },
    ]);
    expect(result['spec.type']).toEqual([
      { value: 'openapi', count: 1 },
      { value: 'service', count: 2 },
      { value: 'website', count: 2 },
    ]);
  });

  // Backstage builds relations.<type> from the stitched entity: every relation it is the source of,
  // whichever entity declared it.
  it('filters, counts and orders relations.<type> keys by every relation of the entity, whoever declared it', async () => {
    // The groups declare nothing: the components' spec.owner gives them their ownerOf relations.
    const owners = await catalog.getEntities({ filter: { kind: 'group', 'relations.ownerOf': 'Component:default/orders' } });
    expect(owners.items.map((e) => e.metadata.name)).toEqual(['team-a']);
    const provided = await catalog.getEntities({ filter: { 'relations.apiProvidedBy': CATALOG_FILTER_EXISTS } });
    expect(provided.items.map((e) => e.metadata.name)).toEqual(['orders-api']);
    const notOwners = await catalog.queryEntities({
      query: { $all: [{ kind: 'group' }, { $not: { relations: { $contains: { type: 'ownerOf', targetRef: 'component:default/web' } } } }] },
    });
    expect(notOwners.items.map((e) => e.metadata.name)).toEqual(['team-b']);

    const { facets: result } = await catalog.getEntityFacets({
      facets: ['relations.ownedBy', 'relations.ownerOf'],
      filter: { kind: 'group' },
    });
    expect(result['relations.ownedBy']).toEqual([]);
    expect(result['relations.ownerOf']).toEqual(
      ['billing', 'catalog-ui', 'orders', 'web']
        .map((n) => ({ value: `component:default/${n}`, count: 1 }))
        .concat([{ value: 'api:default/orders-api', count: 1 }])
        .sort((a, b) => (a.value < b.value ? -1 : 1)),
    );
    const byOwner = await catalog.getEntities({
      filter: { kind: 'component' },
      fields: ['metadata.name'],
      order: [
        { field: 'relations.ownedBy', order: 'desc' },
        { field: 'metadata.name', order: 'asc' },
      ],
    });
    expect(byOwner.items.map((e) => e.metadata.name)).toEqual(['billing', 'catalog-ui', 'orders', 'web']);
  });

  it('matches a key whose value is null by its existence, and leaves it out of facets', async () => {
    await catalog.addLocation({ type: 'file', target: path.join(fixtures, 'extra/catalog-info.yaml') });
    const { items } = await catalog.getEntities({ filter: { 'spec.oncall': CATALOG_FILTER_EXISTS } });
    expect(items.map((e) => e.metadata.name)).toEqual(['extra-tool']);
    const { facets: result } = await catalog.getEntityFacets({ facets: ['spec.oncall'] });
    expect(result['spec.oncall']).toEqual([]);
    await catalog.removeLocationById((await catalog.getLocationByRef(`file:${path.join(fixtures, 'extra/catalog-info.yaml')}`))!.id);
  });

  it('finds the registered location an entity originates from', async () => {
    const loc = await catalog.getLocationByEntity('component:default/orders');
    expect(loc).toMatchObject({ id: rootLocationId, type: 'file', target: path.join(fixtures, 'catalog-info.yaml') });
  });

  it('validates an entity: valid, and invalid with Backstage-shaped errors', async () => {
    const good = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ok' },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    };
    expect(await catalog.validateEntity(good, 'url:https://example.com/catalog-info.yaml')).toEqual({ valid: true });
    const bad = await catalog.validateEntity({ ...good, metadata: { name: 'Not OK!' } }, 'url:https://example.com/catalog-info.yaml');
    expect(bad.valid).toBe(false);
    if (bad.valid) return;
    expect(bad.errors[0].name).toBe('InputError');
    expect(bad.errors[0].message).toContain('metadata.name');
  });

  it('refreshes an entity synchronously: the changed file is visible when the call returns', async () => {
    write('services/catalog-info.yaml', SERVICES.replace('Takes orders', 'Takes and tracks orders'));
    await catalog.refreshEntity('component:default/orders');
    expect((await catalog.getEntityByRef('component:default/orders'))?.metadata.description).toBe('Takes and tracks orders');
  });

  it('keeps the last good version of an entity whose document became invalid, with the error in status.items', async () => {
    // by-query's answer, kept until the catalog changes, before and after: only the errors change.
    const byQuery = async () => (await catalog.queryEntities({ filter: { 'metadata.name': 'billing' } })).items[0] as { status?: unknown };
    expect((await byQuery()).status).toBeUndefined();
    const broken = SERVICES.replace('lifecycle: experimental', 'lifecycle: [oops]');
    write('services/catalog-info.yaml', broken);
    await catalog.refreshEntity('component:default/billing');
    const byName = (await catalog.getEntityByRef('component:default/billing')) as { status?: unknown } | undefined;
    expect((await byQuery()).status).toEqual(byName?.status);
    const billing = await catalog.getEntityByRef('component:default/billing');
    expect(billing?.spec?.lifecycle).toBe('experimental');
    const items = (
      billing as unknown as {
        status?: { items: { type: string; level: string; error: { position: { file: string; line: number; column: number } } }[] };
      }
    ).status?.items;
    expect(items).toHaveLength(1);
    expect(items?.[0]).toMatchObject({
      type: 'backstage.io/catalog-processing',
      level: 'error',
      error: { position: { line: lineOf(broken, '[oops]'), column: 14 } },
    });
    expect(items?.[0].error.position.file).toMatch(/services\/catalog-info\.yaml$/);
  });

  it('removes an entity by uid', async () => {
    const web = await catalog.getEntityByRef('component:default/web');
    await catalog.removeEntityByUid(web!.metadata.uid!);
    expect(await catalog.getEntityByRef('component:default/web')).toBeUndefined();
    expect((await api(`/entities/by-uid/${web!.metadata.uid}`)).status).toBe(404);
    expect((await api('/entities/by-uid/not-a-uuid', { method: 'DELETE' })).status).toBe(404);
  });

  it('removes a location and the entities it produced', async () => {
    const { location } = await catalog.addLocation({ type: 'file', target: path.join(fixtures, 'extra/catalog-info.yaml') });
    expect(await catalog.getEntityByRef('component:default/extra-tool')).toBeDefined();
    await catalog.removeLocationById(location.id);
    expect(await catalog.getLocationById(location.id)).toBeUndefined();
    expect(await catalog.getEntityByRef('component:default/extra-tool')).toBeUndefined();
    expect(await catalog.getEntityByRef('component:default/orders')).toBeDefined();

    await catalog.removeLocationById(rootLocationId);
    expect((await catalog.getEntities()).items).toEqual([]);
  });

  it('refuses a file location outside catalog.fileLocationRoots with 403', async () => {
    const res = await api('/locations', {
      method: 'POST',
      body: JSON.stringify({ type: 'file', target: path.join(config.dir, 'outside/catalog-info.yaml') }),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toContain('fileLocationRoots');
    const dry = await api('/locations?dryRun=true', {
      method: 'POST',
      body: JSON.stringify({ type: 'file', target: path.join(config.dir, 'outside/catalog-info.yaml') }),
    });
    expect(dry.status).toBe(403);
    expect(await t.db.prisma.location.count({ where: { target: { contains: 'outside' } } })).toBe(0);
  });

  it('answers bad query parameters and bodies with 400 and a message that says what to fix', async () => {
    const cases: [string, RequestInit | undefined, string][] = [
      ['/entities?limit=0', undefined, 'limit must be an integer from 1 to 10000'],
      ['/entities?limit=abc', undefined, 'limit must be an integer from 1 to 10000'],
      ['/entities?order=name', undefined, 'order "name" must be asc:<field> or desc:<field>'],
      ['/entities?after=%%%', undefined, 'after is malformed'],
      ['/entities/by-query?cursor=bm90LWpzb24', undefined, 'cursor is malformed'],
      ['/entities/by-query?orderField=metadata.name,up', undefined, 'orderField "metadata.name,up" must be <field>,asc or <field>,desc'],
      ['/entity-facets', undefined, 'facet is required'],
      ['/entities/by-refs', { method: 'POST', body: '{"entityRefs":"component:a"}' }, 'entityRefs must be a list'],
      ['/refresh', { method: 'POST', body: '{' }, 'request body is not valid JSON'],
      ['/locations', { method: 'POST', body: '{"type":"file"}' }, 'target'],
    ];
    for (const [url, init, message] of cases) {
      const res = await api(url, init);
      expect(res.status, url).toBe(400);
      expect(res.body.error.name, url).toBe('InputError');
      expect(res.body.error.message, url).toContain(message);
    }
  });

  it('refuses lists a request may not give so long, in bodies and query strings, with a 400 that names the cap', async () => {
    // Without caps one body of 1 MiB took 77 s (20,000 orderBy fields at 3,000 entities), 19 s
    // (40,000 facets), 4 s (50,000 fields); 99 or more order fields failed with a 500.
    const list = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
    const cases: [string, RequestInit | undefined, string][] = [
      ['/entities/by-query', post({ orderBy: list(11, (i) => ({ field: `k${i}`, order: 'asc' })) }), 'orderBy may name at most 10 fields'],
      ['/entities/by-query', post({ orderBy: list(99, (i) => ({ field: `k${i}`, order: 'asc' })) }), 'orderBy may name at most 10 fields'],
      ['/entities/by-query', post({ fields: [list(101, (i) => `a${i}`).join(',')] }), 'fields may name at most 100 paths'],
      ['/entities/by-query', post({ fullTextFilter: { term: 'x', fields: list(21, (i) => `k${i}`) } }), 'at most 20 paths'],
      ['/entity-facets', post({ facets: list(51, (i) => `k${i}`) }), 'at most 50 facets'],
      [
        '/entities/by-refs',
        post({ entityRefs: ['component:default/orders'], fields: list(101, (i) => `a${i}`) }),
        'fields may name at most 100 paths',
      ],
      [
        `/entities/by-refs?fields=${list(60, (i) => `a${i}`).join(',')}`,
        post({ entityRefs: [], fields: list(41, (i) => `b${i}`) }),
        'at most 100 paths',
      ],
      [`/entities?${list(11, (i) => `order=asc:k${i}`).join('&')}`, undefined, 'order may name at most 10 fields'],
      [`/entities?filter=${list(21, (i) => `k${i}`).join(',')}`, undefined, 'one filter may hold at most 20 conditions'],
      [`/entities?${list(1001, (i) => `filter=k${i}`).join('&')}`, undefined, 'filter may hold at most 1000 conditions'],
      [`/entity-facets?${list(51, (i) => `facet=k${i}`).join('&')}`, undefined, 'at most 50 facets'],
    ];
    for (const [url, init, message] of cases) {
      const res = await api(url, init);
      expect(res.status, url).toBe(400);
      expect(res.body.error.message, url).toContain(message);
    }
    // At the caps: answered.
    const atCaps = await api(
      '/entities/by-query',
      post({ orderBy: list(10, (i) => ({ field: `k${i}`, order: 'asc' })), fields: list(100, (i) => `a${i}`) }),
    );
    expect(atCaps.status).toBe(200);
  });
});
