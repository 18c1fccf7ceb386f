import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '@/lib/auth/audit';
import { authorize } from '@/lib/auth/authorize';
import type { Actor } from '@/lib/auth/permissions';
import { locationRef } from '@/lib/catalog/ingest/location-target';
import { previewLocation, registerLocation, resolveRegistrationTarget, unregisterLocation } from '@/lib/catalog/locations';
import { refreshLocation } from '@/lib/catalog/mutations';
import { stringifyEntityRef, type Entity } from '@/lib/catalog/model';
import { getEntitiesByRefs, type ApiEntity } from '@/lib/catalog/queries/entities';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { formatIssues, parseBody } from './query-params';

// The location endpoints of the catalog API (Backstage's /locations), plus what Wayfinder adds:
// each location's ingestion status and its processing errors with file and line.

export type ApiLocation = { id: string; type: string; target: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Location ids are UUIDs; anything else cannot exist (and must not reach a uuid column). */
function assertLocationId(id: string): void {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
}

/** GET /locations */
export async function listLocations(): Promise<{ data: ApiLocation }[]> {
  const rows = await (await getPrisma()).location.findMany({ select: { id: true, type: true, target: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((data) => ({ data }));
}

/** GET /locations/:id, with status, lastIngestedAt and processing errors. */
export async function locationDetail(id: string) {
  assertLocationId(id);
  const prisma = await getPrisma();
  const row = await prisma.location.findUnique({
    where: { id },
    include: { errors: { orderBy: [{ file: 'asc' }, { line: 'asc' }, { column: 'asc' }] } },
  });
  if (!row) throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
  return {
    id: row.id,
    type: row.type,
    target: row.target,
    status: row.status,
    lastIngestedAt: row.lastIngestedAt?.toISOString() ?? null,
    errors: row.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, code: e.code, entityRef: e.entityRef, message: e.message })),
  };
}

export const locationInputSchema = z.object({
  type: z.string().trim().min(1, 'type is required: "url" or "file"'),
  target: z.string().trim().min(1, 'target is required: the URL or path of a catalog-info.yaml'),
});

const createQuerySchema = z.object({
  dryRun: z.enum(['true', 'false', '1', '0', 'yes', 'no'], 'dryRun must be true or false').optional(),
  onConflict: z.enum(['reject', 'refresh'], 'onConflict must be reject or refresh').optional(),
});

export type CreateLocationResult = { location: ApiLocation; entities: Entity[]; exists?: boolean; errors?: unknown[] };

/**
 * POST /locations. A dry run reads and validates the target and writes nothing; otherwise the
 * location is registered and ingested before the call returns, so `entities` are already stored,
 * and the registration (or refresh, with onConflict=refresh) is in the audit log. Registering
 * org sync (github-org) needs catalog.location.orgSync: its Users and teams give identity and roles.
 */
export async function createLocation(url: URL, body: unknown, actor: Actor): Promise<CreateLocationResult> {
  const query = createQuerySchema.safeParse({ dryRun: url.searchParams.get('dryRun') ?? undefined, onConflict: url.searchParams.get('onConflict') ?? undefined });
  if (!query.success) throw new AppError('BAD_REQUEST', formatIssues(query.error));
  const input = parseBody(locationInputSchema, body);
  const prisma = await getPrisma();

  if (query.data.dryRun && ['true', '1', 'yes'].includes(query.data.dryRun)) {
    const preview = await previewLocation(input);
    const existing = await prisma.location.findUnique({ where: { type_target: preview.location }, select: { id: true } });
    if (preview.entities.length === 0 && preview.errors.length > 0) {
      throw new AppError('BAD_REQUEST', preview.errors.map((e) => e.message).join('\n'));
    }
    return {
      location: { id: existing?.id ?? randomUUID(), ...preview.location },
      entities: preview.entities.map((e) => e.entity),
      exists: Boolean(existing),
      errors: preview.errors.map(publicError),
    };
  }

  const spec = resolveRegistrationTarget(input);
  const existing = await prisma.location.findUnique({ where: { type_target: spec }, select: { id: true } });
  let id: string;
  if (existing && query.data.onConflict === 'refresh') {
    await refreshLocation(existing.id);
    id = existing.id;
    await recordAudit(actor, { action: 'location.refresh', target: locationRef(spec), details: { id, via: 'api' } });
  } else {
    if (spec.type === 'github-org') authorize(actor, 'catalog.location.orgSync', locationRef(spec));
    id = (await registerLocation(spec)).id;
    await recordAudit(actor, { action: 'location.register', target: locationRef(spec), details: { id, via: 'api' } });
  }
  const entities = await entitiesOfLocationTree(id);
  const errors = await prisma.processingError.findMany({ where: { locationId: id }, orderBy: [{ file: 'asc' }, { line: 'asc' }] });
  return { location: { id, ...spec }, entities, ...(existing ? { exists: true } : {}), errors: errors.map(publicError) };
}

function publicError(e: { file: string; line: number; column: number; message: string }) {
  return { file: e.file, line: e.line, column: e.column, message: e.message };
}

/** Entities of a location and of the locations its Location entities declared. */
async function entitiesOfLocationTree(rootId: string): Promise<ApiEntity[]> {
  const prisma = await getPrisma();
  const ids = [rootId];
  for (let i = 0; i < ids.length && ids.length < 1000; i++) {
    const children = await prisma.location.findMany({ where: { parentId: ids[i] }, select: { id: true } });
    ids.push(...children.map((c) => c.id).filter((c) => !ids.includes(c)));
  }
  const rows = await prisma.entity.findMany({ where: { locationId: { in: ids } }, select: { ref: true }, orderBy: { ref: 'asc' } });
  return (await getEntitiesByRefs(rows.map((r) => r.ref))).filter((e): e is ApiEntity => e !== null);
}

/** DELETE /locations/:id: the location goes, and the entities it produced with it. */
export async function deleteLocation(id: string, actor: Actor): Promise<void> {
  assertLocationId(id);
  const removed = await unregisterLocation(id);
  await recordAudit(actor, { action: 'location.unregister', target: locationRef(removed), details: { id, via: 'api' } });
}

/** GET /locations/by-entity/:kind/:namespace/:name: the location the entity was read from. */
export async function locationOfEntity(kind: string, namespace: string, name: string): Promise<ApiLocation> {
  const ref = stringifyEntityRef({ kind, namespace, name });
  const row = await (await getPrisma()).entity.findUnique({ where: { ref }, select: { location: { select: { id: true, type: true, target: true } } } });
  if (!row) throw new AppError('NOT_FOUND', `No entity named '${name}' found, with kind '${kind}' in namespace '${namespace}'`);
  if (!row.location) throw new AppError('NOT_FOUND', `${ref} is managed in the portal and has no location`);
  return row.location;
}
