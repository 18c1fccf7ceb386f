import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { SearchResultSet } from '@backstage/plugin-search-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as searchRoute from '@/app/api/search/query/route';
import { saveManagedEntity } from '@/lib/catalog/mutations';
import { catalogChanges } from '@/lib/catalog/queries/catalog-cache';
import { getPrisma } from '@/lib/db/client';
import { encodePageCursor, searchDocs, searchEntities } from '@/lib/search';
import { startRouteServer } from '@/testing/route-server';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';

// Search: entities ranked by where the words are, filtered by kind and lifecycle with counts, paged;
// docs pages likewise; and Backstage's search API over HTTP, its answers checked against
// search-backend's own OpenAPI document (tests/fixtures/backstage-search-openapi).

useTestDb();
const TOKEN = 'svc-search-client-0123456789abcdef';
useTestConfig(
  'search',
  `catalog:\n  rules:\n    - allow: ['*']\nauth:\n  serviceTokens:\n    - { name: search-client, token: ${TOKEN}, scope: read }\n`,
);

const entity = (kind: string, name: string, spec: string, metadata = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;
const component = (name: string, lifecycle: string, metadata = '', type = 'service') =>
  entity('Component', name, `  type: ${type}\n  lifecycle: ${lifecycle}\n  owner: team-a\n`, metadata);

let server: Awaited<ReturnType<typeof startRouteServer>>;

beforeAll(async () => {
  for (const yaml of [
    component('exchange-rates', 'production'),
    component('rates', 'experimental'),
    component('rates-service', 'production', '  title: Rates service\n'),
    component('billing', 'production', '  description: Invoices in every currency at the daily rates\n'),
    component('shipping', 'deprecated', '  tags: [rates]\n'),
    component('ledger', 'production', '  description: The service that keeps the books\n'),
    entity('API', 'rates-api', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n'),
    entity('Group', 'team-rates', '  type: team\n  children: []\n'),
    component('shop', 'production', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n'),
    component('old-shop', 'production'),
  ])
    await saveManagedEntity(yaml);
  const prisma = await getPrisma();
  const page = (entityRef: string, path: string, title: string, text: string) => ({
    entityRef,
    path,
    file: `${path || 'index'}.md`,
    sourceSha: 'x',
    title,
    html: `<p>${text}</p>`,
    sections: [
      { id: null, heading: title, text: 'Intro.' },
      { id: 'details', heading: 'Details', text },
    ],
    searchText: `${title} details ${text}`.toLowerCase(),
  });
  await prisma.docsPage.createMany({
    data: [
      page('component:default/shop', '', 'Discounts', 'Discounts: 50% off the rates'),
      page('component:default/shop', 'more', 'Pricing', 'Discounts: 50 or more, at the rates of the day'),
      page('component:default/shop', 'naming', 'Naming', 'Use snake_case names'),
      page('component:default/shop', 'kebab', 'Kebab', 'Use snakeXcase names'),
      page('component:default/shop', 'rates', 'Rates and discounts', 'How rates are set'),
      // Pages of an entity that is not documented (any more): never found.
      page('component:default/old-shop', '', 'Rates of the old shop', 'Old rates'),
    ],
  });
  server = await startRouteServer([[/^\/api\/search\/query$/, [], searchRoute]]);
});
afterAll(() => server?.close());

const all = { offset: 0, limit: 50 };
const names = async (term: string, filters = {}, window = all) => (await searchEntities(term, filters, window)).hits.map((h) => h.name);

describe('entity search', () => {
  it('ranks the entity the words name first: the name itself, then names that start with a word, then contain it, then the title, tags, type or owner, then the description', async () => {
    // rates-service's title has the word too: it comes before the other names that start with it.
    expect(await names('rates')).toEqual(['rates', 'rates-service', 'rates-api', 'team-rates', 'exchange-rates', 'shipping', 'billing']);
    // Every word must be found; the entity whose name the words make up comes first.
    // (every one here is a service: its type is among what is searched.)
    expect(await names('rates service')).toEqual(['rates-service', 'rates', 'exchange-rates', 'shipping', 'billing']);
    expect(await names('Rates Service')).toEqual(await names('rates service'));
    expect(await names('service books')).toEqual(['ledger']);
    expect(await names('nothing-like-this')).toEqual([]);
  });

  it('filters by kind, lifecycle and type, and counts each facet under the other filter', async () => {
    const found = await searchEntities('rates', { lifecycle: ['Production'] }, all);
    expect(found.hits.map((h) => h.name)).toEqual(['rates-service', 'rates-api', 'exchange-rates', 'billing']);
    expect(found.total).toBe(4);
    // Kinds among the production matches; lifecycles among all kinds' matches.
    expect(found.facets.kind).toEqual([
      { value: 'Component', count: 3 },
      { value: 'API', count: 1 },
    ]);
    expect(found.facets.lifecycle).toEqual([
      { value: 'production', count: 4 },
      { value: 'deprecated', count: 1 },
      { value: 'experimental', count: 1 },
    ]);
    const apis = await searchEntities('rates', { kind: ['api'], lifecycle: ['production'] }, all);
    expect(apis.hits.map((h) => h.name)).toEqual(['rates-api']);
    expect(apis.facets.lifecycle).toEqual([{ value: 'production', count: 1 }]);
    expect(await names('rates', { type: ['openapi'] })).toEqual(['rates-api']);
  });

  it('pages the ranked results and counts them all', async () => {
    const first = await searchEntities('rates', {}, { offset: 0, limit: 3 });
    const second = await searchEntities('rates', {}, { offset: 3, limit: 3 });
    expect(first.total).toBe(7);
    expect([...first.hits, ...second.hits].map((h) => h.name)).toEqual((await names('rates')).slice(0, 6));
    expect((await searchEntities('rates', {}, { offset: 0, limit: 0 })).total).toBe(7);
  });

  it('reads %, _ and \\ as the characters typed', async () => {
    expect(await names('%')).toEqual([]);
    expect(await names('rates_service')).toEqual([]);
    expect(await names('rates%')).toEqual([]);
  });
});

describe('docs search', () => {
  const titles = async (term: string, filters = {}) => (await searchDocs(term, filters, all)).hits.map((d) => d.pageTitle);

  it('finds pages with every word, the words in the title first, at the section that has them', async () => {
    expect(await titles('rates discounts')).toEqual(['Rates and discounts', 'Discounts', 'Pricing']);
    const [hit] = (await searchDocs('50% off', {}, all)).hits;
    expect(hit).toMatchObject({ pageTitle: 'Discounts', anchor: 'details', heading: 'Details', lifecycle: 'production' });
  });

  it('filters by the documented entity, pages, and skips entities that are not documented', async () => {
    expect(await titles('rates', { kind: ['API'] })).toEqual([]);
    // The kinds and lifecycles of the documented entities, each counted under the other filter.
    expect((await searchDocs('rates', { kind: ['API'] }, all)).facets).toEqual({
      kind: [{ value: 'Component', count: 3 }],
      lifecycle: [],
    });
    expect((await searchDocs('rates', {}, all)).facets.lifecycle).toEqual([{ value: 'production', count: 3 }]);
    expect(await titles('rates', { lifecycle: ['production'] })).toHaveLength(3);
    expect(await titles('old')).toEqual([]);
    const paged = await searchDocs('rates', {}, { offset: 2, limit: 5 });
    expect(paged).toMatchObject({ total: 3, hits: [{ pageTitle: 'Pricing' }] });
  });

  it('reads %, _ and \\ in the query as the characters typed, not as LIKE wildcards', async () => {
    expect(await titles('50%')).toEqual(['Discounts']);
    expect(await titles('snake_case')).toEqual(['Naming']);
    expect(await titles('%%')).toEqual([]);
    expect(await titles('__')).toEqual([]);
    expect(await titles('50\\')).toEqual([]);
  });
});

// Backstage's published description of the search API as the referee of every answer.
const spec = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/backstage-search-openapi/openapi.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ ...spec.components.schemas, $id: 'search' }, 'search');
const operation = spec.paths['/query'].get;
const conforms = ajv.compile(operation.responses['200'].content['application/json'].schema);
const errorConforms = ajv.compile(spec.components.schemas.Error);

async function query(qs: string, token: string | null = TOKEN) {
  const res = await fetch(`${server.url}/api/search/query?${qs}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.json();
  if (res.status === 200) expect(conforms(body), JSON.stringify(conforms.errors)).toBe(true);
  else expect(errorConforms(body), JSON.stringify(errorConforms.errors)).toBe(true);
  return { status: res.status, body };
}

describe('GET /api/search/query (Backstage search API)', () => {
  it('answers the catalog results then the docs results, ranked, with Backstage-shaped documents', async () => {
    const { status, body } = await query('term=rates');
    expect(status).toBe(200);
    const set = body as SearchResultSet;
    expect(set.numberOfResults).toBe(10);
    expect(set.results.map((r) => `${r.type}:${r.document.title}`)).toEqual([
      'software-catalog:rates',
      'software-catalog:Rates service',
      'software-catalog:rates-api',
      'software-catalog:team-rates',
      'software-catalog:exchange-rates',
      'software-catalog:shipping',
      'software-catalog:billing',
      'techdocs:Rates and discounts',
      'techdocs:Discounts › Details',
      'techdocs:Pricing › Details',
    ]);
    expect(set.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(set.results[1].document).toEqual({
      title: 'Rates service',
      text: '',
      location: '/catalog/component/default/rates-service',
      componentType: 'service',
      type: 'service',
      namespace: 'default',
      kind: 'Component',
      name: 'rates-service',
      lifecycle: 'production',
      owner: 'team-a',
    });
    expect(set.results[7].document).toMatchObject({
      location: '/catalog/component/default/shop/docs/rates',
      kind: 'component',
      name: 'shop',
      path: 'rates',
      owner: 'team-a',
    });
    expect(set).not.toHaveProperty('nextPageCursor');
  });

  it('takes types and filters as qs writes them (types[0]=, filters[kind]=, filters[kind][0]=)', async () => {
    const docs = await query('term=rates&types%5B0%5D=techdocs');
    expect(docs.body.results.map((r: { type: string }) => r.type)).toEqual(['techdocs', 'techdocs', 'techdocs']);
    const apis = await query('term=rates&filters%5Bkind%5D=API');
    expect(apis.body.results.map((r: { document: { name: string } }) => r.document.name)).toEqual(['rates-api']);
    const two = await query(
      'term=rates&types%5B0%5D=software-catalog&filters%5Blifecycle%5D%5B0%5D=experimental&filters%5Blifecycle%5D%5B1%5D=deprecated',
    );
    expect(two.body.results.map((r: { document: { name: string } }) => r.document.name)).toEqual(['rates', 'shipping']);
  });

  it('pages with cursors across the two types', async () => {
    const first = await query('term=rates&pageLimit=4');
    expect(first.body).toMatchObject({ numberOfResults: 10, nextPageCursor: encodePageCursor(1) });
    expect(first.body).not.toHaveProperty('previousPageCursor');
    const second = await query(`term=rates&pageLimit=4&pageCursor=${first.body.nextPageCursor}`);
    expect(second.body.results.map((r: { rank: number; type: string }) => `${r.rank}:${r.type}`)).toEqual([
      '5:software-catalog',
      '6:software-catalog',
      '7:software-catalog',
      '8:techdocs',
    ]);
    const third = await query(`term=rates&pageLimit=4&pageCursor=${second.body.nextPageCursor}`);
    expect(third.body.results.map((r: { document: { title: string } }) => r.document.title)).toEqual([
      'Discounts › Details',
      'Pricing › Details',
    ]);
    expect(third.body).toMatchObject({ previousPageCursor: encodePageCursor(1) });
    expect(third.body).not.toHaveProperty('nextPageCursor');
  });

  it('says what to fix for a type, filter, cursor or page limit it does not take, and asks for credentials', async () => {
    for (const [qs, message] of [
      ['term=x&types%5B0%5D=adr', /types: "adr" is not a result type here/],
      ['term=x&filters%5Bowner%5D=team-a', /filters\[owner\]: search filters on filters\[kind\], filters\[lifecycle\], filters\[type\]/],
      ['term=x&pageCursor=bm9wZQ', /pageCursor: not a cursor this API gave/],
      ['term=x&pageLimit=500', /pageLimit: a whole number from 1 to 100/],
    ] as const) {
      const { status, body } = await query(qs);
      expect(status, qs).toBe(400);
      expect(body.error.message).toMatch(message);
    }
    expect((await query('term=rates', null)).status).toBe(401);
  });
});

describe('answers kept until the catalog or its docs change', () => {
  it('keeps an answer for the same words, filters and page, and answers anew after an entity is saved or a page built', async () => {
    const deadline = Date.now() + 10_000;
    while (!(await catalogChanges()).listening) {
      if (Date.now() > deadline) throw new Error('the catalog listener did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    const entities = await searchEntities('rates', {}, all);
    // Kept: the same answer, whatever the case or spacing of the words.
    expect(await searchEntities('  RATES ', {}, all)).toBe(entities);
    expect(await searchEntities('rates', { lifecycle: ['production'] }, all)).not.toBe(entities);
    await saveManagedEntity(component('rates-archive', 'production'));
    const after = await searchEntities('rates', {}, all);
    expect(after.total).toBe(entities.total + 1);
    expect(after.hits.map((h) => h.name)).toContain('rates-archive');

    const docs = await searchDocs('rates', {}, all);
    expect(await searchDocs('Rates', {}, all)).toBe(docs);
    await (
      await getPrisma()
    ).docsPage.create({
      data: {
        entityRef: 'component:default/shop',
        path: 'fx',
        file: 'fx.md',
        sourceSha: 'y',
        title: 'FX',
        html: '<p>fx</p>',
        searchText: 'fx rates',
      },
    });
    expect((await searchDocs('rates', {}, all)).hits.map((d) => d.pageTitle)).toContain('FX');
  });
});
