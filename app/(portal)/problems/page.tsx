import Link from 'next/link';
import { connection } from 'next/server';
import { LocationOriginBadge } from '@/components/catalog-actions/location-status-badge';
import { ProcessingErrorList } from '@/components/catalog-actions/processing-error-list';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listProblems } from '@/lib/catalog/queries/problems';
import { entityHref } from '@/lib/catalog/entity-href';
import { listDocsProblems } from '@/lib/docs';
import { getLocationName } from '@/lib/catalog/queries/location-list';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { listHref } from '@/lib/http/paging';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Problems' };

type Props = { searchParams: Promise<{ location?: string | string[]; page?: string | string[]; docsPage?: string | string[] }> };

export default async function ProblemsPage({ searchParams }: Props) {
  await connection();
  await pageActor();
  const query = await searchParams;
  const asked = Array.isArray(query.location) ? query.location[0] : query.location;
  const location = asked ? await getLocationName(asked) : null;
  const [catalog, docs] = await Promise.all([
    listProblems({ locationId: location?.id, page: query.page }),
    location ? null : listDocsProblems(query.docsPage),
  ]);
  const docsTotal = docs?.problems ?? 0;
  const { groups, total } = catalog;
  // One section's page links keep the other section's page.
  const href = (changed: { page?: number; docsPage?: number }) =>
    listHref('/problems', { location: location?.id, page: catalog.page, docsPage: docs?.page, ...changed });
  const catalogLine = total
    ? `${plural(total, 'processing error')} in ${plural(catalog.locations, 'location')}; the last good version of each affected entity stays in the catalog until its descriptor is fixed.`
    : 'Every descriptor the catalog reads is valid.';
  const docsLine = docs?.problems ? ` ${plural(docs.problems, 'docs problem')} in ${plural(docs.total, 'site')}.` : '';
  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Problems"
        description={
          location ? (
            <>
              {plural(total, 'processing error')} in <Link href={`/locations/${location.id}`}>{location.display}</Link>.{' '}
              <Link href="/problems">Every problem</Link>
            </>
          ) : (
            catalogLine + docsLine
          )
        }
      />
      {total + docsTotal === 0 && (
        <EmptyState title="No problems">
          Processing errors of any location and problems of any docs build show up here with their file and line.
        </EmptyState>
      )}
      {docs && docs.sites.length > 0 && (
        <section aria-labelledby="docs-problems" className="mb-6 space-y-3">
          <h2 id="docs-problems" className={SECTION_HEADING}>
            Docs
          </h2>
          {docs.sites.map((d) => (
            <Card
              key={d.entityRef}
              title={
                <Link href={entityHref(d.entityRef, '/docs')}>
                  {d.siteName} <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{d.entityRef}</span>
                </Link>
              }
            >
              <ul className="space-y-1 text-sm">
                {d.failure && (
                  <li className="text-amber-800 dark:text-amber-200">
                    Source unreachable{d.failedAt ? ` (${d.failedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : ''}: {d.failure}{' '}
                    The last good build is shown.
                  </li>
                )}
                {d.problems.map((p, i) => (
                  <li key={i} className="text-red-700 dark:text-red-300">
                    <span className="font-mono text-xs">
                      {p.file}:{p.line}:{p.column}
                    </span>{' '}
                    {p.message}
                  </li>
                ))}
                {d.problemCount > d.problems.length && (
                  <li>
                    <Link href={`${entityHref(d.entityRef)}?tab=problems`}>
                      All {d.problemCount.toLocaleString('en-US')} on its Problems tab
                    </Link>
                  </li>
                )}
              </ul>
            </Card>
          ))}
          <Pager
            label="Docs problem pages"
            page={docs.page}
            pages={docs.pages}
            hrefOf={(n) => href({ docsPage: n })}
            labels={PREVIOUS_NEXT}
          />
        </section>
      )}
      {groups.length > 0 && (
        <section aria-labelledby="catalog-problems" className="space-y-3">
          <h2 id="catalog-problems" className={SECTION_HEADING}>
            Catalog
          </h2>
          {groups.map((g) => (
            <Card
              key={g.location.id}
              title={
                <span className="flex flex-wrap items-center gap-2">
                  <Link href={`/locations/${g.location.id}`} className="break-all font-mono text-xs">
                    {g.location.display}
                  </Link>
                  <LocationOriginBadge origin={g.location.origin} />
                </span>
              }
              actions={<span className="text-xs text-red-700 dark:text-red-300">{plural(g.errorCount, 'error')}</span>}
            >
              <ProcessingErrorList errors={g.errors} />
            </Card>
          ))}
          <Pager
            label="Processing error pages"
            page={catalog.page}
            pages={catalog.pages}
            hrefOf={(n) => href({ page: n })}
            labels={PREVIOUS_NEXT}
          />
        </section>
      )}
    </>
  );
}

const SECTION_HEADING = 'text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

const plural = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
