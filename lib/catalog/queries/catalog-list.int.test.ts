import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { listCatalog } from './catalog-list';
import { parseCatalogParams } from './catalog-params';
import { entityFacets } from './served-entities';
import { EMPTY_FILTER } from './filter';

// The catalog page counts facets from the entity's columns; the filters match the search table.
// Both must agree, or a facet would offer a value that selects nothing.

useTestDb();
const config = useTestConfig('catalog-list', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const component = (name: string, spec: string, tags: string[]) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: ${name} handles payments\n  tags: [${tags.join(', ')}]\nspec:\n  type: service\n  lifecycle: production\n${spec}`;

beforeAll(async () => {
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    [
      component('orders', '  owner: team-a\n  system: shop\n', ['java', 'http']),
      component('billing', '  owner: group:default/team-b\n  system: shop\n  subcomponentOf: orders\n', ['java', 'java']),
      component('search', '  owner: team-a\n', ['python']),
      `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: team-a\n  domain: commerce\n`,
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n`,
    ].join('---\n'),
  );
  await registerLocation({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
});

describe('catalog list facets', () => {
  it('counts every facet among the matching entities', async () => {
    const { facets, total } = await listCatalog(parseCatalogParams({ kind: 'all' }));
    // Five from the file, and the registered location's generated Location entity (as Backstage).
    expect(total).toBe(6);
    expect(facets.kind).toEqual([
      { value: 'component', count: 3 },
      { value: 'group', count: 1 },
      { value: 'location', count: 1 },
      { value: 'system', count: 1 },
    ]);
    expect(facets.owner).toEqual([
      { value: 'group:default/team-a', count: 3 },
      { value: 'group:default/team-b', count: 1 },
    ]);
    // partOf also points at the domain and the parent component; the facet has systems only.
    expect(facets.system).toEqual([{ value: 'system:default/shop', count: 2 }]);
    // A tag listed twice counts its entity once.
    expect(facets.tag).toEqual([
      { value: 'java', count: 2 },
      { value: 'http', count: 1 },
      { value: 'python', count: 1 },
    ]);
    expect(facets.lifecycle).toEqual([{ value: 'production', count: 3 }]);
    expect(facets.namespace).toEqual([{ value: 'default', count: 6 }]);
  });

  it('gives the values the search table holds for the keys the filters use', async () => {
    const { facets } = await listCatalog(parseCatalogParams({ kind: 'all' }));
    const search = await entityFacets(['relations.ownedby', 'relations.partof', 'metadata.tags'], { filter: EMPTY_FILTER });
    expect(facets.owner).toEqual(search['relations.ownedby']);
    expect(facets.system).toEqual(search['relations.partof'].filter((v) => v.value.startsWith('system:')));
    expect(facets.tag).toEqual(search['metadata.tags']);
  });

  it('counts a selected facet against the other filters and the text, and the others against all', async () => {
    const list = await listCatalog(parseCatalogParams({ kind: 'all', owner: 'group:default/team-a', q: 'payments' }));
    expect(list.rows.map((r) => r.name)).toEqual(['orders', 'search']);
    expect(list.facets.owner).toEqual([
      { value: 'group:default/team-a', count: 2 },
      { value: 'group:default/team-b', count: 1 },
    ]);
    expect(list.facets.tag).toEqual([
      { value: 'http', count: 1 },
      { value: 'java', count: 1 },
      { value: 'python', count: 1 },
    ]);
    const bySystem = await listCatalog(parseCatalogParams({ kind: 'all', system: 'system:default/shop' }));
    expect(bySystem.rows.map((r) => r.name)).toEqual(['billing', 'orders']);
  });
});
