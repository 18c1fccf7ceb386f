import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import type { CatalogRule } from '@/lib/config/schema';
import { getDb, getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import { parseDescriptorFile } from '@/lib/catalog/model';
import type { EntityRow } from './entity-row';
import { displayTarget, generatedLocationRef, locationRef, type LocationSpec } from '../model/location-target';
import {
  childLocationsOf,
  confineChildLocations,
  generatedLocationEntity,
  streamLocation,
  type IngestError,
  type LocationFindings,
} from './process-location';
import { allowedFolders, rootsRule, type AllowedFolders } from './read-sources';
import { deleteEntities, entityRefsOfLocations, prismaQuery, upsertEntities, type PreparedEntity } from './write-entities';
import { notifyEntitiesWritten } from './write-listeners';
import { foldFacetCounts } from '@/lib/catalog/queries/facet-counts';

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
  return {
    spec: { type: loc.type, target: loc.target },
    rules: (loc.rules as CatalogRule[] | null) ?? null,
    confined: loc.origin !== 'config' || Boolean(loc.parentId),
  };
}

/** The folders a confined tree's files may be read from (real paths), or null for a configured one (its files are read as configured). */
async function readBoundOf(origin: { confined: boolean }): Promise<AllowedFolders | null> {
  const roots = getConfig().fileLocationRoots;
  return origin.confined ? allowedFolders(roots, rootsRule(roots)) : null;
}

/**
 * Where files of this location's tree may be read from, as ingestion reads them: anything that reads
 * or rewrites one of its files outside ingestion (an ownership edit) checks the same folders.
 */
export async function fileReadBoundOf(locationId: string): Promise<AllowedFolders | null> {
  return readBoundOf(await originOf(locationId));
}

// After a large change the planner's statistics are stale and the visibility map is unset (PGlite
// has no autovacuum): facet and filter queries pick plans that are 100x slower, and counts read
// every row from the heap instead of an index (17 ms instead of 4 at 10,000 components). VACUUM
// then ANALYZE refreshes both (160 ms at that size on PGlite). VACUUM goes first, for every table:
// it is the quick part (~0.3 s of the ~1.3 s at 30,000 components on PostgreSQL), and until it has
// run, a page read deep into the catalog visits the heap for every row it skips. The catalog list's
// kept facet counts are folded before it (facet-counts.ts).
const VACUUM_AFTER_CHANGES = 500;
const LOADED_TABLES = ['Entity', 'Relation', 'EntitySearch'];
/**
 * The catalog list's kept facet counts are folded every this many entities written (facet-counts.ts),
 * so that no fold is large: on PGlite nothing else is answered while one runs (~26,000 rows: ~50 ms of
 * PostgreSQL; the ~130,000 rows of a 100,000-component load folded at once took 230 ms).
 */
const FOLD_EVERY = 20_000;

/**
 * Fresh statistics once a pass has added more entities than the planner's describe (a first load:
 * none at all), checked after each batch and run once per pass. Without statistics the planner
 * expects any entity to have ~1,500 relations, and a page of 1,000 entities read while a load goes
 * on took ~500 ms instead of ~60 (30,000 components). Statistics of the first rows give the
 * catalog's shape (distinct values as a fraction of the rows), which holds as it grows; the closing
 * ANALYZE replaces them. ~35 ms after the first batch of an empty catalog.
 */
async function analyzeOutgrownStatistics(added: number): Promise<boolean> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"Entity"'::regclass`);
  if ((rows[0]?.n ?? 0) >= added) return false;
  await driver.query('ANALYZE "Entity", "Relation", "EntitySearch"');
  return true;
}

/**
 * Entities written per transaction: bounds memory, and how long a write holds PGlite's one connection.
 * 500 took less CPU on both sides than 1,000 (PostgreSQL's too) and 250 more (README, "Performance").
 */
const BATCH = 500;
/** Batches written at once (memory holds at most this many plus the one being read). */
const WRITERS = 2;
/** Rows of a location read per query when looking for entities gone from it. */
const SWEEP_PAGE = 5_000;

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
 *
 * The location is read as a stream and written in batches of BATCH entities, each in its own
 * transaction, so memory does not grow with the location and readers are served between batches.
 * Entities gone from the source are removed, and the location's errors replaced, once the whole
 * source has been read. Ingestions of one location run one at a time in this process, and requests
 * that arrive while one runs share the one ingestion queued behind it: it starts after all of them
 * asked, so each still gets a read of the source as it was then, and a member who repeats "Refresh"
 * on a large location (any member may) queues one more read, not one per click.
 */
export function ingestLocation(
  locationId: string,
  options: { file?: string } = {},
): Promise<{ summary: IngestSummary; childIds: string[]; newChildIds: string[] } | null> {
  const key = `${locationId}\u0000${options.file ?? ''}`;
  const queued = waiting.get(key);
  if (queued) return queued;
  const previous = running.get(locationId) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(() => {
      // Started: a request from now on needs a read of its own.
      if (waiting.get(key) === next) waiting.delete(key);
      return acrossProcesses(locationId, () => unlessUnregistered(locationId, () => ingestLocationNow(locationId, options)));
    });
  waiting.set(key, next);
  const settled = next
    .catch(() => undefined)
    .finally(() => {
      if (running.get(locationId) === settled) running.delete(locationId);
    });
  running.set(locationId, settled);
  return next;
}

const TEAM_SLUG_KEY = 'metadata.annotations.github.com/team-slug';

/**
 * The leads a source reports (github-org: team maintainers) of the Groups that are its teams: the
 * ones it holds, and trusted Groups of another location (a configured file) that name the team
 * they are (`github.com/team-slug: org/slug`). A team whose slug is only the name of such a Group
 * (a conflict) is no claim on it: any member of an organisation may create a team (GitHub's
 * default) and maintains what she creates, so a team named like the root group would make her a
 * lead of every group below it.
 */
async function leadsOfOwnGroups<L extends { group: string; team: string }>(leads: L[], held: Set<string>): Promise<L[]> {
  const others = leads.filter((l) => !held.has(l.group));
  if (!others.length) return leads;
  const prisma = await getPrisma();
  const named = await prisma.entity.findMany({
    where: {
      ref: { in: [...new Set(others.map((l) => l.group))] },
      location: { trusted: true },
      search: { some: { key: TEAM_SLUG_KEY, value: { in: [...new Set(others.map((l) => l.team))] } } },
    },
    select: { ref: true, search: { where: { key: TEAM_SLUG_KEY }, select: { value: true } } },
  });
  const claims = new Set(named.flatMap((e) => e.search.map((s) => `${e.ref} ${s.value}`)));
  return leads.filter((l) => held.has(l.group) || claims.has(`${l.group} ${l.team}`));
}

const running = new Map<string, Promise<unknown>>();
/** Per location and file: the ingestion queued behind the running one, not started yet. */
const waiting = new Map<string, ReturnType<typeof ingestLocation>>();

/**
 * On PostgreSQL, app replicas and worker processes may ingest the same location at once (a refresh
 * racing the reconciler): a session advisory lock on the location id, held on its own connection,
 * makes them take turns. PGlite is one process (its folder lock), so the map above is enough.
 */
async function acrossProcesses<T>(locationId: string, fn: () => Promise<T>): Promise<T> {
  const { driver } = await getDb();
  if (driver.kind !== 'postgres') return fn();
  const client = await driver.pool.connect();
  try {
    // Polled rather than a blocking pg_advisory_lock: a long ingestion elsewhere must not run this
    // wait into the connection's statement timeout.
    while (
      !(await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`wayfinder.ingest:${locationId}`])).rows[0]
        .ok
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`wayfinder.ingest:${locationId}`]);
    }
  } finally {
    client.release();
  }
}

/**
 * A location unregistered while it was read (a push's refresh racing the unregister) has nothing
 * left to report: the delete took its entities, and the writes after it fail on the missing row.
 */
async function unlessUnregistered<T>(locationId: string, ingest: () => Promise<T>): Promise<T | null> {
  try {
    return await ingest();
  } catch (err) {
    const prisma = await getPrisma();
    if (await prisma.location.findUnique({ where: { id: locationId }, select: { id: true } })) throw err;
    getLogger().info({ locationId }, 'location unregistered while it was read: nothing kept');
    return null;
  }
}

async function ingestLocationNow(
  locationId: string,
  options: { file?: string },
): Promise<{ summary: IngestSummary; childIds: string[]; newChildIds: string[] } | null> {
  const started = performance.now();
  const prisma = await getPrisma();
  const config = getConfig();
  const loc = await prisma.location.findUnique({ where: { id: locationId } });
  if (!loc) return null;
  const origin = await originOf(loc.id);
  const scope =
    options.file && loc.type === 'file' && options.file !== loc.target ? displayTarget({ type: 'file', target: options.file }) : null;
  const stream = streamLocation(
    { type: loc.type, target: loc.target },
    {
      rules: origin.rules ?? config.catalog.rules,
      roots: config.fileLocationRoots,
      confined: origin.confined,
      originRef: locationRef(origin.spec),
      locationId: loc.id,
      onlyFile: scope ? options.file : undefined,
      limits: config.catalog.limits,
    },
  );
  // A location that held no entity before this pass has none to remove after it: its first
  // ingestion does not sweep every row it just wrote (at 30,000 components, nine reads of 5,000).
  const heldBefore = await prisma.entity.findFirst({
    where: { locationId: loc.id, ...(scope ? { sourceFile: scope } : {}) },
    select: { id: true },
  });
  const written = { added: 0, updated: 0, unchanged: 0, conflicts: [] as IngestError[] };
  // Configured and registered locations get the Location entity Backstage generates for them.
  const generated = !scope && isRootLocation(loc) ? generatedLocationEntity({ type: loc.type, target: loc.target }) : null;
  let pending: PreparedEntity[] = generated ? [generated] : [];
  // Batches are written while the next is read and parsed, WRITERS at a time, each in its own
  // transaction on its own connection: the database works on two batches at once while this process
  // parses (on PGlite, one connection, they take turns). A location never yields one ref twice (a
  // duplicate is an error of the stream), so concurrent batches never write the same row.
  const inFlight: Promise<void>[] = [];
  let analyzed = false;
  let foldAt = FOLD_EVERY;
  const write = async (items: PreparedEntity[]) => {
    if (inFlight.length >= WRITERS) await inFlight.shift();
    if (!analyzed && written.added >= BATCH) analyzed = await analyzeOutgrownStatistics(written.added);
    if (written.added + written.updated >= foldAt) {
      foldAt += FOLD_EVERY;
      await foldFacetCounts();
    }
    const writing = writeBatch(loc, items, written);
    // Awaited when a writer is needed or at the end; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
    inFlight.push(writing);
  };
  try {
    for await (const batch of stream.entities) {
      pending.push(...batch);
      if (pending.length >= BATCH) {
        await write(pending);
        pending = [];
      }
    }
    await write(pending);
  } catch (err) {
    // A failed read or write still lets the batches in flight finish before the error is thrown.
    await Promise.allSettled(inFlight.splice(0));
    throw err;
  }
  const failed = (await Promise.allSettled(inFlight.splice(0))).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const found = stream.findings;
  if (generated) found.refs.set(generated.row.ref, 0);
  const errors = [...found.errors, ...written.conflicts];

  if (found.leads && loc.trusted && !found.unreadable) {
    // The source is authoritative for its own groups' leads (github-org: team maintainers). An
    // untrusted one (registered through the API before locations recorded trust) appoints none. A
    // source that could not be read (GitHub down, a revoked token) reports none: the leads it
    // appointed stay, as its Groups and Users do, until it is read again.
    const held = await prisma.entity.findMany({ where: { locationId: loc.id, kind: 'Group' }, select: { ref: true } });
    // Its leads are replaced on its Groups, and on the Groups elsewhere that name one of its teams,
    // so a team deleted or renamed on GitHub takes its maintainers' lead away there too.
    const named = found.leadsOrg
      ? await prisma.entity.findMany({
          where: { kind: 'Group', search: { some: { key: TEAM_SLUG_KEY, value: { startsWith: `${found.leadsOrg}/` } } } },
          select: { ref: true },
        })
      : [];
    const groups = [...new Set([...held, ...named].map((e) => e.ref).concat([...found.refs.keys()].filter((r) => r.startsWith('group:'))))];
    const leads = await leadsOfOwnGroups(found.leads, new Set(held.map((e) => e.ref)));
    await prisma.$transaction([
      prisma.groupLead.deleteMany({ where: { source: 'github', groupRef: { in: groups } } }),
      prisma.groupLead.createMany({
        data: leads.map((l) => ({ groupRef: l.group, userRef: l.user, source: 'github' })),
        skipDuplicates: true,
      }),
    ]);
  }
  const removed = found.unreadable || !heldBefore ? 0 : await removeGone(loc.id, scope, found);
  const remaining = await prisma.$transaction(async (tx) => {
    await tx.processingError.deleteMany({ where: { locationId: loc.id, ...(scope ? { file: scope } : {}) } });
    for (let i = 0; i < errors.length; i += BATCH) {
      await tx.processingError.createMany({ data: errors.slice(i, i + BATCH).map((e) => ({ ...e, locationId: loc.id })) });
    }
    const left = scope ? await tx.processingError.count({ where: { locationId: loc.id } }) : errors.length;
    await tx.location.update({ where: { id: loc.id }, data: { status: left ? 'error' : 'ok', lastIngestedAt: new Date() } });
    return left;
  });
  const summary: IngestSummary = {
    locationId: loc.id,
    added: written.added,
    updated: written.updated,
    removed,
    unchanged: written.unchanged,
    errors: errors.length,
    ms: 0,
  };

  // When the source failed in part, locations it did not report may still exist: only add.
  const within = await readBoundOf(origin);
  const { childIds, newChildIds } = await syncChildLocations(
    loc.id,
    { type: loc.type, target: loc.target },
    found.childLocations,
    found.errors.some((e) => e.code === 'unreadable'),
    within,
    loc.trusted,
  );
  if (summary.added + summary.updated + summary.removed >= VACUUM_AFTER_CHANGES) {
    await foldFacetCounts();
    // A statement per table: PGlite answers nothing else while one runs (at the end of a pass of
    // 100,000 components requests waited up to ~4 s with all three in one statement).
    for (const table of LOADED_TABLES) await prisma.$executeRawUnsafe(`VACUUM "${table}"`);
    for (const table of LOADED_TABLES) await prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
  }
  summary.ms = Math.round(performance.now() - started);
  const log = getLogger();
  const refused = found.errors.filter((e) => REFUSED.has(e.code));
  for (const e of refused.slice(0, 20))
    log.warn({ location: locationRef(loc), file: e.file, code: e.code }, `descriptor file refused: ${e.message}`);
  log.info({ location: locationRef(loc), ...summary, remainingErrors: remaining }, 'location ingested');
  return { summary, childIds, newChildIds };
}

/** Codes of a file refused whole (unreadable, over catalog.limits): worth a warning, not just a count. */
const REFUSED = new Set(['unreadable', 'too-large', 'too-many-documents']);

/**
 * Writes one batch in its own transaction: an entity whose ref another location (or the portal)
 * holds is a conflict error here, and only entities whose content changed are written.
 */
async function writeBatch(
  { id: locationId, target }: { id: string; target: string },
  items: PreparedEntity[],
  written: { added: number; updated: number; unchanged: number; conflicts: IngestError[] },
): Promise<void> {
  if (items.length === 0) return;
  const { driver } = await getDb();
  const writtenRefs = await driver.transaction(async (query) => {
    // The commit need not wait for the WAL flush: the location's final transaction (errors,
    // lastIngestedAt) commits synchronously, which flushes these batches too, and a batch lost to
    // a crash before that is written again by the next ingestion (the source stays the truth).
    await query('SET LOCAL synchronous_commit = off');
    // One JSON parameter rather than thousands of bind parameters (twice as fast at 10,000).
    const { rows: current } = await query<{ ref: string; etag: string; mine: boolean; type: string | null; target: string | null }>(
      `SELECT e."ref", e."etag", e."locationId" IS NOT DISTINCT FROM $2::uuid AS mine, l."type", l."target"
           FROM "Entity" e LEFT JOIN "Location" l ON l."id" = e."locationId"
          WHERE e."ref" = ANY(SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(items.map((e) => e.row.ref)), locationId],
    );
    const byRef = new Map(current.map((c) => [c.ref, c]));
    const conflict = (row: PreparedEntity['row'], other: string) => {
      const at = namePosition(row);
      const file = row.sourceFile ?? target;
      written.conflicts.push({
        file,
        line: at?.line ?? 1,
        column: at?.column ?? 1,
        code: 'conflict',
        entityRef: row.ref,
        message: `${row.ref} is already defined by ${other}; one entity can come from one location only: rename it or remove one definition ${at ? `at ${file}:${at.line}:${at.column}` : `from ${file}`}`,
      });
    };
    const changed: PreparedEntity[] = [];
    for (const item of items) {
      const now = byRef.get(item.row.ref);
      if (now && !now.mine)
        conflict(
          item.row,
          now.type && now.target ? locationRef({ type: now.type, target: now.target }) : 'the portal (portal-managed entity)',
        );
      else if (now?.etag === item.row.etag) written.unchanged++;
      else changed.push(item);
    }
    const stored = await upsertEntities(query, locationId, changed);
    for (const { row } of changed) {
      if (!stored.has(row.ref)) conflict(row, 'another location');
      else if (byRef.has(row.ref)) written.updated++;
      else written.added++;
    }
    return [...stored];
  });
  await notifyEntitiesWritten(writtenRefs);
}

/**
 * Removes the location's entities that its source no longer yields, reading the location's rows a
 * page at a time. The last good version of an entity whose new version failed stays, and so does
 * everything a file that could not be read or parsed produced before.
 */
async function removeGone(locationId: string, scope: string | null, found: LocationFindings): Promise<number> {
  const { driver } = await getDb();
  const gone: string[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await driver.query<{ id: string; ref: string; sourceFile: string | null }>(
      `SELECT "id"::text AS id, "ref", "sourceFile" FROM "Entity"
        WHERE "locationId" = $1::uuid AND ($2::text IS NULL OR "sourceFile" = $2::text) AND "id" > $3::uuid ORDER BY "id" LIMIT ${SWEEP_PAGE}`,
      [locationId, scope, after],
    );
    for (const r of rows) {
      if (!found.refs.has(r.ref) && !found.invalidRefs.has(r.ref) && !(r.sourceFile && found.failedFiles.has(r.sourceFile)))
        gone.push(r.id);
    }
    if (rows.length < SWEEP_PAGE) break;
    after = rows[rows.length - 1].id;
  }
  const removed: string[] = [];
  for (let i = 0; i < gone.length; i += BATCH) {
    const ids = gone.slice(i, i + BATCH);
    removed.push(...(await driver.transaction((query) => deleteEntities(query, ids))));
  }
  await notifyEntitiesWritten(removed);
  return gone.length;
}

/** Configured and registered locations: Backstage generates a Location entity for each. */
export function isRootLocation(loc: { origin: string }): boolean {
  return loc.origin === 'config' || loc.origin === 'api';
}

/**
 * Makes the child locations of `parentId` match the Location entities it now holds. With `within`
 * (a confined parent), a `file` target outside those folders is an error on its entity, not a child.
 * A child is `trusted` when its parent is (what a config location declares, the operator chose),
 * except a discovery's repositories: anyone who can create a repository in the organisation writes
 * one, so what they hold gives no identity or role (README "Where identity and roles come from").
 */
async function syncChildLocations(
  parentId: string,
  parent: LocationSpec,
  yielded: LocationSpec[],
  partial: boolean,
  within: AllowedFolders | null,
  trusted: boolean,
): Promise<{ childIds: string[]; newChildIds: string[] }> {
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
      const { allowed, refused } = await confineChildLocations(childLocationsOf(e, parent), within, trusted);
      for (const spec of allowed) desired.set(`${spec.type}:${spec.target}`, spec);
      problems.push(...refused.map((message) => ({ ref: e.ref, message, file: e.sourceFile })));
    } catch (err) {
      problems.push({ ref: e.ref, message: (err as Error).message, file: e.sourceFile });
    }
  }
  if (problems.length) {
    await prisma.processingError.createMany({
      data: problems.map((p) => ({
        locationId: parentId,
        entityRef: p.ref,
        file: p.file ?? parent.target,
        line: 1,
        column: 1,
        code: 'invalid-target',
        message: p.message,
      })),
    });
    await prisma.location.update({ where: { id: parentId }, data: { status: 'error' } });
  }
  const current = await prisma.location.findMany({ where: { parentId } });
  const stale = partial ? [] : current.filter((c) => !desired.has(`${c.type}:${c.target}`));
  if (stale.length) {
    const gone = await prisma.$transaction(async (tx) => {
      const refs = await entityRefsOfLocations(
        prismaQuery(tx),
        stale.map((s) => s.id),
      );
      await tx.location.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
      return refs;
    });
    await notifyEntitiesWritten(gone);
  }
  const ids: string[] = [];
  const known = new Set(current.map((c) => c.id));
  for (const spec of desired.values()) {
    const childTrusted = trusted && parent.type !== 'github-discovery';
    const row = await prisma.location.upsert({
      where: { type_target: spec },
      create: { ...spec, origin: 'entity', parentId, trusted: childTrusted },
      update: {},
    });
    // A target that is also registered on its own keeps its own parent (and trust); only ingest our children.
    if (row.parentId !== parentId) continue;
    if (row.trusted !== childTrusted) await prisma.location.update({ where: { id: row.id }, data: { trusted: childTrusted } });
    ids.push(row.id);
  }
  return { childIds: ids, newChildIds: ids.filter((id) => !known.has(id)) };
}
