import { describe, expect, it } from 'vitest';
import { useTestDb } from '@/testing/test-db';
import { CONTRACT_TOKEN, generatedRef, setUpCatalogFixture } from '@/testing/catalog-fixture';
import { createContract } from '@/testing/openapi-contract';

// Backstage's published description of the catalog REST API (the OpenAPI document of
// @backstage/plugin-catalog-backend 4.0.5) as the referee: every endpoint is called for success and
// error answers with each of its query parameters, over HTTP against the route handlers and a real
// database, and every request and answer must conform. The last test fails for any operation,
// parameter or outcome that no call exercised.

useTestDb();
const f = setUpCatalogFixture('catalog-contract');
const contract = createContract();

type Init = { method?: string; body?: unknown; auth?: boolean };

/** One call, checked against Backstage's OpenAPI document; `template` names the operation. */
async function call(template: string, pathAndQuery: string, init: Init = {}) {
  const method = init.method ?? 'GET';
  const url = new URL(`${f.base}/api/catalog${pathAndQuery}`);
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(init.auth === false ? {} : { authorization: `Bearer ${CONTRACT_TOKEN}` }) },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  const requestBody = typeof init.body === 'string' ? undefined : init.body;
  expect(
    contract.check({ method, template, url, requestBody, status: res.status, body }),
    `${method} ${pathAndQuery} → ${res.status}`,
  ).toEqual([]);
  return { status: res.status, body, headers: res.headers };
}

const names = (items: { metadata: { name: string } }[]) => items.map((e) => e.metadata.name);
// Backstage's document declares whole entities (kind, apiVersion, metadata.name required) even
// where `fields` prunes them; projections here keep those paths so the answers stay conformant.
const FIELDS = 'kind,apiVersion,metadata.name';

let rootId: string;

describe("the catalog REST API against Backstage's OpenAPI document", () => {
  it('answers every operation without credentials with 401 in the error shape', async () => {
    for (const { method, template } of contract.operations) {
      const concrete = template
        .replace('{kind}', 'component')
        .replace('{namespace}', 'default')
        .replace('{name}', 'x')
        .replace('{uid}', 'x')
        .replace('{id}', 'x');
      const res = await call(template, concrete, { method, auth: false, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(res.status, `${method} ${template}`).toBe(401);
    }
  });

  it('POST /locations: dry run, registration, conflict, refresh, and bad input', async () => {
    const dry = await call('/locations', '/locations?dryRun=true', { method: 'POST', body: { type: 'file', target: f.rootTarget } });
    expect(dry.status).toBe(201);
    expect(dry.body.exists).toBe(false);
    expect(dry.body.location.entityRef).toBe(generatedRef('file', f.rootTarget));
    expect(names(dry.body.entities)).toEqual(
      expect.arrayContaining(['acme', 'orders', 'team-a', dry.body.location.entityRef.split('/')[1]]),
    );

    const created = await call('/locations', '/locations', { method: 'POST', body: { type: 'file', target: f.rootTarget } });
    expect(created.status).toBe(201);
    rootId = created.body.location.id;
    expect(created.body.location).toEqual({
      id: rootId,
      type: 'file',
      target: f.rootTarget,
      entityRef: generatedRef('file', f.rootTarget),
    });

    expect((await call('/locations', '/locations', { method: 'POST', body: { type: 'file', target: f.rootTarget } })).status).toBe(409);
    const again = await call('/locations', '/locations?onConflict=refresh', {
      method: 'POST',
      body: { type: 'file', target: f.rootTarget },
    });
    expect(again.status).toBe(201);
    expect(again.body.exists).toBe(true);
    expect(again.body.location.id).toBe(rootId);

    expect(
      (await call('/locations', '/locations?onConflict=merge', { method: 'POST', body: { type: 'file', target: f.rootTarget } })).status,
    ).toBe(400);
    expect((await call('/locations', '/locations', { method: 'POST', body: '{"type":"file"}' })).status).toBe(400);
  });

  it('GET /locations and GET /locations/{id}: registered locations only', async () => {
    const list = await call('/locations', '/locations');
    expect(list.body).toEqual([
      { data: { id: rootId, type: 'file', target: f.rootTarget, entityRef: generatedRef('file', f.rootTarget) } },
    ]);
    expect((await call('/locations/{id}', `/locations/${rootId}`)).body.target).toBe(f.rootTarget);
    expect((await call('/locations/{id}', '/locations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('/locations/{id}', '/locations/not-an-id')).status).toBe(404);
  });

  it('PUT /locations/{id}: points a registered location elsewhere and re-reads it', async () => {
    const extra = await call('/locations', '/locations', { method: 'POST', body: { type: 'file', target: f.extraTarget } });
    const id = extra.body.location.id;
    const otherTarget = f.otherTarget;
    const updated = await call('/locations/{id}', `/locations/${id}`, { method: 'PUT', body: { type: 'file', target: otherTarget } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ id, type: 'file', target: otherTarget, entityRef: generatedRef('file', otherTarget) });
    expect((await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/other-tool')).status).toBe(200);
    expect((await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/extra-tool')).status).toBe(404);

    expect(
      (await call('/locations/{id}', `/locations/${id}`, { method: 'PUT', body: { type: 'file', target: f.rootTarget } })).status,
    ).toBe(409);
    expect(
      (
        await call('/locations/{id}', '/locations/00000000-0000-4000-8000-000000000000', {
          method: 'PUT',
          body: { type: 'file', target: f.extraTarget },
        })
      ).status,
    ).toBe(404);
    expect((await call('/locations/{id}', `/locations/${id}`, { method: 'PUT', body: { target: f.extraTarget } })).status).toBe(400);

    expect((await call('/locations/{id}', `/locations/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/locations/{id}', `/locations/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/other-tool')).status).toBe(404);
  });

  it('POST /locations/by-query: predicate, limit and cursor', async () => {
    await call('/locations', '/locations', { method: 'POST', body: { type: 'file', target: f.extraTarget } });
    const all = await call('/locations/by-query', '/locations/by-query', { method: 'POST', body: {} });
    expect(all.body.totalItems).toBe(2);
    // An empty $all matches every location (Backstage's evaluateFilterPredicate: every of none).
    expect(
      (await call('/locations/by-query', '/locations/by-query', { method: 'POST', body: { query: { $all: [] } } })).body.totalItems,
    ).toBe(2);
    expect(
      (await call('/locations/by-query', '/locations/by-query', { method: 'POST', body: { query: { $any: [] } } })).body.totalItems,
    ).toBe(0);
    const first = await call('/locations/by-query', '/locations/by-query', {
      method: 'POST',
      body: { limit: 1, query: { type: 'FILE', target: { $hasPrefix: f.fixtures } } },
    });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.totalItems).toBe(2);
    const second = await call('/locations/by-query', '/locations/by-query', {
      method: 'POST',
      body: { cursor: first.body.pageInfo.nextCursor },
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.pageInfo.nextCursor).toBeUndefined();
    expect([first.body.items[0].target, second.body.items[0].target].sort()).toEqual([f.rootTarget, f.extraTarget].sort());
    const byRef = await call('/locations/by-query', '/locations/by-query', {
      method: 'POST',
      body: { query: { $not: { entityRef: { $in: [generatedRef('file', f.rootTarget)] } } } },
    });
    expect(byRef.body.items.map((l: { target: string }) => l.target)).toEqual([f.extraTarget]);
    expect((await call('/locations/by-query', '/locations/by-query', { method: 'POST', body: { query: { owner: 'x' } } })).status).toBe(
      400,
    );
    expect((await call('/locations/by-query', '/locations/by-query', { method: 'POST', body: { cursor: 'bm90IGpzb24' } })).status).toBe(
      400,
    );
  });

  it('GET /locations/by-entity: the registered location an entity originates from', async () => {
    const loc = await call('/locations/by-entity/{kind}/{namespace}/{name}', '/locations/by-entity/component/default/orders');
    expect(loc.body).toMatchObject({ id: rootId, target: f.rootTarget });
    expect((await call('/locations/by-entity/{kind}/{namespace}/{name}', '/locations/by-entity/component/default/nope')).status).toBe(404);
  });

  it('GET /entities: filter, fields, order, limit, offset and after', async () => {
    const q = `filter=kind=component,spec.type=service&filter=kind=api&fields=${FIELDS}&order=asc:kind&order=desc:metadata.name`;
    const all = await call('/entities', `/entities?${q}`);
    expect(names(all.body)).toEqual(['orders-api', 'audit-api', 'orders', 'billing']);
    const page = await call('/entities', `/entities?${q}&limit=2&offset=1`);
    expect(names(page.body)).toEqual(['audit-api', 'orders']);
    const link = page.headers.get('link')!;
    const after = new URL(link.slice(1, link.indexOf('>')), f.base).searchParams.get('after')!;
    expect(names((await call('/entities', `/entities?${q}&after=${encodeURIComponent(after)}`)).body)).toEqual(['billing']);
    expect((await call('/entities', '/entities?limit=0')).status).toBe(400);
  });

  it('serves spec arrays sorted as Backstage does', async () => {
    const orders = await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/orders');
    expect(orders.body.spec.providesApis).toEqual(['audit-api', 'orders-api']);
  });

  it('GET and DELETE /entities/by-uid/{uid}', async () => {
    const web = await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/web');
    const uid = web.body.metadata.uid;
    expect((await call('/entities/by-uid/{uid}', `/entities/by-uid/${uid}`)).body.metadata.name).toBe('web');
    expect((await call('/entities/by-uid/{uid}', `/entities/by-uid/${uid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/entities/by-uid/{uid}', `/entities/by-uid/${uid}`)).status).toBe(404);
    expect((await call('/entities/by-uid/{uid}', `/entities/by-uid/${uid}`, { method: 'DELETE' })).status).toBe(404);
    // Its file brings it back on the next read.
    expect((await call('/refresh', '/refresh', { method: 'POST', body: { entityRef: 'component:default/orders' } })).status).toBe(200);
    expect((await call('/entities/by-name/{kind}/{namespace}/{name}', '/entities/by-name/component/default/web')).status).toBe(200);
  });

  it('GET /entities/by-name/{kind}/{namespace}/{name}/ancestry: entity ← declaring Location ← generated Location', async () => {
    const res = await call('/entities/by-name/{kind}/{namespace}/{name}/ancestry', '/entities/by-name/component/default/orders/ancestry');
    const generated = generatedRef('file', f.rootTarget);
    expect(res.body.rootEntityRef).toBe('component:default/orders');
    expect(
      res.body.items.map((i: { entity: { kind: string; metadata: { name: string } }; parentEntityRefs: string[] }) => [
        `${i.entity.kind}:${i.entity.metadata.name}`,
        i.parentEntityRefs,
      ]),
    ).toEqual([
      ['Component:orders', ['location:default/acme']],
      ['Location:acme', [generated]],
      [`Location:${generated.split('/')[1]}`, []],
    ]);
    expect(
      (await call('/entities/by-name/{kind}/{namespace}/{name}/ancestry', '/entities/by-name/component/default/nope/ancestry')).status,
    ).toBe(404);
  });

  it('POST /entities/by-refs: filter parameter, fields and query in the body', async () => {
    const refs = ['component:default/orders', 'api:default/orders-api', 'component:default/missing'];
    const plain = await call('/entities/by-refs', '/entities/by-refs', {
      method: 'POST',
      body: { entityRefs: refs, fields: FIELDS.split(',') },
    });
    expect(plain.body.items.map((e: { metadata: { name: string } } | null) => e?.metadata.name ?? null)).toEqual([
      'orders',
      'orders-api',
      null,
    ]);
    const filtered = await call('/entities/by-refs', '/entities/by-refs?filter=kind=api', { method: 'POST', body: { entityRefs: refs } });
    expect(filtered.body.items.map((e: { metadata: { name: string } } | null) => e?.metadata.name ?? null)).toEqual([
      null,
      'orders-api',
      null,
    ]);
    const queried = await call('/entities/by-refs', '/entities/by-refs', {
      method: 'POST',
      body: { entityRefs: refs, query: { 'metadata.tags': { $contains: 'java' } } },
    });
    expect(queried.body.items.map((e: { metadata: { name: string } } | null) => e?.metadata.name ?? null)).toEqual(['orders', null, null]);
    // The filter parameter and the body's query both apply.
    const both = await call('/entities/by-refs', '/entities/by-refs?filter=kind=api', {
      method: 'POST',
      body: { entityRefs: refs, query: { 'spec.owner': 'team-a' } },
    });
    expect(both.body.items.map((e: { metadata: { name: string } } | null) => e?.metadata.name ?? null)).toEqual([null, 'orders-api', null]);
    expect((await call('/entities/by-refs', '/entities/by-refs', { method: 'POST', body: '{"entityRefs":"x"}' })).status).toBe(400);
  });

  it('GET /entities/by-query: every parameter, and cursors', async () => {
    const q = `filter=kind=component&fields=${FIELDS}&orderField=metadata.name,desc&limit=2&offset=0&totalItems=include`;
    const first = await call('/entities/by-query', `/entities/by-query?${q}`);
    expect(names(first.body.items)).toEqual(['web', 'orders']);
    expect(first.body.totalItems).toBe(4);
    const next = await call(
      '/entities/by-query',
      `/entities/by-query?cursor=${encodeURIComponent(first.body.pageInfo.nextCursor)}&fields=${FIELDS}`,
    );
    expect(names(next.body.items)).toEqual(['extra-tool', 'billing']);
    const text = await call(
      '/entities/by-query',
      `/entities/by-query?fullTextFilterTerm=invoices&fullTextFilterFields=metadata.description&totalItems=exclude&fields=${FIELDS}`,
    );
    expect(names(text.body.items)).toEqual(['billing']);
    expect(text.body.totalItems).toBe(0);
    expect((await call('/entities/by-query', '/entities/by-query?totalItems=some')).status).toBe(400);
  });

  it('POST /entities/by-query: predicates, ordering, text filter, paging and cursors', async () => {
    const query = {
      $all: [{ kind: 'component' }, { 'spec.type': { $in: ['service', 'website'] } }, { $not: { 'spec.lifecycle': 'experimental' } }],
    };
    const res = await call('/entities/by-query', '/entities/by-query', {
      method: 'POST',
      body: { query, orderBy: [{ field: 'metadata.name', order: 'asc' }], fields: FIELDS.split(','), limit: 1 },
    });
    expect(names(res.body.items)).toEqual(['orders']);
    expect(res.body.totalItems).toBe(2);
    const next = await call('/entities/by-query', '/entities/by-query', {
      method: 'POST',
      body: { cursor: res.body.pageInfo.nextCursor, fields: FIELDS.split(',') },
    });
    expect(names(next.body.items)).toEqual(['web']);
    expect(next.body.pageInfo.prevCursor).toEqual(expect.any(String));

    const cases: [object, string[]][] = [
      [{ kind: 'API' }, ['audit-api', 'orders-api']],
      [{ $any: [{ 'metadata.name': 'web' }, { 'spec.owner': 'team-b' }] }, ['billing', 'extra-tool', 'web']],
      [{ kind: 'component', 'metadata.description': { $exists: true } }, ['billing', 'orders']],
      [{ kind: 'component', 'metadata.description': { $exists: false } }, ['extra-tool', 'web']],
      [{ 'metadata.name': { $hasPrefix: 'ORD' } }, ['orders', 'orders-api']],
      [{ relations: { $contains: { type: 'providesApi', targetRef: 'api:default/audit-api' } } }, ['orders']],
      [{ relations: { $contains: { type: 'dependsOn' } } }, ['web']],
      // Declared by orders, attached to the API (Backstage stitches relations by their source).
      [{ relations: { $contains: { type: 'apiProvidedBy', targetRef: 'component:default/orders' } } }, ['audit-api', 'orders-api']],
      [{ $any: [] }, []],
    ];
    for (const [q, expected] of cases) {
      const r = await call('/entities/by-query', '/entities/by-query', {
        method: 'POST',
        body: { query: q, fields: FIELDS.split(','), orderBy: [{ field: 'metadata.name', order: 'asc' }] },
      });
      expect(names(r.body.items), JSON.stringify(q)).toEqual(expected);
    }
    const text = await call('/entities/by-query', '/entities/by-query', {
      method: 'POST',
      body: { fullTextFilter: { term: 'invoices' }, totalItems: 'exclude', offset: 0, fields: FIELDS.split(',') },
    });
    expect(names(text.body.items)).toEqual(['billing']);
    expect(text.body.totalItems).toBe(0);
    for (const bad of [
      { query: { $all: {} } },
      { query: { kind: { $regex: 'x' } } },
      { limit: 0 },
      { orderBy: [{ field: 'x', order: 'up' }] },
      { cursor: 'eyJ4IjoxfQ==' },
    ]) {
      const r = await call('/entities/by-query', '/entities/by-query', { method: 'POST', body: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('GET and POST /entity-facets', async () => {
    const get = await call('/entity-facets', '/entity-facets?facet=kind&facet=spec.type&filter=kind=component');
    expect(get.body.facets.kind).toEqual([{ value: 'Component', count: 4 }]);
    const post = await call('/entity-facets', '/entity-facets', {
      method: 'POST',
      body: { facets: ['spec.lifecycle', 'metadata.tags'], query: { kind: 'component' } },
    });
    expect(post.body.facets['spec.lifecycle']).toEqual([
      { value: 'experimental', count: 1 },
      { value: 'production', count: 3 },
    ]);
    expect(post.body.facets['metadata.tags']).toEqual([
      { value: 'go', count: 1 },
      { value: 'java', count: 1 },
      { value: 'kafka', count: 1 },
    ]);
    expect((await call('/entity-facets', '/entity-facets')).status).toBe(400);
    expect((await call('/entity-facets', '/entity-facets', { method: 'POST', body: { facets: [] } })).status).toBe(400);
  });

  it('POST /refresh and POST /validate-entity', async () => {
    expect((await call('/refresh', '/refresh', { method: 'POST', body: { entityRef: 'component:default/orders' } })).status).toBe(200);
    expect((await call('/refresh', '/refresh', { method: 'POST', body: { entityRef: 'not a ref' } })).status).toBe(400);
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ok' },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    };
    expect(
      (await call('/validate-entity', '/validate-entity', { method: 'POST', body: { entity, location: 'url:https://example.com/x.yaml' } }))
        .status,
    ).toBe(200);
    const bad = await call('/validate-entity', '/validate-entity', {
      method: 'POST',
      body: { entity: { ...entity, metadata: { name: 'Not OK!' } }, location: 'url:https://example.com/x.yaml' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain('metadata.name');
  });

  it('POST /analyze-location: catalog files of a GitHub repository, or a Component to start from', async () => {
    const withFiles = await call('/analyze-location', '/analyze-location', {
      method: 'POST',
      body: { location: { type: 'url', target: `${f.github}/acme/payments` } },
    });
    expect(withFiles.body.generateEntities).toEqual([]);
    expect(
      withFiles.body.existingEntityFiles.map(
        (f: { location: { target: string }; isRegistered: boolean; entity: { metadata: { name: string } } }) => [
          f.location.target,
          f.isRegistered,
          f.entity.metadata.name,
        ],
      ),
    ).toEqual([
      [`${f.github}/acme/payments/blob/main/catalog-info.yaml`, false, 'payments'],
      [`${f.github}/acme/payments/blob/main/tools/cli/catalog-info.yaml`, false, 'payments-cli'],
    ]);
    const bare = await call('/analyze-location', '/analyze-location', {
      method: 'POST',
      body: { location: { type: 'url', target: `${f.github}/acme/bare-repo` } },
    });
    expect(bare.body).toEqual({
      existingEntityFiles: [],
      generateEntities: [
        {
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'bare-repo', annotations: { 'github.com/project-slug': 'acme/bare-repo' } },
            spec: { type: 'other', lifecycle: 'unknown' },
          },
          fields: [],
        },
      ],
    });
    // Only through a configured integration: any other host is refused, and nothing is fetched.
    expect(
      (
        await call('/analyze-location', '/analyze-location', {
          method: 'POST',
          body: { location: { type: 'url', target: 'https://gitlab.example.com/acme/payments' } },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('/analyze-location', '/analyze-location', { method: 'POST', body: { location: { type: 'url', target: 'not a url' } } }))
        .status,
    ).toBe(400);
    expect(
      (
        await call('/analyze-location', '/analyze-location', {
          method: 'POST',
          body: { location: { type: 'url', target: `${f.github}/acme/no-such-repo` } },
        })
      ).status,
    ).toBe(404);
  });

  it('exercised every operation, query parameter, success and error of the document', () => {
    expect(contract.uncovered()).toEqual([]);
  });
});
