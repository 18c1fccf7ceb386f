import Link from 'next/link';
import { connection } from 'next/server';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CatalogLoadingBanner } from '@/components/catalog/catalog-loading-banner';
import { listCatalog } from '@/lib/catalog/queries/catalog-list';
import { getCatalogLoading } from '@/lib/catalog/queries/overview';
import { CATALOG_PAGE_SIZE, catalogHref, clearFiltersHref, hasActiveFilters, parseCatalogParams } from '@/lib/catalog/queries/catalog-params';
import { CatalogTable } from './_components/catalog-table';
import { CatalogToolbar } from './_components/catalog-toolbar';
import { FacetPanel } from './_components/facet-panel';
import { Pagination } from './_components/pagination';

export const metadata = { title: 'Catalog' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = parseCatalogParams(await searchParams);
  const [{ rows, total, offset, facets }, loading] = await Promise.all([listCatalog(params), getCatalogLoading()]);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const summary = rows.length > 0 ? `${fmt(offset + 1)}–${fmt(offset + rows.length)} of ${fmt(total)}` : `0 of ${fmt(total)}`;
  const filtered = hasActiveFilters(params);
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every component, API, resource, system, domain, team and person your organisation has registered."
        actions={
          <Link href="/catalog/new" className={buttonClass('primary')}>
            New entity
          </Link>
        }
      />
      {loading && <CatalogLoadingBanner {...loading} />}
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <FacetPanel params={params} facets={facets} />
        <div className="min-w-0">
          <CatalogToolbar params={params} summary={summary} />
          {rows.length > 0 ? (
            <>
              <CatalogTable params={params} rows={rows} />
              <Pagination params={params} total={total} />
            </>
          ) : total > 0 ? (
            <EmptyState title={`There are only ${Math.ceil(total / CATALOG_PAGE_SIZE)} pages`}>
              <Link href={catalogHref(params, { page: 1 })}>Back to the first page</Link>
            </EmptyState>
          ) : (
            <EmptyState title={filtered ? 'Nothing matches these filters' : 'The catalog is empty'}>
              {filtered ? (
                <>
                  Try fewer filters or another search. <Link href={clearFiltersHref(params)}>Clear filters</Link>
                </>
              ) : (
                <>
                  Register a <Link href="/locations">location</Link> or <Link href="/catalog/new">create an entity</Link> to get started.
                </>
              )}
            </EmptyState>
          )}
        </div>
      </div>
    </>
  );
}
