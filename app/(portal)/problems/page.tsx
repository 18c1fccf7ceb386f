import Link from 'next/link';
import { connection } from 'next/server';
import { LocationOriginBadge } from '@/components/catalog-actions/location-status-badge';
import { ProcessingErrorList } from '@/components/catalog-actions/processing-error-list';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listProblems } from '@/lib/catalog/queries/problems';

export const metadata = { title: 'Problems' };

export default async function ProblemsPage() {
  await connection();
  const groups = await listProblems();
  const total = groups.reduce((n, g) => n + g.errors.length, 0);
  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Problems"
        description={
          total
            ? `${total} processing error${total === 1 ? '' : 's'} in ${groups.length} location${groups.length === 1 ? '' : 's'}. The last good version of each affected entity stays in the catalog until its descriptor is fixed.`
            : 'Every descriptor the catalog reads is valid.'
        }
      />
      {groups.length === 0 ? (
        <EmptyState title="No problems">Ingestion errors of any location show up here with their file and line.</EmptyState>
      ) : (
        <div className="space-y-4">
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
              actions={<span className="text-xs text-red-700 dark:text-red-300">{g.errors.length} error{g.errors.length === 1 ? '' : 's'}</span>}
            >
              <ProcessingErrorList errors={g.errors} />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
