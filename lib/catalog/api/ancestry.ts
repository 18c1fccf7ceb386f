import 'server-only';
import { childLocationsOf } from '@/lib/catalog/ingest/process-location';
import { generatedLocationRef, locationRef } from '@/lib/catalog/model/location-target';
import { isRootLocation } from '@/lib/catalog/ingest/ingest-location';
import { stringifyEntityRef } from '@/lib/catalog/model';
import { getEntityByRef, type ServedEntity } from '@/lib/catalog/queries/served-entities';
import { servedEntityOf } from '@/lib/catalog/queries/served-json';
import { getPrisma } from '@/lib/db/client';
import { entityByName } from './entities-routes';

// GET /entities/by-name/:kind/:namespace/:name/ancestry: the chain of entities that led to this one,
// as Backstage's entityAncestry reports it. An entity read from a configured or registered location
// is a child of that location's generated Location entity; one read from a location that a Location
// entity declared is a child of that Location entity. Generated Location entities and portal-managed
// entities have no parent.

export type Ancestry = { rootEntityRef: string; items: { entity: ServedEntity; parentEntityRefs: string[] }[] };

const MAX_DEPTH = 20;

export async function entityAncestry(kind: string, namespace: string, name: string): Promise<Ancestry> {
  const root = servedEntityOf(await entityByName(kind, namespace, name));
  const rootRef = refOf(root);
  const items: Ancestry['items'] = [];
  const seen = new Set([rootRef]);
  for (let current: ServedEntity | null = root; current && items.length < MAX_DEPTH;) {
    const parentRef = await parentRefOf(refOf(current));
    const parent = parentRef ? await getEntityByRef(parentRef) : null;
    items.push({ entity: current, parentEntityRefs: parent ? [parentRef!] : [] });
    current = parent && !seen.has(parentRef!) ? parent : null;
    if (parentRef) seen.add(parentRef);
  }
  return { rootEntityRef: rootRef, items };
}

function refOf(e: ServedEntity): string {
  return stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace, name: e.metadata.name });
}

async function parentRefOf(ref: string): Promise<string | null> {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref }, select: { location: true } });
  const loc = row?.location;
  if (!loc) return null;
  if (isRootLocation(loc)) return ref === generatedLocationRef(loc) ? null : generatedLocationRef(loc);
  const parent = loc.parentId ? await prisma.location.findUnique({ where: { id: loc.parentId } }) : null;
  if (!parent) return null;
  const declaring = await prisma.entity.findMany({
    where: { locationId: parent.id, kind: 'Location', ref: { not: generatedLocationRef(parent) } },
    select: { ref: true, body: true, sourceFile: true },
    orderBy: { ref: 'asc' },
  });
  const wanted = locationRef(loc);
  for (const e of declaring) {
    try {
      if (childLocationsOf(e, parent).some((c) => locationRef(c) === wanted)) return e.ref;
    } catch {
      // A Location entity whose targets cannot be resolved declared nothing (its error is stored).
    }
  }
  // Discovery's repositories are read under the discovery location itself.
  return isRootLocation(parent) ? generatedLocationRef(parent) : null;
}
