import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { entityFacets, whereSql } from '@/lib/catalog/queries/served-entities';
import type { EntityQuery } from '@/lib/catalog/queries/served-entities';
import { getPrisma } from '@/lib/db/client';

// Backstage's entity-facets reports values as written (`Component`, not `component`), ordered by
// value. The search table is lower-cased, so keys that have their own column are counted from that
// column, which keeps the written case; every other key comes from the search table.

const FACET_COLUMNS: Record<string, Prisma.Sql> = {
  kind: Prisma.sql`e."kind"`,
  'metadata.namespace': Prisma.sql`e."namespace"`,
  'metadata.name': Prisma.sql`e."name"`,
  'spec.type': Prisma.sql`e."specType"`,
  'spec.lifecycle': Prisma.sql`e."lifecycle"`,
};

export type FacetCounts = Record<string, { value: string; count: number }[]>;

export async function countFacets(facets: string[], q: Pick<EntityQuery, 'filter' | 'predicate'>): Promise<FacetCounts> {
  const prisma = await getPrisma();
  const where = whereSql(q);
  const searched = facets.filter((f) => !FACET_COLUMNS[f.toLowerCase()]);
  const [rest, ...columns] = await Promise.all([
    searched.length ? entityFacets(searched, q) : Promise.resolve({} as FacetCounts),
    ...facets
      .filter((f) => FACET_COLUMNS[f.toLowerCase()])
      .map(async (facet) => {
        const col = FACET_COLUMNS[facet.toLowerCase()];
        const rows = await prisma.$queryRaw<{ value: string; count: number }[]>`
          SELECT ${col} AS value, count(*)::int AS count FROM "Entity" e
          WHERE ${col} IS NOT NULL AND ${where}
          GROUP BY ${col} ORDER BY count DESC, value ASC LIMIT 500`;
        return [facet, rows] as const;
      }),
  ]);
  const byFacet: FacetCounts = { ...rest, ...Object.fromEntries(columns) };
  // Backstage orders each facet's values by value (its query: ORDER BY key, original_value).
  const byValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  return Object.fromEntries(facets.map((f) => [f, [...(byFacet[f] ?? [])].sort(byValue)]));
}
