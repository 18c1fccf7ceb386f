import Link from 'next/link';
import { connection } from 'next/server';
import { buttonClass } from '@/components/ui/button';
import { DisabledButton } from '@/components/ui/disabled-button';
import { kindLabel } from '@/components/catalog/entity-kind-badge';
import { whyNot } from '@/lib/auth/abilities';
import { pageActor } from '@/lib/auth/authorize';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CatalogLoadingBanner } from '@/components/catalog/catalog-loading-banner';
import { getCatalogKind, listCatalog } from '@/lib/catalog/queries/catalog-list';
import { getCatalogLoading } from '@/lib/catalog/queries/overview';
import {
  CATALOG_FACETS,
  CATALOG_PAGE_SIZE,
  catalogHref,
  clearFiltersHref,
  DEFAULT_CATALOG_KIND,
  hasActiveFilters,
  parseCatalogParams,
} from '@/lib/catalog/queries/catalog-params';
import { CatalogTable } from '../_components/catalog-table';
import { CatalogToolbar } from '../_components/catalog-toolbar';
import { FacetPanel } from '../_components/facet-panel';
import { KindSelect } from '../_components/kind-select';
import { Pagination } from '../_components/pagination';

export const metadata = { title: 'Catalog' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const actor = await pageActor();
  const params = parseCatalogParams(await searchParams, (await getCatalogKind(actor)) ?? DEFAULT_CATALOG_KIND);
  const [{ rows, total, offset, facets }, createDenied, loading] = await Promise.all([
    listCatalog(params),
    whyNot(actor, 'catalog.entity.create'),
    getCatalogLoading(),
  ]);
  const oneKind = params.filters.kind.length === 1 ? params.filters.kind[0] : null;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const summary = rows.length > 0 ? `${fmt(offset + 1)}–${fmt(offset + rows.length)} of ${fmt(total)}` : `0 of ${fmt(total)}`;
  const filtered = hasActiveFilters(params);
  const activeFacets = CATALOG_FACETS.reduce((n, f) => n + (f.param === 'kind' ? 0 : params.filters[f.param].length), 0);
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every component, API, resource, system, domain, team and person your organisation has registered."
        actions={
          createDenied ? (
            <DisabledButton label="New entity" reason={createDenied} variant="primary" />
          ) : (
            <Link href="/catalog/new" className={buttonClass('primary')}>
              New entity
            </Link>
          )
        }
      />
      {loading && <CatalogLoadingBanner {...loading} />}
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        {/* On a phone the list comes first and the facets after it. */}
        <div className="order-last lg:order-none">
          <FacetPanel params={params} facets={facets} />
        </div>
        <div className="min-w-0">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <KindSelect params={params} kinds={facets.kind} />
            {/* On a phone the facets are below the list: one tap reaches them. */}
            <a href="#catalog-filters" className="text-sm font-medium lg:hidden">
              Filters{activeFacets ? ` (${activeFacets})` : ''} ↓
            </a>
          </div>
          <CatalogToolbar params={params} summary={summary} />
          {rows.length > 0 ? (
            <>
              <CatalogTable params={params} rows={rows} showKind={oneKind === null} />
              <Pagination params={params} total={total} />
            </>
          ) : total > 0 ? (
            <EmptyState title={`There are only ${Math.ceil(total / CATALOG_PAGE_SIZE)} pages`}>
              <Link href={catalogHref(params, { page: 1 })}>Back to the first page</Link>
            </EmptyState>
          ) : (
            <EmptyState
              title={
                filtered
                  ? 'Nothing matches these filters'
                  : oneKind
                    ? `No ${kindLabel(oneKind)} entities in the catalog`
                    : 'The catalog is empty'
              }
            >
              {filtered ? (
                <>
                  Try fewer filters or another search. <Link href={clearFiltersHref(params)}>Clear filters</Link>
                </>
              ) : oneKind ? (
                <>
                  Choose another kind above, or{' '}
                  <Link href={catalogHref(params, { filters: { ...params.filters, kind: [] } })}>show all kinds</Link>.
                </>
              ) : (
                <>
                  Register a <Link href="/catalog-import">location</Link>
                  {createDenied ? (
                    ''
                  ) : (
                    <>
                      {' '}
                      or <Link href="/catalog/new">create an entity</Link>
                    </>
                  )}{' '}
                  to get started.
                </>
              )}
            </EmptyState>
          )}
        </div>
      </div>
    </>
  );
}
