import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { RELATION_OWNED_BY, RELATION_PART_OF, stringifyEntityRef } from '@/lib/catalog/model';
import { personIdOf } from '@/lib/auth/users';
import { getPrisma } from '@/lib/db/client';
import { CATALOG_FACETS, CATALOG_PAGE_SIZE, CATALOG_SORTS, type CatalogParams, type FacetParam } from './catalog-params';
import { queryEntities, whereSql, type EntityQuery } from './served-entities';
import { andFilter, EMPTY_FILTER, type FilterCondition } from './filter';
import type { EntitySummary } from '@/lib/catalog/model';
import { summarizeRefs } from './pages';
import { catalogCache } from './catalog-cache';

// The catalog list page: one page of rows, the total, and facet counts, in a fixed number of
// queries whatever the catalog size (one page query, one count, one facet query per selected
// facet plus one for the rest, one batched lookup of owners and systems).

export type CatalogRow = Omit<EntitySummary, 'exists' | 'owner'> & {
  tags: string[];
  owner: EntitySummary | null;
  system: EntitySummary | null;
};

export type FacetCounts = Record<FacetParam, { value: string; count: number }[]>;

export type CatalogList = { rows: CatalogRow[]; total: number; offset: number; facets: FacetCounts };

// Facet counts come from the entity's own columns, in one scan of the matching entities: the same
// values the filters match in the search table (relations.ownedBy is derived from spec.owner alone,
// so its targets are the owner column; a system's partOf target is the system column; tags are the
// tags column), at a fraction of the cost of joining the search table's rows.
const FACET_VALUES: Record<FacetParam, Prisma.Sql> = {
  kind: Prisma.sql`lower(e."kind")`,
  type: Prisma.sql`lower(e."specType")`,
  lifecycle: Prisma.sql`lower(e."lifecycle")`,
  owner: Prisma.sql`e."owner"`,
  system: Prisma.sql`e."system"`,
  namespace: Prisma.sql`lower(e."namespace")`,
  tag: Prisma.sql`t."value"`,
};

// They read every matching entity (~0.7 s for the components of a 100,000-component catalog), the
// same for every reader: kept until the next change to the catalog (catalog-cache.ts).
const keptFacetCounts = catalogCache<Partial<FacetCounts>>('catalog-list-facets', { maxEntries: 100 });

function facetCounts(params: FacetParam[], q: Pick<EntityQuery, 'filter' | 'fullText'>): Promise<Partial<FacetCounts>> {
  if (params.length === 0) return Promise.resolve({});
  return keptFacetCounts(JSON.stringify([params, q.filter, q.fullText?.term ?? null]), () => countFacets(params, q));
}

async function countFacets(params: FacetParam[], q: Pick<EntityQuery, 'filter' | 'fullText'>): Promise<Partial<FacetCounts>> {
  const counts = params.map((param) => {
    const from = param === 'tag' ? Prisma.sql`m e, LATERAL (SELECT DISTINCT lower(x) FROM unnest(e."tags") x) t("value")` : Prisma.sql`m e`;
    return Prisma.sql`SELECT ${param} AS facet, ${FACET_VALUES[param]} AS value, count(*)::int AS count FROM ${from} WHERE ${FACET_VALUES[param]} IS NOT NULL GROUP BY 2`;
  });
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<{ facet: FacetParam; value: string; count: number }[]>`
    WITH m AS MATERIALIZED (SELECT e."kind", e."specType", e."lifecycle", e."owner", e."system", e."namespace", e."tags" FROM "Entity" e WHERE ${whereSql(q)})
    ${Prisma.join(counts, ' UNION ALL ')}`;
  const out: Partial<FacetCounts> = Object.fromEntries(params.map((p) => [p, []]));
  for (const r of rows) out[r.facet]!.push({ value: r.value, count: r.count });
  for (const list of Object.values(out))
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).splice(500);
  return out;
}

function conditionsFor(filters: CatalogParams['filters'], except?: FacetParam): FilterCondition[] {
  return CATALOG_FACETS.filter((f) => f.param !== except && filters[f.param].length > 0).map((f) => ({
    key: f.key,
    values: filters[f.param],
  }));
}

export async function listCatalog(p: CatalogParams): Promise<CatalogList> {
  const fullText: EntityQuery['fullText'] = p.q ? { term: p.q } : undefined;
  const filter = andFilter(EMPTY_FILTER, conditionsFor(p.filters));
  const offset = (p.page - 1) * CATALOG_PAGE_SIZE;

  // A selected facet counts against the other filters only, so its other values stay visible
  // (and selectable as alternatives) instead of collapsing to the one chosen.
  const selected = CATALOG_FACETS.filter((f) => p.filters[f.param].length > 0);
  const unselected = CATALOG_FACETS.filter((f) => p.filters[f.param].length === 0);
  const [page, shared, ...own] = await Promise.all([
    queryEntities({ filter, fullText, order: [{ field: CATALOG_SORTS[p.sort], order: p.dir }], limit: CATALOG_PAGE_SIZE, offset }),
    facetCounts(
      unselected.map((f) => f.param),
      { filter, fullText },
    ),
    ...selected.map((f) => facetCounts([f.param], { filter: andFilter(EMPTY_FILTER, conditionsFor(p.filters, f.param)), fullText })),
  ]);
  const facets = Object.assign({}, shared, ...own) as FacetCounts;

  const rowRefs = page.items.map((e) => ({
    owner: e.relations.find((r) => r.type === RELATION_OWNED_BY)?.targetRef ?? null,
    system: e.relations.find((r) => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'))?.targetRef ?? null,
  }));
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
    };
  });
  return { rows, total: page.totalItems, offset, facets };
}

/** The kind this person last chose in the catalog list's selector (null: none yet, or not a person). */
export async function getCatalogKind(actor: { id: string; kind: string }): Promise<string | null> {
  const id = personIdOf(actor);
  if (!id) return null;
  const prisma = await getPrisma();
  const row = await prisma.user.findUnique({ where: { id }, select: { catalogKind: true } });
  return row?.catalogKind ?? null;
}
