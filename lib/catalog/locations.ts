import 'server-only';
import type { Entity } from '@/lib/catalog/model';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { integrationForUrl } from '@/lib/github/integrations';
import { ingestLocationTree, type IngestSummary } from './ingest/ingest-location';
import { canonicalTarget, isInsideRoots, locationRef, type LocationSpec } from './ingest/location-target';
import { childLocationsOf, processLocation, type IngestError } from './ingest/process-location';

/** Makes the config-origin locations match catalog.locations; returns their ids. */
export async function syncConfigLocations(): Promise<string[]> {
  const prisma = await getPrisma();
  const config = getConfig();
  const wanted = config.catalog.locations.map((l) => ({
    type: l.type,
    target: canonicalTarget(l.type, l.target, config.baseDir),
    rules: l.rules ?? null,
  }));
  const ids: string[] = [];
  for (const w of wanted) {
    const row = await prisma.location.upsert({
      where: { type_target: { type: w.type, target: w.target } },
      create: { type: w.type, target: w.target, origin: 'config', rules: w.rules ?? undefined },
      update: { origin: 'config', parentId: null, rules: w.rules ?? undefined },
    });
    ids.push(row.id);
  }
  await prisma.location.deleteMany({ where: { origin: 'config', id: { notIn: ids } } });
  return ids;
}

/** Validates a target a user or API client asks to register, in canonical form. */
export function resolveRegistrationTarget(input: LocationSpec): LocationSpec {
  const config = getConfig();
  if (input.type === 'url') {
    let url: URL;
    try {
      url = new URL(input.target);
    } catch {
      throw new AppError('BAD_REQUEST', `"${input.target}" is not a URL; give an absolute http(s) URL of a catalog-info.yaml`);
    }
    if (!/^https?:$/.test(url.protocol)) throw new AppError('BAD_REQUEST', 'only http and https URLs can be registered');
    return { type: 'url', target: url.toString() };
  }
  if (input.type === 'github-discovery' || input.type === 'github-org') {
    if (!integrationForUrl(input.target)) {
      throw new AppError('BAD_REQUEST', `no GitHub integration serves ${input.target}; configure integrations.github in wayfinder.config.yaml`);
    }
    return { type: input.type, target: new URL(input.target).toString().replace(/\/$/, '') };
  }
  if (input.type !== 'file') throw new AppError('BAD_REQUEST', `location type "${input.type}" is not supported; use url, file, github-discovery or github-org`);
  const target = canonicalTarget('file', input.target, config.baseDir);
  if (!isInsideRoots(target, config.fileLocationRoots)) {
    throw new AppError(
      'FORBIDDEN',
      `${input.target} is outside the folders file locations may use (catalog.fileLocationRoots: ${config.fileLocationRoots.join(', ')})`,
    );
  }
  return { type: 'file', target };
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
  const location = resolveRegistrationTarget(input);
  const config = getConfig();
  const prisma = await getPrisma();
  const entities: LocationPreview['entities'] = [];
  const errors: IngestError[] = [];
  const queue: LocationSpec[] = [location];
  const seen = new Set<string>();
  while (queue.length && seen.size < 200) {
    const loc = queue.shift()!;
    if (seen.has(locationRef(loc))) continue;
    seen.add(locationRef(loc));
    const processed = await processLocation(loc, { rules: config.catalog.rules, roots: config.fileLocationRoots, originRef: locationRef(location), locationId: null, limits: config.catalog.limits });
    errors.push(...processed.errors);
    queue.push(...processed.childLocations);
    for (const { row } of processed.entities) {
      entities.push({ ref: row.ref, kind: row.kind, name: row.name, namespace: row.namespace, title: row.title, file: row.sourceFile, existsElsewhere: null, entity: row.body });
      if (row.kind === 'Location') {
        try {
          queue.push(...childLocationsOf({ body: row.body, sourceFile: row.sourceFile }, loc));
        } catch (err) {
          errors.push({ file: row.sourceFile ?? loc.target, line: row.sourceLine ?? 1, column: 1, code: 'invalid-target', message: (err as Error).message, entityRef: row.ref });
        }
      }
    }
  }
  const existing = await prisma.entity.findMany({
    where: { ref: { in: entities.map((e) => e.ref) } },
    select: { ref: true, location: { select: { type: true, target: true } } },
  });
  const where = new Map(existing.map((e) => [e.ref, e.location ? locationRef(e.location) : 'the portal']));
  for (const e of entities) e.existsElsewhere = where.get(e.ref) ?? null;
  return { location, entities, errors };
}

/** Registers a location and ingests it now, so the caller sees its entities and errors. */
export async function registerLocation(input: LocationSpec): Promise<{ id: string; created: boolean; summaries: IngestSummary[] }> {
  const spec = resolveRegistrationTarget(input);
  const prisma = await getPrisma();
  const existing = await prisma.location.findUnique({ where: { type_target: spec } });
  if (existing) throw new AppError('CONFLICT', `${locationRef(spec)} is already registered`);
  const row = await prisma.location.create({ data: { ...spec, origin: 'api' } });
  return { id: row.id, created: true, summaries: await ingestLocationTree(row.id) };
}

/** Removes a location; its entities and the locations it declared go with it. */
export async function unregisterLocation(id: string): Promise<void> {
  const prisma = await getPrisma();
  const loc = await prisma.location.findUnique({ where: { id } });
  if (!loc) throw new AppError('NOT_FOUND', 'no such location');
  if (loc.origin === 'config') {
    throw new AppError('BAD_REQUEST', 'this location comes from wayfinder.config.yaml; remove it there (it would come back on the next refresh)');
  }
  await prisma.location.delete({ where: { id } });
}
