import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { RELATION_PAIRS, tryParseEntityRef, type EntitySummary } from '@/lib/catalog/model';
import type { EntityRow } from '@/lib/catalog/ingest/entity-row';
import { getPrisma } from '@/lib/db/client';
import { pageOf } from '@/lib/http/paging';
import { getEntityByRef, type ServedEntity, type StoredError } from './served-entities';

// Server data for the catalog's entity pages: small, typed objects the UI renders directly.
// Every function reads in a fixed number of queries (batched by ref), never one per row.

export type RelationGroup = { type: string; targets: EntitySummary[] };

export type EntityPageData = {
  ref: string;
  entity: ServedEntity;
  rawYaml: string;
  source: { file: string | null; line: number | null; location: { id: string; type: string; target: string } | null };
  relations: RelationGroup[];
  summaries: Record<string, EntitySummary>;
  errors: StoredError[];
};

type SummaryRow = Pick<EntityRow, 'ref' | 'kind' | 'namespace' | 'name' | 'title' | 'specType' | 'lifecycle' | 'owner'> & {
  description: string | null;
};

function missingSummary(ref: string): EntitySummary {
  const parsed = tryParseEntityRef(ref);
  return {
    ref,
    kind: parsed?.kind ?? 'unknown',
    namespace: parsed?.namespace ?? 'default',
    name: parsed?.name ?? ref,
    title: null,
    exists: false,
    type: null,
    lifecycle: null,
    owner: null,
    description: null,
  };
}

function toSummary(row: SummaryRow): EntitySummary {
  return {
    ref: row.ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    exists: true,
    type: row.specType,
    lifecycle: row.lifecycle,
    owner: row.owner,
    description: row.description,
  };
}

// A User's display name is its title where metadata.title is not set (people are named in profile).
const SUMMARY_COLUMNS = Prisma.sql`e."ref", e."kind", e."namespace", e."name", COALESCE(e."title", e."body"->'spec'->'profile'->>'displayName') AS "title", e."specType", e."lifecycle", e."owner", e."body"->'metadata'->>'description' AS "description"`;

/** Summaries of the given canonical refs in one query; refs not in the catalog come back with exists: false. */
export async function summarizeRefs(refs: Iterable<string>): Promise<Map<string, EntitySummary>> {
  const unique = [...new Set([...refs].map((r) => r.toLowerCase()))];
  const out = new Map<string, EntitySummary>();
  if (unique.length === 0) return out;
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<SummaryRow[]>`SELECT ${SUMMARY_COLUMNS} FROM "Entity" e WHERE e."ref" IN (${Prisma.join(unique)})`;
  for (const row of rows) out.set(row.ref, toSummary(row));
  for (const ref of unique) if (!out.has(ref)) out.set(ref, missingSummary(ref));
  return out;
}

/** Everything the entity page's header and tabs read, or null when the ref is not in the catalog. */
export async function getEntityPageData(ref: string): Promise<EntityPageData | null> {
  const canonical = ref.toLowerCase();
  const prisma = await getPrisma();
  const [entity, row, errors] = await Promise.all([
    getEntityByRef(canonical),
    prisma.entity.findUnique({
      where: { ref: canonical },
      select: { rawYaml: true, sourceFile: true, sourceLine: true, location: { select: { id: true, type: true, target: true } } },
    }),
    prisma.processingError.findMany({
      where: { entityRef: canonical },
      select: { file: true, line: true, column: true, code: true, message: true },
      orderBy: [{ file: 'asc' }, { line: 'asc' }, { column: 'asc' }],
    }),
  ]);
  if (!entity || !row) return null;
  const summaries = await summarizeRefs(entity.relations.map((r) => r.targetRef));
  return {
    ref: canonical,
    entity,
    rawYaml: row.rawYaml,
    source: { file: row.sourceFile, line: row.sourceLine, location: row.location },
    relations: groupRelations(entity.relations, summaries),
    summaries: Object.fromEntries(summaries),
    errors,
  };
}

// Well-known relations first, in the order of the spec's pairs; unknown types after, by name.
const RELATION_ORDER: string[] = RELATION_PAIRS.flat();

function groupRelations(relations: { type: string; targetRef: string }[], summaries: Map<string, EntitySummary>): RelationGroup[] {
  const byType = new Map<string, EntitySummary[]>();
  for (const r of relations) {
    const list = byType.get(r.type) ?? [];
    if (!list.some((s) => s.ref === r.targetRef)) list.push(summaries.get(r.targetRef) ?? missingSummary(r.targetRef));
    byType.set(r.type, list);
  }
  const rank = (t: string) => (RELATION_ORDER.includes(t) ? RELATION_ORDER.indexOf(t) : RELATION_ORDER.length);
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, targets]) => ({ type, targets: targets.sort((a, b) => a.name.localeCompare(b.name)) }));
}

export type OwnedEntity = EntitySummary & { via: string };

const OWNED_PAGE_SIZE = 50;

export type OwnedPage = { owned: OwnedEntity[]; total: number; page: number; pages: number };

/**
 * One page (by name) of the entities owned by any of the given owners, with the owner each is
 * owned through, and how many there are. The owners are given as a list, so that PostgreSQL knows
 * how many rows they own: the owner index for a team, the name index read in order for the root
 * of a large organisation (at 100,000 components: 5 ms a page either way).
 */
async function ownedBy(owners: string[], requested: string | undefined): Promise<OwnedPage> {
  if (owners.length === 0) return { owned: [], total: 0, page: 1, pages: 1 };
  const prisma = await getPrisma();
  const [{ total }] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS "total" FROM "Entity" e WHERE e."owner" = ANY(${owners}::text[])`;
  const { page, pages, offset } = pageOf(requested, total, OWNED_PAGE_SIZE);
  const rows = await prisma.$queryRaw<(SummaryRow & { via: string })[]>`
    SELECT ${SUMMARY_COLUMNS}, e."owner" AS "via" FROM "Entity" e
    WHERE e."owner" = ANY(${owners}::text[])
    ORDER BY lower(e."name"), e."ref" LIMIT ${OWNED_PAGE_SIZE} OFFSET ${offset}`;
  return { owned: rows.map((row) => ({ ...toSummary(row), via: row.via })), total, page, pages };
}

/** A group's child groups at any depth (parentOf, transitively), the group itself excluded. */
async function getDescendantGroups(groupRef: string): Promise<string[]> {
  const prisma = await getPrisma();
  // UNION (not UNION ALL) drops repeats, and the depth bound stops a cyclic hierarchy.
  const rows = await prisma.$queryRaw<{ ref: string }[]>`
    WITH RECURSIVE tree("ref", "depth") AS (
      SELECT ${groupRef}::text, 0
      UNION
      SELECT r."targetRef", t."depth" + 1 FROM "Relation" r JOIN tree t ON r."sourceRef" = t."ref"
      WHERE r."type" = 'parentOf' AND t."depth" < 16
    )
    SELECT DISTINCT "ref" FROM tree WHERE "ref" <> ${groupRef}`;
  return rows.map((r) => r.ref).sort();
}

/** A page of what a group owns, directly or through its child groups at any depth. */
export async function getGroupOwnership(groupRef: string, page?: string): Promise<OwnedPage> {
  return ownedBy([groupRef, ...(await getDescendantGroups(groupRef))], page);
}

/** A page of what a user owns, directly or through the groups they are a member of. */
export async function getUserOwnership(userRef: string, groupRefs: string[], page?: string): Promise<OwnedPage> {
  return ownedBy([userRef, ...groupRefs], page);
}

/** Positions are the browser's business (components/catalog/graph lays the graph out with ELK). */
export type GraphNode = EntitySummary & { depth: number; root: boolean };
export type GraphEdge = { id: string; source: string; target: string; type: string };
export type EntityGraph = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

/** Each stored relation pair drawn once, in the direction of its first member (ownedBy, partOf, …). */
function forwardEdge(r: { sourceRef: string; type: string; targetRef: string }) {
  for (const [forward, inverse] of RELATION_PAIRS) {
    if (r.type === forward) return r;
    if (r.type === inverse) return { sourceRef: r.targetRef, type: forward, targetRef: r.sourceRef };
  }
  return r;
}

/**
 * The relation neighbourhood of an entity to `depth` hops (breadth-first, one query per hop),
 * capped at `maxNodes`.
 */
export async function getEntityGraph(rootRef: string, depth: number, maxNodes = 120): Promise<EntityGraph> {
  const prisma = await getPrisma();
  const root = rootRef.toLowerCase();
  const placed = new Map<string, number>([[root, 0]]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [root];
  let truncated = false;
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const rels = await prisma.relation.findMany({
      where: { sourceRef: { in: frontier } },
      select: { sourceRef: true, type: true, targetRef: true },
      orderBy: [{ type: 'asc' }, { targetRef: 'asc' }],
    });
    const next: string[] = [];
    for (const r of rels) {
      if (!placed.has(r.targetRef)) {
        if (placed.size >= maxNodes) {
          truncated = true;
          continue;
        }
        placed.set(r.targetRef, d);
        next.push(r.targetRef);
      }
      const e = forwardEdge(r);
      const id = `${e.sourceRef}|${e.type}|${e.targetRef}`;
      if (!edges.has(id)) edges.set(id, { id, source: e.sourceRef, target: e.targetRef, type: e.type });
    }
    frontier = next;
  }
  const summaries = await summarizeRefs(placed.keys());
  const nodes: GraphNode[] = [...placed].map(([ref, d]) => ({ ...summaries.get(ref)!, depth: d, root: ref === root }));
  const present = new Set(placed.keys());
  return { nodes, edges: [...edges.values()].filter((e) => present.has(e.source) && present.has(e.target)), truncated };
}
