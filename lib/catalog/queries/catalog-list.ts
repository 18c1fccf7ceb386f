import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { RELATION_OWNED_BY, RELATION_PART_OF, stringifyEntityRef } from '@/lib/catalog/model';
import { personIdOf } from '@/lib/auth/users';
import { ownershipRefsOf } from '@/lib/auth/resolve';
import type { Actor } from '@/lib/auth/permissions';
import { listStarredIds } from './starred';
import { getPrisma } from '@/lib/db/client';
import {
  CATALOG_FACETS,
  CATALOG_PAGE_SIZE,
  CATALOG_SHOWS,
  CATALOG_SORTS,
  type CatalogParams,
  type CatalogShow,
  type FacetParam,
} from './catalog-params';
import { countEntities, keptSelection, queryEntities, whereSql, type EntityQuery } from './served-entities';
import { andFilter, EMPTY_FILTER, type FilterCondition } from './filter';
import type { EntitySummary } from '@/lib/catalog/model';
import { summarizeRefs } from './pages';
import { catalogCache } from './catalog-cache';
import { sumFacetCounts, sumKindCounts } from './facet-counts';

// The catalog list page: one page of rows, the total, and facet counts, in a fixed number of
// queries whatever the catalog size (one page query, one count, one facet query per selected
// facet plus one for the rest, one batched lookup of owners and systems). A whole kind's counts and
// total, the list's first view, are sums of the counts the database keeps (facet-counts.ts), and so
// are the kind counts and the total with a type, lifecycle or namespace chosen.

export type CatalogRow = Omit<EntitySummary, 'exists' | 'owner'> & {
  tags: string[];
  owner: EntitySummary | null;
  system: EntitySummary | null;
  /** Whether the viewer starred it. */
  starred: boolean;
};

export type FacetCounts = Record<FacetParam, { value: string; count: number }[]>;

export type CatalogList = {
  rows: CatalogRow[];
  total: number;
  offset: number;
  facets: FacetCounts;
  /** How many entities each choice of `show` would list under the other filters. */
  shows: Record<CatalogShow, number>;
};

/**
 * Who is looking, for `show=owned` and `show=starred`: the refs that own on their behalf (their User
 * entity and its groups, Backstage's ownershipEntityRefs) and the uids of the entities they starred.
 */
export type CatalogViewer = { ownershipRefs: string[]; starredIds: string[] };

const NO_VIEWER: CatalogViewer = { ownershipRefs: [], starredIds: [] };

/** The viewer of a signed-in person (someone with no User entity owns nothing, but can star). */
export async function getCatalogViewer(actor: Pick<Actor, 'id' | 'kind' | 'userRef'>): Promise<CatalogViewer> {
  const [ownershipRefs, starredIds] = await Promise.all([ownershipRefsOf(actor), listStarredIds(actor)]);
  return { ownershipRefs, starredIds };
}

function showConditions(show: CatalogShow, viewer: CatalogViewer): FilterCondition[] {
  if (show === 'owned') return [{ key: 'relations.ownedby', values: viewer.ownershipRefs }];
  if (show === 'starred') return [{ key: 'metadata.uid', values: viewer.starredIds }];
  return [];
}

// Facet counts come from the entity's own columns: the same values the filters match in the search
// table (relations.ownedBy is derived from spec.owner alone, so its targets are the owner column; a
// system's partOf target is the system column; tags are the tags column), at a fraction of the cost
// of joining the search table's rows. The scalar facets are counted in one scan of the matching
// entities (GROUPING SETS: a hash table per facet), the tags in another, at the same time.
const FACET_VALUES: Record<Exclude<FacetParam, 'tag'>, Prisma.Sql> = {
  kind: Prisma.sql`lower(e."kind")`,
  type: Prisma.sql`lower(e."specType")`,
  lifecycle: Prisma.sql`lower(e."lifecycle")`,
  owner: Prisma.sql`e."owner"`,
  system: Prisma.sql`e."system"`,
  namespace: Prisma.sql`lower(e."namespace")`,
};

// They read every matching entity, the same for every reader: kept until the next change to the
// catalog (catalog-cache.ts). A whole kind's (or the whole catalog's) are summed from the counts the
// database keeps as it writes entities instead (facet-counts.ts): the list's first view. An index
// holds every facet column (migration entity_facets_index): the scans read it, not the wide rows.
const keptFacetCounts = catalogCache<Partial<FacetCounts>>('catalog-list-facets', { maxEntries: 100 });

function facetCounts(
  params: FacetParam[],
  conditions: FilterCondition[],
  fullText: EntityQuery['fullText'],
): Promise<Partial<FacetCounts>> {
  if (params.length === 0) return Promise.resolve({});
  const filter = andFilter(EMPTY_FILTER, conditions);
  const kept = keptSelection({ filter, fullText });
  return keptFacetCounts(JSON.stringify([params, filter, fullText?.term ?? null]), async () => {
    if (kept && !kept.facet) return sortedFacetCounts(await sumFacetCounts(params, kept.kinds));
    // The kinds' counts under one facet's values (the kind facet with a type or lifecycle chosen).
    if (kept && params.length === 1 && params[0] === 'kind') return sortedFacetCounts({ kind: await sumKindCounts(kept) });
    return sortedFacetCounts(await countFacets(params, { filter, fullText }));
  });
}

type FacetRow = { facet: FacetParam; value: string | null; count: number };

async function countFacets(params: FacetParam[], q: Pick<EntityQuery, 'filter' | 'fullText'>): Promise<Partial<FacetCounts>> {
  const prisma = await getPrisma();
  const where = whereSql(q);
  const scalar = params.filter((p): p is Exclude<FacetParam, 'tag'> => p !== 'tag');
  const values = scalar.map((p) => FACET_VALUES[p]);
  const [rows, tags] = await Promise.all([
    // A row per value of each facet: the other facets' columns are null in it, and GROUPING() names its facet.
    scalar.length === 0
      ? []
      : prisma.$queryRaw<FacetRow[]>`
          SELECT CASE ${Prisma.join(
            scalar.map((p, i) => Prisma.sql`WHEN GROUPING(${values[i]}) = 0 THEN ${p}`),
            ' ',
          )} END AS facet, COALESCE(${Prisma.join(values)}) AS value, count(*)::int AS count
          FROM "Entity" e WHERE ${where}
          GROUP BY GROUPING SETS (${Prisma.join(values.map((v) => Prisma.sql`(${v})`))})`,
    // An entity counts once under each tag, however often it lists it (an earlier position has it).
    !params.includes('tag')
      ? []
      : prisma.$queryRaw<FacetRow[]>`
          SELECT 'tag' AS facet, lower(u.x) AS value, count(*)::int AS count
          FROM "Entity" e, unnest(e."tags") WITH ORDINALITY u(x, i)
          WHERE ${where} AND NOT (u.x = ANY (e."tags"[1:u.i - 1]))
          GROUP BY 2`,
  ]);
  const out: Partial<FacetCounts> = Object.fromEntries(params.map((p) => [p, []]));
  for (const r of [...rows, ...tags]) if (r.value !== null) out[r.facet]!.push({ value: r.value, count: r.count });
  return out;
}

/** Most entities first, then by value; at most 500 values a facet. */
function sortedFacetCounts(counts: Partial<FacetCounts>): Partial<FacetCounts> {
  for (const list of Object.values(counts))
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).splice(500);
  return counts;
}

function conditionsFor(filters: CatalogParams['filters'], except?: FacetParam): FilterCondition[] {
  return CATALOG_FACETS.filter((f) => f.param !== except && filters[f.param].length > 0).map((f) => ({
    key: f.key,
    values: filters[f.param],
  }));
}

export async function listCatalog(p: CatalogParams, viewer: CatalogViewer = NO_VIEWER): Promise<CatalogList> {
  const fullText: EntityQuery['fullText'] = p.q ? { term: p.q } : undefined;
  const show = showConditions(p.show, viewer);
  const conditions = [...conditionsFor(p.filters), ...show];
  const filter = andFilter(EMPTY_FILTER, conditions);
  const offset = (p.page - 1) * CATALOG_PAGE_SIZE;

  // A selected facet counts against the other filters only, so its other values stay visible
  // (and selectable as alternatives) instead of collapsing to the one chosen.
  const selected = CATALOG_FACETS.filter((f) => p.filters[f.param].length > 0);
  const unselected = CATALOG_FACETS.filter((f) => p.filters[f.param].length === 0);
  // The other choices of `show` count under the same filters (kept, as the page's count is).
  const others = CATALOG_SHOWS.filter((s) => s !== p.show);
  const [page, showCounts, shared, ...own] = await Promise.all([
    queryEntities({
      filter,
      fullText,
      order: [{ field: CATALOG_SORTS[p.sort], order: p.dir }],
      limit: CATALOG_PAGE_SIZE,
      offset,
    }),
    Promise.all(
      others.map((s) => {
        const conditions = showConditions(s, viewer);
        // Owned by nobody, or no stars: nothing to count (a service, a person with no User entity).
        if (conditions.some((c) => c.values?.length === 0)) return 0;
        return countEntities({ filter: andFilter(EMPTY_FILTER, [...conditionsFor(p.filters), ...conditions]), fullText });
      }),
    ),
    facetCounts(
      unselected.map((f) => f.param),
      conditions,
      fullText,
    ),
    ...selected.map((f) => facetCounts([f.param], [...conditionsFor(p.filters, f.param), ...show], fullText)),
  ]);
  const facets = Object.assign({}, shared, ...own) as FacetCounts;
  const shows = Object.fromEntries([[p.show, page.totalItems], ...others.map((s, i) => [s, showCounts[i]])]) as Record<CatalogShow, number>;

  const rowRefs = page.items.map((e) => ({
    owner: e.relations.find((r) => r.type === RELATION_OWNED_BY)?.targetRef ?? null,
    system: e.relations.find((r) => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'))?.targetRef ?? null,
  }));
  const starred = new Set(viewer.starredIds);
  const summaries = await summarizeRefs(rowRefs.flatMap((r) => [r.owner, r.system]).filter((r): r is string => r !== null));
  const rows = page.items.map((e, i): CatalogRow => {
    const spec = (e.spec ?? {}) as Record<string, unknown>;
    const { owner, system } = rowRefs[i];
    return {
      ref: stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace, name: e.metadata.name }),
      kind: e.kind,
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
      title:
        typeof e.metadata.title === 'string'
          ? e.metadata.title
          : typeof (spec.profile as { displayName?: unknown } | undefined)?.displayName === 'string'
            ? (spec.profile as { displayName: string }).displayName
            : null,
      type: typeof spec.type === 'string' ? spec.type : null,
      lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
      description: typeof e.metadata.description === 'string' ? e.metadata.description : null,
      tags: (e.metadata.tags ?? []).filter((t): t is string => typeof t === 'string'),
      owner: owner ? (summaries.get(owner) ?? null) : null,
      system: system ? (summaries.get(system) ?? null) : null,
      starred: starred.has(e.metadata.uid!),
    };
  });
  return { rows, total: page.totalItems, offset, facets, shows };
}

/** The kind this person last chose in the catalog list's selector (null: none yet, or not a person). */
export async function getCatalogKind(actor: { id: string; kind: string }): Promise<string | null> {
  const id = personIdOf(actor);
  if (!id) return null;
  const prisma = await getPrisma();
  const row = await prisma.user.findUnique({ where: { id }, select: { catalogKind: true } });
  return row?.catalogKind ?? null;
}
