import 'server-only';
import { displayTarget } from '@/lib/catalog/model/location-target';
import { getPrisma } from '@/lib/db/client';
import type { LocationError, LocationOrigin } from './location-list';

export type ProblemGroup = {
  location: { id: string; display: string; type: string; origin: LocationOrigin };
  errors: LocationError[];
};

/** Every processing error in the catalog, grouped by the location it was found in. */
export async function listProblems(): Promise<ProblemGroup[]> {
  const prisma = await getPrisma();
  const errors = await prisma.processingError.findMany({
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
    orderBy: [{ file: 'asc' }, { line: 'asc' }, { column: 'asc' }],
  });
  const groups = new Map<string, ProblemGroup>();
  for (const { location, ...error } of errors) {
    let group = groups.get(location.id);
    if (!group) {
      group = {
        location: { id: location.id, display: displayTarget(location), type: location.type, origin: location.origin as LocationOrigin },
        errors: [],
      };
      groups.set(location.id, group);
    }
    group.errors.push(error);
  }
  return [...groups.values()].sort((a, b) => a.location.display.localeCompare(b.location.display));
}

export async function countProblems(): Promise<number> {
  return (await getPrisma()).processingError.count();
}
