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
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Problems' };

export default async function ProblemsPage() {
  await connection();
  await pageActor();
  const [groups, docs] = await Promise.all([listProblems(), listDocsProblems()]);
  const total = groups.reduce((n, g) => n + g.errors.length, 0);
  const docsTotal = docs.reduce((n, d) => n + d.problems.length + (d.failure ? 1 : 0), 0);
  const catalogLine = total
    ? `${plural(total, 'processing error')} in ${plural(groups.length, 'location')}; the last good version of each affected entity stays in the catalog until its descriptor is fixed.`
    : 'Every descriptor the catalog reads is valid.';
  const docsLine = docsTotal ? ` ${plural(docsTotal, 'docs problem')} in ${plural(docs.length, 'site')}.` : '';
  return (
    <>
      <PageHeader eyebrow="Catalog" title="Problems" description={catalogLine + docsLine} />
      {total + docsTotal === 0 && (
        <EmptyState title="No problems">
          Processing errors of any location and problems of any docs build show up here with their file and line.
        </EmptyState>
      )}
      {docs.length > 0 && (
        <section aria-labelledby="docs-problems" className="mb-6 space-y-3">
          <h2 id="docs-problems" className={SECTION_HEADING}>
            Docs
          </h2>
          {docs.map((d) => (
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
              </ul>
            </Card>
          ))}
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
              actions={
                <span className="text-xs text-red-700 dark:text-red-300">
                  {g.errors.length} error{g.errors.length === 1 ? '' : 's'}
                </span>
              }
            >
              <ProcessingErrorList errors={g.errors} />
            </Card>
          ))}
        </section>
      )}
    </>
  );
}

const SECTION_HEADING = 'text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
