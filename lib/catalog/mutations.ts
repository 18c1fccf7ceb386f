import 'server-only';
import { LOCATION_ANNOTATIONS, parseDescriptorFile, stringifyEntityRef } from '@/lib/catalog/model';
import { userIdOf } from '@/lib/auth/users';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { toEntityRow } from './ingest/entity-row';
import { kindRefusedBy } from './ingest/process-location';
import path from 'node:path';
import { ingestLocation, ingestLocationTree, type IngestSummary } from './ingest/ingest-location';
import { isUrl, type LocationSpec } from './model/location-target';
import { deleteEntities, prismaQuery, upsertEntities } from './ingest/write-entities';
import { notifyEntitiesWritten } from './ingest/write-listeners';
import { MAX_STARRED } from './queries/starred';

/** Re-reads the location an entity came from, now; returns what changed. */
export async function refreshEntity(ref: string): Promise<IngestSummary[]> {
  const prisma = await getPrisma();
  const entity = await prisma.entity.findUnique({ where: { ref: ref.toLowerCase() }, select: { locationId: true, sourceFile: true } });
  if (!entity) throw new AppError('NOT_FOUND', `${ref} is not in the catalog`);
  if (!entity.locationId) return [];
  // Only the entity's own descriptor file is re-read (sourceFile is shown relative to the working folder).
  const file = entity.sourceFile && !isUrl(entity.sourceFile) ? path.resolve(entity.sourceFile) : undefined;
  const result = await ingestLocation(entity.locationId, { file });
  return result ? [result.summary] : [];
}

/** Re-reads a location and the locations it declared, now; returns which location it was and what changed. */
export async function refreshLocation(id: string): Promise<{ location: LocationSpec; summaries: IngestSummary[] }> {
  const prisma = await getPrisma();
  const location = await prisma.location.findUnique({ where: { id }, select: { type: true, target: true } });
  if (!location) throw new AppError('NOT_FOUND', 'no such location');
  return { location, summaries: await ingestLocationTree(id) };
}

/**
 * Creates or replaces a portal-managed entity from its descriptor (one YAML document), validated
 * exactly as a file would be. `expectedRef` guards edits: an edit may not rename the entity.
 */
export async function saveManagedEntity(yamlText: string, expectedRef?: string): Promise<{ ref: string }> {
  const parsed = parseDescriptorFile(yamlText, 'descriptor.yaml');
  if (parsed.errors.length) {
    throw new AppError('UNPROCESSABLE', parsed.errors.map((e) => e.message).join('\n'), parsed.errors);
  }
  if (parsed.documents.length !== 1 || !parsed.documents[0].entity) {
    throw new AppError('UNPROCESSABLE', 'give exactly one entity (one YAML document)');
  }
  const doc = parsed.documents[0];
  const entity = doc.entity!;
  // The portal is a source like a location registered in it: the global catalog.rules bound its
  // kinds. Above all a Template, whose steps act with the integrations' credentials: only the
  // locations the operator names may bring one (README "Where templates come from").
  const refused = kindRefusedBy(getConfig().catalog.rules, entity.kind);
  if (refused) {
    throw new AppError(
      'UNPROCESSABLE',
      `kind ${entity.kind} cannot be made in the portal: catalog.rules do not allow it ${refused}; add it to a location in wayfinder.config.yaml whose rules allow it`,
    );
  }
  const claimed = LOCATION_ANNOTATIONS.find((a) => entity.metadata.annotations?.[a] !== undefined);
  if (claimed) {
    throw new AppError(
      'UNPROCESSABLE',
      `metadata.annotations["${claimed}"] is written by the catalog for what it reads from a location; remove it (an entity made in the portal has no location)`,
    );
  }
  const ref = stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
  if (expectedRef && ref !== expectedRef) {
    throw new AppError(
      'UNPROCESSABLE',
      `kind, namespace and name cannot change when editing (${expectedRef}); create a new entity instead`,
    );
  }
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const existing = await tx.entity.findUnique({ where: { ref }, select: { locationId: true } });
    if (existing?.locationId) {
      throw new AppError('CONFLICT', `${ref} comes from a catalog location; change it in its descriptor file instead`);
    }
    if (existing && !expectedRef) throw new AppError('CONFLICT', `${ref} already exists; pick another name or edit it`);
    if (!existing && expectedRef) throw new AppError('NOT_FOUND', `${ref} no longer exists`);
    const written = await upsertEntities(prismaQuery(tx), null, [
      { row: toEntityRow(entity, doc.relations, { rawYaml: doc.source, file: null, line: null }), relations: doc.relations },
    ]);
    if (!written.has(ref)) throw new AppError('CONFLICT', `${ref} was claimed by a location meanwhile`);
  });
  await notifyEntitiesWritten([ref]);
  return { ref };
}

export async function deleteManagedEntity(ref: string): Promise<void> {
  const prisma = await getPrisma();
  const entity = await prisma.entity.findUnique({ where: { ref: ref.toLowerCase() }, select: { id: true, locationId: true } });
  if (!entity) throw new AppError('NOT_FOUND', `${ref} is not in the catalog`);
  if (entity.locationId)
    throw new AppError('CONFLICT', `${ref} comes from a catalog location; remove it from its source or unregister the location`);
  await notifyEntitiesWritten(await prisma.$transaction((tx) => deleteEntities(prismaQuery(tx), [entity.id])));
}

/**
 * Deletes any entity by uid (Backstage's DELETE /entities/by-uid). As in Backstage, an entity that
 * still exists in its source comes back on the next refresh of its location.
 */
export async function deleteEntityByUid(uid: string): Promise<void> {
  const prisma = await getPrisma();
  const entity = await prisma.entity.findUnique({ where: { id: uid }, select: { id: true } });
  if (!entity) throw new AppError('NOT_FOUND', `no entity with uid ${uid}`);
  await notifyEntitiesWritten(await prisma.$transaction((tx) => deleteEntities(prismaQuery(tx), [entity.id])));
}

/**
 * Stars or unstars an entity for this person (a service is refused). Starring twice, or unstarring
 * what is not starred, changes nothing; a person has at most MAX_STARRED stars.
 */
export async function setStarred(actor: { id: string; kind: string }, entityRef: string, starred: boolean): Promise<void> {
  const userId = userIdOf(actor);
  const key = { userId, entityRef: entityRef.toLowerCase() };
  const prisma = await getPrisma();
  if (!starred) {
    await prisma.starredEntity.deleteMany({ where: key });
    return;
  }
  await prisma.$transaction(async (tx) => {
    if (
      (await tx.starredEntity.count({ where: { userId } })) >= MAX_STARRED &&
      !(await tx.starredEntity.findUnique({ where: { userId_entityRef: key } }))
    )
      throw new AppError('CONFLICT', `You have starred ${MAX_STARRED} entities, the most one person can: unstar some first.`);
    await tx.starredEntity.upsert({ where: { userId_entityRef: key }, create: key, update: {} });
  });
}

/** Remembers the kind a person chose in the catalog list's selector (the list opens on it next time). */
export async function setCatalogKind(actor: { id: string; kind: string }, kind: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.user.update({ where: { id: userIdOf(actor) }, data: { catalogKind: kind } });
}
