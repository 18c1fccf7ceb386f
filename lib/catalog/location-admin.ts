import 'server-only';
import type { Entity } from '@/lib/catalog/model';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { dataDir } from '@/lib/env';
import { editableCopyOf } from './ingest/editable-copy';
import { AppError } from '@/lib/errors';
import { integrationForUrl } from '@/lib/github/integrations';
import path from 'node:path';
import { ingestLocationTree, type IngestSummary } from './ingest/ingest-location';
import { entityRefsOfLocations, prismaQuery } from './ingest/write-entities';
import { notifyEntitiesWritten } from './ingest/write-listeners';
import { insideSkeleton, skeletonsOf } from '@/lib/scaffolder/model';
import { canonicalTarget, isInsideRoots, locationRef, type LocationSpec } from './model/location-target';
import { childLocationsOf, confineChildLocations, processLocation, type IngestError } from './ingest/process-location';
import { allowedFolders, rootsRule, targetOutsideReason } from './ingest/read-sources';

/** Makes the config-origin locations match catalog.locations; returns their ids. */
export async function syncConfigLocations(): Promise<string[]> {
  const prisma = await getPrisma();
  const config = getConfig();
  const wanted = config.catalog.locations.map((l) => {
    const target = canonicalTarget(l.type, l.target, config.baseDir);
    return {
      type: l.type,
      target: l.type === 'file' && l.editableCopy ? editableCopyOf(target, dataDir()) : target,
      rules: l.rules ?? null,
    };
  });
  const ids: string[] = [];
  for (const w of wanted) {
    const row = await prisma.location.upsert({
      where: { type_target: { type: w.type, target: w.target } },
      create: { type: w.type, target: w.target, origin: 'config', trusted: true, rules: w.rules ?? undefined },
      update: { origin: 'config', parentId: null, trusted: true, rules: w.rules ?? undefined },
    });
    ids.push(row.id);
  }
  const dropped = (await prisma.location.findMany({ where: { origin: 'config', id: { notIn: ids } }, select: { id: true } })).map(
    (l) => l.id,
  );
  const gone = await prisma.$transaction(async (tx) => {
    const refs = await entityRefsOfLocations(prismaQuery(tx), dropped);
    await tx.location.deleteMany({ where: { id: { in: dropped } } });
    return refs;
  });
  await notifyEntitiesWritten(gone);
  return ids;
}

/** Validates a target a user or API client asks to register, in canonical form. */
export async function resolveRegistrationTarget(input: LocationSpec): Promise<LocationSpec> {
  const config = getConfig();
  if (input.type === 'url') {
    let url: URL;
    try {
      url = new URL(input.target);
    } catch {
      const path = /^(?:\.{0,2}\/|~)/.test(input.target.trim());
      throw new AppError(
        'BAD_REQUEST',
        path
          ? `"${input.target}" is a path, not a URL; choose the type file to register a file, or give an absolute http(s) URL of a catalog-info.yaml`
          : `"${input.target}" is not a URL; give an absolute http(s) URL of a catalog-info.yaml`,
      );
    }
    if (!/^https?:$/.test(url.protocol)) throw new AppError('BAD_REQUEST', 'only http and https URLs can be registered');
    refuseCredentials(url);
    return { type: 'url', target: url.toString() };
  }
  if (input.type === 'github-discovery' || input.type === 'github-org') {
    if (URL.canParse(input.target)) refuseCredentials(new URL(input.target));
    if (!integrationForUrl(input.target)) {
      throw new AppError(
        'BAD_REQUEST',
        `no GitHub integration serves ${input.target}; configure integrations.github in wayfinder.config.yaml`,
      );
    }
    return { type: input.type, target: new URL(input.target).toString().replace(/\/$/, '') };
  }
  if (input.type !== 'file')
    throw new AppError('BAD_REQUEST', `location type "${input.type}" is not supported; use url, file, github-discovery or github-org`);
  const target = canonicalTarget('file', input.target, config.baseDir);
  const outside = isInsideRoots(target, config.fileLocationRoots)
    ? await targetOutsideReason(target, await allowedFolders(config.fileLocationRoots, rootsRule(config.fileLocationRoots)))
    : `${input.target} is outside the folders file locations may use (catalog.fileLocationRoots: ${config.fileLocationRoots.join(', ')})`;
  if (outside) throw new AppError('FORBIDDEN', outside);
  return { type: 'file', target };
}

/**
 * A target is stored, logged and listed to everyone who can read the catalog, so it may not carry a
 * user name or password (a token pasted into the URL). Reads go out with the integration's token.
 */
function refuseCredentials(url: URL): void {
  if (url.username || url.password)
    throw new AppError(
      'BAD_REQUEST',
      `remove the user name and password from the URL (${url.host}${url.pathname}): a location's URL is shown to everyone who can read the catalog, and Wayfinder reads it with the token of the integration configured for its host`,
    );
}

export type LocationPreview = {
  location: LocationSpec;
  entities: {
    ref: string;
    kind: string;
    name: string;
    namespace: string;
    title: string | null;
    file: string | null;
    existsElsewhere: string | null;
    /** The entity as it would be stored (the catalog API's dry run returns it whole). */
    entity: Entity;
  }[];
  errors: IngestError[];
};

/** What registering the location would add (following its Location entities), and its errors. */
export async function previewLocation(input: LocationSpec): Promise<LocationPreview> {
  const location = await resolveRegistrationTarget(input);
  const config = getConfig();
  const prisma = await getPrisma();
  const entities: LocationPreview['entities'] = [];
  const errors: IngestError[] = [];
  const queue: LocationSpec[] = [location];
  const seen = new Set<string>();
  const within = await allowedFolders(config.fileLocationRoots, rootsRule(config.fileLocationRoots));
  const seenRefs = new Set<string>();
  const seenErrors = new Set<string>();
  const errorKey = (e: IngestError) => `${e.file}:${e.line}:${e.column}:${e.message}`;
  while (queue.length && seen.size < 200) {
    const loc = queue.shift()!;
    if (seen.has(locationRef(loc))) continue;
    seen.add(locationRef(loc));
    const processed = await processLocation(loc, {
      rules: config.catalog.rules,
      roots: config.fileLocationRoots,
      confined: true,
      originRef: locationRef(location),
      locationId: null,
      limits: config.catalog.limits,
    });
    errors.push(...processed.errors.filter((e) => !seenErrors.has(errorKey(e)) && seenErrors.add(errorKey(e))));
    queue.push(...processed.childLocations);
    for (const { row } of processed.entities) {
      // A folder and the Location entities inside it often name the same files: each entity once.
      if (seenRefs.has(row.ref)) continue;
      seenRefs.add(row.ref);
      entities.push({
        ref: row.ref,
        kind: row.kind,
        name: row.name,
        namespace: row.namespace,
        title: row.title,
        file: row.sourceFile,
        existsElsewhere: null,
        entity: row.body,
      });
      if (row.kind === 'Location') {
        const targetError = (message: string) =>
          errors.push({
            file: row.sourceFile ?? loc.target,
            line: row.sourceLine ?? 1,
            column: 1,
            code: 'invalid-target',
            message,
            entityRef: row.ref,
          });
        try {
          const { allowed, refused } = await confineChildLocations(
            childLocationsOf({ body: row.body, sourceFile: row.sourceFile }, loc),
            within,
            location.type === 'github-org',
          );
          queue.push(...allowed);
          refused.forEach(targetError);
        } catch (err) {
          targetError((err as Error).message);
        }
      }
    }
  }
  // The skeletons of the Templates found anywhere in the tree: their placeholder descriptors are
  // what a template will create, not entities of this catalog, and their errors are not errors.
  const skeletons = entities.flatMap((e) => {
    const managedBy = e.entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? '';
    return managedBy.startsWith('file:') ? skeletonsOf(e.entity, managedBy.slice('file:'.length)) : [];
  });
  const kept = entities.filter((e) => !(e.file && insideSkeleton(path.resolve(e.file), skeletons)));
  const keptErrors = errors.filter((e) => !insideSkeleton(path.resolve(e.file), skeletons));
  const existing = await prisma.entity.findMany({
    where: { ref: { in: kept.map((e) => e.ref) } },
    select: { ref: true, location: { select: { type: true, target: true } } },
  });
  const where = new Map(existing.map((e) => [e.ref, e.location ? locationRef(e.location) : 'the portal']));
  for (const e of kept) e.existsElsewhere = where.get(e.ref) ?? null;
  return { location, entities: kept, errors: keptErrors };
}

/**
 * Registers a location and ingests it now, so the caller sees its entities and errors. A
 * github-org location is trusted (its Users and teams give identity and roles): callers let only
 * admins register one (permission catalog.location.orgSync).
 */
export async function registerLocation(
  input: LocationSpec,
): Promise<{ id: string; created: boolean; location: LocationSpec; summaries: IngestSummary[] }> {
  const spec = await resolveRegistrationTarget(input);
  const prisma = await getPrisma();
  const existing = await prisma.location.findUnique({ where: { type_target: spec } });
  if (existing) throw new AppError('CONFLICT', `${locationRef(spec)} is already registered`);
  const row = await prisma.location.create({ data: { ...spec, origin: 'api', trusted: spec.type === 'github-org' } });
  return { id: row.id, created: true, location: spec, summaries: await ingestLocationTree(row.id) };
}

/** Removes a location; its entities and the locations it declared go with it. Returns what it was. */
export async function unregisterLocation(id: string): Promise<LocationSpec> {
  const prisma = await getPrisma();
  const loc = await prisma.location.findUnique({ where: { id } });
  if (!loc) throw new AppError('NOT_FOUND', 'no such location');
  if (loc.origin === 'config') {
    throw new AppError(
      'BAD_REQUEST',
      'this location comes from wayfinder.config.yaml; remove it there (it would come back on the next refresh)',
    );
  }
  // Its entities, and those of the locations it declared, go with it (cascade): the write listeners
  // hear which, so their scorecard results go and what depended on them is rescored.
  const gone = await prisma.$transaction(async (tx) => {
    const refs = await entityRefsOfLocations(prismaQuery(tx), [id]);
    await tx.location.delete({ where: { id } });
    return refs;
  });
  await notifyEntitiesWritten(gone);
  return { type: loc.type, target: loc.target };
}

/**
 * Points a registered location at a new type and target (Backstage's PUT /locations/:id) and
 * re-reads it now: its entities are replaced by those of the new target.
 */
export async function updateRegisteredLocation(id: string, input: LocationSpec): Promise<LocationSpec & { id: string }> {
  const spec = await resolveRegistrationTarget(input);
  const prisma = await getPrisma();
  const loc = await prisma.location.findUnique({ where: { id } });
  if (!loc || loc.origin !== 'api') throw new AppError('NOT_FOUND', `Found no location with ID ${id}`);
  const other = await prisma.location.findUnique({ where: { type_target: spec } });
  if (other && other.id !== id) throw new AppError('CONFLICT', `Location ${locationRef(spec)} already exists`);
  await prisma.location.update({ where: { id }, data: { ...spec, trusted: spec.type === 'github-org' } });
  await ingestLocationTree(id);
  return { id, ...spec };
}
