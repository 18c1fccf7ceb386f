import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { pageActor } from '@/lib/auth/authorize';
import { recordSearchMiss } from '@/lib/insights';
import {
  MAX_OFFSET,
  mergeFacets,
  searchDocs,
  searchEntities,
  searchWords,
  type SearchFilters as Filters,
  type SearchType,
} from '@/lib/search';
import type { SearchParams } from '@/components/catalog/search-params';
import { parseSearchPageParams, searchPageHref, type SearchPageState } from '@/components/search/page-params';
import { DocsHits, EntityHits } from './_components/search-hits';
import { SearchFilters } from './_components/search-filters';

export const metadata = { title: 'Search' };

const PAGE_SIZE = 20;
const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE);
// "All" shows the best of each type, each with a link to all of its results.
const ALL_VIEW = { 'software-catalog': 10, techdocs: 5 };

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await pageActor();
  const state = parseSearchPageParams(await searchParams, MAX_PAGE);
  const words = searchWords(state.term);
  const filters: Filters = { kind: state.kind ? [state.kind] : undefined, lifecycle: state.lifecycle ? [state.lifecycle] : undefined };
  // The type shown gets a page of its results; the other is only counted (for the filters).
  const windowOf = (type: SearchType) =>
    state.type === type
      ? { offset: (state.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }
      : { offset: 0, limit: state.type === 'all' ? ALL_VIEW[type] : 0 };
  const [entities, docs] = words.length
    ? await Promise.all([
        searchEntities(state.term, filters, windowOf('software-catalog')),
        searchDocs(state.term, filters, windowOf('techdocs')),
      ])
    : [null, null];
  // What people looked for and did not find: the insights page's list of what to document next.
  if (entities && docs && entities.total + docs.total === 0 && !state.kind && !state.lifecycle) await recordSearchMiss(state.term, 'page');
  const found = (entities?.total ?? 0) + (docs?.total ?? 0);

  return (
    <>
      <PageHeader
        title="Search"
        description="Find entities by name, title, description, tags, type and owner, and docs pages to the heading."
      />
      <form action="/search" role="search" aria-label="Entity search" className="mb-6 flex max-w-2xl gap-2">
        <Input
          name="q"
          type="search"
          defaultValue={state.term}
          autoFocus={!state.term}
          placeholder="e.g. payments, team-orders, kafka"
          aria-label="Search the catalog"
        />
        {/* A new search keeps the chosen filters (shown beside the results, each with a way to clear it). */}
        {state.type !== 'all' && <input type="hidden" name="type" value={state.type} />}
        {state.kind && <input type="hidden" name="kind" value={state.kind} />}
        {state.lifecycle && <input type="hidden" name="lifecycle" value={state.lifecycle} />}
        <Button type="submit">Search</Button>
      </form>

      {!entities || !docs ? (
        <EmptyState title="Type something to search the catalog">
          Or browse the <Link href="/catalog">catalog</Link> with filters by kind, owner and lifecycle.
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
          <SearchFilters
            state={state}
            totals={{ entities: entities.total, docs: docs.total }}
            facets={
              state.type === 'software-catalog'
                ? entities.facets
                : state.type === 'techdocs'
                  ? docs.facets
                  : {
                      kind: mergeFacets(entities.facets.kind, docs.facets.kind),
                      lifecycle: mergeFacets(entities.facets.lifecycle, docs.facets.lifecycle),
                    }
            }
          />
          <div className="min-w-0 space-y-5">
            {found === 0 ? (
              <EmptyState title={`Nothing matches “${state.term}”`}>
                {state.kind || state.lifecycle ? (
                  <>
                    Nothing with these filters:{' '}
                    <Link href={searchPageHref(state, { kind: null, lifecycle: null })}>search without them</Link>.
                  </>
                ) : (
                  <>
                    Try fewer or shorter words, or a team or system name. The <Link href="/catalog">catalog</Link> lists everything.
                  </>
                )}
              </EmptyState>
            ) : state.type === 'all' ? (
              <>
                <BestOf
                  title="Software Catalog"
                  label="catalog results"
                  total={entities.total}
                  shown={entities.hits.length}
                  href={searchPageHref(state, { type: 'software-catalog' })}
                >
                  <EntityHits hits={entities.hits} words={words} start={1} />
                </BestOf>
                <BestOf
                  title="Documentation"
                  label="docs pages"
                  total={docs.total}
                  shown={docs.hits.length}
                  href={searchPageHref(state, { type: 'techdocs' })}
                >
                  <DocsHits hits={docs.hits} words={words} start={1} />
                </BestOf>
              </>
            ) : (
              <TypedResults
                state={state}
                label={state.type === 'techdocs' ? 'docs pages' : 'catalog results'}
                total={state.type === 'techdocs' ? docs.total : entities.total}
              >
                {state.type === 'techdocs' ? (
                  <DocsHits hits={docs.hits} words={words} start={(state.page - 1) * PAGE_SIZE + 1} />
                ) : (
                  <EntityHits hits={entities.hits} words={words} start={(state.page - 1) * PAGE_SIZE + 1} />
                )}
              </TypedResults>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** The best results of one type in the All view, and a link to all of them. */
function BestOf({
  title,
  label,
  total,
  shown,
  href,
  children,
}: {
  title: string;
  label: string;
  total: number;
  shown: number;
  href: string;
  children: ReactNode;
}) {
  if (total === 0) return null;
  return (
    <Card title={`${title} (${total})`}>
      {children}
      {total > shown && (
        <Link href={href} className="mt-2 inline-block text-sm">
          All {total} {label} →
        </Link>
      )}
    </Card>
  );
}

/** One type's page of results: which of how many, the list, and Previous / Next. */
function TypedResults({ state, label, total, children }: { state: SearchPageState; label: string; total: number; children: ReactNode }) {
  const from = (state.page - 1) * PAGE_SIZE + 1;
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  return (
    <section aria-label="Results">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        {total === 0 ? (
          <>
            No {label} for “{state.term}”: <Link href={searchPageHref(state, { type: 'all' })}>see all results</Link>.
          </>
        ) : from > total ? (
          <>
            There are {total} {label} for “{state.term}”: <Link href={searchPageHref(state, {})}>the first page</Link>.
          </>
        ) : (
          `${from}–${Math.min(from + PAGE_SIZE - 1, total)} of ${total} ${label} for “${state.term}”, best first`
        )}
      </p>
      {children}
      <Pager
        label="Result pages"
        page={state.page}
        pages={pages}
        hrefOf={(p) => searchPageHref(state, { page: p })}
        labels={PREVIOUS_NEXT}
      />
    </section>
  );
}
