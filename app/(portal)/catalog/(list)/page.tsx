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
import { getCatalogKind, getCatalogViewer, listCatalog } from '@/lib/catalog/queries/catalog-list';
import { getCatalogLoading } from '@/lib/catalog/queries/overview';
import {
  CATALOG_FACETS,
  CATALOG_PAGE_SIZE,
  CATALOG_SHOWS,
  catalogHref,
  clearFiltersHref,
  DEFAULT_CATALOG_KIND,
  hasActiveFilters,
  parseCatalogParams,
  type CatalogParams,
  type CatalogShow,
} from '@/lib/catalog/queries/catalog-params';
import { SegmentedLinks } from '@/components/ui/tabs';
import { personIdOf } from '@/lib/auth/users';
import { CatalogTable } from '../_components/catalog-table';
import { CatalogToolbar } from '../_components/catalog-toolbar';
import { FacetPanel } from '../_components/facet-panel';
import { KindSelect } from '../_components/kind-select';
import { Pagination } from '../_components/pagination';

export const metadata = { title: 'Catalog' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const actor = await pageActor();
  const [kind, viewer] = await Promise.all([getCatalogKind(actor), getCatalogViewer(actor)]);
  const params = parseCatalogParams(await searchParams, kind ?? DEFAULT_CATALOG_KIND);
  const [{ rows, total, offset, facets, shows }, createDenied, loading] = await Promise.all([
    listCatalog(params, viewer),
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
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <KindSelect params={params} kinds={facets.kind} />
              <ShowLinks params={params} counts={shows} />
            </div>
            {/* On a phone the facets are below the list: one tap reaches them. */}
            <a href="#catalog-filters" className="text-sm font-medium lg:hidden">
              Filters{activeFacets ? ` (${activeFacets})` : ''} ↓
            </a>
          </div>
          <CatalogToolbar params={params} summary={summary} />
          {rows.length > 0 ? (
            <>
              <CatalogTable params={params} rows={rows} showKind={oneKind === null} canStar={personIdOf(actor) !== null} />
              <Pagination params={params} total={total} />
            </>
          ) : total > 0 ? (
            <EmptyState title={`There are only ${Math.ceil(total / CATALOG_PAGE_SIZE)} pages`}>
              <Link href={catalogHref(params, { page: 1 })}>Back to the first page</Link>
            </EmptyState>
          ) : params.show !== 'all' ? (
            <EmptyState title={params.show === 'owned' ? 'You own nothing here yet' : 'You have starred nothing here yet'}>
              {params.show === 'owned'
                ? actor.userRef
                  ? 'Nothing that you or your groups own matches this list. '
                  : 'You are signed in without a User entity in the catalog, so nothing is owned by you. '
                : 'Star an entity on its page (☆ Star) to find it here and on the home page. '}
              <Link href={catalogHref(params, { show: 'all', page: 1 })}>Show everyone’s</Link>
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

const SHOW_LABELS: Record<CatalogShow, string> = { all: 'All', owned: 'Owned', starred: 'Starred' };

/** Backstage's Owned / Starred / All: whose entities the list shows, with how many each would list. */
function ShowLinks({ params, counts }: { params: CatalogParams; counts: Record<CatalogShow, number> }) {
  const items = CATALOG_SHOWS.map((show) => ({
    key: show,
    label: (
      <>
        {SHOW_LABELS[show]} <span className="tabular-nums">{counts[show].toLocaleString('en-US')}</span>
      </>
    ),
    href: catalogHref(params, { show, page: 1 }),
    current: params.show === show,
  }));
  return <SegmentedLinks label="Show" items={items} />;
}
