import 'server-only';
import { displayTarget } from '@/lib/catalog/model/location-target';
import { getPrisma } from '@/lib/db/client';
import { pageOf } from '@/lib/http/paging';
import type { LocationError, LocationOrigin } from './location-list';

export type ProblemGroup = {
  location: { id: string; display: string; type: string; origin: LocationOrigin };
  /** Those on this page, of errorCount. */
  errors: LocationError[];
  errorCount: number;
};

const PROBLEMS_PAGE_SIZE = 100;

/**
 * One page of the catalog's processing errors (of one location, with `locationId`), by location
 * target, file and position, grouped by location; how many errors there are, in how many locations.
 * `locationId` must be a UUID (`isUuid`).
 */
export async function listProblems(filter: { locationId?: string; page?: string | string[] } = {}) {
  const prisma = await getPrisma();
  const locationId = filter.locationId ?? null;
  const where = locationId ? { locationId } : {};
  const [{ total, locations }] = await prisma.$queryRaw<{ total: number; locations: number }[]>`
    SELECT count(*)::int AS "total", count(DISTINCT "locationId")::int AS "locations"
      FROM "ProcessingError" WHERE ${locationId}::uuid IS NULL OR "locationId" = ${locationId}::uuid`;
  const { page, pages, offset } = pageOf(filter.page, total, PROBLEMS_PAGE_SIZE);
  const errors = await prisma.processingError.findMany({
    where,
    select: {
      id: true,
      file: true,
      line: true,
      column: true,
      code: true,
      message: true,
      entityRef: true,
      location: { select: { id: true, type: true, target: true, origin: true } },
    },
    orderBy: [{ location: { target: 'asc' } }, { locationId: 'asc' }, { file: 'asc' }, { line: 'asc' }, { column: 'asc' }, { id: 'asc' }],
    skip: offset,
    take: PROBLEMS_PAGE_SIZE,
  });
  const groups = new Map<string, ProblemGroup>();
  for (const { location, ...error } of errors) {
    let group = groups.get(location.id);
    if (!group) {
      group = {
        location: { id: location.id, display: displayTarget(location), type: location.type, origin: location.origin as LocationOrigin },
        errors: [],
        errorCount: 0,
      };
      groups.set(location.id, group);
    }
    group.errors.push(error);
  }
  const counts = await prisma.processingError.groupBy({
    by: ['locationId'],
    where: { locationId: { in: [...groups.keys()] } },
    _count: true,
  });
  for (const c of counts) groups.get(c.locationId)!.errorCount = c._count;
  return { groups: [...groups.values()], total, locations, page, pages };
}

export async function countProblems(): Promise<number> {
  return (await getPrisma()).processingError.count();
}
