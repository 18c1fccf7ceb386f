import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import type { CatalogRule } from '@/lib/config/schema';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import { parseDescriptorFile } from '@/lib/catalog/model';
import type { EntityRow } from './entity-row';
import { displayTarget, generatedLocationRef, locationRef, type LocationSpec } from './location-target';
import { childLocationsOf, confineChildLocations, generatedLocationEntity, processLocation, type IngestError } from './process-location';
import { allowedFolders, rootsRule, type AllowedFolders } from './read-sources';
import { deleteEntities, upsertEntities } from './write-entities';

export type IngestSummary = {
  locationId: string;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  errors: number;
  ms: number;
};

const MAX_DEPTH = 10;

/**
 * Re-reads a location and replaces the set of entities it produced, in one transaction: entities
 * gone from the source are removed, an invalid new version leaves the last good one in place with
 * the error stored against it, and a ref already owned by another location is a conflict error
 * here while the first location keeps it. Then does the same for the locations its Location
 * entities declare. Returns one summary per location visited.
 */
export async function ingestLocationTree(locationId: string): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  const visited = new Set<string>();
  const visit = async (id: string, depth: number) => {
    if (visited.has(id) || depth > MAX_DEPTH) return;
    visited.add(id);
    const result = await ingestLocation(id);
    if (!result) return;
    summaries.push(result.summary);
    for (const child of result.childIds) await visit(child, depth + 1);
  };
  await visit(locationId, 0);
  return summaries;
}

/**
 * Re-reads one location and fully ingests only the child locations that appeared (a discovery
 * that found a new repository), not every child again.
 */
export async function ingestNewChildren(locationId: string): Promise<void> {
  const result = await ingestLocation(locationId);
  for (const child of result?.newChildIds ?? []) await ingestLocationTree(child);
}

/**
 * The location a chain of child locations starts from. `confined` unless it is a configured one:
 * everything reached from an API or UI registration stays inside catalog.fileLocationRoots.
 */
async function originOf(locationId: string): Promise<{ spec: LocationSpec; rules: CatalogRule[] | null; confined: boolean }> {
  const prisma = await getPrisma();
  let loc = await prisma.location.findUniqueOrThrow({ where: { id: locationId } });
  for (let i = 0; loc.parentId && i < MAX_DEPTH; i++) loc = await prisma.location.findUniqueOrThrow({ where: { id: loc.parentId } });
  return { spec: { type: loc.type, target: loc.target }, rules: (loc.rules as CatalogRule[] | null) ?? null, confined: loc.origin !== 'config' || Boolean(loc.parentId) };
}

// After a large change the planner's statistics are stale and the visibility map is unset (PGlite
// has no autovacuum): facet and filter queries pick plans that are 100x slower, and counts read
// every row from the heap instead of an index (17 ms instead of 4 at 10,000 components). VACUUM
// ANALYZE refreshes both (160 ms at that size on PGlite).
const VACUUM_AFTER_CHANGES = 500;

/**
 * Where an entity's `metadata.name` is written in its file, for an error message: its row keeps the
 * document's own text and first line, so only a conflicting entity is parsed again (keeping every
 * document's parse tree for the rare conflict would cost memory on large locations). Null for an
 * entity that no file defines (org sync).
 */
function namePosition(row: EntityRow): { line: number; column: number } | null {
  if (row.sourceLine === null) return null;
  const [doc] = parseDescriptorFile(row.rawYaml, row.sourceFile ?? '').documents;
  if (!doc) return null;
  const at = doc.positionOf(['metadata', 'name']);
  return { line: row.sourceLine + at.line - 1, column: at.column };
}

/**
 * Re-reads one location. With `file` (an absolute path inside a folder or glob location), only that
 * descriptor is re-read and only its entities and errors are replaced: an explicit refresh of one
 * entity costs its file, not the whole location.
 */
export async function ingestLocation(locationId: string, options: { file?: string } = {}): Promise<{ summary: IngestSummary; childIds: string[]; newChildIds: string[] } | null> {
  const started = performance.now();
  const prisma = await getPrisma();
  const config = getConfig();
  const loc = await prisma.location.findUnique({ where: { id: locationId } });
  if (!loc) return null;
  const origin = await originOf(loc.id);
  const scope = options.file && loc.type === 'file' && options.file !== loc.target ? displayTarget({ type: 'file', target: options.file }) : null;
  const processed = await processLocation(
    { type: loc.type, target: loc.target },
    { rules: origin.rules ?? config.catalog.rules, roots: config.fileLocationRoots, confined: origin.confined, originRef: locationRef(origin.spec), locationId: loc.id, onlyFile: scope ? options.file : undefined },
  );
  if (!scope && isRootLocation(loc)) processed.entities.unshift(generatedLocationEntity({ type: loc.type, target: loc.target }));

  const summary = await prisma.$transaction(
    async (tx) => {
      // Serialises concurrent ingestions of one location (a refresh racing the reconciler).
      await tx.$queryRawUnsafe(`SELECT 1 FROM "Location" WHERE "id" = $1::uuid FOR UPDATE`, loc.id);
      const existing = await tx.entity.findMany({ where: { locationId: loc.id, ...(scope ? { sourceFile: scope } : {}) }, select: { id: true, ref: true, etag: true, sourceFile: true } });
      const byRef = new Map(existing.map((e) => [e.ref, e]));
      const incoming = processed.entities.map((e) => e.row.ref);
      // One JSON parameter rather than thousands of bind parameters (twice as fast at 10,000).
      const elsewhere = await tx.$queryRawUnsafe<{ ref: string; type: string | null; target: string | null }[]>(
        `SELECT e."ref", l."type", l."target" FROM "Entity" e LEFT JOIN "Location" l ON l."id" = e."locationId"
          WHERE e."ref" = ANY(SELECT jsonb_array_elements_text($1::jsonb)) AND e."locationId" IS DISTINCT FROM $2::uuid`,
        JSON.stringify(incoming),
        loc.id,
      );
      const owner = new Map(elsewhere.map((e) => [e.ref, e.type && e.target ? locationRef({ type: e.type, target: e.target }) : 'the portal (portal-managed entity)']));
      const errors: IngestError[] = [...processed.errors];
      const accepted = processed.entities.filter(({ row }) => {
        const other = owner.get(row.ref);
        if (!other) return true;
        const at = namePosition(row);
        const file = row.sourceFile ?? displayTarget(loc);
        errors.push({
          file, line: at?.line ?? 1, column: at?.column ?? 1, code: 'conflict', entityRef: row.ref,
          message: `${row.ref} is already defined by ${other}; one entity can come from one location only: rename it or remove one definition ${at ? `at ${file}:${at.line}:${at.column}` : `from ${file}`}`,
        });
        return false;
      });
      const changed = accepted.filter(({ row }) => byRef.get(row.ref)?.etag !== row.etag);
      await upsertEntities(tx, loc.id, changed);

      const keep = new Set([...accepted.map((e) => e.row.ref), ...processed.invalidRefs]);
      const removed = processed.unreadable
        ? []
        : existing.filter((e) => !keep.has(e.ref) && !(e.sourceFile && processed.failedFiles.has(e.sourceFile)));
      await deleteEntities(tx, removed.map((e) => e.id));

      if (processed.leads) {
        // The source is authoritative for its own groups' leads (github-org: team maintainers).
        // Every group the source reported, also one another location defines (its maintainers are
        // still its leads), so a maintainer removed in GitHub stops being a lead on the next read.
        const groups = [...new Set([...existing, ...processed.entities.map((e) => e.row)].map((e) => e.ref).filter((r) => r.startsWith('group:')))];
        await tx.groupLead.deleteMany({ where: { source: 'github', groupRef: { in: groups } } });
        await tx.groupLead.createMany({ data: processed.leads.map((l) => ({ groupRef: l.group, userRef: l.user, source: 'github' })), skipDuplicates: true });
      }
      await tx.processingError.deleteMany({ where: { locationId: loc.id, ...(scope ? { file: scope } : {}) } });
      if (errors.length) await tx.processingError.createMany({ data: errors.map((e) => ({ ...e, locationId: loc.id })) });
      const remaining = scope ? await tx.processingError.count({ where: { locationId: loc.id } }) : errors.length;
      await tx.location.update({
        where: { id: loc.id },
        data: { status: remaining ? 'error' : 'ok', lastIngestedAt: new Date() },
      });
      const added = changed.filter(({ row }) => !byRef.has(row.ref)).length;
      return {
        locationId: loc.id,
        added,
        updated: changed.length - added,
        removed: removed.length,
        unchanged: accepted.length - changed.length,
        errors: errors.length,
        ms: 0,
      };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );

  // When the source failed in part, locations it did not report may still exist: only add.
  const within = origin.confined ? await allowedFolders(config.fileLocationRoots, rootsRule(config.fileLocationRoots)) : null;
  const { childIds, newChildIds } = await syncChildLocations(loc.id, { type: loc.type, target: loc.target }, processed.childLocations, processed.errors.some((e) => e.code === 'unreadable'), within, loc.trusted);
  if (summary.added + summary.updated + summary.removed >= VACUUM_AFTER_CHANGES) {
    await prisma.$executeRawUnsafe('VACUUM (ANALYZE) "Entity", "Relation", "EntitySearch"');
  }
  summary.ms = Math.round(performance.now() - started);
  getLogger().info({ location: locationRef(loc), ...summary }, 'location ingested');
  return { summary, childIds, newChildIds };
}

/** Configured and registered locations: Backstage generates a Location entity for each. */
export function isRootLocation(loc: { origin: string }): boolean {
  return loc.origin === 'config' || loc.origin === 'api';
}

/**
 * Makes the child locations of `parentId` match the Location entities it now holds. With `within`
 * (a confined parent), a `file` target outside those folders is an error on its entity, not a child.
 * A child is `trusted` when its parent is (what a config location declares, the operator chose).
 */
async function syncChildLocations(parentId: string, parent: LocationSpec, yielded: LocationSpec[], partial: boolean, within: AllowedFolders | null, trusted: boolean): Promise<{ childIds: string[]; newChildIds: string[] }> {
  const prisma = await getPrisma();
  // The generated Location entity names the location itself, not a child.
  const locationEntities = await prisma.entity.findMany({
    where: { locationId: parentId, kind: 'Location', ref: { not: generatedLocationRef(parent) } },
    select: { body: true, sourceFile: true, ref: true },
  });
  const desired = new Map<string, LocationSpec>(yielded.map((l) => [`${l.type}:${l.target}`, l]));
  const problems: { ref: string; message: string; file: string | null }[] = [];
  for (const e of locationEntities) {
    try {
      const { allowed, refused } = await confineChildLocations(childLocationsOf(e, parent), within);
      for (const spec of allowed) desired.set(`${spec.type}:${spec.target}`, spec);
      problems.push(...refused.map((message) => ({ ref: e.ref, message, file: e.sourceFile })));
    } catch (err) {
      problems.push({ ref: e.ref, message: (err as Error).message, file: e.sourceFile });
    }
  }
  if (problems.length) {
    await prisma.processingError.createMany({
      data: problems.map((p) => ({ locationId: parentId, entityRef: p.ref, file: p.file ?? parent.target, line: 1, column: 1, code: 'invalid-target', message: p.message })),
    });
    await prisma.location.update({ where: { id: parentId }, data: { status: 'error' } });
  }
  const current = await prisma.location.findMany({ where: { parentId } });
  const stale = partial ? [] : current.filter((c) => !desired.has(`${c.type}:${c.target}`));
  if (stale.length) await prisma.location.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  const ids: string[] = [];
  const known = new Set(current.map((c) => c.id));
  for (const spec of desired.values()) {
    const row = await prisma.location.upsert({
      where: { type_target: spec },
      create: { ...spec, origin: 'entity', parentId, trusted },
      update: {},
    });
    // A target that is also registered on its own keeps its own parent; only ingest our children.
    if (row.parentId === parentId) ids.push(row.id);
  }
  return { childIds: ids, newChildIds: ids.filter((id) => !known.has(id)) };
}
