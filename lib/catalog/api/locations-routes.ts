import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '@/lib/auth/audit';
import { authorize } from '@/lib/auth/authorize';
import type { Actor } from '@/lib/auth/permissions';
import { generatedLocationRef, locationRef } from '@/lib/catalog/model/location-target';
import { generatedLocationEntity } from '@/lib/catalog/ingest/process-location';
import {
  previewLocation,
  registerLocation,
  resolveRegistrationTarget,
  unregisterLocation,
  updateRegisteredLocation,
} from '@/lib/catalog/location-admin';
import { refreshLocation } from '@/lib/catalog/mutations';
import { catalogEntityOf, stringifyEntityRef, type Entity } from '@/lib/catalog/model';
import { getEntitiesByRefs, type ServedEntity } from '@/lib/catalog/queries/served-entities';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { parseBody } from '@/lib/http/parse-body';
import { formatIssues } from './query-params';
import { isUuid } from '@/lib/db/uuid';

// The location endpoints of the catalog API (Backstage's /locations). As in Backstage, only locations
// registered through the API are listed and addressable here: configured locations and the ones
// that Location entities declare are visible as Location entities (each configured or registered
// location has its generated `location:default/generated-<sha1>` entity) and in the UI.

export type ApiLocation = { id: string; type: string; target: string; entityRef: string };

export function toApiLocation(row: { id: string; type: string; target: string }): ApiLocation {
  return { id: row.id, type: row.type, target: row.target, entityRef: generatedLocationRef(row) };
}

const REGISTERED = { origin: 'api' } as const;
const LOCATION_COLUMNS = { id: true, type: true, target: true } as const;

/** GET /locations */
export async function listLocations(): Promise<{ data: ApiLocation }[]> {
  const rows = await (
    await getPrisma()
  ).location.findMany({ where: REGISTERED, select: LOCATION_COLUMNS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => ({ data: toApiLocation(row) }));
}

/** GET /locations/:id: a registered location. */
export async function locationDetail(id: string): Promise<ApiLocation> {
  const row = isUuid(id) ? await (await getPrisma()).location.findFirst({ where: { id, ...REGISTERED }, select: LOCATION_COLUMNS }) : null;
  if (!row) throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
  return toApiLocation(row);
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
  const query = createQuerySchema.safeParse({
    dryRun: url.searchParams.get('dryRun') ?? undefined,
    onConflict: url.searchParams.get('onConflict') ?? undefined,
  });
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
      location: toApiLocation({ id: existing?.id ?? randomUUID(), ...preview.location }),
      // As Backstage's dry run: the generated Location entity, then what it leads to.
      entities: [generatedLocationEntity(preview.location).row.body, ...preview.entities.map((e) => e.entity)],
      exists: Boolean(existing),
      errors: preview.errors.map(publicError),
    };
  }

  const spec = await resolveRegistrationTarget(input);
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
  const tree = await locationTree(id);
  const rows = await prisma.entity.findMany({ where: { locationId: { in: tree } }, select: { ref: true }, orderBy: { ref: 'asc' } });
  const entities = (await getEntitiesByRefs(rows.map((r) => r.ref))).filter((e): e is ServedEntity => e !== null);
  const errors = await prisma.processingError.findMany({
    where: { locationId: { in: tree } },
    orderBy: [{ file: 'asc' }, { line: 'asc' }],
  });
  return { location: toApiLocation({ id, ...spec }), entities, ...(existing ? { exists: true } : {}), errors: errors.map(publicError) };
}

function publicError(e: { file: string; line: number; column: number; message: string }) {
  return { file: e.file, line: e.line, column: e.column, message: e.message };
}

/** The location and the locations its Location entities declared, transitively. */
async function locationTree(rootId: string): Promise<string[]> {
  const prisma = await getPrisma();
  const ids = [rootId];
  for (let i = 0; i < ids.length && ids.length < 1000; i++) {
    const children = await prisma.location.findMany({ where: { parentId: ids[i] }, select: { id: true } });
    ids.push(...children.map((c) => c.id).filter((c) => !ids.includes(c)));
  }
  return ids;
}

/**
 * PUT /locations/:id: a registered location gets a new type and target, and is re-read. Turning it
 * into org sync needs what registering org sync needs (its Users and teams give identity and roles).
 */
export async function updateLocation(id: string, body: unknown, actor: Actor): Promise<ApiLocation> {
  const input = parseBody(locationInputSchema, body);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
  if (input.type === 'github-org') authorize(actor, 'catalog.location.orgSync', locationRef(input));
  const updated = await updateRegisteredLocation(id, input);
  await recordAudit(actor, { action: 'location.update', target: locationRef(updated), details: { id, via: 'api' } });
  return toApiLocation(updated);
}

/** DELETE /locations/:id: the location goes, and the entities it produced with it. */
export async function deleteLocation(id: string, actor: Actor): Promise<void> {
  const row = isUuid(id) ? await (await getPrisma()).location.findFirst({ where: { id, ...REGISTERED }, select: { id: true } }) : null;
  if (!row) throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
  const removed = await unregisterLocation(id);
  await recordAudit(actor, { action: 'location.unregister', target: locationRef(removed), details: { id, via: 'api' } });
}

/**
 * GET /locations/by-entity/:kind/:namespace/:name: as Backstage, the registered location the entity
 * originates from (its backstage.io/managed-by-origin-location); 404 for configured ones.
 */
export async function locationOfEntity(kind: string, namespace: string, name: string): Promise<ApiLocation> {
  const ref = stringifyEntityRef({ kind, namespace, name });
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref }, select: { body: true } });
  if (!row) throw new AppError('NOT_FOUND', `found no entity for ref ${ref}`);
  const origin = catalogEntityOf(row.body).metadata.annotations?.['backstage.io/managed-by-origin-location'];
  if (!origin) throw new AppError('NOT_FOUND', `found no origin annotation for ref ${ref}`);
  const colon = origin.indexOf(':');
  const [type, target] = [origin.slice(0, colon), origin.slice(colon + 1)];
  const location = await prisma.location.findFirst({ where: { type, target, ...REGISTERED }, select: LOCATION_COLUMNS });
  if (!location) throw new AppError('NOT_FOUND', `Found no location with type ${type} and target ${target}`);
  return toApiLocation(location);
}
