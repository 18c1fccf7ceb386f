import 'server-only';
import { displayTarget } from '@/lib/catalog/model/location-target';
import type { EntitySummary } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { isUuid } from '@/lib/db/uuid';
import { pageOf } from '@/lib/http/paging';

// Locations as the locations pages show them: small plain objects, counts included.

export type LocationOrigin = 'config' | 'api' | 'entity';

export type LocationListItem = {
  id: string;
  type: string;
  target: string;
  display: string;
  origin: LocationOrigin;
  status: string;
  lastIngestedAt: string | null;
  parentId: string | null;
  entityCount: number;
  errorCount: number;
};

export type LocationError = {
  id: string;
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  entityRef: string | null;
};

// A location's page lists its entities a page at a time, its first errors (all of them are on
// /problems, a page at a time) and its first child locations (all of them on /locations).
export const LOCATION_ENTITIES_PAGE_SIZE = 100;
const LOCATION_ERRORS_SHOWN = 100;
const LOCATION_CHILDREN_SHOWN = 100;

export type LocationDetail = LocationListItem & {
  createdAt: string;
  parent: { id: string; display: string } | null;
  /** The first LOCATION_CHILDREN_SHOWN, of childCount. */
  children: LocationListItem[];
  childCount: number;
  /** One page of them (entityCount in all). */
  entities: (Pick<EntitySummary, 'ref' | 'kind' | 'namespace' | 'name' | 'title'> & { sourceFile: string | null })[];
  entityPage: { page: number; pages: number };
  /** The first LOCATION_ERRORS_SHOWN (errorCount in all). */
  errors: LocationError[];
};

const LIST_SELECT = {
  id: true,
  type: true,
  target: true,
  origin: true,
  status: true,
  lastIngestedAt: true,
  parentId: true,
  _count: { select: { entities: true, errors: true } },
} as const;

type ListRow = {
  id: string;
  type: string;
  target: string;
  origin: string;
  status: string;
  lastIngestedAt: Date | null;
  parentId: string | null;
  _count: { entities: number; errors: number };
};

function toListItem(row: ListRow): LocationListItem {
  return {
    id: row.id,
    type: row.type,
    target: row.target,
    display: displayTarget(row),
    origin: row.origin as LocationOrigin,
    status: row.status,
    lastIngestedAt: row.lastIngestedAt?.toISOString() ?? null,
    parentId: row.parentId,
    entityCount: row._count.entities,
    errorCount: row._count.errors,
  };
}

const LOCATIONS_PAGE_SIZE = 100;

/** A location's id and how it is shown, or null when there is none with this id. */
export async function getLocationName(id: string): Promise<{ id: string; display: string } | null> {
  if (!isUuid(id)) return null;
  const row = await (await getPrisma()).location.findUnique({ where: { id }, select: { id: true, type: true, target: true } });
  return row && { id: row.id, display: displayTarget(row) };
}

/**
 * One page of the locations (those a location declared, with `parentId`, a UUID): configured ones
 * first, then registered, then those declared by Location entities; how many there are.
 */
export async function listLocations(filter: { parentId?: string; page?: string | string[] } = {}) {
  const prisma = await getPrisma();
  const where = filter.parentId ? { parentId: filter.parentId } : {};
  const total = await prisma.location.count({ where });
  const { page, pages, offset } = pageOf(filter.page, total, LOCATIONS_PAGE_SIZE);
  const parentId = filter.parentId ?? null;
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id"::text FROM "Location" WHERE ${parentId}::uuid IS NULL OR "parentId" = ${parentId}::uuid
     ORDER BY CASE "origin" WHEN 'config' THEN 0 WHEN 'api' THEN 1 WHEN 'entity' THEN 2 ELSE 3 END, "type", "target", "id"
     LIMIT ${LOCATIONS_PAGE_SIZE} OFFSET ${offset}`;
  const rows = await prisma.location.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: LIST_SELECT });
  const byId = new Map(rows.map((r) => [r.id, toListItem(r)]));
  const locations = ids.flatMap((r) => byId.get(r.id) ?? []);
  return { locations, total, page, pages };
}

export async function getLocationDetail(id: string, requestedPage?: string | string[]): Promise<LocationDetail | null> {
  if (!isUuid(id)) return null;
  const prisma = await getPrisma();
  const row = await prisma.location.findUnique({
    where: { id },
    select: {
      ...LIST_SELECT,
      createdAt: true,
      parent: { select: { id: true, type: true, target: true } },
      errors: {
        select: { id: true, file: true, line: true, column: true, code: true, message: true, entityRef: true },
        orderBy: [{ file: 'asc' }, { line: 'asc' }, { column: 'asc' }, { id: 'asc' }],
        take: LOCATION_ERRORS_SHOWN,
      },
    },
  });
  if (!row) return null;
  const item = toListItem(row);
  const { page, pages, offset } = pageOf(requestedPage, item.entityCount, LOCATION_ENTITIES_PAGE_SIZE);
  const [entities, children, childCount] = await Promise.all([
    prisma.entity.findMany({
      where: { locationId: id },
      select: { ref: true, kind: true, namespace: true, name: true, title: true, sourceFile: true },
      orderBy: [{ kind: 'asc' }, { name: 'asc' }, { ref: 'asc' }],
      skip: offset,
      take: LOCATION_ENTITIES_PAGE_SIZE,
    }),
    prisma.location.findMany({ where: { parentId: id }, select: LIST_SELECT, orderBy: { target: 'asc' }, take: LOCATION_CHILDREN_SHOWN }),
    prisma.location.count({ where: { parentId: id } }),
  ]);
  return {
    ...item,
    createdAt: row.createdAt.toISOString(),
    parent: row.parent ? { id: row.parent.id, display: displayTarget(row.parent) } : null,
    children: children.map(toListItem),
    childCount,
    entities,
    entityPage: { page, pages },
    errors: row.errors,
  };
}

/**
 * The location an entity's location was declared from, followed up to the one registered or
 * configured (Backstage's origin location), with every entity that unregistering it removes: its
 * own and those of the locations it declared.
 */
export async function getOriginLocation(
  locationId: string,
): Promise<{ id: string; display: string; origin: LocationOrigin; entityCount: number } | null> {
  const prisma = await getPrisma();
  const [root] = await prisma.$queryRaw<{ id: string; type: string; target: string; origin: string }[]>`
    WITH RECURSIVE up("id", "parentId", "depth") AS (
      SELECT l."id", l."parentId", 0 FROM "Location" l WHERE l."id" = ${locationId}::uuid
      UNION ALL SELECT l."id", l."parentId", up."depth" + 1 FROM "Location" l JOIN up ON l."id" = up."parentId" WHERE up."depth" < 100)
    SELECT l."id"::text AS "id", l."type", l."target", l."origin" FROM up JOIN "Location" l ON l."id" = up."id" ORDER BY up."depth" DESC LIMIT 1`;
  if (!root) return null;
  const [{ n }] = await prisma.$queryRaw<{ n: number }[]>`
    WITH RECURSIVE tree("id") AS (SELECT ${root.id}::uuid UNION SELECT l."id" FROM "Location" l JOIN tree t ON l."parentId" = t."id")
    SELECT count(*)::int AS n FROM "Entity" e JOIN tree t ON e."locationId" = t."id"`;
  return { id: root.id, display: displayTarget(root), origin: root.origin as LocationOrigin, entityCount: n };
}
