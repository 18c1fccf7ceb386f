import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { registerLocation, unregisterLocation } from '@/lib/catalog/location-admin';
import { getDb } from '@/lib/db/client';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { CATALOG_FACETS, type FacetParam } from './catalog-params';
import { countEntitiesByKind } from './overview';
import { foldFacetCounts, sumFacetCounts, sumKindCounts, type FacetValueCount } from './facet-counts';
import { EMPTY_FILTER, parseFilterParams } from './filter';
import { countEntities, keptSelection } from './served-entities';

// The counts the triggers keep must be the counts of the entities as they are, after every kind of
// write: a first load, a refresh that changes values, adds and removes entities, an update that
// changes no value, and the location's removal.

useTestDb();
const config = useTestConfig('facet-counts', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);
const file = () => path.join(config.dir, 'catalog-info.yaml');

const PARAMS: FacetParam[] = CATALOG_FACETS.map((f) => f.param);

const component = (name: string, owner: string, tags: string[], extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  tags: [${tags.join(', ')}]\nspec:\n  type: ${extra ? 'Website' : 'service'}\n  lifecycle: production\n  owner: ${owner}\n${extra}`;
const system = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: ${name}\nspec:\n  owner: team-a\n`;

/** The same counts straight from the entities' columns, as the catalog list computes them with a filter. */
async function counted(kinds: string[] | null): Promise<Record<string, FacetValueCount[]>> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ facet: string; value: string; count: number }>(
    `SELECT f.facet, f.value, count(*)::int AS count
       FROM "Entity" e
       CROSS JOIN LATERAL (
         VALUES ('kind', lower(e."kind")), ('type', lower(e."specType")), ('lifecycle', lower(e."lifecycle")),
                ('owner', e."owner"), ('system', e."system"), ('namespace', lower(e."namespace"))
         UNION ALL SELECT DISTINCT 'tag', lower(t) FROM unnest(e."tags") t
       ) f(facet, value)
      WHERE f.value IS NOT NULL AND ($1::text[] IS NULL OR lower(e."kind") = ANY($1::text[]))
      GROUP BY 1, 2`,
    [kinds],
  );
  return sorted(
    Object.fromEntries(PARAMS.map((p) => [p, rows.filter((r) => r.facet === p).map(({ value, count }) => ({ value, count }))])),
  );
}

function sorted(counts: Record<string, FacetValueCount[]>): Record<string, FacetValueCount[]> {
  for (const list of Object.values(counts)) list.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return counts;
}

async function expectSumsToMatch() {
  for (const kinds of [null, ['component'], ['component', 'system'], ['group']]) {
    const counts = await sumFacetCounts(PARAMS, kinds);
    const expected = await counted(kinds);
    expect(sorted(counts), `kinds ${JSON.stringify(kinds)}`).toEqual(expected);
    // The API's and the catalog list's totals of whole kinds are these sums (written case in the filter).
    const kindFilter = kinds ? kinds.map((k) => `kind=${k.toUpperCase()}`).join(',') : '';
    const filter = kinds ? parseFilterParams([kindFilter]) : EMPTY_FILTER;
    expect(keptSelection({ filter })).toEqual({ kinds });
    expect(await countEntities({ filter }), `total of ${JSON.stringify(kinds)}`).toBe(total(expected.kind));
    // And so are the counts of each kind with a type, lifecycle or namespace chosen, and their totals.
    for (const [key, param, column, values] of [
      ['spec.type', 'type', 'specType', ['service']],
      ['spec.lifecycle', 'lifecycle', 'lifecycle', ['Production', 'experimental']],
      ['metadata.namespace', 'namespace', 'namespace', ['default']],
    ] as const) {
      const chosen = parseFilterParams([[kindFilter, ...values.map((v) => `${key}=${v}`)].filter(Boolean).join(',')]);
      const selection = keptSelection({ filter: chosen });
      expect(selection).toEqual({ kinds, facet: { param, values: values.map((v) => v.toLowerCase()) } });
      const byKind = await countedKinds(kinds, column, values);
      expect(sorted({ kind: await sumKindCounts(selection!) }), `${key} of ${JSON.stringify(kinds)}`).toEqual({ kind: byKind });
      expect(await countEntities({ filter: chosen })).toBe(total(byKind));
    }
  }
}

const total = (counts: FacetValueCount[]) => counts.reduce((n, c) => n + c.count, 0);

/** The entities of each kind (of these, or all) whose column holds one of the values, counted straight. */
async function countedKinds(kinds: string[] | null, column: string, values: readonly string[]): Promise<FacetValueCount[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<FacetValueCount>(
    `SELECT lower(e."kind") AS value, count(*)::int AS count FROM "Entity" e
      WHERE lower(e."${column}") = ANY($1::text[]) AND ($2::text[] IS NULL OR lower(e."kind") = ANY($2::text[]))
      GROUP BY 1 ORDER BY 1`,
    [values.map((v) => v.toLowerCase()), kinds],
  );
  return rows;
}

async function keptRows(): Promise<number> {
  const { driver } = await getDb();
  return (await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM "EntityFacetCount"')).rows[0].n;
}

describe('facet counts kept by the database', () => {
  it('counts from the sums only what they hold', () => {
    const selection = (filter: string, fullText?: string) =>
      keptSelection({ filter: parseFilterParams(filter ? [filter] : []), fullText: fullText ? { term: fullText } : undefined });
    expect(selection('')).toEqual({ kinds: null });
    expect(selection('spec.lifecycle=production')).toEqual({ kinds: null, facet: { param: 'lifecycle', values: ['production'] } });
    // An owner (a relation), a second facet, a negation, a key that only exists, a key named like an
    // object's property, two alternatives, a text term.
    for (const filter of [
      'kind=component,relations.ownedBy=group:default/a',
      'kind=api,spec.type=grpc,spec.lifecycle=production',
      'kind',
      'constructor=x',
    ])
      expect(selection(filter), filter).toBeUndefined();
    expect(keptSelection({ filter: { anyOf: [{ allOf: [{ key: 'kind', values: ['api'], negate: true }] }] } })).toBeUndefined();
    expect(keptSelection({ filter: parseFilterParams(['kind=api', 'kind=component']) })).toBeUndefined();
    expect(selection('kind=api', 'orders')).toBeUndefined();
  });

  let locationId = '';

  it('counts a first load', async () => {
    fs.writeFileSync(
      file(),
      [
        component('orders', 'team-a', ['java', 'http', 'java'], '  system: shop\n'),
        component('billing', 'group:default/team-b', ['java']),
        component('search', 'team-a', []),
        system('shop'),
      ].join('---\n'),
    );
    locationId = (await registerLocation({ type: 'file', target: file() })).id;
    await expectSumsToMatch();
    const counts = await sumFacetCounts(['tag', 'owner'], ['component']);
    // The home page's tiles: the registration adds its Location entity, as Backstage's does.
    expect(await countEntitiesByKind()).toEqual([
      { kind: 'component', count: 3 },
      { kind: 'location', count: 1 },
      { kind: 'system', count: 1 },
    ]);
    // A tag listed twice counts its entity once.
    expect(sorted(counts)).toEqual({
      tag: [
        { value: 'http', count: 1 },
        { value: 'java', count: 2 },
      ],
      owner: [
        { value: 'group:default/team-a', count: 2 },
        { value: 'group:default/team-b', count: 1 },
      ],
    });
  });

  it('follows a refresh that changes values, adds and removes entities', async () => {
    fs.writeFileSync(
      file(),
      [
        component('orders', 'team-b', ['http'], '  system: shop\n'),
        component('billing', 'group:default/team-b', ['java', 'go']),
        component('ledger', 'team-a', ['go']),
        system('shop'),
        system('warehouse'),
      ].join('---\n'),
    );
    await ingestLocationTree(locationId);
    await expectSumsToMatch();
    expect(sorted(await sumFacetCounts(['owner'], ['component']))).toEqual({
      owner: [
        { value: 'group:default/team-a', count: 1 },
        { value: 'group:default/team-b', count: 2 },
      ],
    });
  });

  it('appends nothing for an update that keeps every value', async () => {
    const before = await keptRows();
    const { driver } = await getDb();
    await driver.query(`UPDATE "Entity" SET "updatedAt" = now(), "title" = 'Orders' WHERE "name" = 'orders'`);
    expect(await keptRows()).toBe(before);
    await driver.query(`UPDATE "Entity" SET "lifecycle" = 'experimental' WHERE "name" = 'orders'`);
    expect(await keptRows()).toBe(before + 2);
    await expectSumsToMatch();
  });

  it('folds the rows into one per value with the same sums', async () => {
    const sums = await Promise.all([null, ['component']].map((k) => sumFacetCounts(PARAMS, k)));
    await foldFacetCounts();
    const { driver } = await getDb();
    const { rows } = await driver.query<{ n: number; values: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT ("kind", "facet", "value"))::int AS values FROM "EntityFacetCount"',
    );
    expect(rows[0].n).toBe(rows[0].values);
    for (const [i, kinds] of [null, ['component']].entries()) expect(sorted(await sumFacetCounts(PARAMS, kinds))).toEqual(sorted(sums[i]));
    await expectSumsToMatch();
  });

  it('counts nothing once the location and its entities are gone', async () => {
    await unregisterLocation(locationId);
    await expectSumsToMatch();
    expect((await sumFacetCounts(PARAMS, null)).kind).toEqual([]);
    await foldFacetCounts();
    expect(await keptRows()).toBe(0);
  });
});
