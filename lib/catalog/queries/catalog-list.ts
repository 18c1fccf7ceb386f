import 'server-only';
import { RELATION_OWNED_BY, RELATION_PART_OF, stringifyEntityRef } from '@/lib/catalog/model';
import { CATALOG_FACETS, CATALOG_PAGE_SIZE, CATALOG_SORTS, type CatalogParams, type FacetParam } from './catalog-params';
import { entityFacets, queryEntities, type EntityQuery } from './entities';
import { andFilter, EMPTY_FILTER, type FilterCondition } from './filter';
import { summarizeRefs, type EntitySummary } from './pages';

// The catalog list page: one page of rows, the total, and facet counts, in a fixed number of
// queries whatever the catalog size (one page query, one count, one facet query per selected
// facet plus one for the rest, one batched lookup of owners and systems).

export type CatalogRow = {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  type: string | null;
  lifecycle: string | null;
  description: string | null;
  tags: string[];
  owner: EntitySummary | null;
  system: EntitySummary | null;
};

export type FacetCounts = Record<FacetParam, { value: string; count: number }[]>;

export type CatalogList = { rows: CatalogRow[]; total: number; offset: number; facets: FacetCounts };

function conditionsFor(filters: CatalogParams['filters'], except?: FacetParam): FilterCondition[] {
  return CATALOG_FACETS.filter((f) => f.param !== except && filters[f.param].length > 0).map((f) => ({ key: f.key, values: filters[f.param] }));
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
    unselected.length ? entityFacets(unselected.map((f) => f.key), { filter, fullText }) : Promise.resolve({} as Record<string, { value: string; count: number }[]>),
    ...selected.map((f) => entityFacets([f.key], { filter: andFilter(EMPTY_FILTER, conditionsFor(p.filters, f.param)), fullText })),
  ]);
  const byKey: Record<string, { value: string; count: number }[]> = Object.assign({}, shared, ...own);
  const facets = Object.fromEntries(
    CATALOG_FACETS.map((f) => {
      const prefix = 'valuePrefix' in f ? f.valuePrefix : undefined;
      const values = (byKey[f.key] ?? []).filter((v) => !prefix || v.value.startsWith(prefix));
      return [f.param, values];
    }),
  ) as FacetCounts;

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
      title: typeof e.metadata.title === 'string' ? e.metadata.title : null,
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
