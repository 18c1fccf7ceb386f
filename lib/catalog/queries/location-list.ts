import 'server-only';
import { displayTarget } from '@/lib/catalog/model/location-target';
import type { EntitySummary } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';

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

export type LocationDetail = LocationListItem & {
  createdAt: string;
  parent: { id: string; display: string } | null;
  children: LocationListItem[];
  entities: (Pick<EntitySummary, 'ref' | 'kind' | 'namespace' | 'name' | 'title'> & { sourceFile: string | null })[];
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

const ORIGIN_ORDER: Record<string, number> = { config: 0, api: 1, entity: 2 };

/** Every location: configured ones first, then registered, then those declared by Location entities. */
export async function listLocations(): Promise<LocationListItem[]> {
  const prisma = await getPrisma();
  const rows = await prisma.location.findMany({ select: LIST_SELECT, orderBy: [{ type: 'asc' }, { target: 'asc' }] });
  return rows.map(toListItem).sort((a, b) => (ORIGIN_ORDER[a.origin] ?? 9) - (ORIGIN_ORDER[b.origin] ?? 9));
}

export async function getLocationDetail(id: string): Promise<LocationDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const prisma = await getPrisma();
  const row = await prisma.location.findUnique({
    where: { id },
    select: {
      ...LIST_SELECT,
      createdAt: true,
      parent: { select: { id: true, type: true, target: true } },
      children: { select: LIST_SELECT, orderBy: { target: 'asc' } },
      entities: {
        select: { ref: true, kind: true, namespace: true, name: true, title: true, sourceFile: true },
        orderBy: [{ kind: 'asc' }, { name: 'asc' }],
      },
      errors: {
        select: { id: true, file: true, line: true, column: true, code: true, message: true, entityRef: true },
        orderBy: [{ file: 'asc' }, { line: 'asc' }],
      },
    },
  });
  if (!row) return null;
  return {
    ...toListItem(row),
    createdAt: row.createdAt.toISOString(),
    parent: row.parent ? { id: row.parent.id, display: displayTarget(row.parent) } : null,
    children: row.children.map(toListItem),
    entities: row.entities,
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
