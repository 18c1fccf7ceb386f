import 'server-only';
import type { EntitySummary } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { sumKindCounts } from './facet-counts';

export type KindCount = { kind: string; count: number };
export type RecentEntity = Pick<EntitySummary, 'ref' | 'kind' | 'name' | 'title'> & { updatedAt: string };

/**
 * How many entities of each kind (lower-cased) the catalog holds, most first: the sums the database
 * keeps (facet-counts.ts), not a count of every entity (~200 ms at 100,000 components).
 */
export async function countEntitiesByKind(): Promise<KindCount[]> {
  return (await sumKindCounts({ kinds: null }))
    .map((c) => ({ kind: c.value, count: c.count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

export async function listRecentlyUpdatedEntities(limit = 8): Promise<RecentEntity[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({
    select: { ref: true, kind: true, name: true, title: true, updatedAt: true },
    orderBy: [{ updatedAt: 'desc' }, { ref: 'asc' }],
    take: limit,
  });
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Locations the catalog reads (config, registered, and those Location entities declare). */
export async function countLocations(): Promise<number> {
  const prisma = await getPrisma();
  return prisma.location.count();
}

/** Locations read at least once, of all there are: fewer while the configured catalog fills in (first start). */
export type CatalogLoading = { done: number; total: number };

/** Null once every location has been read at least once. */
export async function getCatalogLoading(): Promise<CatalogLoading | null> {
  const prisma = await getPrisma();
  const [row] = await prisma.$queryRaw<
    { total: number; done: number }[]
  >`SELECT count(*)::int AS total, count("lastIngestedAt")::int AS done FROM "Location"`;
  return row.done < row.total ? { done: row.done, total: row.total } : null;
}
